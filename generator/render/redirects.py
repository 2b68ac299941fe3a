"""Old addresses of renamed case studies (`formerly:`) lead to the new ones.

mkdocs-redirects does this with a page per old address, but it reads its map from mkdocs.yml
before any record is loaded, and `casebook render` (for other engines) would not have it. So the
core writes the same kind of page itself: a meta refresh, a canonical link and a plain link for
anyone the refresh does not move. A JSON file cannot redirect on a static host, so the record's
JSON is published at its old address too (it names its new `url`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from . import urls
from .pages import OutputFile

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={relative}">
</head>
<body>
<p>This case study has moved to <a href="{relative}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(record: CaseStudy, old: str, site_url: str, linker: urls.Linker) -> str:
    relative = linker.href(urls.record_page(old), urls.record_page(record.slug))
    canonical = site_url + linker.site_path(urls.record_page(record.slug))
    return PAGE.format(title=html.escape(record.title), canonical=html.escape(canonical),
                       relative=html.escape(relative))


def redirect_path(old: str, linker: urls.Linker) -> str:
    """The file a static host serves at the old page's address."""
    path = linker.site_path(urls.record_page(old))
    return path + "index.html" if path.endswith("/") else path


def redirect_files(catalogue: Catalogue, site_url: str, linker: urls.Linker,
                   record_json: Callable[[CaseStudy], str]) -> list[OutputFile]:
    files = []
    for record in catalogue.records:
        for old in record.formerly:
            files.append(OutputFile(redirect_path(old, linker), partial(redirect_page, record, old, site_url, linker)))
            files.append(OutputFile(urls.record_json(old), partial(record_json, record)))
    return files
