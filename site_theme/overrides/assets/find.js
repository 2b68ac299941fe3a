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

  // The index names the facets and sort orders (generator/facets.py) and carries every link:
  // this script knows neither a facet, an order nor the shape of a URL.
  function readState(index) {
    const params = new URLSearchParams(window.location.search);
    const state = { q: params.get("q") || "", evidence: params.get("evidence") || "",
      from: params.get("from") || "", to: params.get("to") || "", sort: params.get("sort") || index.sorts[0].key,
      terms: {} };
    index.facets.forEach(({ param }) => { state.terms[param] = params.getAll(param); });
    return state;
  }

  function writeForm(form, index, state) {
    form.q.value = state.q;
    form.evidence.value = state.evidence;
    form.from.value = state.from;
    form.to.value = state.to;
    form.sort.value = state.sort;
    index.facets.forEach(({ param }) => {
      form.querySelectorAll(`input[name="${param}"]`).forEach((box) => {
        box.checked = state.terms[param].includes(box.value);
      });
    });
  }

  function formState(form, index) {
    const state = { q: form.q.value.trim(), evidence: form.evidence.value, from: form.from.value,
      to: form.to.value, sort: form.sort.value, terms: {} };
    index.facets.forEach(({ param }) => {
      state.terms[param] = Array.from(form.querySelectorAll(`input[name="${param}"]:checked`), (box) => box.value);
    });
    return state;
  }

  function query(index, state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    index.facets.forEach(({ param }) => state.terms[param].forEach((value) => params.append(param, value)));
    ["evidence", "from", "to"].forEach((key) => { if (state[key]) params.set(key, state[key]); });
    if (state.sort && state.sort !== index.sorts[0].key) params.set("sort", state.sort);
    const text = params.toString();
    return text ? `?${text}` : window.location.pathname;
  }

  // Which records pass each group of filters; counts for an option use every other group.
  function compile(index, state) {
    const wanted = index.facets.map(({ param, terms }) => {
      const ids = terms.map((term) => term[0]);
      return new Set(state.terms[param].map((value) => ids.indexOf(value)).filter((code) => code >= 0));
    });
    const levels = index.evidence.map((pair) => pair[0]);
    const minimum = state.evidence ? levels.indexOf(state.evidence) : -1;
    const from = parseInt(state.from, 10);
    const to = parseInt(state.to, 10);
    const words = casebookSearchForm(state.q).split(/\s+/).filter(Boolean);
    return function passes(i) {
      const failed = [];
      index.facets.forEach((facet, f) => {
        const chosen = wanted[f];
        if (chosen.size && !facet.records[i].some((code) => chosen.has(code))) failed.push(f);
      });
      const year = parseInt(index.started[i], 10);
      const other = (minimum >= 0 && index.evidence_level[i] < minimum) || (!isNaN(from) && year < from)
        || (!isNaN(to) && year > to) || !words.every((word) => index.text[i].includes(word));
      return { failed, other };
    };
  }

  function order(index, matches, key) {
    const sort = index.sorts.find((candidate) => candidate.key === key) || index.sorts[0];
    const values = index[sort.column];
    const direction = sort.descending ? -1 : 1;
    const compare = (a, b) => (typeof values[a] === "number" ? values[a] - values[b]
      : values[a].localeCompare(values[b], "en-GB"));
    return matches.sort((a, b) => direction * compare(a, b) || a - b);
  }

  // The feed that follows exactly the current filter: one service, region or type ticked and
  // nothing else narrowing the list. Its address comes from the index.
  function feedFor(index, state) {
    const chosen = [];
    index.facets.forEach(({ param, terms }) => state.terms[param].forEach((value) => {
      const term = terms.find((candidate) => candidate[0] === value);
      if (term) chosen.push(term);
    }));
    const narrowed = state.q || state.evidence || state.from || state.to;
    return chosen.length === 1 && !narrowed && chosen[0][3] ? chosen[0] : null;
  }

  function showFeed(root, index, state) {
    const link = root.querySelector("#cb-find-feed");
    const term = feedFor(index, state);
    link.hidden = !term;
    if (term) {
      link.querySelector("a").href = term[3];
      link.querySelector("a").textContent = `Follow case studies in ${term[1]} with the Atom feed`;
    }
  }

  function render(root, index, state, shown) {
    showFeed(root, index, state);
    const passes = compile(index, state);
    const counts = index.facets.map(({ terms }) => new Array(terms.length).fill(0));
    const matches = [];
    for (let i = 0; i < index.slug.length; i += 1) {
      const { failed, other } = passes(i);
      if (other || failed.length > 1) continue;
      if (failed.length === 0) matches.push(i);
      index.facets.forEach((facet, f) => {
        if (failed.length === 0 || failed[0] === f) facet.records[i].forEach((code) => { counts[f][code] += 1; });
      });
    }
    index.facets.forEach(({ param, terms }, f) => {
      terms.forEach(([id], code) => {
        const box = root.querySelector(`#cb-${param}-${id}`);
        const count = root.querySelector(`[data-count-for="${param}:${id}"]`);
        if (count) count.textContent = `(${counts[f][code]})`;
        if (box) box.disabled = counts[f][code] === 0 && !box.checked;
      });
    });
    order(index, matches, state.sort);
    const list = root.querySelector("#cb-find-list");
    const items = matches.slice(0, shown).map((i) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = index.href[i];
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
      writeForm(form, index, readState(index));
      render(root, index, formState(form, index), shown);
      const update = (push) => {
        shown = PAGE_SIZE;
        const state = formState(form, index);
        const url = query(index, state);
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
        writeForm(form, index, readState(index));
        render(root, index, formState(form, index), shown);
      });
      root.querySelector("#cb-find-more").addEventListener("click", () => {
        shown += PAGE_SIZE;
        render(root, index, formState(form, index), shown);
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
