"""Generated pages: each is Markdown with front matter, its body built from templates in
`site_theme/casebook/`. Record text only ever reaches the page through autoescaped HTML or the
safe Markdown renderer, never through MkDocs' own Markdown (which allows raw HTML).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..catalogue import DEFAULT_SORT, Catalogue, Facet
from ..content.model import CaseStudy
from . import charts, urls
from .reference import field_reference
from .text import format_date, format_figure, format_money, markdown_heading, render_markdown

# Listings repeat what record pages say; searching them would bury each record under the pages
# that list it, and they are most of the search index's size.
NOT_SEARCHED = {"search": {"exclude": True}}


@dataclass(frozen=True)
class RenderOptions:
    directory_urls: bool = True
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/
    repo_url: str | None = None
    include_drafts: bool = False


@dataclass(frozen=True)
class OutputFile:
    """A generated file: `path` is where it sits in the site's source tree.

    The content is made when asked for, not when the file is listed: a build then holds one
    page's text at a time instead of every page's (over 200 MB at 5,000 records)."""

    path: str
    make: Callable[[], str | bytes] = field(repr=False, compare=False)
    source: str | None = None  # repository path of the record it was made from

    @property
    def content(self) -> str | bytes:
        return self.make()


def template_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(markdown=render_markdown, date=format_date, figure=format_figure, money=format_money,
                       heading=markdown_heading, field_reference=field_reference)
    return env


_ESCAPED = ("title", "description")


def front_matter(meta: dict[str, Any]) -> str:
    # MkDocs' templates do not autoescape, so text that reaches <title> and <meta> is escaped here.
    # Values are written as JSON, which is valid YAML, quotes every string and is quick to write.
    lines = [f"{key}: {json.dumps(html.escape(value, quote=True) if key in _ESCAPED else value, ensure_ascii=False)}"
             for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


class PageRenderer:
    """Renders every generated page of a catalogue."""

    def __init__(self, catalogue: Catalogue, templates: Path, options: RenderOptions,
                 schema: dict[str, Any] | None = None) -> None:
        self.catalogue = catalogue
        self.schema = schema or {}
        self._cards: dict[tuple[str, int, str], Markup] = {}
        self.options = options
        self.env = template_environment(templates)
        self.linker = urls.Linker(options.directory_urls)

    def _context(self, src: str) -> dict[str, Any]:
        """What every template sees: the catalogue, helpers, and links relative to page `src`."""
        depth = self.linker.depth(src)

        def url(target: str, fragment: str = "") -> str:
            return self.linker.href(src, target, fragment)

        def card(record: CaseStudy, heading: str = "h2") -> Markup:
            return self._card(record, depth, heading, url)

        return {"catalogue": self.catalogue, "taxonomy": self.catalogue.taxonomy, "urls": urls, "url": url,
                "card": card, "charts": charts, "default_sort": DEFAULT_SORT, "options": self.options,
                "schema": self.schema}

    def _card(self, record: CaseStudy, depth: int, heading: str, url: Callable[..., str]) -> Markup:
        # A record appears in about ten listings; its card is the same on pages of equal depth.
        key = (record.slug, depth, heading)
        if key not in self._cards:
            html = self.env.get_template("card.html").render(
                record=record, heading=heading, url=url, urls=urls, taxonomy=self.catalogue.taxonomy)
            self._cards[key] = Markup(html.strip())
        return self._cards[key]

    def _render(self, template: str, src: str, meta: dict[str, Any], *, source: str | None = None,
                later: Callable[[], dict[str, Any]] = dict, **context: Any) -> OutputFile:
        """A page from `template`; `later` gives the parts of its context worth working out
        only when the page is made."""
        def make() -> str:
            body = self.env.get_template(template).render(**self._context(src), **context, **later())
            return front_matter(meta) + body

        return OutputFile(src, make, source)

    def record(self, record: CaseStudy) -> OutputFile:
        edit = f"{self.options.edit_base}{record.path}" if self.options.edit_base else None
        meta = {"title": record.title, "description": record.summary,
                "casebook": {"kind": "record", "slug": record.slug, "draft": record.draft,
                             "updated": record.last_reviewed, "edit_url": edit}}
        return self._render("record.md", urls.record_page(record.slug), meta, record=record, edit_url=edit,
                            source=record.path, later=lambda: {"related": self.catalogue.related(record)})

    def listing(self, src: str, title: str, intro: str, records: list[CaseStudy], **extra: Any) -> OutputFile:
        meta = {"title": title, "description": intro, "casebook": {"kind": "listing"}, **NOT_SEARCHED}
        return self._render("listing.md", src, meta, title=title, intro=intro, records=records, **extra)

    def facet_pages(self, facet: Facet) -> list[OutputFile]:
        counts = self.catalogue.counts(facet)
        overview_meta = {"title": f"By {facet.label}", "casebook": {"kind": "overview"}, **NOT_SEARCHED,
                         "description": f"Case studies grouped by {facet.label}, with how many there are of each."}
        pages = [self._render("overview.md", urls.section_page(facet.folder), overview_meta, facet=facet,
                              counts=counts)]
        for term in facet.terms.values():
            records = self.catalogue.with_term(facet, term.id)
            pages.append(self.listing(urls.term_page(facet.folder, term.id), term.name,
                                      term.text or f"Case studies in {term.name}.", records, facet=facet, term=term))
        return pages

    def organisation_pages(self) -> list[OutputFile]:
        organisations = self.catalogue.organisations()
        register = self.catalogue.taxonomy.organisations
        pages = [self._render("organisations.md", urls.section_page("organisations"),
                              {"title": "Organisations", "casebook": {"kind": "overview"}, **NOT_SEARCHED,
                               "description": "Every organisation named in a case study, with its case studies."},
                              organisations=organisations, register=register)]
        for organisation_id, records in organisations.items():
            term = register[organisation_id]
            pages.append(self.listing(urls.organisation_page(organisation_id), term.name,
                                      f"Case studies that {term.name} took part in.", records, organisation=term))
        return pages

    def lessons(self, service: str | None = None) -> OutputFile:
        """The lessons digest, for every service or only for case studies involving one."""
        name = self.catalogue.taxonomy.services[service].name if service else None
        meta = {"title": f"Lessons learned: {name}" if name else "Lessons learned", "casebook": {"kind": "lessons"},
                **NOT_SEARCHED,
                "description": "Every lesson, barrier and enabler from "
                               + (f"case studies involving {name}" if name else "every case study")
                               + ", grouped by theme."}
        src = urls.term_page("lessons", service) if service else urls.section_page("lessons")
        return self._render("lessons.md", src, meta, service=service,
                            later=lambda: {"by_theme": self.catalogue.notes_by_theme(service)})

    def insights(self) -> OutputFile:
        meta = {"title": "The evidence base", "casebook": {"kind": "insights"}, **NOT_SEARCHED,
                "description": "Where the evidence is and where it is missing: case studies by region, service, "
                               "year, type and strength of evidence."}
        return self._render("insights.md", urls.section_page("evidence-base"), meta)

    def find(self) -> OutputFile:
        """The faceted finder: the full list as plain links, enhanced by find.js."""
        t = self.catalogue.taxonomy
        facets = [("service", "Service", t.services), ("region", "Region", t.regions),
                  ("type", "Type of collaboration", t.collaboration_types), ("status", "Status", t.statuses),
                  ("result", "Result", t.results), ("governance", "Governance", t.governance_forms)]
        meta = {"title": "Find case studies", "casebook": {"kind": "find"}, **NOT_SEARCHED,
                "description": "Filter every case study by service, region, type, status, result, evidence and year."}
        return self._render("find.md", urls.section_page("find"), meta,
                            facets=[(key, label, list(terms.values())) for key, label, terms in facets])

    def section(self, name: str, src: str) -> str:
        """A generated block appended to a hand-written page (`casebook_section:` in its front matter)."""
        return self.env.get_template(f"section-{name}.md").render(**self._context(src))

    def all_pages(self) -> list[OutputFile]:
        catalogue = self.catalogue
        pages = [self.listing(urls.section_page("case-studies"), "All case studies",
                              "Every case study in the library.", catalogue.records)]
        pages += [self.record(record) for record in catalogue.records]
        for facet in catalogue.facets:
            pages += self.facet_pages(facet)
        pages += self.organisation_pages()
        pages.append(self.lessons())
        pages += [self.lessons(service) for service in catalogue.taxonomy.services]
        pages.append(self.insights())
        pages.append(self.find())
        return pages
