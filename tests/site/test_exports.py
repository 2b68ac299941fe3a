"""Open data from a real build, checked by tools nobody here wrote: check-jsonschema for the JSON
exports and the citation file, frictionless for the tables, feedparser and an XML parser for
the feeds, bibtexparser and rispy for the citations."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import feedparser
import pytest
import rispy
from support import make_project, record, run_build

from generator.content.schema import case_study_schema
from generator.content.validate import validate_library
from generator.render import urls
from generator.render.tables import TABLES

ATOM = "{http://www.w3.org/2005/Atom}"
BIN = Path(sys.executable).parent
SITE_URL = "http://127.0.0.1:8000/"
LESSON = "Agree data sharing first; then the rota; then, and only then, the building."
RECORDS = {
    f"scheme-{n:02d}": record(title=f"Scheme number {n}, with \"quotes\" & commas",
                              summary=f"Summary {n}: police and fire; shared; a list-like text, with commas.",
                              last_reviewed=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}",
                              areas=["Kent", "Medway"] if n % 2 else ["Kent"],
                              lessons=[{"theme": "culture-and-identity", "text": LESSON},
                                       {"theme": "governance-and-leadership",
                                        "text": f"Lesson {n}; with a semicolon."}])
    for n in range(1, 56)
}
RECORDS["scheme-01"] |= {"added": "2025-03-04", "formerly": ["old-scheme-one"],
                         "title": "Braces {like} 100% & $5 #1 under_score ^ ~ back\\slash",
                         "outcomes": [{"text": "Minutes saved", "value": 12.5, "unit": "minutes",
                                       "domain": "response-times"},
                                      {"text": "=1+2 looks like a formula"}]}
RECORDS["scheme-02"] |= {"related": ["old-scheme-one"]}
RECORDS["scheme-draft"] = record(title="A draft scheme", draft=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("exports"), RECORDS)
    result = run_build(project, env={"CASEBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return project, project / "site"


def published() -> dict[str, dict]:
    return {slug: data for slug, data in RECORDS.items() if not data.get("draft")}


def run_tool(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=300)


def local(site: Path, address: str) -> Path:
    """The built file a published address names."""
    assert address.startswith(SITE_URL), address
    return site / address.removeprefix(SITE_URL)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# JSON exports and their schemas

def test_every_json_export_follows_the_schema_it_names(built: tuple[Path, Path]) -> None:
    _, site = built
    exports = [site / urls.LIBRARY_JSON, *sorted((site / "case-studies").glob("*.json"))]
    by_schema: dict[Path, list[Path]] = {}
    for export in exports:
        by_schema.setdefault(local(site, read_json(export)["$schema"]), []).append(export)
    assert set(by_schema) == {site / urls.LIBRARY_JSON_SCHEMA, site / urls.RECORD_JSON_SCHEMA}
    for schema, files in by_schema.items():
        result = run_tool(BIN / "check-jsonschema", "--schemafile", schema, *files)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout


def test_export_schemas_pass_their_metaschema_and_reject_the_old_shape(built: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    _, site = built
    schemas = [site / urls.LIBRARY_JSON_SCHEMA, site / urls.RECORD_JSON_SCHEMA]
    assert run_tool(BIN / "check-jsonschema", "--check-metaschema", *schemas).returncode == 0
    # Vocabulary values as plain strings (the shape the issue found) are refused.
    item = read_json(site / "case-studies/scheme-03.json") | {"services": ["police", "fire"]}
    (tmp_path / "old.json").write_text(json.dumps(item), encoding="utf-8")
    result = run_tool(BIN / "check-jsonschema", "--schemafile", site / urls.RECORD_JSON_SCHEMA, tmp_path / "old.json")
    assert result.returncode == 1 and "services" in result.stdout


def test_json_export_round_trips_every_record(built: tuple[Path, Path]) -> None:
    _, site = built
    data = read_json(site / urls.LIBRARY_JSON)
    assert data["licence"] == "Open Government Licence v3.0"
    by_slug = {item["slug"]: item for item in data["case_studies"]}
    assert set(by_slug) == set(published())
    for slug, source in published().items():
        item = by_slug[slug]
        assert item["title"] == source["title"] and item["summary"] == source["summary"]
        assert [s["id"] for s in item["services"]] == source["services"]
        assert item["lessons"][0]["text"] == source["lessons"][0]["text"]
        assert item["lessons"][0]["theme_name"] == "Culture and identity"
        own = read_json(site / f"case-studies/{slug}.json")
        assert own.pop("$schema") == SITE_URL + urls.RECORD_JSON_SCHEMA
        assert item == own
    assert by_slug["scheme-01"]["id"] == "old-scheme-one" and by_slug["scheme-03"]["id"] == "scheme-03"


def test_published_record_schema_is_the_one_that_validates(built: tuple[Path, Path]) -> None:
    project, site = built
    library = validate_library(project)
    assert library.taxonomy is not None
    published_schema = read_json(site / urls.SCHEMA)
    assert published_schema == library.schema == case_study_schema(library.taxonomy)


# Tidy tables

def table_rows(site: Path, name: str) -> list[dict[str, str]]:
    with (site / urls.table(name)).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_validates_the_data_package(built: tuple[Path, Path]) -> None:
    _, site = built
    result = run_tool(BIN / "frictionless", "validate", "--json", site / urls.DATA_PACKAGE)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:4000]
    assert {task["name"] for task in report["tasks"]} == {table.name for table in TABLES}


def test_data_package_declares_keys_types_and_licence(built: tuple[Path, Path]) -> None:
    _, site = built
    package = read_json(site / urls.DATA_PACKAGE)
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert "apostrophe" in package["description"]
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert resources["case-studies"]["schema"]["primaryKey"] == ["id"]
    lessons = resources["lessons"]["schema"]
    assert lessons["primaryKey"] == ["case_study_id", "position"]
    assert lessons["foreignKeys"] == [{"fields": "case_study_id", "reference": {"resource": "case-studies",
                                                                                "fields": "id"}}]
    types = {field["name"]: field["type"] for field in resources["outcomes"]["schema"]["fields"]}
    assert types["value"] == "number" and types["position"] == "integer"


def test_one_row_per_case_study_and_lists_split_back_exactly(built: tuple[Path, Path]) -> None:
    _, site = built
    studies = table_rows(site, "case-studies")
    assert sorted(row["slug"] for row in studies) == sorted(published())
    by_id = {row["id"]: row["slug"] for row in studies}
    lessons = table_rows(site, "lessons")
    for slug, source in published().items():
        texts = [row["text"] for row in lessons if by_id[row["case_study_id"]] == slug]
        assert texts == [lesson["text"] for lesson in source["lessons"]]
    areas = [row["area"] for row in table_rows(site, "areas") if row["case_study_id"] == "scheme-03"]
    assert areas == ["Kent", "Medway"]
    terms = {(row["facet"], row["term_id"]) for row in table_rows(site, "terms") if row["case_study_id"] == "scheme-03"}
    assert terms == {("services", "police"), ("services", "fire"), ("regions", "south-east"),
                     ("collaboration_types", "joint-control")}


def test_outcome_domains_are_exported_with_their_labels(built: tuple[Path, Path]) -> None:
    _, site = built
    outcomes = read_json(site / "case-studies/scheme-01.json")["outcomes"]
    assert outcomes[0]["domain"] == "response-times" and outcomes[0]["domain_name"] == "Response times"
    assert "domain" not in outcomes[1] and "domain_name" not in outcomes[1]
    rows = [row for row in table_rows(site, "outcomes") if row["case_study_id"] == "old-scheme-one"]
    assert [(row["domain"], row["domain_name"]) for row in rows] == [("response-times", "Response times"), ("", "")]


def test_numbers_are_unquoted_and_only_text_is_guarded(built: tuple[Path, Path]) -> None:
    _, site = built
    lines = (site / urls.table("outcomes")).read_text(encoding="utf-8").splitlines()
    assert '"old-scheme-one",1,"Minutes saved",12.5,"minutes","response-times","Response times"' in lines
    assert '"old-scheme-one",2,"\'=1+2 looks like a formula","","","",""' in lines


def test_table_keys_are_the_first_slug(built: tuple[Path, Path]) -> None:
    _, site = built
    row = next(row for row in table_rows(site, "case-studies") if row["slug"] == "scheme-01")
    assert row["id"] == "old-scheme-one" and row["published"] == "2025-03-04"
    related = [row["related_id"] for row in table_rows(site, "related") if row["case_study_id"] == "scheme-02"]
    assert related[0] == "old-scheme-one"


# Feeds

def feeds(site: Path) -> list[Path]:
    return [site / "feed.xml", *sorted(site.glob("feed-*.xml"))]


def test_every_feed_parses_with_absolute_ids_published_and_a_summary(built: tuple[Path, Path]) -> None:
    _, site = built
    paths = feeds(site)
    assert site / urls.term_feed("services", "fire") in paths and site / urls.term_feed("regions", "wales") in paths
    assert site / urls.term_feed("types", "joint-control") in paths
    for path in paths:
        ElementTree.parse(path)  # well-formed XML
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
        assert parsed.feed.id.startswith(SITE_URL)
        for entry in parsed.entries:
            assert entry.id.startswith(SITE_URL + "case-studies/")
            assert entry.published and entry.updated >= entry.published and entry.summary


def test_the_library_feed_has_the_50_most_recently_updated(built: tuple[Path, Path]) -> None:
    _, site = built
    entries = feedparser.parse((site / "feed.xml").read_bytes()).entries
    assert len(entries) == 50
    updated = [entry.updated for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert len({entry.id for entry in entries}) == 50


def test_published_comes_from_added_and_falls_back_to_the_review_date(built: tuple[Path, Path]) -> None:
    _, site = built
    fire = feedparser.parse((site / urls.term_feed("services", "fire")).read_bytes())
    entries = {entry.link: entry for entry in fire.entries}
    first = entries[SITE_URL + "case-studies/scheme-01/"]
    assert first.id == SITE_URL + "case-studies/old-scheme-one/"
    assert first.published == "2025-03-04T00:00:00Z"
    third = entries[SITE_URL + "case-studies/scheme-03/"]
    assert third.published == third.updated == f"{RECORDS['scheme-03']['last_reviewed']}T00:00:00Z"


class Head(HTMLParser):
    """The <link> and <meta> tags of a page, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.meta: list[tuple[str, str]] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta":
            self.meta.append((values.get("name") or values.get("property", ""), values.get("content", "")))
        elif tag == "a" and "href" in values:
            self.anchors.append(values["href"])


