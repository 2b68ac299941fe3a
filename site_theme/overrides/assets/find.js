// "Find case studies": instant filtering of the static list on /find/, from find/index.json.
// Without JavaScript the page is the full list of links; this script shows the filters and
// keeps their state in the URL (?service=fire&region=wales&q=control), so it can be shared.
// Record text is untrusted: it only ever reaches the page through textContent.
// Text as Find compares it; the index holds record text in this form. The same rule as
// search_form in generator/render/find.py (a test runs both on the same texts).
function casebookSearchForm(text) {
  "use strict";
  return text.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFD")
    .replace(/\p{Mn}/gu, "").replace(/ς/g, "σ");
}

(function () {
  "use strict";

  const PAGE_SIZE = 50;
  const FACETS = ["service", "region", "type", "status", "result", "governance"];

  function readState(form) {
    const params = new URLSearchParams(window.location.search);
    const state = { q: params.get("q") || "", evidence: params.get("evidence") || "",
      from: params.get("from") || "", to: params.get("to") || "", sort: params.get("sort") || "started" };
    FACETS.forEach((key) => { state[key] = params.getAll(key); });
    return state;
  }

  function writeForm(form, state) {
    form.q.value = state.q;
    form.evidence.value = state.evidence;
    form.from.value = state.from;
    form.to.value = state.to;
    form.sort.value = state.sort;
    FACETS.forEach((key) => {
      form.querySelectorAll(`input[name="${key}"]`).forEach((box) => { box.checked = state[key].includes(box.value); });
    });
  }

  function formState(form) {
    const state = { q: form.q.value.trim(), evidence: form.evidence.value, from: form.from.value,
      to: form.to.value, sort: form.sort.value };
    FACETS.forEach((key) => {
      state[key] = Array.from(form.querySelectorAll(`input[name="${key}"]:checked`), (box) => box.value);
    });
    return state;
  }

  function query(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach((key) => state[key].forEach((value) => params.append(key, value)));
    ["evidence", "from", "to"].forEach((key) => { if (state[key]) params.set(key, state[key]); });
    if (state.sort && state.sort !== "started") params.set("sort", state.sort);
    const text = params.toString();
    return text ? `?${text}` : window.location.pathname;
  }

  // Which records pass each group of filters; counts for an option use every other group.
  function compile(index, state) {
    const wanted = {};
    FACETS.forEach((key) => {
      const ids = index.facets[key].map((pair) => pair[0]);
      wanted[key] = new Set(state[key].map((value) => ids.indexOf(value)).filter((code) => code >= 0));
    });
    const levels = index.evidence.map((pair) => pair[0]);
    const minimum = state.evidence ? levels.indexOf(state.evidence) : -1;
    const from = parseInt(state.from, 10);
    const to = parseInt(state.to, 10);
    const words = casebookSearchForm(state.q).split(/\s+/).filter(Boolean);
    return function passes(i) {
      const failed = [];
      FACETS.forEach((key) => {
        const chosen = wanted[key];
        if (chosen.size && !index[key][i].some((code) => chosen.has(code))) failed.push(key);
      });
      const year = parseInt(index.started[i], 10);
      const other = (minimum >= 0 && index.evidence_level[i] < minimum) || (!isNaN(from) && year < from)
        || (!isNaN(to) && year > to) || !words.every((word) => index.text[i].includes(word));
      return { failed, other };
    };
  }

  function order(index, matches, sort) {
    const by = {
      started: (a, b) => index.started[b].localeCompare(index.started[a]) || a - b,
      reviewed: (a, b) => index.reviewed[b].localeCompare(index.reviewed[a]) || a - b,
      title: (a, b) => index.title[a].localeCompare(index.title[b], "en-GB") || a - b,
      evidence: (a, b) => index.evidence_level[b] - index.evidence_level[a] || a - b,
    };
    return matches.sort(by[sort] || by.started);
  }

  function render(root, index, state, shown) {
    const passes = compile(index, state);
    const counts = {};
    FACETS.forEach((key) => { counts[key] = new Array(index.facets[key].length).fill(0); });
    const matches = [];
    for (let i = 0; i < index.slug.length; i += 1) {
      const { failed, other } = passes(i);
      if (other || failed.length > 1) continue;
      if (failed.length === 0) matches.push(i);
      FACETS.forEach((key) => {
        if (failed.length === 0 || failed[0] === key) index[key][i].forEach((code) => { counts[key][code] += 1; });
      });
    }
    FACETS.forEach((key) => {
      index.facets[key].forEach(([id], code) => {
        const box = root.querySelector(`#cb-${key}-${id}`);
        const count = root.querySelector(`[data-count-for="${key}:${id}"]`);
        if (count) count.textContent = `(${counts[key][code]})`;
        if (box) box.disabled = counts[key][code] === 0 && !box.checked;
      });
    });
    order(index, matches, state.sort);
    const list = root.querySelector("#cb-find-list");
    const prefix = root.dataset.depthPrefix === "./" ? "" : root.dataset.depthPrefix;
    const items = matches.slice(0, shown).map((i) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `${prefix}case-studies/${index.slug[i]}/`;
      link.textContent = index.title[i];
      const summary = document.createElement("span");
      summary.className = "cb-find__meta";
      summary.textContent = ` ${index.started[i].slice(0, 4)} · ${index.summary[i]}`;
      item.append(link, summary);
      return item;
    });
    list.replaceChildren(...items);
    const more = root.querySelector("#cb-find-more");
    more.hidden = matches.length <= shown;
    const status = root.querySelector("#cb-find-status");
    status.textContent = `${matches.length} case ${matches.length === 1 ? "study matches" : "studies match"}`
      + (matches.length > shown ? `; showing the first ${shown}.` : ".");
    return matches.length;
  }

  function start() {
    const root = document.getElementById("cb-find");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "yes";
    const form = document.getElementById("cb-find-form");
    fetch(root.dataset.index).then((response) => response.json()).then((index) => {
      let shown = PAGE_SIZE;
      let timer = null;
      form.hidden = false;
      writeForm(form, readState(form));
      render(root, index, formState(form), shown);
      const update = (push) => {
        shown = PAGE_SIZE;
        const state = formState(form);
        const url = query(state);
        if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
        render(root, index, state, shown);
      };
      form.addEventListener("change", () => update(true));
      form.addEventListener("input", (event) => {
        if (event.target.type !== "search" && event.target.type !== "number") return;
        window.clearTimeout(timer);
        timer = window.setTimeout(() => update(false), 120);
      });
      form.addEventListener("submit", (event) => { event.preventDefault(); update(true); });
      form.addEventListener("reset", () => window.setTimeout(() => update(true), 0));
      window.addEventListener("popstate", () => {
        writeForm(form, readState(form));
        render(root, index, formState(form), shown);
      });
      root.querySelector("#cb-find-more").addEventListener("click", () => {
        shown += PAGE_SIZE;
        render(root, index, formState(form), shown);
      });
    });
  }

  // Material's instant navigation swaps pages without a reload: start again on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
