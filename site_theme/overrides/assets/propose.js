// "Propose a case study": a step at a time, checks the answers against the published schema
// and the validator's own rules as they are given, keeps a draft in this browser, shows every
// answer to check, then writes the case-study file in the browser. The form itself is written
// from the schema by site_theme/casebook/section-propose.md; this file knows field shapes, not
// field lists. Nothing leaves the browser unless the person downloads or sends the file.

import { offersFor, organisationProblems } from "./propose-organisations.js";
import { ruleProblems, schemaProblems, withWords } from "./propose-rules.js";
import { FileOutput } from "./propose-output.js";
import { Draft } from "./propose-draft.js";
import { clearErrors, fillSummary, showError } from "./propose-errors.js";
import { addRow, domPath, firstControl, labelOf, readForm, renumber, setRowCount, targetFor } from "./propose-form.js";
import { Steps } from "./propose-steps.js";

const form = document.getElementById("cb-propose");
if (form) start(form);

async function start(form) {
  const status = document.querySelector("[data-propose-status]");
  let schema, validator, taken, register;
  try {
    // The names case studies already have come from their own file, so the page stays small, and
    // so does the register: data the page reads, not markup.
    const responses = await Promise.all([form.dataset.schema, form.dataset.taken, form.dataset.register]
      .map((address) => fetch(address)));
    const failed = responses.find((response) => !response.ok);
    if (failed) throw new Error(`${failed.status} ${failed.url}`);
    [schema, taken, register] = await Promise.all(responses.map((response) => response.json()));
    withWords(schema, JSON.parse(form.dataset.words));
    const { Validator } = await import("./vendor/cfworker-json-schema/index.js");
    validator = new Validator(schema, "2020-12", false);
  } catch {
    status.textContent = casebookText("propose.checkerFailed");
    return;
  }
  new ProposalPage(form, schema, validator, status, new Set(taken), register).begin();
}

class ProposalPage {
  constructor(form, schema, validator, status, taken, register) {
    Object.assign(this, { form, schema, validator, status });
    this.rules = JSON.parse(form.dataset.rules);
    this.register = new Map(register.map((entry) => [entry.name, entry]));
    this.names = register.map((entry) => entry.name);
    this.steps = new Steps(form);
    this.draft = new Draft(form);
    this.summary = document.getElementById("cb-error-summary");
    this.fresh();
    this.pointerDown = false;
    this.pending = new Set();
    this.output = new FileOutput(form, schema, this.rules, taken);
    this.keeping = true;
  }

  // What the page knows beyond the answers: names kept though not registered, the fields the
  // person has left, the steps they tried to leave, and whether the file was asked for.
  fresh() {
    this.kept = new Set();
    this.touched = new WeakSet();
    this.tried = new Set();
    this.allTried = false;
    this.returnToCheck = false;
  }

  begin() {
    document.querySelectorAll("[data-needs-script]").forEach((element) => { element.hidden = false; });
    document.querySelectorAll("[data-without-script]").forEach((element) => { element.hidden = true; });
    if (!this.draft.usable) {
      this.status.textContent = casebookText("propose.notKept");
    }
    const saved = this.draft.restore();
    if (saved && Object.keys(saved.values).length) {
      this.kept = new Set(Array.isArray(saved.kept) ? saved.kept.filter((name) => typeof name === "string") : []);
      this.status.textContent = casebookText("propose.kept");
    }
    this.listen();
    // Without a draft there is nothing to come back to: the form starts at its first step.
    const kept = saved && this.steps.section(String(saved.step)) ? String(saved.step) : null;
    const key = kept ? this.steps.fromAddress() || kept : this.steps.current;
    history.replaceState({ step: key }, "", key === "check" ? "#check" : `#step-${key}`);
    this.goTo(key, { push: false, focus: false });
  }

