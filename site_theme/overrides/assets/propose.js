// "Propose a case study": checks the answers against the published schema as they are given,
// then writes the case-study file in the browser. The form itself is written from the schema
// by site_theme/casebook/section-propose.md; this file knows field shapes, not field lists.
// Text people type reaches the page only through textContent and attribute values, never
// through innerHTML, and nothing leaves the browser unless they download or open GitHub.

import { cleanText, ruleProblems, schemaProblems, slugFor, toYaml } from "./propose-rules.js";

const form = document.getElementById("cb-propose");
if (form) start(form);

async function start(form) {
  const status = document.querySelector("[data-propose-status]");
  let schema, validator, taken;
  try {
    // The names case studies already have come from their own file: the page stays small.
    const responses = await Promise.all([fetch(form.dataset.schema), fetch(form.dataset.taken)]);
    const failed = responses.find((response) => !response.ok);
    if (failed) throw new Error(`${failed.status} ${failed.url}`);
    [schema, taken] = await Promise.all(responses.map((response) => response.json()));
    const { Validator } = await import("./vendor/cfworker-json-schema/index.js");
    validator = new Validator(schema, "2020-12", false);
  } catch {
    status.textContent = "The answer checker could not be loaded, so this page cannot write the file. " +
      "Use the questions as a checklist and send your answers as described above.";
    return;
  }
  const page = new ProposalPage(form, schema, validator, new Set(taken));
  page.reveal(document);
  page.listen();
}

class ProposalPage {
  constructor(form, schema, validator, taken) {
    this.form = form;
    this.schema = schema;
    this.validator = validator;
    this.taken = taken;
    this.rules = JSON.parse(form.dataset.rules);
    this.touched = new WeakSet();
    this.submitted = false;
    this.title = document.title;
    this.downloadUrl = null;
    this.pointerDown = false;
    this.pending = new Set();
  }

  reveal(root) {
    root.querySelectorAll("[data-needs-script]").forEach((element) => { element.hidden = false; });
    root.querySelectorAll("[data-without-script]").forEach((element) => { element.hidden = true; });
  }

  listen() {
    const form = this.form;
    form.querySelector("[data-create]").type = "submit";
    const today = todayText();
    const reviewed = form.elements.namedItem("last_reviewed");
    if (reviewed && !reviewed.value) reviewed.value = today;
    form.addEventListener("submit", (event) => { event.preventDefault(); this.create(); });
    form.addEventListener("change", (event) => this.changed(event.target));
    form.addEventListener("click", (event) => this.clicked(event));
    // Leaving a field by clicking elsewhere fires "change" between the press and the release:
    // messages appearing or going then would move the page under the pointer and lose the click.
    document.addEventListener("pointerdown", () => { this.pointerDown = true; }, true);
    for (const type of ["pointerup", "pointercancel"]) {
      document.addEventListener(type, () => {
        this.pointerDown = false;
        setTimeout(() => this.flush(), 0);
      }, true);
    }
  }

  clicked(event) {
    const add = event.target.closest("[data-add-row]");
    const remove = event.target.closest("[data-remove-row]");
    const link = event.target.closest(".cb-error-summary a");
    if (add) this.addRow(add.closest("[data-list]"));
    if (remove) this.removeRow(remove.closest("[data-row]"));
    if (link) {
      event.preventDefault();
      focusField(document.getElementById(link.hash.slice(1)));
    }
  }

  changed(control) {
    this.pending.add(control);
    if (!this.pointerDown) this.flush();
  }

  flush() {
    if (!this.takePending()) return;
    this.hideOutput();
    this.check(false);
  }

  takePending() {
    const changed = this.pending.size > 0;
    for (const control of this.pending) {
      if (control.list && control.list.id === "cb-organisation-names") fillService(control);
      const target = control.closest("[data-path]");
      if (target) this.touched.add(target);
    }
    this.pending.clear();
    return changed;
  }

  create() {
    this.takePending();
    this.submitted = true;
    const { data, problems } = this.check(true);
    if (problems.length) return;
    this.showOutput(data);
  }

  check(focusSummary) {
    const { data, rows } = readForm(this.form, this.schema);
    const problems = schemaProblems(this.validator, data, this.schema)
      .concat(ruleProblems(data, ruleContext(this.form, this.rules, this.schema)));
    const shown = this.showProblems(problems, rows);
    this.showSummary(shown, focusSummary);
    return { data, problems };
  }

