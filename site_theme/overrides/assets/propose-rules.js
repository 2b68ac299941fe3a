// The proposal form's rules, without the page: what propose.js checks and writes, as pure
// functions that the test suite also runs in Node beside the Python validator, on the same cases
// (tests/validator/test_form_rules.py). What the core decides (the date fields, the slug length, the
// file's first line) comes in `rules`, read from the page (generator/render/pages.py).

// Keywords that only say "something below failed"; the keyword below says what.
const CONTAINERS = new Set(["properties", "items", "allOf", "anyOf", "oneOf", "if", "then", "else", "$ref",
                            "prefixItems", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems"]);
// Characters PyYAML refuses or reads as line breaks: written as escapes in quoted text.
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
// Block scalars keep Markdown readable; text they could not carry exactly is quoted instead.
const NOT_IN_BLOCK = /^\s|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

// The page's words for a problem (assets/messages.js), in the language the page is built in.
export function text(key, values) {
  return casebookText(`propose.${key}`, values);
}

// Answers as given: one kind of line break, no spaces around, no lone surrogates.

export function cleanText(text) {
  const whole = typeof text.toWellFormed === "function" ? text.toWellFormed() : text;
  return whole.replace(/\r\n?/g, "\n").trim();
}

// Checking: the schema's errors in words, then the rules the Python validator adds.

// The published schema's messages in the page's language: `words` holds them by the JSON pointer
// of the part that has them (schema_words in generator/render/proposal.py); none on an English page.
export function withWords(schema, words) {
  for (const [location, given] of Object.entries(words)) Object.assign(subschema(schema, pointer(location)), given);
  return schema;
}

export function schemaProblems(validator, data, schema) {
  const problems = [];
  for (const error of validator.validate(data).errors) {
    if (!CONTAINERS.has(error.keyword)) problems.push(...describe(error, data, schema));
  }
  return problems;
}

function describe(error, data, schema) {
  const path = pointer(error.instanceLocation);
  const owner = subschema(schema, pointer(error.keywordLocation).slice(0, -1));
  const value = valueAt(data, path);
  const rule = owner.errorMessage;
  switch (error.keyword) {
    case "required":
      return missing(owner, value).map((name) => problem([...path, name],
        rule ? () => sentence(rule) : (label) => needs(owner.properties[name], label)));
    case "not":
      if (owner.not.pattern) return [problem(path, (label) => text("labelled", { label, problem: rule }))];
      return [problem([...path, ...(owner.not.required || []).slice(0, 1)], () => sentence(rule || error.error))];
    case "const":
    case "enum":
      return [problem(path, rule ? () => sentence(rule) : (label) => text("chooseOneOf", { label }))];
    case "contains":
      return [problem(path, (label) => text("labelled", { label, problem: rule || text("choiceMissing") }))];
    case "dependentRequired":
      return dependents(owner, value, path);
    default:
      return [problem(path, wording(error.keyword, owner, value))];
  }
}

function wording(keyword, owner, value) {
  const length = typeof value === "string" ? [...value].length : 0;
  const count = Array.isArray(value) ? value.length : 0;
  const words = {
    minLength: (label) => text("tooShort", { label, least: owner.minLength, length }),
    maxLength: (label) => text("tooLong", { label, most: owner.maxLength, length }),
    pattern: (label) => text("labelled", { label,
      problem: owner.patternErrorMessage ? formHint(owner.patternErrorMessage) : text("notExpectedFormat") }),
    minItems: (label) => needs(owner, label),
    maxItems: (label) => text("tooMany", { label, most: owner.maxItems, count }),
    uniqueItems: (label) => text("repeated", { label, value: repeated(value) }),
    minimum: (label) => text("tooSmall", { label, least: owner.minimum }),
    maximum: (label) => text("tooLarge", { label, most: owner.maximum.toLocaleString("en-GB") }),
    type: (label) => text(owner.type === "number" ? "digitsOnly" : "notValid", { label }),
  };
  return words[keyword] || ((label) => text("notValid", { label }));
}

function needs(spec, label) {
  const least = spec.minItems || 1;
  if (spec.type === "array" && spec.items.enum) return text("chooseAtLeast", { label, least });
  if (spec.type === "array" && spec.items.type === "object") return text("fillInAtLeast", { label, least });
  if (spec.type === "array") return text("giveAtLeast", { label, least });
  if (spec.enum) return text("chooseOne", { label });
  return text("required", { label });
}

function dependents(owner, value, path) {
  const problems = [];
  for (const [name, wanted] of Object.entries(owner.dependentRequired)) {
    if (!(name in value)) continue;
    for (const need of wanted.filter((item) => !(item in value))) {
      problems.push(problem([...path, need], (label) => text("requiredWhen", { label, name })));
    }
  }
  return problems;
}

export function ruleProblems(data, context) {
  const problems = [];
  const dates = {};
  for (const pattern of context.dateFields) {
    for (const path of expand(data, pattern.split("/"))) {
      const checked = checkDate(valueAt(data, path), context.today);
      if (checked.problem) problems.push(problem(path, checked.problem, checked.code));
      dates[path.join("/")] = checked.date;
    }
  }
  if (dates.started && dates.ended && dates.ended < dates.started) {
    problems.push(problem(["ended"], (label) => text("dateOrder", { label, ended: data.ended, started: data.started }),
      "date-order"));
  }
  return problems;
}

export function checkDate(value, today) {
  const span = typeof value === "string" && /^[0-9]{4}(-[0-9]{2}){0,2}$/.test(value) ? dateSpan(value) : null;
  if (span === null) return {};
  if (!span) {
    return { code: "bad-date", problem: (label) => text("badDate", { label, value }) };
  }
  const [date] = span;
  if (date > today) return { date, code: "future-date", problem: (label) => text("futureDate", { label, value }) };
  return { date };
}

// The first and last day a partial date ("2015", "2015-04", "2015-04-01") can mean, as
// YYYY-MM-DD text (which sorts as dates do); false if it is not a real date.
export function dateSpan(value) {
  const [year, month, day] = value.split("-").map(Number);
  const days = (number) => [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][number - 1];
  if (year < 1 || (month !== undefined && !days(month)) || (day !== undefined && (day < 1 || day > days(month)))) {
    return false;
  }
  const text = (m, d) => `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  if (day !== undefined) return [text(month, day), text(month, day)];
  if (month !== undefined) return [text(month, 1), text(month, days(month))];
  return [text(1, 1), text(12, 31)];
}

// Paths: data paths are arrays.

export function problem(path, message, code, extra) {
  return { path, message, ...(code ? { code, ...extra } : {}) };
}

function pointer(location) {
  return location.replace(/^#\/?/, "").split("/").filter((part) => part !== "")
    .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function subschema(schema, parts) {
  let node = schema;
  for (const part of parts) node = node == null ? {} : node[part];
  return node || {};
}

function valueAt(data, path) {
  return path.reduce((value, part) => (value == null ? undefined : value[part]), data);
}

function expand(data, parts) {
  const star = parts.indexOf("*");
  if (star < 0) return valueAt(data, parts) === undefined ? [] : [parts];
  const list = valueAt(data, parts.slice(0, star));
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => expand(data, [...parts.slice(0, star), index, ...parts.slice(star + 1)]));
}

function missing(owner, value) {
  return (owner.required || []).filter((name) => value == null || !(name in value));
}

function repeated(list) {
  return list.find((item, index) => list.indexOf(item) !== index);
}

// The file: YAML that reads back exactly as given. Written by hand: npm `yaml` (2.9) was weighed,
// but it leaves U+2028, U+0085 and U+FEFF unescaped in quoted text, which PyYAML reads as line
// breaks or refuses, and writes NO, yes and 2024-05-01 plain, which YAML 1.1 tools read as a
// boolean or a date; these few rules would stay, beside about 490 KB of library.

export function toYaml(data, header) {
  const lines = [header];
  for (const [key, value] of Object.entries(data)) lines.push(...yamlEntry(key, value, ""));
  return `${lines.join("\n")}\n`;
}

function yamlEntry(key, value, indent) {
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) {
    return [`${indent}${key}: [${value.map(yamlScalar).join(", ")}]`];
  }
  if (Array.isArray(value)) {
    const lines = [`${indent}${key}:`];
    for (const item of value) {
      const inner = Object.entries(item).flatMap(([name, part]) => yamlEntry(name, part, `${indent}    `));
      inner[0] = `${indent}  - ${inner[0].trimStart()}`;
      lines.push(...inner);
    }
    return lines;
  }
  if (typeof value === "object") {
    return [`${indent}${key}:`, ...Object.entries(value).flatMap(([name, part]) => yamlEntry(name, part, `${indent}  `))];
  }
  if (typeof value === "string" && value.includes("\n") && !NOT_IN_BLOCK.test(value)) {
    return [`${indent}${key}: |`, ...value.split("\n").map((line) => (line ? `${indent}  ${line}` : ""))];
  }
  return [`${indent}${key}: ${yamlScalar(value)}`];
}

// JSON text is valid YAML and quotes every string, so nothing is misread as a number or date.
function yamlScalar(value) {
  if (typeof value === "number") return String(value);
  return JSON.stringify(value).replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// As generator/commands/scaffold.py: a name too short, or kept for the site's own pages
// (`names` is the schema's pattern for a case-study name), gets a suffix.
export function slugFor(title, taken, maxSlug, names) {
  const ascii = title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
  let base = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, maxSlug - 3).replace(/^-+|-+$/g, "") || "case-study";
  if (!names.test(base)) base = `${base}-case-study`;
  let slug = base;
  for (let number = 2; taken.has(slug); number += 1) slug = `${base}-${number}`;
  return slug;
}

// Small helpers.

export function listOf(value) {
  return Array.isArray(value) ? value : [];
}

export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function leap(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The schema's format advice is written for YAML files; the form adds the quotes itself.
function formHint(advice) {
  const quotes = text("inQuotes");
  return advice.endsWith(quotes) ? advice.slice(0, -quotes.length) : advice;
}