  listen() {
    const form = this.form;
    // Continue and "Make the file" submit the form, as Enter in a field does: the step shown
    // goes on, or the check of the answers makes the file. Nothing is ever sent. They are
    // disabled until now, so that without this script Enter in a field cannot send the page
    // away with the reader's answers.
    form.querySelectorAll("[type=submit]").forEach((button) => { button.disabled = false; });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.steps.current === "check") this.create();
      else this.continue();
    });
    form.addEventListener("change", (event) => this.changed(event.target));
    form.addEventListener("input", () => this.save(true));
    form.addEventListener("click", (event) => this.clicked(event));
    document.querySelector("[data-start-again-ask]").addEventListener("click", () => this.askToStartAgain(true));
    document.querySelector("[data-start-again-no]").addEventListener("click", () => this.askToStartAgain(false));
    document.querySelector("[data-start-again-yes]").addEventListener("click", () => this.startAgain());
    window.addEventListener("popstate", () => {
      const key = this.steps.fromAddress();
      if (key) this.goTo(key, { push: false });
    });
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
    const target = event.target.closest("button, a");
    if (!target) return;
    const actions = {
      "[data-add-row]": () => this.addRow(target.closest("[data-list]")),
      "[data-remove-row]": () => this.removeRow(target.closest("[data-row]")),
      "[data-back]": () => this.back(),
      "[data-use-name]": () => this.useName(target),
      "[data-keep-name]": () => this.keepName(target.dataset.keepName),
      "[data-send]": () => this.sent(),
      "[data-change]": () => this.change(target),
      ".cb-error-summary a": () => this.focusField(document.getElementById(target.hash.slice(1))),
    };
    const [, action] = Object.entries(actions).find(([selector]) => target.matches(selector)) || [];
    if (!action) return;
    if (target.matches("[data-change], .cb-error-summary a")) event.preventDefault();
    action();
  }

  changed(control) {
    this.pending.add(control);
    if (!this.pointerDown) this.flush();
  }

  flush() {
    if (!this.takePending()) return;
    this.save(true);
    this.output.hide();
    this.check();
  }

  takePending() {
    const changed = this.pending.size > 0;
    for (const control of this.pending) {
      if (control.list && control.list.id === "cb-organisation-names") this.fillService(control);
      const target = control.closest("[data-path]");
      if (target) this.touched.add(target);
    }
    this.pending.clear();
    return changed;
  }

  // `answered`: the person changed an answer, so a draft is kept again after the file was sent.
  save(answered = false) {
    if (answered) this.keeping = true;
    if (this.keeping) this.draft.save({ kept: [...this.kept], step: this.steps.current });
  }

  // Steps.

  goTo(key, options) {
    if (key === "check") {
      this.returnToCheck = false;
      this.steps.fillAnswers((field) => this.noteOn(field));
    }
    this.steps.show(key, options);
    this.save();
    this.check();
  }

  continue() {
    this.takePending();
    const key = this.steps.current;
    this.tried.add(key);
    const shown = this.check();
    if (shown.some(({ target }) => this.steps.keyOf(target) === key)) {
      this.summary.focus();
      return;
    }
    this.goTo(this.returnToCheck ? "check" : this.steps.after(key));
  }

  // Back to the step before, as the browser's Back button goes when that is where it leads.
  back() {
    const before = this.steps.before(this.steps.current);
    if (history.state && history.state.previous === before) history.back();
    else this.goTo(before);
  }

  change(link) {
    this.returnToCheck = true;
    this.focusField(document.getElementById(link.hash.slice(1)));
  }

  focusField(control) {
    if (!control) return;
    const key = this.steps.keyOf(control);
    if (key && key !== this.steps.current) this.goTo(key, { focus: false });
    const field = control.closest("[data-path]");
    const heading = field && field.querySelector("legend, label");
    control.focus({ preventScroll: true });
    (heading || control).scrollIntoView({ block: "center" });
  }

  // Checking: every problem in the answers, shown at the fields the person has left or on the
  // steps they tried to leave; the summary lists this step's (every step's once the file was asked for).

  check() {
    const { data, rows } = this.answers();
    const context = this.ruleContext();
    const problems = schemaProblems(this.validator, data, this.schema)
      .concat(ruleProblems(data, context), organisationProblems(data, context));
    const shown = this.showProblems(problems, rows);
    const listed = shown.filter(({ target }) => this.allTried || this.steps.keyOf(target) === this.steps.current);
    fillSummary(this.summary, listed);
    this.steps.title(listed.length > 0);
    return shown;
  }

  showProblems(problems, rows) {
    clearErrors(this.form);
    const byTarget = new Map();
    for (const problem of problems) {
      const target = targetFor(this.form, domPath(problem.path, rows));
      if (!byTarget.has(target)) byTarget.set(target, { messages: [], offers: null });
      const entry = byTarget.get(target);
      const text = problem.message(labelOf(target));
      if (!entry.messages.includes(text)) entry.messages.push(text);
      if (problem.suggestions) entry.offers = offersFor(problem, this.register);
    }
    const shown = [];
    for (const [target, { messages, offers }] of byTarget) {
      if (!this.allTried && !this.tried.has(this.steps.keyOf(target)) && !this.touched.has(target)) continue;
      showError(target, messages, offers);
      shown.push({ target, messages });
    }
    return shown.sort((a, b) => (a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  ruleContext() {
    const form = this.form;
    return { dateFields: this.rules.dateFields, today: todayText(), register: this.register, names: this.names,
      matching: this.rules.nameMatching, kept: this.kept, serviceName: (id) => serviceName(form, id),
      knownServices: new Set(this.schema.properties.services.items.enum) };
  }

  // Organisations: registered names offered instead of one the register lacks or that was not
  // in use at the time.

  useName(button) {
    const control = button.closest("[data-path]").querySelector("input");
    control.value = button.dataset.useName;
    this.fillService(control);
    this.touched.add(control.closest("[data-path]"));
    this.save(true);
    this.output.hide();
    this.check();
    control.focus();
  }

  keepName(name) {
    this.kept.add(name);
    this.save(true);
    this.check();
  }

  noteOn(field) {
    const control = field.querySelector("input[list]");
    return control && this.kept.has(control.value.trim()) && !this.register.has(control.value.trim())
      ? " (not on Casebook's list yet: an editor will add it)" : "";
  }

  fillService(control) {
    const entry = this.register.get(control.value.trim());
    const select = control.closest("[data-row]").querySelector('select[name$="/service"]');
    if (entry && select && !select.value) select.value = entry.services[0];
  }

  // The file.

  create() {
    this.takePending();
    this.allTried = true;
    const shown = this.check();
    if (shown.length) {
      this.summary.focus();
      return;
    }
    this.output.show(this.answers().data);
  }

  // The record the answers make. Fields editors own are not asked; the required ones get the
  // day the file is made, in the schema's order.
  answers() {
    const { data, rows } = readForm(this.form, this.schema);
    for (const name of this.rules.filledToday) data[name] = todayText();
    const ordered = Object.keys(this.schema.properties).filter((name) => name in data);
    return { data: Object.fromEntries(ordered.map((name) => [name, data[name]])), rows };
  }

  // The draft goes once the file is downloaded or sent; answers given after that are kept again.
  sent() {
    this.keeping = false;
    this.draft.clear();
    this.status.textContent = casebookText("propose.deletedWithFile");
  }

  askToStartAgain(asking) {
    document.querySelector("[data-start-again-confirm]").hidden = !asking;
    document.querySelector("[data-start-again]").hidden = asking;
    document.querySelector(asking ? "[data-start-again-no]" : "[data-start-again-ask]").focus();
  }

  startAgain() {
    this.draft.clear();
    this.form.reset();
    this.form.querySelectorAll("[data-list]").forEach((list) => setRowCount(list, Number(list.dataset.rows)));
    this.fresh();
    this.output.hide();
    this.askToStartAgain(false);
    this.keeping = false;
    this.status.textContent = casebookText("propose.deleted");
    this.goTo(this.steps.questions[0].dataset.step);
  }

  // Rows.

  addRow(list) {
    const row = addRow(list);
    this.save(true);
    firstControl(row).focus();
  }

  removeRow(row) {
    const list = row.closest("[data-list]");
    if (list.querySelectorAll("[data-row]").length === 1) {
      row.querySelectorAll("input, select, textarea").forEach((control) => { control.value = ""; });
    } else {
      row.remove();
    }
    renumber(list);
    this.save(true);
    this.output.hide();
    this.check();
    list.querySelector("[data-add-row]").focus();
  }
}

function serviceName(form, id) {
  const label = form.querySelector(`label[for="cb-services-${id}"]`);
  return label ? label.textContent.trim() : id;
}

function todayText() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index ? 2 : 4, "0")).join("-");
}
