// "Find case studies": instant filtering on /find/, from find/index.json.
// Without JavaScript the page shows its first results as cards and says what needs the script.
// This script shows the filters, keeps their state in the URL (?service=fire&keywords=control) so it
// can be shared and Back steps through it, and draws the results, their counts and the lessons
// view. Record text is untrusted: it only ever reaches the page through textContent.
// Text as Find compares it; the index holds record text in this form. The same rule as
// search_form in generator/render/folding.py (a test runs both on the same texts).
function casebookSearchForm(text) {
  "use strict";
  return text.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFD")
    .replace(/\p{Mn}/gu, "").replace(/ς/g, "σ");
}

// The shard holding the body-text words a typed word begins: shard() in generator/render/words.py
// (a test runs both on the same words).
function casebookWordShard(word, shards) {
  "use strict";
  const [first, second] = Array.from(word).slice(0, 2).map((c) => c.codePointAt(0));
  return (first * 31 + second) % shards;
}

// The words of a text as search_form gives them, split as generator/render/words.py splits a
// record's text: letters and digits, joined by hyphens or apostrophes (none at either end).
function casebookWords(text) {
  "use strict";
  return casebookSearchForm(text).split(/[^\p{L}\p{N}'’-]+/u)
    .map((word) => word.replace(/^['’-]+|['’-]+$/gu, "")).filter((word) => word);
}

// The records whose text has a word beginning with a typed word (as search_form gives it), from
// the word shards (`files`: their addresses, in shard order; `count`: records in the index),
// each fetched once, when a word first needs it. Used by the Find page and the header search.
// The answer is a flag per record (1: found), or null if the shard could not be loaded (tried
// again for the next word).
function casebookWordFinder(files, count) {
  "use strict";
  const shards = new Map();
  const found = new Map();

  function load(word) {
    const number = casebookWordShard(word, files.length);
    if (!shards.has(number)) {
      shards.set(number, fetch(files[number]).then((response) => {
        if (!response.ok) throw new Error(`${response.status} for the word index`);
        return response.json();
      }));
    }
    return shards.get(number).catch((error) => {
      shards.delete(number);
      throw error;
    });
  }

  return function records(word) {
    if (!found.has(word)) {
      found.set(word, load(word).then((shard) => {
        const flags = new Uint8Array(count);
        shard.words.forEach((candidate, at) => {
          if (!candidate.startsWith(word)) return;
          let position = 0;
          shard.records[at].forEach((step) => { position += step; flags[position] = 1; });
        });
        return flags;
      }).catch(() => {
        found.delete(word);
        return null;
      }));
    }
    return found.get(word);
  };
}

(function () {
  "use strict";

  // Typing makes one history entry per pause, not per keystroke; results follow each pause
  // in typing of this length.
  const TYPING_PAUSE_MS = 1000;
  const REDRAW_MS = 120;
  const NOTES_PER_THEME = 10;

  // The index names the facets and sort orders (generator/facets.py) and carries every link:
  // this script knows neither a facet, an order nor the shape of a URL.
  function readState(index) {
    const params = new URLSearchParams(window.location.search);
    const state = { keywords: params.get("keywords") || "", evidence: params.get("evidence") || "",
      from: params.get("from") || "", to: params.get("to") || "", sort: params.get("sort") || index.sorts[0].key,
      view: params.get(index.views.param) === index.views.lessons ? index.views.lessons : "", terms: {} };
    index.facets.forEach(({ param }) => { state.terms[param] = params.getAll(param); });
    return state;
  }

  function writeForm(form, index, state) {
    form.keywords.value = state.keywords;
    // Chromium's RadioNodeList will not choose the radio whose value is "" (any level) by value.
    const levels = Array.from(form.querySelectorAll('input[name="evidence"]'));
    const level = levels.find((radio) => radio.value === state.evidence) || levels[0];
    level.checked = true;
    form.from.value = state.from;
    form.to.value = state.to;
    form.sort.value = state.sort;
    index.facets.forEach(({ param }) => {
      form.querySelectorAll(`input[name="${param}"]`).forEach((box) => {
        box.checked = state.terms[param].includes(box.value);
      });
    });
  }

  function formState(form, index, view) {
    const state = { keywords: form.keywords.value.trim(), evidence: form.evidence.value, from: form.from.value,
      to: form.to.value, sort: form.sort.value, view, terms: {} };
    index.facets.forEach(({ param }) => {
      state.terms[param] = Array.from(form.querySelectorAll(`input[name="${param}"]:checked`), (box) => box.value);
    });
    return state;
  }

  function query(index, state) {
    const params = new URLSearchParams();
    if (state.keywords) params.set("keywords", state.keywords);
    index.facets.forEach(({ param }) => state.terms[param].forEach((value) => params.append(param, value)));
    ["evidence", "from", "to"].forEach((key) => { if (state[key]) params.set(key, state[key]); });
    if (state.sort && state.sort !== index.sorts[0].key) params.set("sort", state.sort);
    if (state.view) params.set(index.views.param, state.view);
    const text = params.toString();
    return text ? `?${text}` : window.location.pathname;
  }

  function changed(state, change) {
    return { ...state, terms: { ...state.terms }, ...change };
  }

  // The words a reader typed, split as generator/render/words.py splits a record's text (letters
  // and digits, joined by hyphens or apostrophes): each must begin a word of a record's text
  // (from the word shards, fetched as they are needed). A single letter narrows nothing.
  function typedWords(index, state) {
    return casebookWords(state.keywords).filter((word) => Array.from(word).length >= index.words.min);
  }

  function makeWordSearch(index) {
    const records = casebookWordFinder(index.words.files, index.href.length);

    // For each typed word, the records it finds (null: it could not be looked up, and finds none).
    return function matchesFor(state) {
      return Promise.all(typedWords(index, state).map(records));
    };
  }

  // Which constraints a record fails: the facets it fails (by number), the evidence minimum,
  // and the rest (years, words). Counts for an option use every other group.
  function compile(index, state, words) {
    const wanted = index.facets.map(({ param, terms }) => {
      const ids = terms.map((term) => term.id);
      return new Set(state.terms[param].map((value) => ids.indexOf(value)).filter((code) => code >= 0));
    });
    const minimum = state.evidence ? index.evidence.findIndex((level) => level.id === state.evidence) : -1;
    const from = parseInt(state.from, 10);
    const to = parseInt(state.to, 10);
    return function passes(i) {
      const failed = [];
      index.facets.forEach((facet, f) => {
        const chosen = wanted[f];
        if (chosen.size && !facet.records[i].some((code) => chosen.has(code))) failed.push(f);
      });
      const year = parseInt(index.started[i], 10);
      const other = (!isNaN(from) && year < from) || (!isNaN(to) && year > to)
        || !words.every((flags) => flags !== null && flags[i] === 1);
      return { failed, weak: minimum >= 0 && index.evidence_level[i] < minimum, other };
    };
  }

  function tally(index, state, words) {
    const passes = compile(index, state, words);
    const counts = index.facets.map(({ terms }) => new Array(terms.length).fill(0));
    const levels = new Array(index.evidence.length).fill(0);
    const matches = [];
    for (let i = 0; i < index.href.length; i += 1) {
      const { failed, weak, other } = passes(i);
      if (other || failed.length > 1 || (weak && failed.length)) continue;
      if (!failed.length) levels[index.evidence_level[i]] += 1;
      if (weak) continue;
      if (!failed.length) matches.push(i);
      index.facets.forEach((facet, f) => {
        if (!failed.length || failed[0] === f) facet.records[i].forEach((code) => { counts[f][code] += 1; });
      });
    }
    // At least each level: this level and every stronger one.
    for (let level = levels.length - 2; level >= 0; level -= 1) levels[level] += levels[level + 1];
    return { matches, counts, levels };
  }

  function order(index, matches, key) {
    const sort = index.sorts.find((candidate) => candidate.key === key) || index.sorts[0];
    const values = index[sort.column];
    const direction = sort.descending ? -1 : 1;
    const compare = (a, b) => (typeof values[a] === "number" ? values[a] - values[b]
      : values[a].localeCompare(values[b], "en-GB"));
    return matches.sort((a, b) => direction * compare(a, b) || a - b);
  }

  // The page's messages (assets/messages.js), in the language the page is built in.
  function text(key, values) {
    return casebookText(`find.${key}`, values);
  }

  // The page's own words for a choice: its label in the form, without the count.
  function labelText(root, id) {
    const label = root.querySelector(`label[for="${id}"]`);
    return label ? label.firstChild.textContent.trim() : "";
  }

  function groupName(root, group) {
    const summary = root.querySelector(`[data-group="${group}"] summary`);
    return summary ? summary.textContent.trim() : "";
  }

  // Every filter in force, with its group, its name and the state without it.
  function activeFilters(root, index, state) {
    const list = [];
    if (state.keywords) {
      list.push({ group: text("containing"), name: text("quoted", { words: state.keywords }),
        without: changed(state, { keywords: "" }) });
    }
    index.facets.forEach(({ param, terms }) => state.terms[param].forEach((id) => {
      const term = terms.find((candidate) => candidate.id === id);
      if (!term) return;
      const without = changed(state, {});
      without.terms[param] = state.terms[param].filter((other) => other !== id);
      list.push({ group: groupName(root, param), name: term.name, without });
    }));
    if (state.evidence) {
      list.push({ group: groupName(root, "evidence"), name: labelText(root, `cb-evidence-${state.evidence}`),
        without: changed(state, { evidence: "" }) });
    }
    ["from", "to"].forEach((key) => {
      if (state[key]) {
        list.push({ group: groupName(root, "years"), name: `${labelText(root, `cb-${key}`)} ${state[key]}`,
          without: changed(state, { [key]: "" }) });
      }
    });
    return list;
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function hidden(text) {
    return element("span", "cb-visually-hidden", text);
  }

  // Only a changed text is written: an unchanged one would still be laid out again.
  function setText(target, text) {
    if (target.textContent !== text) target.textContent = text;
  }

  function setTone(target, tone) {
    Array.from(target.classList).filter((name) => name.startsWith("cb-tone--"))
      .forEach((name) => target.classList.remove(name));
    if (tone) target.classList.add(`cb-tone--${tone}`);
  }

  // A card: a copy of the page's blank card (the same template draws the first results on the
  // server), its parts named by data-slot and data-facet.
  function card(template, index, drafts, languages, i) {
    const item = template.content.firstElementChild.cloneNode(true);
    const title = item.querySelector('[data-slot="title"]');
    const summary = item.querySelector('[data-slot="summary"]');
    title.href = index.href[i];
    title.textContent = index.title[i];
    item.querySelector('[data-slot="draft"]').hidden = !drafts.has(i);
    summary.textContent = index.summary[i];
    // A record shown in another language than the page's (English on the Welsh site) says so.
    if (languages.has(i)) {
      title.lang = languages.get(i);
      summary.lang = languages.get(i);
    }
    item.querySelector('[data-slot="dates"]').textContent = index.dates[i];
    item.querySelectorAll("[data-facet]").forEach((part) => {
      const facet = index.facets.find((candidate) => candidate.param === part.dataset.facet);
      const terms = facet.records[i].map((code) => facet.terms[code]);
      part.textContent = terms.map((term) => term.name).join(", ");
      if (terms.length) setTone(part, terms[0].tone);
    });
    const level = index.evidence[index.evidence_level[i]];
    const evidence = item.querySelector('[data-slot="evidence"]');
    evidence.textContent = level.name;
    setTone(evidence, level.tone);
    return item;
  }

  // Record position -> the language its text is in, for records in another language than the
  // page's (English ones on the Welsh site); the index lists them by language.
  function textLanguages(index) {
    return new Map(Object.entries(index.text_lang || {})
      .flatMap(([language, positions]) => positions.map((i) => [i, language])));
  }

  // The lessons of the matching case studies, grouped by theme, each linked to its case study.
  function drawLessons(root, index, lessons, matches, expanded) {
    const languages = textLanguages(index);
    const themes = lessons.themes.map(() => []);
    matches.forEach((i) => lessons.notes[i].forEach((note) => themes[note[1]].push([i, note])));
    const sections = [];
    lessons.themes.forEach((theme, t) => {
      const found = themes[t];
      if (!found.length) return;
      const section = element("section", "cb-find__theme");
      section.append(element("h3", "", `${theme.name} (${found.length})`),
        element("p", "cb-theme-description", theme.text));
      const list = element("ul", "cb-digest");
      const shown = expanded.has(theme.id) ? found : found.slice(0, NOTES_PER_THEME);
      list.append(...shown.map(([i, [kind, , text]]) => {
        const item = element("li");
        const source = element("a", "cb-digest__source", index.title[i]);
        source.href = index.href[i];
        const badge = element("span", `cb-badge cb-badge--${lessons.kinds[kind].key}`, lessons.kinds[kind].name);
        if (languages.has(i)) {
          const note = element("span", "", text);
          note.lang = source.lang = languages.get(i);
          item.append(badge, " ", note, " ", source);
        } else {
          item.append(badge, ` ${text} `, source);
        }
        return item;
      }));
      section.append(list);
      if (shown.length < found.length) {
        const more = element("button", "md-button", text("showAllUnder", { count: found.length, theme: theme.name }));
        more.type = "button";
        more.addEventListener("click", () => {
          expanded.add(theme.id);
          drawLessons(root, index, lessons, matches, expanded);
        });
        section.append(more);
      }
      sections.push(section);
    });
    root.querySelector("#cb-find-themes").replaceChildren(...sections);
  }

  function start() {
    const root = document.getElementById("cb-find");
    if (!root || root.dataset.state) return;
    root.dataset.state = "loading";
    const form = document.getElementById("cb-find-form");
    fetch(root.dataset.index).then((response) => {
      if (!response.ok) throw new Error(`${response.status} for the Find index`);
      return response.json();
    }).then((index) => run(root, form, index)).catch((error) => {
      // Without its index the page is what it is without JavaScript, and says so.
      root.classList.remove("cb-find--js");
      root.dataset.state = "failed";
      throw error;
    });
  }

  function run(root, form, index) {
    const wordSearch = makeWordSearch(index);
    const drafts = new Set(index.drafts);
    const languages = textLanguages(index);
    const template = root.querySelector("#cb-find-card");
    const targets = new WeakMap();  // link -> the state it leads to
    const expanded = new Set();  // themes of the lessons view shown in full
    let lessons = null;
    let shown = index.page_size;
    let listed = Array.from(root.querySelectorAll('#cb-find-list [data-slot="title"]'),
      (title) => title.getAttribute("href")).join("\n");
    let state = readState(index);
    let drawn = 0;  // the latest draw; an older one whose words arrive late is dropped
    let typing = false;
    let redrawTimer = null;
    let pauseTimer = null;

    function link(target, next) {
      target.href = query(index, next);
      targets.set(target, next);
      return target;
    }

    // Only the typed text's own words apply: a state without it has none.
    function countFor(next, words) {
      return tally(index, next, next.keywords ? words : []).matches.length;
    }

    // Every option stays open to choose, with (0) where it would leave nothing: an empty
    // result then says which filters emptied it, instead of options that cannot be reached.
    function drawForm(result) {
      index.facets.forEach(({ param, terms }, f) => {
        terms.forEach(({ id }, code) => {
          const count = root.querySelector(`[data-count-for="${param}:${id}"]`);
          if (count) setText(count, `(${result.counts[f][code]})`);
        });
      });
      index.evidence.forEach(({ id }, level) => {
        const count = root.querySelector(`[data-count-for="evidence:${level ? id : ""}"]`);
        if (count) setText(count, `(${result.levels[level]})`);
      });
    }

    function drawApplied(filters) {
      const tags = filters.map(({ group, name, without }) => {
        const item = element("li");
        const remove = link(element("a", "cb-find__tag"), without);
        remove.append(hidden(text("removeFilter")), name, element("span", "cb-find__x", " ×"));
        remove.lastChild.setAttribute("aria-hidden", "true");
        item.append(element("span", "cb-find__tag-group", `${group}:`), " ", remove);
        return item;
      });
      if (state.sort !== index.sorts[0].key) {
        const sort = index.sorts.find((candidate) => candidate.key === state.sort);
        const item = element("li");
        const remove = link(element("a", "cb-find__tag"), changed(state, { sort: index.sorts[0].key }));
        remove.append(hidden(text("removeSort")), sort ? sort.label : state.sort, element("span", "cb-find__x", " ×"));
        remove.lastChild.setAttribute("aria-hidden", "true");
        item.append(element("span", "cb-find__tag-group", `${labelText(root, "cb-sort")}:`), " ", remove);
        tags.push(item);
      }
      root.querySelector("#cb-find-tags").replaceChildren(...tags);
      root.querySelector("#cb-find-applied").hidden = !tags.length;
      const cleared = { keywords: "", evidence: "", from: "", to: "", sort: index.sorts[0].key, view: state.view, terms: {} };
      index.facets.forEach(({ param }) => { cleared.terms[param] = []; });
      link(root.querySelector("#cb-find-clear"), cleared);
    }

    // No results: what removing each filter on its own would give, as links.
    function drawEmpty(filters, words, empty) {
      root.querySelector("#cb-find-empty").hidden = !empty;
      root.querySelector("#cb-find-words-failed").hidden = !words.includes(null);
      if (!empty) return;
      const items = filters.map(({ name, without }) => {
        const n = countFor(without, words);
        const item = element("li");
        if (n) item.append(link(element("a", "", text("without", { name, count: n })), without));
        else item.textContent = text("withoutNone", { name });
        return item;
      });
      root.querySelector("#cb-find-relax").replaceChildren(...items);
      root.querySelector("#cb-find-relax-intro").hidden = !items.length;
    }

    function drawFeed() {
      const chosen = [];
      index.facets.forEach(({ param, terms }) => state.terms[param].forEach((value) => {
        const term = terms.find((candidate) => candidate.id === value);
        if (term) chosen.push(term);
      }));
      const narrowed = state.keywords || state.evidence || state.from || state.to;
      const term = chosen.length === 1 && !narrowed && chosen[0].feed ? chosen[0] : null;
      const feed = root.querySelector("#cb-find-feed");
      feed.hidden = !term || Boolean(state.view);
      if (term) {
        feed.querySelector("a").href = term.feed;
        feed.querySelector("a").textContent = text("feed", { name: term.name });
      }
    }

    function drawViews(matches) {
      const notes = matches.reduce((sum, i) => sum + index.notes[i], 0);
      const list = link(root.querySelector("#cb-find-view-list"), changed(state, { view: "" }));
      const learned = link(root.querySelector("#cb-find-view-lessons"), changed(state, { view: index.views.lessons }));
      root.querySelector("#cb-find-notes").textContent = `(${notes})`;
      [list, learned].forEach((view) => view.removeAttribute("aria-current"));
      (state.view ? learned : list).setAttribute("aria-current", "page");
      return notes;
    }

    // The cards are drawn again only when others are to be shown: the first results are in the
    // page already, and redrawing them would make the browser lay them out again for nothing.
    function drawList(matches) {
      const wanted = matches.slice(0, shown);
      const hrefs = wanted.map((i) => index.href[i]).join("\n");
      if (hrefs !== listed) {
        root.querySelector("#cb-find-list").replaceChildren(...wanted.map((i) => card(template, index, drafts, languages, i)));
        listed = hrefs;
      }
      root.querySelector("#cb-find-more").hidden = matches.length <= shown;
    }

    function loadLessons() {
      lessons = lessons || fetch(index.views.lessons_data).then((response) => {
        if (!response.ok) throw new Error(`${response.status} for the lessons`);
        return response.json();
      });
      return lessons;
    }

    function drawLessonsView(matches, notes, number) {
      const intro = root.querySelector("#cb-find-lessons-intro");
      intro.textContent = text("lessonsIntro", { count: matches.length });
      loadLessons().then((data) => {
        if (number === drawn) drawLessons(root, index, data, matches, expanded);
      }).catch(() => {
        intro.textContent = text("lessonsFailed");
      });
      return text("notes", { count: notes });
    }

    function draw(words, number) {
      const result = tally(index, state, words);
      const matches = order(index, result.matches, state.sort);
      const filters = activeFilters(root, index, state);
      drawForm(result);
      drawApplied(filters);
      drawEmpty(filters, words, matches.length === 0);
      drawFeed();
      const notes = drawViews(matches);
      const lessonsView = Boolean(state.view);
      root.querySelector("#cb-find-list").hidden = lessonsView;
      root.querySelector("#cb-find-lessons").hidden = lessonsView ? !matches.length : true;
      const found = text("caseStudies", { count: matches.length });
      let heading = found;
      if (lessonsView) {
        heading = drawLessonsView(matches, notes, number);
        root.querySelector("#cb-find-more").hidden = true;
      } else {
        drawList(matches);
      }
      root.querySelector("#cb-find-count").textContent = heading;
      root.querySelector("#cb-find-show").textContent = text("show", { count: matches.length });
      root.querySelector("#cb-find-applied-count").textContent = text("applied", { count: filters.length });
      root.querySelector("#cb-find-status").textContent = lessonsView
        ? text("notesFrom", { notes: heading, found }) : text("matches", { count: matches.length });
      root.dataset.state = "ready";
    }

    function redraw() {
      drawn += 1;
      const number = drawn;
      wordSearch(state).then((words) => { if (number === drawn) draw(words, number); });
    }

    // Groups with a choice made are open, so a shared link shows what it chose.
    function openChosen() {
      index.facets.forEach(({ param }) => {
        if (state.terms[param].length) root.querySelector(`[data-group="${param}"]`).open = true;
      });
      if (state.evidence) root.querySelector('[data-group="evidence"]').open = true;
      if (state.from || state.to) root.querySelector('[data-group="years"]').open = true;
    }

    // A new state: into the history (a new entry, or replacing the one typing started), then drawn.
    function commit(next, how) {
      state = next;
      shown = index.page_size;
      const url = query(index, state);
      const current = window.location.search || window.location.pathname;
      if (url !== current) {
        if (how === "push") window.history.pushState(null, "", url);
        else window.history.replaceState(null, "", url);
      }
      redraw();
    }

    function fromForm() {
      return formState(form, index, state.view);
    }

    function go(next) {
      typing = false;
      writeForm(form, index, next);
      commit(next, "push");
    }

    function typed() {
      window.clearTimeout(redrawTimer);
      redrawTimer = window.setTimeout(() => {
        commit(fromForm(), typing ? "replace" : "push");
        typing = true;
        window.clearTimeout(pauseTimer);
        pauseTimer = window.setTimeout(() => { typing = false; }, TYPING_PAUSE_MS);
      }, REDRAW_MS);
    }

    function narrow(input) {
      const wanted = casebookSearchForm(input.value.trim());
      const options = root.querySelectorAll(`#cb-${input.dataset.narrows}-options .cb-find__option`);
      let count = 0;
      options.forEach((option) => {
        const box = option.querySelector("input");
        const show = box.checked || casebookSearchForm(option.querySelector("label").firstChild.textContent)
          .includes(wanted);
        option.hidden = !show;
        if (show) count += 1;
      });
      const shownText = root.querySelector(`#cb-${input.dataset.narrows}-shown`);
      shownText.textContent = text("shown", { things: text(`count.${input.dataset.narrows}`, { count }) });
    }

    root.addEventListener("change", (event) => {
      const target = event.target;
      if (!target.name || ["keywords", "from", "to"].includes(target.name)) return;
      typing = false;
      commit(fromForm(), "push");
    });
    root.addEventListener("input", (event) => {
      const target = event.target;
      if (target.dataset.narrows) narrow(target);
      else if (["keywords", "from", "to"].includes(target.name)) typed();
    });
    root.addEventListener("keydown", (event) => {
      // Enter in a box that narrows a list would send the form.
      if (event.key === "Enter" && event.target.dataset.narrows) event.preventDefault();
    });
    root.addEventListener("click", (event) => {
      const target = event.target.closest("a");
      if (!target || !targets.has(target)) return;
      event.preventDefault();
      go(targets.get(target));
      root.querySelector("#cb-find-count").focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.clearTimeout(redrawTimer);
      typing = false;
      commit(fromForm(), "push");
      root.classList.remove("cb-find--open");
      root.querySelector("#cb-find-toggle").setAttribute("aria-expanded", "false");
      root.querySelector("#cb-find-count").focus();
    });
    root.querySelector("#cb-find-toggle").addEventListener("click", (event) => {
      const open = root.classList.toggle("cb-find--open");
      event.currentTarget.setAttribute("aria-expanded", String(open));
    });
    root.querySelector("#cb-find-more").addEventListener("click", () => {
      shown += index.page_size;
      redraw();
    });
    window.addEventListener("popstate", () => {
      typing = false;
      state = readState(index);
      writeForm(form, index, state);
      openChosen();
      shown = index.page_size;
      redraw();
    });

    // The box shows before the index arrives: words typed meanwhile are the reader's latest
    // wish, so they win over the address's and become its new state.
    const typedEarly = form.keywords.value.trim();
    writeForm(form, index, state);
    openChosen();
    if (typedEarly && typedEarly !== state.keywords) {
      form.keywords.value = typedEarly;
      commit(fromForm(), "push");
    } else {
      redraw();
    }
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
