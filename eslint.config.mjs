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
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "no-control-regex": "off",
    },
  },
  {
    // Loaded with type: module (mkdocs.yml extra_javascript).
    files: ["site_theme/overrides/assets/propose.js"],
    languageOptions: { sourceType: "module" },
  },
];
