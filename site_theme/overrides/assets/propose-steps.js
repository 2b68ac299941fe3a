// The form's steps, one shown at a time, and the page that checks the answers before the file
// is made (the GOV.UK "check answers" pattern: each answer with a Change link). Each step is a
// browser history entry, so the browser's Back button goes back a step.

import { element } from "./propose-errors.js";
import { firstControl, labelOf, lowerFirst, rowIsEmpty, shownValue } from "./propose-form.js";

const CHECK = "check";

export class Steps {
  constructor(form) {
    this.sections = [...form.querySelectorAll("[data-step]")];
    this.questions = this.sections.filter((section) => section.dataset.step !== CHECK);
    this.current = this.questions[0].dataset.step;
    this.baseTitle = document.title;
  }

  section(key) {
    return this.sections.find((section) => section.dataset.step === key);
  }

  keyOf(element) {
    const section = element.closest("[data-step]");
    return section ? section.dataset.step : null;
  }

  // The step after `key`: the next questions, or the check page after the last.
  after(key) {
    const index = this.questions.findIndex((section) => section.dataset.step === key);
    return index >= 0 && index < this.questions.length - 1 ? this.questions[index + 1].dataset.step : CHECK;
  }

  before(key) {
    if (key === CHECK) return this.questions[this.questions.length - 1].dataset.step;
    const index = this.questions.findIndex((section) => section.dataset.step === key);
    return index > 0 ? this.questions[index - 1].dataset.step : null;
  }

  // A step named in the address (#step-3, #check), or null.
  fromAddress() {
    const match = /^#(?:step-([0-9]+)|(check))$/.exec(location.hash);
    const key = match && (match[1] || match[2]);
    return key && this.section(key) ? key : null;
  }

  show(key, { push = true, focus = true } = {}) {
    const previous = this.current;
    this.current = key;
    for (const section of this.sections) section.hidden = section.dataset.step !== key;
    const section = this.section(key);
    section.querySelectorAll("[data-back]").forEach((back) => { back.hidden = this.before(key) === null; });
    const address = key === CHECK ? "#check" : `#step-${key}`;
    if (push && location.hash !== address) history.pushState({ step: key, previous }, "", address);
    this.title(false);
    if (focus) {
      const heading = section.querySelector(".cb-step__title");
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start" });
    }
  }

  title(withErrors) {
    const section = this.section(this.current);
    const progress = section.querySelector(".cb-step__progress");
    const where = progress ? `${section.dataset.title} (${progress.textContent.toLowerCase()})` : section.dataset.title;
    document.title = `${withErrors ? casebookText("propose.error") : ""}${where} - ${this.baseTitle}`;
  }

  // The check page: every step's answers, each with a link to change it. `note(field)` adds a
  // word about an answer ("not on Casebook's list yet").
  fillAnswers(note) {
    const container = this.section(CHECK).querySelector("[data-check-answers]");
    container.replaceChildren();
    for (const section of this.questions) {
      const heading = element("h3", "cb-summary__title", section.dataset.title);
      heading.id = `cb-check-${section.dataset.step}`;
      const list = element("dl", "cb-summary");
      for (const field of answeredFields(section)) list.append(summaryRow(field, note(field)));
      container.append(heading, list);
    }
  }
}

// The fields to list: every question, without the rows left empty; a list with no row given is
// listed once, as not given.
function answeredFields(section) {
  const fields = [];
  for (const field of section.querySelectorAll(".cb-field[data-path]")) {
    if (field.matches("[data-list]")) {
      if ([...field.querySelectorAll("[data-row]")].every(rowIsEmpty)) fields.push(field);
      continue;
    }
    if (field.querySelector("[data-path]")) continue; // a group: its fields are listed
    // A part of a row or group left out is no answer; a question left out is listed as such.
    const row = field.closest("[data-row]");
    if (row && rowIsEmpty(row)) continue;
    if (shownValue(field) || !field.parentElement.closest(".cb-row, .cb-group")) fields.push(field);
  }
  return fields;
}

function summaryRow(field, note) {
  const label = labelOf(field);
  const value = field.matches("[data-list]") ? "" : shownValue(field);
  const row = element("div", "cb-summary__row");
  const answer = element("dd", "cb-summary__value", value || casebookText("propose.notGiven"));
  if (note) answer.append(element("span", "cb-summary__note", note));
  const link = element("a", "", casebookText("propose.change"));
  link.href = `#${firstControl(field).id}`;
  link.dataset.change = "";
  link.append(element("span", "cb-visually-hidden", ` ${lowerFirst(label)}`));
  const action = element("dd", "cb-summary__action");
  action.append(link);
  row.append(element("dt", "cb-summary__key", label), answer, action);
  return row;
}
