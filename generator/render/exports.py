"""Open data: each record as JSON, the whole library as JSON and as tidy CSV tables with their
data package, Atom feeds, the schemas, and a citation file for the dataset."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from ..facets import WRITTEN
from . import urls
from .citation import dataset_citation
from .datapackage import LICENCE, LICENCE_URL, data_package
from .dataschema import NOTE_FIELDS, library_json_schema, record_json_schema
from .feeds import feed_files
from .pages import OutputFile
from .redirects import redirect_files
from .tables import TABLES, table_csv


def record_data(record: CaseStudy, catalogue: Catalogue, site_url: str,
                linker: urls.Linker = urls.DIRECTORY_LINKS) -> dict[str, Any]:
    """A record normalised for reuse (the shape `dataschema` describes): every field, vocabulary
    ids with their labels, its lasting id and its web address."""
    t = catalogue.taxonomy
    data = {"id": record.key, **record.to_record()}
    data.pop("draft", None)
    for facet in WRITTEN:
        terms = catalogue.terms(facet)
        labelled = [{"id": term_id, "name": terms[term_id].name} for term_id in facet.values(record)]
        if facet.multiple:
            data[facet.key] = labelled
        elif labelled:
            data[facet.key] = labelled[0]
    data["evidence"]["level_name"] = t.evidence_levels[record.evidence.level].name
    for key in NOTE_FIELDS:
        for note in data.get(key, []):
            note["theme_name"] = t.themes[note["theme"]].name
    for outcome in data.get("outcomes", []):
        if "domain" in outcome:
            outcome["domain_name"] = t.outcome_domains[outcome["domain"]].name
    data["related"] = [other.slug for other in catalogue.related(record)]
    data["url"] = site_url + linker.site_path(urls.record_page(record.slug))
    return data


def json_text(value: Any) -> str:
    # Compact: Python's fast C encoder is only used without indentation, and files are smaller.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _with_schema(item: str, schema_url: str) -> str:
    """A JSON object's text with `$schema` first, without encoding the object again."""
    return '{"$schema":' + json.dumps(schema_url) + "," + item[1:]


def all_exports(catalogue: Catalogue, schema: dict[str, Any], site_url: str, title: str,
                linker: urls.Linker = urls.DIRECTORY_LINKS) -> list[OutputFile]:
    """Every data file; record addresses follow the site's URL style (`linker`)."""
    # Each record's JSON is also an item of the library's JSON: made once, used twice.
    record_json: dict[str, str] = {}

    def item(record: CaseStudy) -> str:
        if record.slug not in record_json:
            record_json[record.slug] = json_text(record_data(record, catalogue, site_url, linker))
        return record_json[record.slug]

    def one(record: CaseStudy) -> str:
        return _with_schema(item(record), site_url + urls.RECORD_JSON_SCHEMA)

    def library() -> str:
        head = json_text({"$schema": site_url + urls.LIBRARY_JSON_SCHEMA, "title": title, "licence": LICENCE,
                          "licence_url": LICENCE_URL, "case_studies": []})
        items = ",".join(item(record).rstrip("\n") for record in sorted(catalogue.records, key=lambda r: r.slug))
        record_json.clear()
        return head.removesuffix("]}\n") + items + "]}\n"

    files = [OutputFile(urls.record_json(record.slug), partial(one, record)) for record in catalogue.records]
    files += [
        OutputFile(urls.LIBRARY_JSON, library),
        OutputFile(urls.LIBRARY_JSON_SCHEMA, lambda: json_text(library_json_schema(schema, site_url))),
        OutputFile(urls.RECORD_JSON_SCHEMA, lambda: json_text(record_json_schema(schema, site_url))),
        *(OutputFile(table.path, partial(table_csv, table, catalogue, site_url, linker)) for table in TABLES),
        OutputFile(urls.DATA_PACKAGE, lambda: json.dumps(data_package(title, site_url), indent=2) + "\n"),
        OutputFile(urls.CITATION, partial(dataset_citation, catalogue, title, site_url)),
        *feed_files(catalogue, site_url, title, linker),
        OutputFile(urls.SCHEMA, partial(json_text, schema)),
    ]
    return files + redirect_files(catalogue, site_url, linker, one)