  // Each problem is shown at the nearest element of the form that stands for its path.
  showProblems(problems, rows) {
    this.form.querySelectorAll("[data-error-for]").forEach((message) => clearError(message));
    const byTarget = new Map();
    for (const problem of problems) {
      const target = targetFor(this.form, domPath(problem.path, rows));
      if (!byTarget.has(target)) byTarget.set(target, []);
      const messages = byTarget.get(target);
      const text = problem.message(labelOf(target));
      if (!messages.includes(text)) messages.push(text);
    }
    const shown = [];
    for (const [target, messages] of byTarget) {
      if (!this.submitted && !this.touched.has(target)) continue;
      showError(target, messages);
      shown.push({ target, messages });
    }
    return shown.sort((a, b) => (a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  showSummary(shown, focus) {
    const summary = document.getElementById("cb-error-summary");
    if (!this.submitted) return;
    const list = summary.querySelector("ul");
    list.replaceChildren();
    for (const { target, messages } of shown) {
      for (const message of messages) {
        const link = document.createElement("a");
        link.href = `#${firstControl(target).id}`;
        link.textContent = message;
        const item = document.createElement("li");
        item.append(link);
        list.append(item);
      }
    }
    summary.hidden = shown.length === 0;
    document.title = shown.length ? `Error: ${this.title}` : this.title;
    if (focus && shown.length) summary.focus();
  }

  showOutput(data) {
    const yaml = toYaml(data, this.rules.schemaComment);
    const names = new RegExp(this.schema.properties.related.items.pattern, "u"); // what a case study may be called
    const slug = slugFor(data.title, this.taken, this.rules.maxSlug, names);
    const filename = `${slug}.yaml`;
    const output = document.getElementById("cb-propose-output");
    output.querySelector('[data-output="filename"]').textContent = filename;
    output.querySelector('[data-output="yaml"]').textContent = yaml;
    const download = output.querySelector('[data-output="download"]');
    this.downloadUrl = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    download.href = this.downloadUrl;
    download.download = filename;
    const pullRequest = output.querySelector('[data-output="pull-request"]');
    if (pullRequest && this.form.dataset.newFile) {
      pullRequest.href = `${this.form.dataset.newFile}?filename=content/case-studies/${filename}` +
        `&value=${encodeURIComponent(yaml)}`;
    }
    output.hidden = false;
    output.focus();
  }

  hideOutput() {
    document.getElementById("cb-propose-output").hidden = true;
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = null;
  }

  addRow(list) {
    const rows = list.querySelector(".cb-rows");
    const row = list.querySelector("template[data-row-template]").content.firstElementChild.cloneNode(true);
    rows.append(row);
    this.reveal(row);
    renumber(list);
    firstControl(row).focus();
  }

  removeRow(row) {
    const list = row.closest("[data-list]");
    const rows = list.querySelectorAll("[data-row]");
    if (rows.length === 1) {
      row.querySelectorAll("input, select, textarea").forEach((control) => { control.value = ""; });
    } else {
      row.remove();
    }
    renumber(list);
    this.hideOutput();
    this.check(false);
    list.querySelector("[data-add-row]").focus();
  }
}

// Reading the form: the schema says what shape each field has; the form holds what was given.

function readForm(form, schema) {
  const rows = {};
  const data = readObject(form, "", schema, true, rows);
  return { data, rows };
}

function readObject(form, prefix, spec, required, rows) {
  const object = {};
  for (const [name, item] of Object.entries(spec.properties)) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (!form.querySelector(`[data-path="${path}"]`)) continue;
    const value = readValue(form, path, item, (spec.required || []).includes(name), rows);
    if (value !== undefined) object[name] = value;
  }
  return Object.keys(object).length || required ? object : undefined;
}

function readValue(form, path, spec, required, rows) {
  if (spec.type === "object") return readObject(form, path, spec, required, rows);
  if (spec.type === "array" && spec.items.type === "object") return readRows(form, path, spec.items, rows);
  if (spec.type === "array" && spec.items.enum) {
    const checked = [...form.querySelectorAll(`input[name="${path}"]:checked`)].map((box) => box.value);
    return checked.length ? checked : undefined;
  }
  const control = form.elements.namedItem(path);
  const text = control ? cleanText(control.value) : "";
  if (spec.type === "array") {
    const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
    return lines.length ? lines : undefined;
  }
  if (!text) return undefined;
  if (spec.type === "number" && /^[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text);
  return text;
}

// Rows left empty are not part of the answer; `rows` maps each given row to its place in the form.
function readRows(form, path, spec, rows) {
  const list = form.querySelector(`[data-list="${path}"]`);
  const values = [];
  rows[path] = [];
  list.querySelectorAll("[data-row]").forEach((row, index) => {
    const value = readObject(form, `${path}/${index}`, spec, false, rows);
    if (value === undefined) return;
    values.push(value);
    rows[path].push(index);
  });
  return values.length ? values : undefined;
}

// Checking: what the rules (propose-rules.js) need from the page.

function ruleContext(form, rules, schema) {
  return { dateFields: rules.dateFields, today: todayText(), register: registeredServices(form),
    serviceName: (id) => serviceName(form, id), knownServices: new Set(schema.properties.services.items.enum) };
}

function registeredServices(form) {
  const names = form.querySelector("#cb-organisation-names");
  return new Map([...(names ? names.options : [])].map((option) => [option.value, option.dataset.service]));
}

function fillService(control) {
  const service = registeredServices(control.form).get(control.value.trim());
  const select = control.closest("[data-row]").querySelector('select[name$="/service"]');
  if (service && select && !select.value) select.value = service;
}

function serviceName(form, id) {
  const label = form.querySelector(`label[for="cb-services-${id}"]`);
  return label ? label.textContent.trim() : id;
}

// Paths: the form's paths are "list/row/field" strings.

function domPath(path, rows) {
  const parts = [...path];
  if (parts.length > 1 && rows[parts[0]] && typeof parts[1] === "number") parts[1] = rows[parts[0]][parts[1]];
  return parts;
}

function targetFor(form, parts) {
  for (let end = parts.length; end > 0; end -= 1) {
    const target = form.querySelector(`[data-path="${parts.slice(0, end).join("/")}"]`);
    if (target) return target;
  }
  return form.querySelector("[data-path]");
}

// A field inside a row or a group is named with it: "Organisation 2 name", "Evidence level".
function labelOf(target) {
  if (target.matches("[data-row]")) return legendOf(target);
  const label = target.dataset.label || "This answer";
  const outer = target.parentElement.closest("[data-row], .cb-group");
  if (!outer) return label;
  return `${outer.matches("[data-row]") ? legendOf(outer) : outer.dataset.label} ${label.toLowerCase()}`;
}

function legendOf(row) {
  return row.querySelector(":scope > legend").textContent.replace(/\s+/g, " ").trim();
}

function idFor(path) {
  return `cb-${path.replace(/[/_]/g, "-")}`;
}

// Showing problems: the GOV.UK Design System's error message and error summary patterns.

function firstControl(target) {
  return target.querySelector("input, select, textarea") || target;
}

function showError(target, messages) {
  const control = firstControl(target);
  const message = document.createElement("p");
  message.className = "cb-error-message";
  message.id = `${idFor(target.dataset.path)}-error`;
  message.dataset.errorFor = "";
  for (const text of messages) {
    const line = document.createElement("span");
    const hidden = document.createElement("span");
    hidden.className = "cb-visually-hidden";
    hidden.textContent = "Error: ";
    line.append(hidden, text);
    message.append(line);
  }
  const hint = target.querySelector(":scope > .cb-hint");
  const legend = target.querySelector(":scope > legend, :scope > label");
  (hint || legend).after(message);
  target.classList.add("cb-field--error");
  const described = target.matches("fieldset") ? target : control;
  described.setAttribute("aria-describedby", `${described.getAttribute("aria-describedby") || ""} ${message.id}`.trim());
  if (!target.matches("fieldset")) control.setAttribute("aria-invalid", "true");
}

function clearError(message) {
  const target = message.closest("[data-path]");
  target.classList.remove("cb-field--error");
  target.querySelectorAll("[aria-describedby]").forEach((element) => unlinkError(element, message.id));
  unlinkError(target, message.id);
  target.querySelectorAll("[aria-invalid]").forEach((element) => element.removeAttribute("aria-invalid"));
  message.remove();
}

function unlinkError(element, id) {
  const ids = (element.getAttribute("aria-describedby") || "").split(" ").filter((item) => item && item !== id);
  if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
  else element.removeAttribute("aria-describedby");
}

function focusField(control) {
  if (!control) return;
  const field = control.closest("[data-path]");
  const heading = field && field.querySelector("legend, label");
  control.focus({ preventScroll: true });
  (heading || control).scrollIntoView({ block: "center" });
}

// Rows: each row's ids, names and paths carry its number, rewritten when rows come and go.

function renumber(list) {
  const name = list.dataset.list;
  const idStem = `${idFor(name)}-`;
  list.querySelectorAll("[data-row]").forEach((row, index) => {
    const from = row.dataset.index;
    const pattern = new RegExp(`^(${idStem}|${name}/)${from}(?=-|/|$)`);
    for (const element of [row, ...row.querySelectorAll("*")]) {
      for (const attribute of ["id", "for", "name", "aria-describedby", "data-path"]) {
        const value = element.getAttribute(attribute);
        if (value === null) continue;
        const renamed = value.split(" ").map((part) => part.replace(pattern, `$1${index}`)).join(" ");
        element.setAttribute(attribute, renamed);
      }
    }
    row.dataset.index = String(index);
    row.querySelectorAll("[data-row-number]").forEach((number) => { number.textContent = String(index + 1); });
  });
}

// Small helpers.

function todayText() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index ? 2 : 4, "0")).join("-");
}