def head_of(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def test_each_listing_page_links_its_feed_in_the_head_and_the_body(built: tuple[Path, Path]) -> None:
    _, site = built
    for folder, term in (("services", "fire"), ("regions", "south-east"), ("types", "joint-control")):
        head = head_of(site / folder / term / "index.html")
        feed_href = f"../../{urls.term_feed(folder, term)}"  # relative to the listing page
        alternates = [link["href"] for link in head.links if link.get("type") == "application/atom+xml"]
        assert feed_href in alternates and feed_href in head.anchors
        assert (site / folder / term / feed_href).resolve() == (site / urls.term_feed(folder, term)).resolve()


def test_find_index_carries_each_terms_feed(built: tuple[Path, Path]) -> None:
    _, site = built
    index = read_json(site / urls.FIND_INDEX)
    services = next(facet for facet in index["facets"] if facet["param"] == "service")
    fire = next(term for term in services["terms"] if term[0] == "fire")
    assert fire[3] == "../" + urls.term_feed("services", "fire")
    status = next(facet for facet in index["facets"] if facet["param"] == "status")
    assert all(term[3] is None for term in status["terms"])


# Citations and social cards

def cite_block(site: Path, slug: str, kind: str) -> str:
    text = (site / f"case-studies/{slug}/index.html").read_text(encoding="utf-8")
    match = re.search(rf'<code class="cb-cite__{kind}">(.*?)</code>', text, re.S)
    assert match, kind
    return html.unescape(match.group(1))


def test_bibtex_parses_back_with_corporate_authors_and_the_exact_title(built: tuple[Path, Path]) -> None:
    _, site = built
    library = bibtexparser.parse_string(cite_block(site, "scheme-01", "bibtex"))
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.key == "old-scheme-one" and entry.entry_type == "misc"
    assert entry["author"] == "{Kent Police} and {Kent Fire and Rescue Service}"
    assert entry["title"] == (r"Braces \{like\} 100\% \& \$5 \#1 under\_score \textasciicircum{} "
                              r"\textasciitilde{} back\textbackslash{}slash")
    assert entry["publisher"] == "Casebook" and entry["year"] == "2025"
    assert entry["url"] == SITE_URL + "case-studies/scheme-01/"


def test_ris_parses_back(built: tuple[Path, Path]) -> None:
    _, site = built
    [entry] = rispy.loads(cite_block(site, "scheme-01", "ris"))
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == RECORDS["scheme-01"]["title"]
    assert entry["authors"] == ["Kent Police", "Kent Fire and Rescue Service"]
    assert entry["publisher"] == "Casebook" and entry["year"] == "2025"
    assert entry["urls"] == [SITE_URL + "case-studies/scheme-01/"]


def test_csl_json_names_authors_publisher_and_date(built: tuple[Path, Path]) -> None:
    _, site = built
    [item] = json.loads(cite_block(site, "scheme-01", "csl"))
    assert item["type"] == "webpage" and item["title"] == RECORDS["scheme-01"]["title"]
    assert item["author"] == [{"literal": "Kent Police"}, {"literal": "Kent Fire and Rescue Service"}]
    assert item["publisher"] == "Casebook" and item["issued"] == {"date-parts": [[2025, 3, 4]]}


def test_record_pages_carry_highwire_tags_and_a_social_card(built: tuple[Path, Path]) -> None:
    _, site = built
    meta = head_of(site / "case-studies/scheme-01/index.html").meta
    assert ("citation_title", RECORDS["scheme-01"]["title"]) in meta
    assert [content for name, content in meta if name == "citation_author"] == ["Kent Police",
                                                                                "Kent Fire and Rescue Service"]
    assert ("citation_publication_date", "2025/03/04") in meta and ("citation_publisher", "Casebook") in meta
    assert ("og:image", SITE_URL + urls.SOCIAL_CARD) in meta and ("twitter:card", "summary_large_image") in meta
    card = (site / urls.SOCIAL_CARD).read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n" and card[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
    home = head_of(site / "index.html").meta
    assert ("og:image", SITE_URL + urls.SOCIAL_CARD) in home


def test_dataset_citation_file_follows_the_citation_file_format(built: tuple[Path, Path]) -> None:
    _, site = built
    result = run_tool(BIN / "check-jsonschema", "--builtin-schema", "vendor.citation-file-format",
                      site / urls.CITATION)
    assert result.returncode == 0, result.stdout + result.stderr


# Drafts

def test_drafts_are_in_no_export(built: tuple[Path, Path]) -> None:
    _, site = built
    for path in [site / urls.LIBRARY_JSON, *feeds(site), *(site / "data").glob("*.csv")]:
        assert "scheme-draft" not in path.read_text(encoding="utf-8"), path
    assert not (site / "case-studies/scheme-draft.json").exists()


def test_exports_are_byte_identical_across_builds(built: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = built
    again = tmp_path / "again"
    assert run_build(project, again, env={"CASEBOOK_SITE_URL": SITE_URL}).returncode == 0
    for path in [*feeds(site), *(site / "data").iterdir()]:
        assert (again / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_the_data_page_documents_every_table_and_column(built: tuple[Path, Path]) -> None:
    _, site = built
    page = html.unescape((site / "data/index.html").read_text(encoding="utf-8"))
    for table in TABLES:
        assert f'href="../{table.path}"' in page, table.name
        assert all(f"<code>{column.name}</code>" in page for column in table.columns), table.name
    assert "start with an apostrophe (')" in page
