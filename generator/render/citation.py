"""How to cite a case study (a plain reference, BibTeX, RIS, CSL-JSON, Highwire meta tags) and
the dataset (CITATION.cff), all from one reading of the record.

The authors are the record's organisations and the publisher is the site; the date is when the
case study was added to the library. Record text is plain and single-spaced, but every format
is written so that no text can end a field early: BibTeX specials are escaped, RIS and CFF
values are kept to one line, CSL-JSON is JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from . import urls
from .datapackage import LICENCE_ID

# LaTeX's special characters, as BibTeX readers expect them escaped.
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), _one_line(text))


@dataclass(frozen=True)
class Citation:
    """What every format says about one case study."""

    key: str
    title: str
    authors: tuple[str, ...]
    publisher: str
    url: str
    date: str  # YYYY-MM-DD
    abstract: str

    @classmethod
    def of(cls, record: CaseStudy, site_title: str, site_url: str, linker: urls.Linker) -> Citation:
        # Each organisation once, in the record's order.
        authors = tuple(dict.fromkeys(ref.name for ref in record.organisations))
        return cls(record.key, record.title, authors, site_title,
                   site_url + linker.site_path(urls.record_page(record.slug)), record.published, record.summary)

    @property
    def year(self) -> str:
        return self.date[:4]

    def plain(self) -> str:
        names = list(self.authors)
        who = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
        return _one_line(f"{who} ({self.year}) {self.title}. {self.publisher}. {self.url}")

    def bibtex(self) -> str:
        # Double braces: each organisation is one corporate name, not a first and last name.
        authors = " and ".join("{" + _bibtex(name) + "}" for name in self.authors)
        fields = (("author", authors), ("title", _bibtex(self.title)), ("publisher", _bibtex(self.publisher)),
                  ("year", self.year), ("month", str(int(self.date[5:7]))), ("url", self.url),
                  ("abstract", _bibtex(self.abstract)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        lines = [("TY", "ELEC"), ("TI", self.title), *(("AU", name) for name in self.authors),
                 ("PY", self.year), ("DA", self.date.replace("-", "/")), ("PB", self.publisher), ("UR", self.url),
                 ("AB", self.abstract), ("ER", "")]
        return "".join(f"{tag}  - {_one_line(value)}".rstrip() + "\n" for tag, value in lines)

    def csl(self) -> dict[str, Any]:
        return {"id": self.key, "type": "webpage", "title": self.title,
                "author": [{"literal": name} for name in self.authors], "publisher": self.publisher,
                "container-title": self.publisher, "URL": self.url, "abstract": self.abstract,
                "issued": {"date-parts": [[int(part) for part in self.date.split("-")]]}}

    def csl_json(self) -> str:
        # On one line: without indentation Python's C encoder does it (a fifth of the time at
        # 10,000 record pages); the <pre> block wraps it.
        return json.dumps([self.csl()], ensure_ascii=False) + "\n"

    def highwire(self) -> dict[str, Any]:
        """Highwire Press tags, read by Google Scholar and reference managers (meta name: content)."""
        return {"citation_title": self.title, "citation_author": list(self.authors),
                "citation_publication_date": self.date.replace("-", "/"), "citation_publisher": self.publisher,
                "citation_public_url": self.url}


def _cff(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar, on one line.
    return json.dumps(_one_line(value), ensure_ascii=False)


def dataset_citation(catalogue: Catalogue, site_title: str, site_url: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the whole dataset; dated by its newest review."""
    released = catalogue.last_reviewed or "1970-01-01"
    return "\n".join([
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite it as below."',
        "type: dataset",
        f"title: {_cff(site_title + ': case studies of collaboration between UK emergency services')}",
        "authors:",
        f"  - name: {_cff(site_title + ' contributors')}",
        f"url: {_cff(site_url)}",
        f"repository-artifact: {_cff(site_url + urls.LIBRARY_JSON)}",
        f"license: {LICENCE_ID}",
        f"date-released: {_cff(released)}",
        "",
    ])
