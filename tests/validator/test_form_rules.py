"""The proposal form's rules (propose-rules.js, run in Node) against the Python validator, on the
same inputs: the golden cases, and vectors for slugs, partial dates, organisation names and the
YAML the form writes.

The form checks a record with the published schema and the rules the validator adds to it
(dates, organisations); for each golden case both must find the same rule problems, field by
field, and both or neither a schema problem.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from rapidfuzz import fuzz, utils

from generator.commands.scaffold import slug_for
from generator.content.characters import first_forbidden
from generator.content.load import load_yaml_file, parse_yaml
from generator.content.schema import SLUG_PATTERN
from generator.content.schema_check import check_against_schema, closest_names
from generator.content.taxonomy import load_taxonomy
from generator.content.validate import Library
from generator.render.proposal import proposal_register, proposal_rules

from .conftest import ROOT, TODAY, Project, make_project

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
# The rules the form shares with the validator; the others need the files (slugs, YAML,
# Markdown, other records) or are editors' warnings.
SHARED_CODES = {"bad-date", "future-date", "date-order", "service-without-organisation", "service-not-listed",
                "organisation-service-mismatch", "unknown-organisation", "former-name"}


def in_node(calls: list[dict[str, Any]]) -> list[Any]:
    """Every call run by tests/validator/form_rules.mjs in one Node process."""
    result = subprocess.run(["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(HERE / "form_rules.mjs")],
                            input=json.dumps(calls), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _single_file_cases() -> list[Path]:
    return [path for path in CASES if "record" in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Library]:
    """Every single-file golden case in one project, validated once."""
    project = make_project(tmp_path_factory.mktemp("form-rules"))
    for path in _single_file_cases():
        project.write(f"{path.stem}.yaml", yaml.safe_load(path.read_text(encoding="utf-8"))["record"])
    return project, project.validate()


def _dotted(path: list[str | int]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


# The validator counts a mistyped service as the one its message suggests ('ambulence' as
# ambulance), so one mistake gets one message; the form offers services from the vocabulary only,
# and has no mistyped service to read.
SERVICES_MISTYPED = {"service-without-organisation", "service-not-listed"}


def _mistyped_service(data: dict[str, Any], services: list[str]) -> bool:
    organisations = data.get("organisations") if isinstance(data.get("organisations"), list) else []
    given = [*(data.get("services") if isinstance(data.get("services"), list) else []),
             *(o.get("service") for o in organisations if isinstance(o, dict))]
    return any(isinstance(value, str) and value not in services for value in given)


def _python_rules(library: Library, name: str, data: dict[str, Any]) -> set[tuple[str, str]]:
    """The shared-rule problems as (code, field); a service without an organisation is named by
    the service, as the form names it."""
    rules = set()
    for problem in library.problems:
        if not problem.path.endswith(f"/{name}"):
            continue
        if problem.code == "service-without-organisation":
            index = int(problem.field.removeprefix("services[").removesuffix("]"))
            rules.add((problem.code, data["services"][index]))
        elif problem.code in SHARED_CODES:
            rules.add((problem.code, problem.field))
    return rules


def _node_findings(found: list[dict[str, Any]]) -> tuple[set[tuple[str, str]], bool]:
    # The two schema engines pin some problems at different places (a list or its item, a
    # field or its record): what must agree is that there is one.
    rules, schema = set(), False
    for problem in found:
        if problem["code"] == "service-without-organisation":
            rules |= {(problem["code"], service) for service in problem["services"]}
        elif problem["code"]:
            rules.add((problem["code"], _dotted(problem["path"])))
        else:
            schema = True
    return rules, schema


def test_golden_cases_find_the_same_problems_in_the_form_and_the_validator(golden: tuple[Project, Library]) -> None:
    project, library = golden
    assert library.taxonomy is not None
    rules = proposal_rules()
    context = {"dateFields": rules["dateFields"], "today": TODAY.isoformat(), "matching": rules["nameMatching"],
               "register": proposal_register(library.taxonomy)}
    compared, calls = [], []
    for path in _single_file_cases():
        doc, read = load_yaml_file(project.folder / f"{path.stem}.yaml", path.name)
        if doc is None or not isinstance(doc.data, dict):
            continue  # not a record at all: the form always gives one
        # The schema types the scalars as the validator reads them (`title: 1.10` is the text
        # "1.10", as the form would give it) and says whether it finds a problem. Characters no
        # text may hold and figures too large are the schema's in the browser, the loader's here.
        schema_problems = bool(check_against_schema(doc, library.schema)) or \
            any(p.code in ("invisible-character", "number-too-large") for p in read)
        compared.append((path.stem, doc.data, schema_problems))
        calls.append({"run": "check", "data": doc.data, "schema": library.schema, "context": context})
    differences = {}
    for (name, data, schema_problems), found in zip(compared, in_node(calls), strict=True):
        python, node = (_python_rules(library, f"{name}.yaml", data), schema_problems), _node_findings(found)
        if _mistyped_service(data, library.schema["properties"]["services"]["items"]["enum"]):
            python, node = (({rule for rule in rules if rule[0] not in SERVICES_MISTYPED}, schema)
                            for rules, schema in (python, node))
        if python != node:
            differences[name] = {"python": python, "node": node}
    assert len(compared) > 80
    assert differences == {}


TITLES = ["Kent single police and fire control room", "Café #1: Penzance “phase 2” NO", "Ōtautahi — fire & ambulance",
          "A", "!!", "Tri-service   safety officers", "x" * 200, ("Joint estates " * 10).strip(), "ÆØÅ 北京 2024",
          "--Leading and trailing--", "Co-responding (2019–2021)", "Index", "INDEX!"]


@pytest.mark.parametrize("taken", [set(), {"kent-single-police-and-fire-control-room", "a-case-study",
                                           "a-case-study-2", "case-study"}], ids=["none-taken", "some-taken"])
def test_the_form_names_a_file_as_casebook_new_does(taken: set[str]) -> None:
    rules = proposal_rules()
    node = in_node([{"run": "slug", "title": title, "taken": sorted(taken), "maxSlug": rules["maxSlug"],
                      "names": SLUG_PATTERN}
                    for title in TITLES])
    assert node == [slug_for(title, taken) for title in TITLES]
    assert node[1] == "cafe-1-penzance-phase-2-no" and len(node[6]) == rules["maxSlug"] - 3


DATES = ["2024", "2024-02", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-13", "2024-00",
         "2024-04-31", "0000", "0001-01-01", "2026-11-24", "2026-11-25", "2026-11", "2026-12", "2027", "9999-12-31",
         "2024-1", "24-01", "2024-02-30", "2030-01\n", "2024-02\n", "２０２４"]


def test_the_form_reads_partial_dates_as_the_validator_does(project: Project, base_record: str) -> None:
    for number, value in enumerate(DATES):
        started = f"started: {json.dumps(value)}"
        project.write(f"date-{number:02d}.yaml", base_record.replace('started: "2012-03"', started))
    found = {(p.path, p.code) for p in project.problems() if p.field == "started"}
    python = [next((code for code in ("bad-date", "future-date") if (f"content/case-studies/date-{n:02d}.yaml", code)
                    in found), None) for n in range(len(DATES))]
    node = [result["code"] for result in in_node([{"run": "date", "value": value, "today": TODAY.isoformat()}
                                                  for value in DATES])]
    assert node == python
    assert python[:4] == [None, None, None, "bad-date"] and python[14] == "future-date"


TEXTS = ["Fire & ambulance: Penzance “phase 2” (café #1)", "NO", "yes", "1.10", "2024-05-01", "null", "~", "- a list?",
         "[not, a, list]", "{a: b}", "'single' and \"double\"", "a\u2028b", "a\x85b", "\ufeffbom", "tab\there",
         "back\\slash", "% percent", "@at", "`tick`", "*star", "&anchor", "!tag", "|pipe", ">fold", "emoji 🚒"]
MARKDOWN = ["Line one\n\n- Stations: Penzance, St Just\n- Crews: on-call # not whole-time\n\nyes: \"quoted\" 'text'",
            "  indented first line\nsecond", "ends with a colon:\nnext: line", "control \x07 character\nline",
            "a\u2028separator\nline", "tabs\n\tindented"]


def test_the_file_the_form_writes_reads_back_as_given() -> None:
    # Text holding a character no text may hold never reaches the writer: the schema refuses it
    # in the form as the loader does here (the golden cases above show both sides agree).
    texts = [text for text in TEXTS if not first_forbidden(text)]
    markdown = [text for text in MARKDOWN if not first_forbidden(text)]
    assert len(texts) < len(TEXTS) and len(markdown) < len(MARKDOWN)
    data = {"title": texts[0], "areas": texts, "context": markdown[0],
            "outcomes": [{"text": text, "value": 312} for text in texts[:3]] + [{"text": "Half", "value": 2.5}],
            "evidence": {"level": "internal-review", "summary": markdown[1]},
            "lessons": [{"theme": "culture-and-identity", "text": text} for text in markdown]}
    header = proposal_rules()["schemaComment"]
    text, = in_node([{"run": "yaml", "data": data, "header": header}])
    doc, problems = parse_yaml(text, "proposal.yaml")
    assert problems == []
    # Text of several lines is written as a block (`|`), which YAML reads with a final line
    # break; the form's answers are trimmed, so that break is the only difference.
    assert _without_final_breaks(doc.data) == data
    assert text.splitlines()[0] == header == "# yaml-language-server: $schema=../../schema/case-study.schema.json"
    assert "context: |\n  Line one\n\n  - Stations" in text


def _without_final_breaks(value: Any) -> Any:
    if isinstance(value, str):
        return value.removesuffix("\n")
    if isinstance(value, list):
        return [_without_final_breaks(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_final_breaks(item) for key, item in value.items()}
    return value


NAMES = yaml.safe_load((HERE / "organisation-names.yaml").read_text(encoding="utf-8"))


def test_the_form_suggests_the_organisation_names_the_validator_suggests() -> None:
    typed = [case["typed"] for case in NAMES["cases"]]
    expected = [case["suggested"] for case in NAMES["cases"]]
    node, = in_node([{"run": "names", "typed": typed, "options": NAMES["register"],
                      "matching": proposal_rules()["nameMatching"]}])
    assert [closest_names(value, NAMES["register"]) for value in typed] == expected
    assert node == expected


def _misspellings(name: str) -> list[str]:
    """What people make of a registered name: other cases, '&' for 'and', words left out or
    swapped, a letter dropped, doubled or accented, punctuation left out."""
    words = name.split()
    middle = len(name) // 2
    return [name.lower(), name.upper(), name.replace(" and ", " & "), name.replace("&", "and"),
            " ".join(words[:-1]), " ".join(words[1:]), " ".join(words[1:2] + words[:1] + words[2:]),
            name[:middle] + name[middle + 1:], name[:middle] + name[middle] + name[middle:],
            name.replace("e", "é", 1), "".join(c for c in name if c.isalnum() or c == " "), f"The {name} team"]


@pytest.fixture(scope="module")
def register() -> list[str]:
    taxonomy, problems = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None, problems
    return list(taxonomy.organisations_by_name)


def test_every_misspelt_registered_name_gets_the_same_suggestions_in_the_form(register: list[str]) -> None:
    typed = sorted({variant for name in register for variant in _misspellings(name)})
    node, = in_node([{"run": "names", "typed": typed, "options": register,
                      "matching": proposal_rules()["nameMatching"]}])
    python = [closest_names(value, register) for value in typed]
    differences = {value: (p, n) for value, p, n in zip(typed, python, node, strict=True) if p != n}
    assert differences == {}
    assert len(typed) > 1500 and sum(bool(names) for names in python) > len(typed) // 2


def test_the_form_scores_names_as_rapidfuzz_does(register: list[str]) -> None:
    # Scores of processed names, as closest_names compares them, to the last digit.
    processed = [utils.default_process(name) for name in register]
    pairs = [[a, b] for a in processed[::7] for b in processed[::5]] + [["", ""], ["", "police"], ["a b", "b a"]]
    node, = in_node([{"run": "scores", "pairs": pairs}])
    python = [score for a, b in pairs for score in (fuzz.token_sort_ratio(a, b), fuzz.token_set_ratio(a, b))]
    assert [score for scores in node for score in scores] == python
