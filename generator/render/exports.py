"""Open data: each record as JSON, the whole library as JSON and CSV, an Atom feed, the schema."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import partial
from typing import Any
from xml.etree import ElementTree

from ..catalogue import Catalogue
from ..facets import FACETS
from ..model import CaseStudy
from . import urls
from .pages import OutputFile

FEED_SIZE = 50
LIST_SEPARATOR = "; "
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CSV_COLUMNS = ("slug", "title", "summary", "services", "regions", "areas", "collaboration_types", "status",
               "result", "governance", "started", "ended", "organisations", "evidence_level", "evidence_summary",
               "evidence_url", "outcomes", "lessons", "sources", "last_reviewed", "url")


# Characters XML 1.0 cannot hold, not even as character references (its `Char` production).
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A cell a spreadsheet would run as a formula (OWASP, CSV injection), unless it is a plain number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def xml_text(text: str) -> str:
    """`text` as XML can carry it: characters it cannot hold become U+FFFD, visibly."""
    return _NOT_XML.sub("\ufffd", text)


def csv_cell(text: str) -> str:
    """`text` safe to open in a spreadsheet: a leading quote stops it being read as a formula."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _labelled(ids: tuple[str, ...], terms: dict) -> list[dict[str, str]]:
    return [{"id": term_id, "name": terms[term_id].name} for term_id in ids]


def record_data(record: CaseStudy, catalogue: Catalogue, site_url: str,
                linker: urls.Linker = urls.Linker()) -> dict[str, Any]:
    """A record normalised for reuse: every field, vocabulary ids with their labels, its web address."""
    t = catalogue.taxonomy
    data = record.to_record()
    data.pop("draft", None)
    data["url"] = site_url + linker.site_path(urls.record_page(record.slug))
    for facet in FACETS:
        terms = catalogue.terms(facet)
        labelled = [{"id": term_id, "name": terms[term_id].name} for term_id in facet.values(record)]
        if facet.multiple:
            data[facet.key] = labelled
        elif labelled:
            data[facet.key] = labelled[0]
    data["evidence"]["level_name"] = t.evidence_levels[record.evidence.level].name
    for key in ("lessons", "barriers", "enablers"):
        for note in data.get(key, []):
            note["theme_name"] = t.themes[note["theme"]].name
    data["related"] = [other.slug for other in catalogue.related(record)]
    return data


def _json(value: Any) -> str:
    # Compact: Python's fast C encoder is only used without indentation, and files are smaller.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_row(record: CaseStudy, site_url: str, linker: urls.Linker = urls.Linker()) -> dict[str, str]:
    join = LIST_SEPARATOR.join
    return {
        "slug": record.slug, "title": record.title, "summary": record.summary,
        "services": join(record.services), "regions": join(record.regions), "areas": join(record.areas),
        "collaboration_types": join(record.collaboration_types), "status": record.status,
        "result": record.result, "governance": record.governance or "", "started": record.started,
        "ended": record.ended or "", "organisations": join(o.name for o in record.organisations),
        "evidence_level": record.evidence.level, "evidence_summary": record.evidence.summary or "",
        "evidence_url": record.evidence.url or "", "outcomes": join(o.text for o in record.outcomes),
        "lessons": join(n.text for n in record.lessons), "sources": join(s.url for s in record.sources),
        "last_reviewed": record.last_reviewed,
        "url": site_url + linker.site_path(urls.record_page(record.slug)),
    }


def library_csv(catalogue: Catalogue, site_url: str, linker: urls.Linker = urls.Linker()) -> str:
    buffer = io.StringIO()
    # Every cell quoted (OWASP): a spreadsheet that splits on "; " still sees one cell.
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for record in sorted(catalogue.records, key=lambda r: r.slug):
        writer.writerow({column: csv_cell(value) for column, value in csv_row(record, site_url, linker).items()})
    return buffer.getvalue()


def atom_feed(catalogue: Catalogue, site_url: str, title: str, linker: urls.Linker = urls.Linker()) -> str:
    """The records most recently reviewed (or started), newest first; ids stay stable across builds."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)
    records = sorted(catalogue.records, key=lambda r: (r.last_reviewed, r.started, r.slug), reverse=True)[:FEED_SIZE]
    feed = ElementTree.Element(f"{{{atom}}}feed")

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
        # Every text and attribute of the feed passes here.
        element = ElementTree.SubElement(parent, f"{{{atom}}}{tag}",
                                         {name: xml_text(value) for name, value in attributes.items()})
        element.text = None if text is None else xml_text(text)
        return element

    add(feed, "title", title)
    add(feed, "id", site_url + urls.FEED)
    add(feed, "link", href=site_url + urls.FEED, rel="self")
    add(feed, "link", href=site_url)
    add(feed, "updated", f"{records[0].last_reviewed}T00:00:00Z" if records else "1970-01-01T00:00:00Z")
    add(add(feed, "author"), "name", title)
    for record in records:
        entry = add(feed, "entry")
        link = site_url + linker.site_path(urls.record_page(record.slug))
        add(entry, "title", record.title)
        add(entry, "id", link)
        add(entry, "link", href=link)
        add(entry, "updated", f"{record.last_reviewed}T00:00:00Z")
        add(entry, "summary", record.summary)
        for service in record.services:
            add(entry, "category", term=service, label=catalogue.taxonomy.services[service].name)
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def all_exports(catalogue: Catalogue, schema: dict[str, Any], site_url: str, title: str,
                linker: urls.Linker = urls.Linker()) -> list[OutputFile]:
    """Every data file; record addresses follow the site's URL style (`linker`)."""
    # Each record's JSON is also an item of the library's JSON: made once, used twice.
    record_json: dict[str, str] = {}

    def one(record: CaseStudy) -> str:
        if record.slug not in record_json:
            record_json[record.slug] = _json(record_data(record, catalogue, site_url, linker))
        return record_json[record.slug]

    def library() -> str:
        head = _json({"title": title, "licence": LICENCE, "licence_url": LICENCE_URL,
                      "schema": site_url + urls.SCHEMA, "case_studies": []})
        items = ",".join(one(record).rstrip("\n") for record in sorted(catalogue.records, key=lambda r: r.slug))
        record_json.clear()
        return head.removesuffix("]}\n") + items + "]}\n"

    files = [OutputFile(urls.record_json(record.slug), partial(one, record)) for record in catalogue.records]
    files += [
        OutputFile(urls.LIBRARY_JSON, library),
        OutputFile(urls.LIBRARY_CSV, partial(library_csv, catalogue, site_url, linker)),
        OutputFile(urls.FEED, partial(atom_feed, catalogue, site_url, title, linker)),
        OutputFile(urls.SCHEMA, partial(_json, schema)),
    ]
    return files
