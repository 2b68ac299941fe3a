// The header search box and the search page, over Pagefind's index (written after the build by
// the casebook plugin, or by `casebook index` after another engine's build).
//
// Pagefind is loaded only when a reader reaches for the box (focus, the / or s keys, the search
// button) or opens the search page: nothing is downloaded for readers who never search. The box
// is a combobox (WAI-ARIA 1.2): arrows move through the results, Enter opens one, Escape closes;
// a status line says how many results there are. Text from the index reaches the page only
// through textContent.
const RESULTS_SHOWN = 8; // in the box; the search page shows every result, a page at a time
const PAGE_SIZE = 20;
const SHORTCUTS = new Set(["/", "s"]);
// Pagefind favours short pages (pageLength 0.75 by default): organisation pages, a name and a
// sentence, then filled the first results for any word in an organisation's name ("ambulance":
// twenty ambulance services before any case study). At 0.5 a query for an organisation still
// puts its page first (tests/browser/test_header_search.py), and a topic finds case studies.
const RANKING = { pageLength: 0.5 };

const root = document.querySelector("[data-cb-search]");
const toggle = document.getElementById("__search");
let engine = null;

// The folder Pagefind wrote, and the site root it sits in: results are addressed from there, so
// the site works under any path and from any page depth (the 404 page is served at any depth).
function bundleUrl(element) {
  return new URL(element.dataset.cbBundle, document.baseURI);
}

function pagefind(bundle) {
  engine ??= import(new URL("pagefind.js", bundle).href).then(async (module) => {
    await module.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24, ranking: RANKING });
    await module.init();
    return module;
  }).catch((error) => {
    engine = null; // the next search tries again
    throw error;
  });
  return engine;
}

// Pagefind's excerpt is the page's text with the characters of markup escaped and the query's
// words in <mark>. It is never parsed as HTML: it is split on the marks, and the escapes Pagefind
// writes are turned back into their characters, which reach the page as text.
const ESCAPES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

function unescaped(text) {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (escape) => ESCAPES[escape]);
}

function excerpt(text) {
  const paragraph = document.createElement("p");
  text.split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
    if (part === "<mark>" || part === "</mark>") return part === "<mark>";
    if (part) {
      const node = marked ? document.createElement("mark") : document.createTextNode("");
      node.textContent = unescaped(part);
      paragraph.append(node);
    }
    return marked;
  }, false);
  return paragraph;
}

function sameSite(url, bundle) {
  const link = new URL(url, bundle);
  return link.origin === bundle.origin ? link.href : null;
}

function resultContent(data) {
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const title = document.createElement("p");
  title.className = "cb-search-result__title";
  title.textContent = data.meta.title || data.url;
  article.append(title);
  if (data.meta.kind) {
    const kind = document.createElement("p");
    kind.className = "cb-search-result__kind";
    kind.textContent = data.meta.kind;
    article.append(kind);
  }
  article.append(excerpt(data.excerpt));
  return article;
}

function resultsText(count, query) {
  return count === 0 ? casebookText("search.none", { query }) : casebookText("search.results", { count, query });
}

class HeaderSearch {
  constructor(element) {
    this.root = element;
    this.bundle = bundleUrl(element);
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
    pagefind(this.bundle).catch(() => {});
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
      this.show(number, query, 0, []);
      return;
    }
    try {
      const module = await pagefind(this.bundle);
      const found = await module.search(query);
      if (number !== this.searched || !found) return;
      const shown = await Promise.all(found.results.slice(0, RESULTS_SHOWN).map((result) => result.data()));
      this.show(number, query, found.results.length, shown);
    } catch {
      if (number !== this.searched) return;
      this.show(number, "", 0, []);
      this.status.textContent = casebookText("search.unavailable");
    }
  }

  show(number, query, count, shown) {
    if (number !== this.searched) return;
    const options = shown.map((data, i) => {
      const href = sameSite(data.url, this.bundle);
      const option = document.createElement("li");
      option.className = "md-search-result__item";
      option.id = `cb-search-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      if (href) option.dataset.href = href;
      const content = document.createElement("div");
      content.className = "md-search-result__link";
      content.append(resultContent(data));
      option.append(content);
      return option;
    });
    this.list.replaceChildren(...options);
    this.choose(-1);
    this.input.setAttribute("aria-expanded", String(options.length > 0));
    this.status.textContent = query ? resultsText(count, query) : casebookText("search.type");
    this.all.hidden = count <= shown.length;
    if (!this.all.hidden) {
      const link = this.all.querySelector("a");
      link.textContent = casebookText("search.seeAll", { count });
      link.href = `${this.root.dataset.cbResults}?${new URLSearchParams({ q: query })}`;
    }
  }
}

// The search page: every result for ?q=, a page at a time, for readers who follow a search
// link (the 404 page has one) or send the box's form.
class SearchPage {
  constructor(form) {
    this.form = form;
    this.bundle = bundleUrl(form);
    this.input = form.querySelector("input[name=q]");
    this.status = document.getElementById("cb-search-page-status");
    this.list = document.getElementById("cb-search-page-results");
    this.more = document.getElementById("cb-search-page-more");
  }

  async start() {
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    this.input.value = query;
    if (!query) {
      this.status.textContent = casebookText("search.typeAndPress");
      return;
    }
    this.status.textContent = casebookText("search.searching");
    let found;
    try {
      found = await (await pagefind(this.bundle)).search(query);
    } catch {
      this.status.textContent = casebookText("search.unavailable");
      return;
    }
    this.status.textContent = resultsText(found.results.length, query);
    this.results = found.results;
    this.more.addEventListener("click", () => this.page());
    await this.page();
  }

  async page() {
    const start = this.list.children.length;
    const shown = await Promise.all(this.results.slice(start, start + PAGE_SIZE).map((result) => result.data()));
    this.list.append(...shown.map((data) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      const href = sameSite(data.url, this.bundle);
      if (href) link.href = href;
      link.append(resultContent(data));
      item.append(link);
      return item;
    }));
    this.more.hidden = this.list.children.length >= this.results.length;
    if (start > 0) this.list.children[start].querySelector("a").focus();
  }
}

if (root) new HeaderSearch(root).start();
const page = document.getElementById("cb-search-page");
if (page) new SearchPage(page).start();
