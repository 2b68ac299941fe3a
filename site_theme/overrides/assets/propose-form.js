// Reading and reshaping the proposal form. The schema says what shape each field has; the form
// holds what was given. Paths are "list/row/field" strings in the page, arrays in the data.

import { cleanText } from "./propose-rules.js";

export function readForm(form, schema) {
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

// Where a problem's data path is shown: the nearest element of the form standing for it.

export function domPath(path, rows) {
  const parts = [...path];
  if (parts.length > 1 && rows[parts[0]] && typeof parts[1] === "number") parts[1] = rows[parts[0]][parts[1]];
  return parts;
}

export function targetFor(form, parts) {
  for (let end = parts.length; end > 0; end -= 1) {
    const target = form.querySelector(`[data-path="${parts.slice(0, end).join("/")}"]`);
    if (target) return target;
  }
  return form.querySelector("[data-path]");
}

// A field inside a row or a group is named with it: "Organisation 2 name", "Evidence level".
export function labelOf(target) {
  if (target.matches("[data-row]")) return legendOf(target);
  const label = target.dataset.label || casebookText("propose.thisAnswer");
  const outer = target.parentElement.closest("[data-row], .cb-group");
  if (!outer) return label;
  return casebookText("propose.fieldOf", { outer: outer.matches("[data-row]") ? legendOf(outer) : outer.dataset.label,
    field: lowerFirst(label) });
}

// "Web address" within a sentence is "web address"; "DOI" stays "DOI".
export function lowerFirst(text) {
  return /^\p{Lu}{2}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function legendOf(row) {
  return row.querySelector(":scope > legend").textContent.replace(/\s+/g, " ").trim();
}

export function idFor(path) {
  return `cb-${path.replace(/[/_]/g, "-")}`;
}

export function firstControl(target) {
  return target.querySelector("input, select, textarea") || target;
}

// What a field holds, as the person sees it: the names of the choices, not their ids.
export function shownValue(field) {
  const choices = [...field.querySelectorAll("input:checked")];
  if (choices.length) return choices.map((choice) => labelText(field, choice)).join("\n");
  const select = field.querySelector("select");
  if (select) return select.value ? select.selectedOptions[0].textContent.trim() : "";
  const text = field.querySelector("input[type=text], textarea");
  return text ? text.value.trim() : "";
}

function labelText(field, control) {
  return field.querySelector(`label[for="${control.id}"]`).textContent.trim();
}

export function rowIsEmpty(row) {
  return [...row.querySelectorAll("input, select, textarea")].every((control) =>
    (control.type === "checkbox" || control.type === "radio" ? !control.checked : !control.value.trim()));
}

// Rows: each row's ids, names and paths carry its number, rewritten when rows come and go.

export function addRow(list) {
  const row = list.querySelector("template[data-row-template]").content.firstElementChild.cloneNode(true);
  list.querySelector(".cb-rows").append(row);
  row.querySelectorAll("[data-needs-script]").forEach((element) => { element.hidden = false; });
  renumber(list);
  return row;
}

export function setRowCount(list, count) {
  const rows = () => list.querySelectorAll("[data-row]");
  while (rows().length < count) addRow(list);
  while (rows().length > Math.max(count, 1)) rows()[rows().length - 1].remove();
}

export function renumber(list) {
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
