// The header search box and the search page, over Casebook's search data (search/index.json and
// search/records.json, written with the generated pages: render/header_search.py) and the Find
// page's word shards.
//
// The data is loaded only when a reader reaches for the box (focus, the / or s keys, the search
// button) or opens the search page: nothing is downloaded for readers who never search. Both
// files are fetched at once. The small index of names arrives first, and the box shows the
// organisations and pages the words typed name; the case studies are ranked in when their file
// has arrived, and the words of their full text follow from the shards of the words typed: the
// results are drawn again at each step. The box is a combobox (WAI-ARIA 1.2): arrows move
// through the results, Enter opens one, Escape closes; a status line says how many results
// there are once the full text has been searched. Text from the data reaches the page only
// through textContent.
//
// casebookWords and casebookWordFinder come from find.js, which every page loads before this
// module runs: the box splits and looks up words exactly as the Find page does.
/* global casebookWords, casebookWordFinder */
const RESULTS_SHOWN = 8; // in the box; the search page shows every result, a page at a time
const PAGE_SIZE = 20;
const SHORTCUTS = new Set(["/", "s"]);
// How much a query word found in each part of a case study counts: its title most, the names of
// its organisations and places more than its service or type, its text least.
const WEIGHTS = { title: 3, organisation: 2, place: 2, topic: 1, text: 1 };
const TERM_FIELDS = ["organisation", "place", "topic"]; // by the term kinds of header_search.py
// A query that is the whole name of an organisation puts its page first; one that is the whole
// name of an organisation or place of a case study puts that case study before loose matches.
const NAMED = 100;
const PHRASE = 20;
const KINDS = ["record", "organisation", "page"]; // the order of equal scores

const root = document.querySelector("[data-cb-search]");
const toggle = document.getElementById("__search");
const loaded = new Map();

// A query longer than this many words is cut there (each word is a bit of a mask).
const MOST_WORDS = 30;

