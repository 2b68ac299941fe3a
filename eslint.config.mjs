// ESLint for the site's own browser code (site_theme/overrides/assets/, not vendor/): the
// recommended rules, plus strict equality (`== null` stays, for null or undefined) and no var.
// no-control-regex is off: the proposal form looks for control characters in what people type.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["site_theme/overrides/assets/vendor/**"] },
  {
    files: ["site_theme/overrides/assets/**/*.js"],
    ...js.configs.recommended,
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "no-control-regex": "off",
    },
    // assets/messages.js, loaded first, gives every script its interface text.
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser, casebookText: "readonly" } },
  },
  {
    // Loaded as classic scripts (mkdocs.yml extra_javascript, main.html); every other file is a module.
    files: ["site_theme/overrides/assets/find.js", "site_theme/overrides/assets/messages.js"],
    languageOptions: { sourceType: "script" },
  },
];
