// Runs the proposal form's rules (site_theme/overrides/assets/propose-rules.js) on the calls
// given as JSON on standard input and prints the results as JSON: tests/validator/test_form_rules.py
// sends the same cases through the Python validator and compares.
import { readFileSync } from "node:fs";
import { checkDate, cleanText, ruleProblems, schemaProblems, slugFor, toYaml } from "../../site_theme/overrides/assets/propose-rules.js";
import { organisationProblems } from "../../site_theme/overrides/assets/propose-organisations.js";
import { closestNames, tokenSetRatio, tokenSortRatio } from "../../site_theme/overrides/assets/name-match.js";
import { Validator } from "../../site_theme/overrides/assets/vendor/cfworker-json-schema/index.js";

// The page gives the rules their words (assets/messages.js); this harness compares problems by
// code and path, so each message stands as its key.
globalThis.casebookText = (key) => key;

const validators = new Map();

function check({ data, schema, context }) {
  if (!validators.has(schema)) validators.set(schema, new Validator(JSON.parse(schema), "2020-12", false));
  const parsed = JSON.parse(schema);
  const withPage = { ...context, register: new Map(context.register.map((entry) => [entry.name, entry])),
    names: context.register.map((entry) => entry.name), kept: new Set(), serviceName: (id) => id,
    knownServices: new Set(parsed.properties.services.items.enum) };
  const found = schemaProblems(validators.get(schema), data, parsed).concat(ruleProblems(data, withPage),
    organisationProblems(data, withPage));
  return found.map(({ path, code, message, services }) => ({ path, code: code || null, text: message("Field"),
    services: services || null }));
}

const run = {
  slug: ({ title, taken, maxSlug, names }) => slugFor(title, new Set(taken), maxSlug, new RegExp(names, "u")),
  // As typed into the form, which reads every answer through cleanText.
  date: ({ value, today }) => {
    const { date, code } = checkDate(cleanText(value), today);
    return { date: date || null, code: code || null };
  },
  yaml: ({ data, header }) => toYaml(data, header),
  check: (call) => check({ ...call, schema: JSON.stringify(call.schema) }),
  names: ({ typed, options, matching }) => typed.map((value) => closestNames(value, options, matching)),
  scores: ({ pairs }) => pairs.map(([a, b]) => [tokenSortRatio(a, b), tokenSetRatio(a, b)]),
};

const calls = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(calls.map((call) => run[call.run](call))));