// The words of a name or title, and the parts of its joined words ("tri-service": "tri",
// "service"), as the Find page's word shards hold them.
function nameWords(text) {
  const words = casebookWords(text);
  return [...new Set([...words, ...words.flatMap((word) => word.split(/['’-]+/u))])].filter((word) => word);
}

class SearchData {
  // `data`: the index of names, at `url`; the case studies follow (`addRecords`).
  constructor(data, url) {
    const resolve = (href) => new URL(href, url).href;
    this.terms = data.terms.name.map(nameWords);
    this.termPhrases = data.terms.name.map((name) => casebookWords(name).join(" "));
    this.termNames = data.terms.name;
    this.termKinds = data.terms.kind.map((kind) => TERM_FIELDS[kind]);
    this.records = [];
    this.complete = false;
    this.organisations = data.organisations.name.map((name, i) => ({
      kind: "organisation", position: i, title: name, words: nameWords(name), whole: casebookWords(name),
      href: resolve(data.organisations.href[i]),
    }));
    this.pages = data.pages.title.map((title, i) => ({
      kind: "page", position: i, title, words: nameWords(title), href: resolve(data.pages.href[i]),
    }));
    this.minWord = data.words.min;
    this.findWords = casebookWordFinder(data.words.files.map(resolve), data.words.records);
    this.find = { href: resolve(data.find.href), param: data.find.param };
  }

  // The case studies (search/records.json, at `url`), which name their terms by the index's codes.
  addRecords(records, url) {
    this.records = records.title.map((title, i) => ({
      kind: "record", position: i, title, words: nameWords(title), href: new URL(records.href[i], url).href,
      terms: records.terms[i],
    }));
    this.complete = true;
    return this;
  }

  // The query words each of these words begins, as bits of a mask.
  static matched(words, query) {
    let mask = 0;
    query.forEach((typed, bit) => {
      if (words.some((word) => word.startsWith(typed))) mask |= 1 << bit;
    });
    return mask;
  }

  // Every word of `words` begun by a query word: the query names it all.
  static covers(words, query) {
    return words.length > 0 && words.every((word) => query.some((typed) => word.startsWith(typed)));
  }

  // Results in order for the query's words; `text`: for each query word, the records whose text
  // has it (flags by position), or null while the shards are not searched (or failed).
  rank(query, text) {
    const all = (1 << query.length) - 1;
    const phrase = query.join(" ");
    const termMasks = this.terms.map((words) => SearchData.matched(words, query));
    const found = [];
    const bits = (mask) => mask.toString(2).replace(/0/g, "").length;
    this.records.forEach((record) => {
      const fields = { title: SearchData.matched(record.words, query), organisation: 0, place: 0, topic: 0, text: 0 };
      let bonus = 0;
      record.terms.forEach((code) => {
        fields[this.termKinds[code]] |= termMasks[code];
        if (this.termKinds[code] !== "topic" && this.termPhrases[code] === phrase) bonus = PHRASE;
      });
      if (text) query.forEach((_, bit) => { if (text[bit]?.[record.position]) fields.text |= 1 << bit; });
      if ((fields.title | fields.organisation | fields.place | fields.topic | fields.text) !== all) return;
      const score = Object.entries(fields).reduce((sum, [field, mask]) => sum + WEIGHTS[field] * bits(mask), bonus);
      found.push({ item: record, score });
    });
    [this.organisations, this.pages].forEach((items) => items.forEach((item) => {
      const mask = SearchData.matched(item.words, query);
      if (mask !== all) return;
      const named = item.kind === "organisation" && SearchData.covers(item.whole, query);
      found.push({ item, score: named ? NAMED : WEIGHTS.title * bits(mask) });
    }));
    found.sort((a, b) => b.score - a.score || KINDS.indexOf(a.item.kind) - KINDS.indexOf(b.item.kind)
      || a.item.position - b.item.position);
    return found.map(({ item }) => item);
  }

  // The names a case study's result shows under its title: its organisations and places.
  about(item) {
    if (item.kind !== "record") return "";
    return item.terms.filter((code) => this.termKinds[code] !== "topic").map((code) => this.termNames[code])
      .join(", ");
  }

  // The query's words, and a promise of the full-text matches of those long enough to look up.
  query(text) {
    const words = casebookWords(text).slice(0, MOST_WORDS);
    const long = words.map((word) => (Array.from(word).length >= this.minWord ? word : null));
    const textMatches = long.some((word) => word) ? Promise.all(long.map((word) => (word ? this.findWords(word) : null)))
      : Promise.resolve(null);
    return { words, textMatches };
  }
}

function fetchJson(url, priority) {
  return fetch(url, { priority }).then((response) => {
    if (!response.ok) throw new Error(`${response.status} for ${url}`);
    return response.json();
  });
}

// The search data at the addresses the element names (the template's, relative to the page: a
// per-language build hands each page its own), fetched once, side by side: `names` promises
// the data once the index has arrived, `full` once the case studies have too (the same data).
// A failure is forgotten so the next search tries again.
function searchData(element) {
  const url = new URL(element.dataset.cbIndex, document.baseURI).href;
  if (!loaded.has(url)) {
    const recordsUrl = new URL(element.dataset.cbRecords, document.baseURI).href;
    const names = fetchJson(url, "high").then((data) => new SearchData(data, url));
    const full = Promise.all([names, fetchJson(recordsUrl, "low")])
      .then(([data, records]) => data.addRecords(records, recordsUrl));
    full.catch(() => loaded.delete(url));
    loaded.set(url, { names, full });
  }
  return loaded.get(url);
}

// Results for `text` as they become known: organisations and pages while the case studies are
// on their way, then titles and names, then with the full text (`last` true). `show(data,
// found, last)` is called up to three times.
async function searchFor(search, text, show) {
  const data = await search.names;
  const { words, textMatches } = data.query(text);
  if (!words.length) {
    show(data, [], true);
    return;
  }
  if (!data.complete) show(data, data.rank(words, null), false);
  await search.full;
  show(data, data.rank(words, null), false);
  show(data, data.rank(words, await textMatches), true);
}

// The label of a result's kind, in the page's language (pages have none).
function kindLabel(item) {
  return item.kind === "page" ? "" : casebookText(item.kind === "record" ? "search.kindRecord" : "search.kindOrganisation");
}

function resultContent(data, item) {
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const title = document.createElement("p");
  title.className = "cb-search-result__title";
  title.textContent = item.title;
  article.append(title);
  const kind = kindLabel(item);
  if (kind) {
    const label = document.createElement("p");
    label.className = "cb-search-result__kind";
    label.textContent = kind;
    article.append(label);
  }
  const about = data.about(item);
  if (about) {
    const names = document.createElement("p");
    names.textContent = about;
    article.append(names);
  }
  return article;
}

function resultsText(count, query) {
  return count === 0 ? casebookText("search.none", { query }) : casebookText("search.results", { count, query });
}

class HeaderSearch {
  constructor(element) {
    this.root = element;
    this.input = element.querySelector("input[role=combobox]");
    this.list = element.querySelector("[role=listbox]");
    this.status = element.querySelector("[role=status]");
    this.all = element.querySelector(".cb-search__all");
    this.opener = null;
    this.searched = 0; // the number of the latest search; older answers are dropped
    this.active = -1;
  }

  start() {
    this.input.addEventListener("focus", () => this.open());
    this.input.addEventListener("input", () => this.search());
    this.input.addEventListener("keydown", (event) => this.key(event));
    this.root.querySelector("form").addEventListener("reset", () => {
      queueMicrotask(() => this.search());
    });
    this.root.addEventListener("focusout", (event) => {
      if (!this.root.contains(event.relatedTarget)) this.close(false);
    });
    toggle?.addEventListener("change", () => { if (!toggle.checked) this.close(false); });
    // Options hold no links (a listbox's options may not hold interactive content): a click
    // on one goes where Enter goes.
    this.list.addEventListener("click", (event) => {
      const option = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (option) this.follow(option);
    });
    document.querySelector(".cb-search-open")?.addEventListener("click", (event) => {
      event.preventDefault();
      this.reach(event.currentTarget);
    });
    document.addEventListener("keydown", (event) => this.shortcut(event));
  }

  // The / and s keys, as in Material: not while typing in a field, nor with a modifier.
  shortcut(event) {
    if (!SHORTCUTS.has(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"))) return;
    event.preventDefault();
    this.reach(document.activeElement);
  }

  reach(opener) {
    this.opener = opener instanceof HTMLElement && opener !== document.body ? opener : null;
    this.input.focus();
  }

  open() {
    if (toggle) toggle.checked = true;
    // Loaded now, while the reader starts typing; a failure is reported by the search itself.
    searchData(this.root).full.catch(() => {});
    if (this.input.value) this.search();
  }

  close(restoreFocus) {
    if (toggle) toggle.checked = false;
    this.input.setAttribute("aria-expanded", "false");
    this.choose(-1);
    if (!restoreFocus) return;
    if (this.opener?.isConnected) this.opener.focus();
    else this.input.blur();
    this.opener = null;
  }

  key(event) {
    const options = this.list.children.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options) return;
      event.preventDefault();
      // From the box down through the results and back to the box, either way round.
      const next = this.active + (event.key === "ArrowDown" ? 1 : -1);
      this.choose(next >= options ? -1 : next < -1 ? options - 1 : next);
    } else if (event.key === "Enter" && this.active >= 0) {
      event.preventDefault();
      this.follow(this.list.children[this.active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.close(true);
    }
  }

  follow(option) {
    if (option.dataset.href) window.location.assign(option.dataset.href);
  }

  // One option chosen (aria-activedescendant), or none (-1): focus stays in the box.
  choose(index) {
    const options = [...this.list.children];
    this.active = index >= 0 && index < options.length ? index : -1;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === this.active)));
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", options[this.active].id);
      options[this.active].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  async search() {
    const query = this.input.value.trim();
    const number = ++this.searched;
    if (!query) {
      this.show(number, query, null, [], true);
      return;
    }
    try {
      await searchFor(searchData(this.root), query, (data, found, last) => this.show(number, query, data, found, last));
    } catch {
      if (number !== this.searched) return;
      this.show(number, "", null, [], true);
      this.status.textContent = casebookText("search.unavailable");
    }
  }

  // The results drawn (the first `RESULTS_SHOWN`); the status says how many once they are all
  // known (`last`), so a screen reader hears one count, not one for each step.
  show(number, query, data, found, last) {
    if (number !== this.searched) return;
    const shown = found.slice(0, RESULTS_SHOWN);
    const options = shown.map((item, i) => {
      const option = document.createElement("li");
      option.className = "md-search-result__item";
      option.id = `cb-search-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.href = item.href;
      const content = document.createElement("div");
      content.className = "md-search-result__link";
      content.append(resultContent(data, item));
      option.append(content);
      return option;
    });
    const chosen = this.active >= 0 ? this.list.children[this.active]?.dataset.href : null;
    this.list.replaceChildren(...options);
    this.choose(chosen ? shown.findIndex((item) => item.href === chosen) : -1);
    this.input.setAttribute("aria-expanded", String(options.length > 0));
    if (!last) return;
    this.status.textContent = query ? resultsText(found.length, query) : casebookText("search.type");
    this.all.hidden = found.length <= shown.length;
    if (!this.all.hidden) {
      const link = this.all.querySelector("a");
      link.textContent = casebookText("search.seeAll", { count: found.length });
      link.href = `${this.root.dataset.cbResults}?${new URLSearchParams({ q: query })}`;
    }
  }
}

// The search page: every result for ?q=, a page at a time, for readers who follow a search
// link (the 404 page has one) or send the box's form.
class SearchPage {
  constructor(form) {
    this.form = form;
    this.input = form.querySelector("input[name=q]");
    this.status = document.getElementById("cb-search-page-status");
    this.list = document.getElementById("cb-search-page-results");
    this.more = document.getElementById("cb-search-page-more");
    this.find = document.getElementById("cb-search-page-find");
  }

  async start() {
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    this.input.value = query;
    if (!query) {
      this.status.textContent = casebookText("search.typeAndPress");
      return;
    }
    this.status.textContent = casebookText("search.searching");
    try {
      await searchFor(searchData(this.form), query, (data, found, last) => {
        if (!last) return;
        this.data = data;
        this.results = found;
      });
    } catch {
      this.status.textContent = casebookText("search.unavailable");
      return;
    }
    this.status.textContent = resultsText(this.results.length, query);
    const find = this.find.querySelector("a");
    find.href = `${this.data.find.href}?${new URLSearchParams({ [this.data.find.param]: query })}`;
    this.find.hidden = false;
    this.more.addEventListener("click", () => this.page());
    this.page();
  }

  page() {
    const start = this.list.children.length;
    this.list.append(...this.results.slice(start, start + PAGE_SIZE).map((item) => {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = item.href;
      link.append(resultContent(this.data, item));
      entry.append(link);
      return entry;
    }));
    this.more.hidden = this.list.children.length >= this.results.length;
    if (start > 0) this.list.children[start].querySelector("a").focus();
  }
}

if (root) new HeaderSearch(root).start();
const page = document.getElementById("cb-search-page");
if (page) new SearchPage(page).start();
