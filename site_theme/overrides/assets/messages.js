// The scripts' interface text, in the page's language: every page that runs a script carries its
// messages as JSON (`<script type="application/json" class="cb-messages">`, written from the
// message catalogue by generator/render/script_text.py). Scripts hold no text of their own.
// A classic script, so that find.js (classic) and the modules share it.
// eslint-disable-next-line no-redeclare, no-unused-vars
const casebookText = (() => {
  "use strict";
  let messages = null;
  let plurals = null;

  function load() {
    messages = {};
    let lang = document.documentElement.lang || "en";
    document.querySelectorAll("script.cb-messages").forEach((element) => {
      const data = JSON.parse(element.textContent);
      lang = data.lang;
      Object.entries(data.messages).forEach(([key, message]) => { messages[`${element.dataset.group}.${key}`] = message; });
    });
    plurals = new Intl.PluralRules(lang);
  }

  // casebookText("search.results", { count: 3, query: "fire" }) (group.key): the message with its %(name)s
  // placeholders filled; a message with plural forms takes the form for `count`.
  return function text(key, values = {}) {
    if (!messages) load();
    let message = messages[key];
    if (message === undefined) throw new Error(`The page carries no message "${key}"`);
    if (typeof message === "object") message = message[plurals.select(values.count)] ?? message.other;
    return message.replace(/%\((\w+)\)s|%%/g, (match, name) => (name ? String(values[name]) : "%"));
  };
})();
