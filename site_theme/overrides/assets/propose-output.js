// The file the answers make: its name, its text to read, a download link, and the address that
// opens it on GitHub when the site's repository is there.

import { slugFor, toYaml } from "./propose-rules.js";

export class FileOutput {
  constructor(form, schema, rules, taken) {
    this.section = document.getElementById("cb-propose-output");
    this.taken = taken; // the names case studies already have
    this.newFile = form.dataset.newFile;
    this.names = new RegExp(schema.properties.related.items.pattern, "u"); // what a case study may be called
    this.rules = rules;
    this.downloadUrl = null;
  }

  show(data) {
    const yaml = toYaml(data, this.rules.schemaComment);
    const filename = `${slugFor(data.title, this.taken, this.rules.maxSlug, this.names)}.yaml`;
    const section = this.section;
    section.querySelector('[data-output="filename"]').textContent = filename;
    section.querySelector('[data-output="yaml"]').textContent = yaml;
    const download = section.querySelector('[data-output="download"]');
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    download.href = this.downloadUrl;
    download.download = filename;
    const pullRequest = section.querySelector('[data-output="pull-request"]');
    if (pullRequest && this.newFile) {
      pullRequest.href = `${this.newFile}?filename=content/case-studies/${filename}&value=${encodeURIComponent(yaml)}`;
    }
    section.hidden = false;
    section.focus();
  }

  hide() {
    this.section.hidden = true;
  }
}
