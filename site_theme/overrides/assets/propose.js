// "Propose a case study": checks the answers against the published schema as they are given,
// then writes the case-study file in the browser. The form itself is written from the schema
// by site_theme/casebook/section-propose.md; this file knows field shapes, not field lists.
// Text people type reaches the page only through textContent and attribute values, never
// through innerHTML, and nothing leaves the browser unless they download or open GitHub.

const SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/case-study.schema.json";
const MAX_SLUG = 80; // as generator/scaffold.py
// The dates the Python validator checks for being real and not in the future (generator/checks.py).
const DATE_FIELDS = ["started", "ended", "last_reviewed", "sources/*/date"];
// Keywords that only say "something below failed"; the keyword below says what.
const CONTAINERS = new Set(["properties", "items", "allOf", "anyOf", "oneOf", "if", "then", "else", "$ref",
                            "prefixItems", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems"]);
// Block scalars keep Markdown readable; text they could not carry exactly is quoted instead.
// (Characters YAML cannot hold never get this far: the schema refuses them in every text field.)
const NOT_IN_BLOCK = /^\s/;

const form = document.getElementById("cb-propose");
if (form) start(form);

async function start(form) {
  const status = document.querySelector("[data-propose-status]");
  let schema, validator;
  try {
    const response = await fetch(form.dataset.schema);
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    schema = await response.json();
    const { Validator } = await import("./vendor/cfworker-json-schema/index.js");
    validator = new Validator(schema, "2020-12", false);
  } catch (error) {
    status.textContent = "The answer checker could not be loaded, so this page cannot write the file. " +
      "Use the questions as a checklist and send your answers as described above.";
    return;
  }
  const page = new ProposalPage(form, schema, validator);
  page.reveal(document);
  page.listen();
}

class ProposalPage {
  constructor(form, schema, validator) {
    this.form = form;
    this.schema = schema;
    this.validator = validator;
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
    const problems = schemaProblems(this.validator, data, this.schema).concat(ruleProblems(data, this.form));
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
    const yaml = toYaml(data);
    const names = new RegExp(this.schema.properties.related.items.pattern, "u"); // what a case study may be called
    const slug = slugFor(data.title, new Set(JSON.parse(this.form.dataset.taken)), names);
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

function cleanText(text) {
  const whole = typeof text.toWellFormed === "function" ? text.toWellFormed() : text;
  return whole.replace(/\r\n?/g, "\n").trim();
}

// Checking: the schema's errors in words, then the rules the Python validator adds.

function schemaProblems(validator, data, schema) {
  const problems = [];
  for (const error of validator.validate(data).errors) {
    if (!CONTAINERS.has(error.keyword)) problems.push(...describe(error, data, schema));
  }
  return problems;
}

function describe(error, data, schema) {
  const path = pointer(error.instanceLocation);
  const owner = subschema(schema, pointer(error.keywordLocation).slice(0, -1));
  const value = valueAt(data, path);
  const rule = owner.errorMessage;
  switch (error.keyword) {
    case "required":
      return missing(owner, value).map((name) => problem([...path, name],
        rule ? () => sentence(rule) : (label) => needs(owner.properties[name], label)));
    case "not":
      if (owner.not.pattern) return [problem(path, (label) => `${label} ${rule}`)];
      return [problem([...path, ...(owner.not.required || []).slice(0, 1)], () => sentence(rule || error.error))];
    case "const":
    case "enum":
      return [problem(path, rule ? () => sentence(rule) : (label) => `${label}: choose one of the options`)];
    case "contains":
      return [problem(path, (label) => `${label}: ${rule || "a required choice is missing"}`)];
    case "dependentRequired":
      return dependents(owner, value, path);
    default:
      return [problem(path, wording(error.keyword, owner, value))];
  }
}

function wording(keyword, owner, value) {
  const length = typeof value === "string" ? [...value].length : 0;
  const count = Array.isArray(value) ? value.length : 0;
  const words = {
    minLength: (label) => `${label} must be at least ${owner.minLength} characters (it has ${length})`,
    maxLength: (label) => `${label} must be ${owner.maxLength} characters or fewer (it has ${length})`,
    pattern: (label) => `${label}: ${formHint(owner.patternErrorMessage || "this is not in the expected format")}`,
    minItems: (label) => needs(owner, label),
    maxItems: (label) => `${label}: give at most ${owner.maxItems} (there are ${count})`,
    uniqueItems: (label) => `${label}: “${repeated(value)}” is given more than once`,
    minimum: (label) => `${label} must be ${owner.minimum} or more`,
    maximum: (label) => `${label} must be ${owner.maximum.toLocaleString("en-GB")} or less`,
    type: (label) => (owner.type === "number" ? `${label}: write digits only, without £, commas or units`
                                               : `${label} is not valid`),
  };
  return words[keyword] || ((label) => `${label} is not valid`);
}

function needs(spec, label) {
  const least = spec.minItems || 1;
  if (spec.type === "array" && spec.items.enum) return `${label}: choose at least ${least}`;
  if (spec.type === "array" && spec.items.type === "object") return `${label}: fill in at least ${least}`;
  if (spec.type === "array") return `${label}: give at least ${least}`;
  if (spec.enum) return `${label}: choose one`;
  return `${label} is required`;
}

function dependents(owner, value, path) {
  const problems = [];
  for (const [name, wanted] of Object.entries(owner.dependentRequired)) {
    if (!(name in value)) continue;
    for (const need of wanted.filter((item) => !(item in value))) {
      problems.push(problem([...path, need], (label) => `${label} is required when a ${name} is chosen`));
    }
  }
  return problems;
}

function ruleProblems(data, form) {
  const problems = [];
  const dates = {};
  for (const pattern of DATE_FIELDS) {
    for (const path of expand(data, pattern.split("/"))) {
      const checked = checkDate(valueAt(data, path));
      if (checked.problem) problems.push(problem(path, checked.problem));
      dates[path.join("/")] = checked.date;
    }
  }
  if (dates.started && dates.ended && dates.ended < dates.started) {
    problems.push(problem(["ended"], (label) => `${label} (${data.ended}) is before the start (${data.started})`));
  }
  return problems.concat(organisationProblems(data, form));
}

function checkDate(value) {
  const match = typeof value === "string" && /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$/.exec(value);
  if (!match) return {};
  const [year, month, day] = [Number(match[1]), Number(match[2] || 1), Number(match[3] || 1)];
  const days = [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || !days || day < 1 || day > days) {
    return { problem: (label) => `${label}: ${value} is not a real date; check the month and day` };
  }
  const date = `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (date > todayText()) return { date, problem: (label) => `${label}: ${value} is in the future` };
  return { date };
}

function organisationProblems(data, form) {
  const problems = [];
  const services = data.services || [];
  const organisations = data.organisations || [];
  const covered = new Set(organisations.map((organisation) => organisation.service));
  const missingServices = services.filter((service) => !covered.has(service)).map((id) => serviceName(form, id));
  if (missingServices.length) {
    problems.push(problem(["organisations"],
      (label) => `${label}: add one for each service you chose; none is given for ${missingServices.join(", ")}`));
  }
  const register = registeredServices(form);
  organisations.forEach((organisation, index) => {
    const { name, service } = organisation;
    if (service && !services.includes(service)) {
      problems.push(problem(["organisations", index, "service"],
        (label) => `${label}: ${serviceName(form, service)} is not chosen under Services`));
    }
    if (service && register.has(name) && register.get(name) !== service) {
      problems.push(problem(["organisations", index, "service"],
        (label) => `${label}: ${name} is registered as ${serviceName(form, register.get(name))}`));
    }
  });
  return problems;
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

// Paths: data paths are arrays; the form's paths are "list/row/field" strings.

function problem(path, message) {
  return { path, message };
}

function pointer(location) {
  return location.replace(/^#\/?/, "").split("/").filter((part) => part !== "")
    .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function subschema(schema, parts) {
  let node = schema;
  for (const part of parts) node = node == null ? {} : node[part];
  return node || {};
}

function valueAt(data, path) {
  return path.reduce((value, part) => (value == null ? undefined : value[part]), data);
}

function expand(data, parts) {
  const star = parts.indexOf("*");
  if (star < 0) return valueAt(data, parts) === undefined ? [] : [parts];
  const list = valueAt(data, parts.slice(0, star));
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => expand(data, [...parts.slice(0, star), index, ...parts.slice(star + 1)]));
}

function missing(owner, value) {
  return (owner.required || []).filter((name) => value == null || !(name in value));
}

function repeated(list) {
  return list.find((item, index) => list.indexOf(item) !== index);
}

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

// The file: YAML that reads back exactly as given.

function toYaml(data) {
  const lines = [SCHEMA_COMMENT];
  for (const [key, value] of Object.entries(data)) lines.push(...yamlEntry(key, value, ""));
  return `${lines.join("\n")}\n`;
}

function yamlEntry(key, value, indent) {
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) {
    return [`${indent}${key}: [${value.map(yamlScalar).join(", ")}]`];
  }
  if (Array.isArray(value)) {
    const lines = [`${indent}${key}:`];
    for (const item of value) {
      const inner = Object.entries(item).flatMap(([name, part]) => yamlEntry(name, part, `${indent}    `));
      inner[0] = `${indent}  - ${inner[0].trimStart()}`;
      lines.push(...inner);
    }
    return lines;
  }
  if (typeof value === "object") {
    return [`${indent}${key}:`, ...Object.entries(value).flatMap(([name, part]) => yamlEntry(name, part, `${indent}  `))];
  }
  if (typeof value === "string" && value.includes("\n") && !NOT_IN_BLOCK.test(value)) {
    return [`${indent}${key}: |`, ...value.split("\n").map((line) => (line ? `${indent}  ${line}` : ""))];
  }
  return [`${indent}${key}: ${yamlScalar(value)}`];
}

// JSON text is valid YAML and quotes every string, so nothing is misread as a number or date.
function yamlScalar(value) {
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

// As generator/scaffold.py: a name too short, or kept for the site's own pages, gets a suffix.
function slugFor(title, taken, names) {
  const ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
  let base = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG - 3).replace(/^-+|-+$/g, "") || "case-study";
  if (!names.test(base)) base = `${base}-case-study`;
  let slug = base;
  for (let number = 2; taken.has(slug); number += 1) slug = `${base}-${number}`;
  return slug;
}

// Small helpers.

function todayText() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index ? 2 : 4, "0")).join("-");
}

function leap(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The schema's format advice is written for YAML files; the form adds the quotes itself.
function formHint(text) {
  return text.replace(/, in quotes$/, "");
}
