"""The Frictionless data package that describes every table (Data Package v1, Table Schema)."""

from __future__ import annotations

import posixpath
from typing import Any

from . import urls
from .tables import TABLES, Table, guard

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# The id SPDX gives the licence, which Frictionless and data portals recognise.
LICENCE_ID = "OGL-UK-3.0"


def _field(column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.english}
    if column.required:
        field["constraints"] = {"required": True}
    return field


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(column) for column in table.columns],
                              "primaryKey": list(table.primary_key), "missingValues": [""]}
    keys = [{"fields": column.name, "reference": {"resource": "case-studies", "fields": "id"}}
            for column in table.columns if column.case_study]
    if keys:
        schema["foreignKeys"] = keys
    # A resource's path is relative to the package file.
    path = posixpath.relpath(table.path, posixpath.dirname(urls.DATA_PACKAGE))
    return {"name": table.name, "title": table.title, "description": table.description, "path": path,
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema}


def data_package(title: str, site_url: str) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "casebook",
        "title": title,
        "description": "Case studies of collaboration between UK emergency services, as tidy tables: one row "
                       "per case study in case-studies.csv, and a table per list, each row keyed by the case "
                       "study's id. " + guard(),
        "homepage": site_url,
        "licenses": [{"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE}],
        "resources": [_resource(table) for table in TABLES],
    }
