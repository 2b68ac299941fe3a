"""Open data from a real build: the files parse back to the records, the feed is valid Atom,
and the published schema is the one that validates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from support import make_project, record, run_build

from generator.content.schema import case_study_schema
from generator.content.validate import validate_library
from generator.render.exports import CSV_COLUMNS, LIST_SEPARATOR

ATOM = "{http://www.w3.org/2005/Atom}"
RECORDS = {
    f"scheme-{n:02d}": record(title=f"Scheme number {n}, with \"quotes\" & commas",
                              summary=f"Summary {n}: police and fire; shared; a list-like text, with commas.",
                              last_reviewed=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}",
                              areas=["Kent", "Medway"] if n % 2 else ["Kent"])
    for n in range(1, 56)
}
RECORDS["scheme-draft"] = record(title="A draft scheme", draft=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("exports"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def published() -> dict[str, dict]:
    return {slug: data for slug, data in RECORDS.items() if not data.get("draft")}


def test_json_export_round_trips_every_record(built: tuple[Path, Path]) -> None:
    _, site = built
    data = json.loads((site / "data/case-studies.json").read_text(encoding="utf-8"))
    assert data["licence"] == "Open Government Licence v3.0"
    by_slug = {item["slug"]: item for item in data["case_studies"]}
    assert set(by_slug) == set(published())
    for slug, source in published().items():
        item = by_slug[slug]
        assert item["title"] == source["title"] and item["summary"] == source["summary"]
        assert [s["id"] for s in item["services"]] == source["services"]
        assert item["lessons"][0]["text"] == source["lessons"][0]["text"]
        assert item["lessons"][0]["theme_name"] == "Culture and identity"
        assert item == json.loads((site / f"case-studies/{slug}.json").read_text(encoding="utf-8"))


def test_csv_export_round_trips_every_record(built: tuple[Path, Path]) -> None:
    _, site = built
    text = (site / "data/case-studies.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["slug"] for row in rows] == sorted(published())
    for row in rows:
        source = published()[row["slug"]]
        assert row["title"] == source["title"]
        assert row["areas"].split(LIST_SEPARATOR) == source["areas"]
        assert row["organisations"].split(LIST_SEPARATOR) == [o["name"] for o in source["organisations"]]
        assert row["url"].endswith(f"case-studies/{row['slug']}/")


def test_feed_is_atom_with_the_50_most_recently_reviewed(built: tuple[Path, Path]) -> None:
    _, site = built
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    newest = sorted(published().items(), key=lambda kv: (kv[1]["last_reviewed"], kv[1]["started"], kv[0]),
                    reverse=True)[:50]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [data["title"] for _, data in newest]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 50 and all(i.startswith("http://127.0.0.1:8000/case-studies/") for i in ids)
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    for entry in entries:
        dt.datetime.strptime(entry.findtext(f"{ATOM}updated"), "%Y-%m-%dT%H:%M:%SZ")


def test_feed_ids_are_stable_across_builds(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = built
    again = tmp_path / "again"
    assert run_build(project, again).returncode == 0
    assert (again / "feed.xml").read_bytes() == (site / "feed.xml").read_bytes()


def test_published_schema_is_the_one_that_validates(built: tuple[Path, Path]) -> None:
    project, site = built
    library = validate_library(project)
    assert library.taxonomy is not None
    published_schema = json.loads((site / "schema/case-study.schema.json").read_text(encoding="utf-8"))
    assert published_schema == library.schema == case_study_schema(library.taxonomy)


def test_drafts_are_in_no_export(built: tuple[Path, Path]) -> None:
    _, site = built
    for name in ("data/case-studies.json", "data/case-studies.csv", "feed.xml"):
        assert "scheme-draft" not in (site / name).read_text(encoding="utf-8")
    assert not (site / "case-studies/scheme-draft.json").exists()
