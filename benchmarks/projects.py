"""The two sites a benchmark builds: a Casebook project with synthetic records, and a plain
MkDocs + Material project whose hand-written pages hold the same text.

    .venv/bin/python -m benchmarks.projects /tmp/library --count 1000
writes a Casebook project with 1,000 synthetic records, to try things by hand.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.content.taxonomy import Taxonomy, load_taxonomy

from .synthetic import Vocabulary, stand_in_register, synthetic_records

ROOT = Path(__file__).resolve().parent.parent
REGISTER = Path("content/taxonomy/organisations.yaml")
# The configuration of the same project built in English alone (`other_languages: false`): the
# baseline of the two-language build, and the Casebook side of the comparison with plain MkDocs,
# which has one language.
ENGLISH_ONLY = "mkdocs.en.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` values do not matter here."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def _dump(data: Any) -> str:
    # The C dumper: the pure-Python one takes seconds for a few thousand records.
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)


def casebook_project(folder: Path) -> Path:
    """A copy of the real configuration, theme, pages and taxonomy, without records."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    _write_english_only(folder)
    shutil.copytree(ROOT / "site_theme", folder / "site_theme")
    shutil.copytree(ROOT / "content" / "pages", folder / "content" / "pages")
    if (ROOT / "content" / "pages-cy").is_dir():
        shutil.copytree(ROOT / "content" / "pages-cy", folder / "content" / "pages-cy")
    shutil.copytree(ROOT / "content" / "taxonomy", folder / "content" / "taxonomy")
    (folder / "content" / "case-studies").mkdir()
    if not (folder / REGISTER).exists():
        _write_stand_in_register(folder)
    return folder


