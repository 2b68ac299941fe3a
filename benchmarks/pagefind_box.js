// The header box as Casebook had it over Pagefind (until December 2026), for
// benchmarks/header_search.py only: served in place of assets/search.js on the Pagefind copy of
// the site, so both searches are measured on the same pages in the same run. It does what that
// box did between a keystroke and its results: Pagefind loaded when the box gets focus (ranking
// pageLength 0.5, excerpts of 24 words), a search per input, the data of the first eight results
// fetched and drawn as Material's result items. Keyboard and screen-reader handling are left out:
// they cost nothing measurable.
const root = document.querySelector("[data-cb-search]");
const box = root.querySelector("input[role=combobox]");
const list = root.querySelector("[role=listbox]");
const bundle = new URL("../pagefind/", new URL(root.dataset.cbResults, document.baseURI));
let engine = null;
let searched = 0;

function pagefind() {
  engine ??= import(new URL("pagefind.js", bundle).href).then(async (module) => {
    await module.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 24, ranking: { pageLength: 0.5 } });
    await module.init();
    return module;
  });
  return engine;
}

box.addEventListener("focus", () => { pagefind(); });
box.addEventListener("input", async () => {
  const number = ++searched;
  const found = await (await pagefind()).search(box.value.trim());
  if (number !== searched || !found) return;
  const shown = await Promise.all(found.results.slice(0, 8).map((result) => result.data()));
  if (number !== searched) return;
  list.replaceChildren(...shown.map((data) => {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    item.textContent = `${data.meta.title} ${data.excerpt}`;
    return item;
  }));
});
