// The draft: every answer kept in this browser's localStorage, on this device only, so that a
// reload or a closed tab loses nothing. It goes when the file is downloaded or sent, or when
// the person starts again. Restored answers reach the form as values, never as markup.

import { setRowCount } from "./propose-form.js";

const VERSION = 1;

export class Draft {
  constructor(form) {
    this.form = form;
    this.key = `casebook-proposal:${location.pathname}`;
    this.usable = storageWorks();
  }

  save(extra) {
    if (!this.usable) return;
    const values = {};
    for (const control of this.form.elements) {
      if (!control.name || control.type === "button") continue;
      if (control.type === "checkbox" || control.type === "radio") {
        if (control.checked) (values[control.name] ||= []).push(control.value);
      } else if (control.value) {
        values[control.name] = control.value;
      }
    }
    const rows = {};
    this.form.querySelectorAll("[data-list]").forEach((list) => {
      rows[list.dataset.list] = list.querySelectorAll("[data-row]").length;
    });
    try {
      localStorage.setItem(this.key, JSON.stringify({ version: VERSION, rows, values, ...extra }));
    } catch {
      this.usable = false; // full, or taken away while the page was open
    }
  }

  // The extra state saved with the answers, or null when there is no draft to restore.
  restore() {
    const saved = this.read();
    if (!saved) return null;
    for (const [name, count] of Object.entries(saved.rows || {})) {
      const list = this.form.querySelector(`[data-list="${CSS.escape(name)}"]`);
      if (list && Number.isInteger(count) && count > 0 && count <= 100) setRowCount(list, count);
    }
    for (const control of this.form.elements) {
      if (!control.name || control.type === "button" || !(control.name in saved.values)) continue;
      const value = saved.values[control.name];
      if (control.type === "checkbox" || control.type === "radio") {
        control.checked = Array.isArray(value) && value.includes(control.value);
      } else if (typeof value === "string") {
        control.value = value;
      }
    }
    return saved;
  }

  read() {
    if (!this.usable) return null;
    try {
      const saved = JSON.parse(localStorage.getItem(this.key));
      return saved && saved.version === VERSION && saved.values && typeof saved.values === "object" ? saved : null;
    } catch {
      return null;
    }
  }

  clear() {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Nothing kept, nothing to delete.
    }
  }
}

function storageWorks() {
  try {
    const probe = "casebook-proposal-probe";
    localStorage.setItem(probe, probe);
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}