def _write_english_only(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    english = config.replace("\n  - casebook\n", "\n  - casebook:\n      other_languages: false\n")
    if english == config:
        raise SystemExit("mkdocs.yml no longer lists the casebook plugin as `  - casebook`: "
                         "update benchmarks/projects.py")
    (project / ENGLISH_ONLY).write_text(english, encoding="utf-8")


def _write_stand_in_register(project: Path) -> None:
    taxonomy = project / "content" / "taxonomy"
    services = yaml.safe_load((taxonomy / "services.yaml").read_text(encoding="utf-8"))
    regions = yaml.safe_load((taxonomy / "regions.yaml").read_text(encoding="utf-8"))
    register = stand_in_register({s["id"]: s["name"] for s in services}, [r["id"] for r in regions])
    (project / REGISTER).write_text(_dump(register), encoding="utf-8")


def load_project_taxonomy(project: Path) -> Taxonomy:
    taxonomy, problems = load_taxonomy(project / "content" / "taxonomy")
    if taxonomy is None:
        raise SystemExit("The taxonomy does not load, so no records can be generated:\n"
                         + "\n".join(problem.text() for problem in problems))
    return taxonomy


def record_path(project: Path, slug: str) -> Path:
    return project / "content" / "case-studies" / f"{slug}.yaml"


def write_record(project: Path, slug: str, record: dict[str, Any]) -> None:
    record_path(project, slug).write_text(_dump(record), encoding="utf-8")


def write_records(project: Path, records: dict[str, dict[str, Any]]) -> None:
    for slug, record in records.items():
        write_record(project, slug, record)


def plain_project(folder: Path, records: dict[str, dict[str, Any]], taxonomy: Taxonomy) -> Path:
    """Plain MkDocs + Material: Casebook's nav, theme and settings without the plugin, and one
    hand-written page per record, kept out of the nav as Casebook keeps its record pages."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    # Material's own header and search box: Casebook's replace them with its own search.
    shutil.copytree(ROOT / "site_theme", folder / "site_theme",
                    ignore=lambda _, names: [name for name in names if name in CASEBOOK_SEARCH])
    docs = folder / "content" / "pages"
    shutil.copytree(ROOT / "content" / "pages", docs)
    # Casebook generates some nav targets; the plain site gets a short hand-written page for each.
    for target in nav_targets(ROOT / "mkdocs.yml"):
        page = docs / target
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {page.parent.name.replace('-', ' ').capitalize()}\n\nA hand-written overview.\n",
                            encoding="utf-8")
    for slug, record in records.items():
        write_plain_page(folder, slug, record, taxonomy)
    return folder


def nav_targets(config: Path) -> list[str]:
    """Every page the nav of an mkdocs.yml points at."""
    def walk(items: Any) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, list):
            return [target for item in items for target in walk(item)]
        if isinstance(items, dict):
            return [target for item in items.values() for target in walk(item)]
        return []

    return walk(yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader).get("nav", []))


# The theme overrides of Casebook's header search, left out of the plain site's copy.
CASEBOOK_SEARCH = {"header.html", "search.html"}


def plain_config(casebook_config: str) -> str:
    """Casebook's mkdocs.yml with Material's search plugin in place of Casebook's, and record pages
    declared as not in the nav.

    The file uses `!ENV` tags, so it is edited as text rather than loaded and dumped."""
    plugin = "\n  - casebook\n"
    if plugin not in casebook_config:
        raise SystemExit("mkdocs.yml no longer lists the casebook plugin as '  - casebook': update "
                         "benchmarks/projects.py:plain_config")
    # Without a repo_url (benchmarks set none) Casebook drops edit_uri; plain MkDocs would
    # instead log a warning for every page.
    config = re.sub(r"^edit_uri:.*\n", "", casebook_config.replace(plugin, "\n  - search\n"), flags=re.MULTILINE)
    return config + "\nnot_in_nav: |\n  /case-studies/*.md\n"


def plain_page_path(project: Path, slug: str) -> Path:
    return project / "content" / "pages" / "case-studies" / f"{slug}.md"


def write_plain_page(project: Path, slug: str, record: dict[str, Any], taxonomy: Taxonomy) -> None:
    plain_page_path(project, slug).write_text(plain_page(record, taxonomy), encoding="utf-8")


def _names(ids: list[str], terms: dict[str, Any]) -> str:
    return ", ".join(terms[term_id].name for term_id in ids)


def _facts(record: dict[str, Any], t: Taxonomy) -> list[str]:
    dates = f"{record['started']} to {record['ended']}" if "ended" in record else f"since {record['started']}"
    facts = [f"Services: {_names(record['services'], t.services)}",
             f"Regions: {_names(record['regions'], t.regions)}",
             f"Areas: {', '.join(record.get('areas', []))}",
             f"Type: {_names(record['collaboration_types'], t.collaboration_types)}",
             f"Status: {t.statuses[record['status']].name}, {dates}",
             f"Result: {t.results[record['result']].name}",
             f"Evidence: {t.evidence_levels[record['evidence']['level']].name}",
             "Organisations: " + ", ".join(f"{o['name']} ({t.services[o['service']].name})"
                                           for o in record["organisations"])]
    if "governance" in record:
        facts.append(f"Governance: {t.governance_forms[record['governance']].name}")
    return facts


def _outcome(outcome: dict[str, Any]) -> str:
    figure = f"{outcome['value']} {outcome.get('unit', '')}".rstrip() + ": " if "value" in outcome else ""
    return f"- {figure}{outcome['text']}"


def _lessons(record: dict[str, Any], t: Taxonomy) -> list[str]:
    lines = []
    for theme in dict.fromkeys(lesson["theme"] for lesson in record["lessons"]):
        lines += [f"### {t.themes[theme].name}", ""]
        lines += [f"- {lesson['text']}" for lesson in record["lessons"] if lesson["theme"] == theme]
        lines.append("")
    return lines


def _source(source: dict[str, Any]) -> str:
    details = ", ".join(source[key] for key in ("publisher", "date") if key in source)
    return f"1. [{source['title']}]({source['url']})" + (f" {details}" if details else "")


def plain_page(record: dict[str, Any], taxonomy: Taxonomy) -> str:
    """The record's text as a person would write it by hand in Markdown."""
    lines = [f"# {record['title']}", "", record["summary"], "", "## At a glance", ""]
    lines += [f"- {fact}" for fact in _facts(record, taxonomy)]
    lines += ["", "## Context", "", record["context"], "", "## What was done", "", record["description"], ""]
    if record.get("outcomes"):
        lines += ["## Outcomes", "", *map(_outcome, record["outcomes"]), ""]
    lines += ["## Lessons", "", *_lessons(record, taxonomy), "## Sources", "", *map(_source, record["sources"])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a Casebook project with synthetic records.")
    parser.add_argument("folder", type=Path, help="a new or empty folder")
    parser.add_argument("--count", type=int, default=1000, help="how many records")
    args = parser.parse_args(argv)
    project = casebook_project(args.folder)
    taxonomy = load_project_taxonomy(project)
    write_records(project, synthetic_records(args.count, Vocabulary.from_taxonomy(taxonomy)))


if __name__ == "__main__":
    main()
