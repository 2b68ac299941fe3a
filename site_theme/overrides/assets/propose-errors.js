// Showing problems: the GOV.UK Design System's error message and error summary patterns, and,
// under an organisation's name, the registered names to choose instead. Text people typed
// reaches the page only through textContent and attribute values.

import { firstControl, idFor } from "./propose-form.js";

// `offers`: names to choose instead, with a note for each, and the typed name when it may be
// kept as it is (a body not on the register yet).
export function showError(target, messages, offers) {
  const control = firstControl(target);
  const message = element("p", "cb-error-message");
  message.id = `${idFor(target.dataset.path)}-error`;
  message.dataset.errorFor = "";
  for (const text of messages) {
    const line = element("span");
    line.append(element("span", "cb-visually-hidden", casebookText("propose.error")), text);
    message.append(line);
  }
  const hint = target.querySelector(":scope > .cb-hint");
  const legend = target.querySelector(":scope > legend, :scope > label");
  (hint || legend).after(message);
  if (offers) control.after(offerList(offers));
  target.classList.add("cb-field--error");
  const described = target.matches("fieldset") ? target : control;
  described.setAttribute("aria-describedby", `${described.getAttribute("aria-describedby") || ""} ${message.id}`.trim());
  if (!target.matches("fieldset")) control.setAttribute("aria-invalid", "true");
}

function offerList({ names, keep }) {
  const box = element("div", "cb-offers");
  box.dataset.errorFor = "";
  if (names.length) {
    box.append(element("p", "cb-offers__intro", casebookText("propose.registeredLike", { count: names.length })));
    const list = element("ul", "cb-offers__list");
    for (const { name, note } of names) {
      const button = element("button", "cb-link-button", casebookText("propose.use", { name }));
      button.type = "button";
      button.dataset.useName = name;
      const item = element("li");
      item.append(button);
      if (note) item.append(" ", element("span", "cb-offers__note", `(${note})`));
      list.append(item);
    }
    box.append(list);
  }
  if (keep) {
    const button = element("button", "cb-link-button", casebookText("propose.keep", { name: keep }));
    button.type = "button";
    button.dataset.keepName = keep;
    const line = element("p");
    line.append(button);
    box.append(line);
  }
  return box;
}

export function clearErrors(form) {
  form.querySelectorAll(".cb-offers[data-error-for]").forEach((offers) => offers.remove());
  form.querySelectorAll(".cb-error-message[data-error-for]").forEach((message) => clearError(message));
}

function clearError(message) {
  const target = message.closest("[data-path]");
  target.classList.remove("cb-field--error");
  target.querySelectorAll("[aria-describedby]").forEach((item) => unlinkError(item, message.id));
  unlinkError(target, message.id);
  target.querySelectorAll("[aria-invalid]").forEach((item) => item.removeAttribute("aria-invalid"));
  message.remove();
}

function unlinkError(item, id) {
  const ids = (item.getAttribute("aria-describedby") || "").split(" ").filter((part) => part && part !== id);
  if (ids.length) item.setAttribute("aria-describedby", ids.join(" "));
  else item.removeAttribute("aria-describedby");
}

// `shown`: [{ target, messages }] in page order.
export function fillSummary(summary, shown) {
  const list = summary.querySelector("ul");
  list.replaceChildren();
  for (const { target, messages } of shown) {
    for (const message of messages) {
      const link = element("a", "", message);
      link.href = `#${firstControl(target).id}`;
      const item = element("li");
      item.append(link);
      list.append(item);
    }
  }
  summary.hidden = shown.length === 0;
}

export function element(name, className = "", text = "") {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}
