// The proposal form's checks on organisations, as the validator's (organisations() in
// generator/content/rules.py, name_out_of_time() in claims.py), on the register the page is given
// (generator/render/proposal.py). Pure functions: tests/validator/test_form_rules.py runs them in
// Node beside the validator. The validator only warns about a name it does not know, or one used
// outside its time; `casebook validate --strict` refuses both, so the form asks about them too.

import { closestNames } from "./name-match.js";
import { dateSpan, isObject, listOf, problem, text } from "./propose-rules.js";

// A few names are enough to choose from; the list is ranked best first.
const SHOWN_SUGGESTIONS = 5;

// `context`: register (name to entry), names (in the validator's order), matching (its
// thresholds), serviceName, knownServices, kept (names the contributor says are right).
export function organisationProblems(data, context) {
  const { knownServices, serviceName } = context;
  const problems = [];
  const services = listOf(data.services).filter((service) => typeof service === "string");
  const organisations = listOf(data.organisations);
  const covered = new Set(organisations.map((organisation) => isObject(organisation) && organisation.service));
  const uncovered = services.filter((service) => !covered.has(service) && knownServices.has(service));
  if (uncovered.length) {
    const missingServices = uncovered.map(serviceName);
    problems.push(problem(["organisations"],
      (label) => text("serviceWithout", { label, services: missingServices.join(", ") }),
      "service-without-organisation", { services: uncovered }));
  }
  organisations.forEach((organisation, index) => {
    if (!isObject(organisation)) return;
    const { name, service } = organisation;
    if (typeof service === "string" && knownServices.has(service) && !services.includes(service)) {
      problems.push(problem(["organisations", index, "service"],
        (label) => text("serviceNotChosen", { label, service: serviceName(service) }), "service-not-listed"));
    }
    if (typeof name === "string" && name) problems.push(...nameProblems(name, service, index, data, context));
  });
  return problems;
}

function nameProblems(name, service, index, data, context) {
  const entry = context.register.get(name);
  const path = ["organisations", index];
  if (!entry) {
    if (context.kept.has(name)) return [];
    const suggestions = closestNames(name, context.names, context.matching).slice(0, SHOWN_SUGGESTIONS);
    return [problem([...path, "name"], (label) => text("notOnList", { label, name }),
      "unknown-organisation", { suggestions, typed: name })];
  }
  const problems = [];
  // A service outside the vocabulary is the schema's to report: one mistake, one message.
  if (typeof service === "string" && context.knownServices.has(service) && !entry.services.includes(service)) {
    const registered = entry.services.map(context.serviceName).join(` ${text("or")} `);
    problems.push(problem([...path, "service"], (label) => text("registeredAs", { label, name, services: registered }),
      "organisation-service-mismatch"));
  }
  const outOfTime = nameOutOfTime(entry, day(data.started), day(data.ended));
  if (outOfTime) {
    problems.push(problem([...path, "name"], (label) => text("labelled", { label, problem: outOfTime }), "former-name",
      { suggestions: entry.instead, typed: name }));
  }
  return problems;
}

// The names to offer for a problem, each former name with what the body is called now; a name
// the register lacks may be kept as typed.
export function offersFor(problem, register) {
  const names = problem.suggestions.map((name) => {
    const entry = register.get(name);
    if (!entry || entry.current === name) return { name, note: "" };
    const note = entry.until ? text("itsNameUntil", { date: plainDate(entry.until), current: entry.current })
      : text("itsName", { current: entry.current });
    return { name, note };
  });
  return { names, keep: problem.code === "unknown-organisation" ? problem.typed : "" };
}

// Why a registered name was not in use while the scheme ran, or "" if it was. Partial dates
// count at their widest: a scheme started in 2017 may name a body that ended in March 2017.
export function nameOutOfTime(entry, started, ended) {
  const start = started && dateSpan(started);
  if (!start) return "";
  const until = entry.until && dateSpan(entry.until);
  if (until && until[1] < start[0]) {
    const date = plainDate(entry.until);
    const what = entry.name === entry.current ? text(entry.until.length > 7 ? "endedOn" : "endedIn", { date })
      : text("wasNameOf", { current: entry.current, date });
    return text("beforeStart", { name: entry.name, what, started: plainDate(started) });
  }
  const end = ended && dateSpan(ended);
  const begun = entry.from && dateSpan(entry.from);
  if (begun && end && end[1] < begun[0]) {
    return text("onlyFrom", { name: entry.name, from: plainDate(entry.from), ended: plainDate(ended) });
  }
  return "";
}

// As the validator reads a date field: a real date written as the format says, or nothing.
function day(value) {
  return typeof value === "string" && /^[0-9]{4}(-[0-9]{2}){0,2}$/.test(value) && dateSpan(value) ? value : "";
}

// "2017-03-31" as people write it: "31 March 2017"; "2017-03": "March 2017".
export function plainDate(value) {
  const [year, month, date] = value.split("-");
  return [date && String(Number(date)), month && text(`month${Number(month)}`), year].filter(Boolean).join(" ");
}
