"""Generated pages: each is Markdown with front matter, its body built from templates in
`site_theme/casebook/`. Record text only ever reaches the page through autoescaped HTML or the
safe Markdown renderer, never through MkDocs' own Markdown (which allows raw HTML).
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import gapmap
from ..catalogue import DEFAULT_SORT, Catalogue
from ..content.claims import end_is_planned, review_overdue
from ..content.model import CaseStudy
from ..content.schema import case_study_schema, partial_date
from ..content.validate import BrokenRecord
from ..facets import BY_KEY, ORGANISATION, SORTS, Facet
from ..i18n.environment import install
from ..i18n.formats import Formats
from ..i18n.languages import SOURCE, Language
from ..i18n.localise import in_language, language_of
from . import charts, urls
from .cards import Card
from .citation import Citation
from .digest import digest_pages
from .frontmatter import front_matter
from .pagination import CARDS_PER_PAGE, paginate
from .preview import Preview
from .proposal import organisation_names, proposal_rules, schema_words
from .reference import FIELD_COLUMNS, field_rows, inline_code, problem_reference
from .results import clip, first_page
from .script_text import messages_element
from .tables import TABLES, guard
from .text import messages_on_one_line, one_line, preformatted, render_markdown


@dataclass(frozen=True)
class RenderOptions:
    directory_urls: bool = True
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/
    repo_url: str | None = None
    include_drafts: bool = False
    site_url: str = ""  # the published address, ending in "/" (see render.site_address)
    site_name: str = "Casebook"
    # The day the site is taken to be built, for "may be out of date" notices. None: the newest
    # last_reviewed in the library, so the same content always gives the same pages; builds
    # pass SOURCE_DATE_EPOCH's day when it is set (see build_date_from_environment).
    build_date: dt.date | None = None
    # Where and how soon proposals are answered (Settings.proposals_to, proposals_reply_within).
    proposals_to: str = ""
    proposals_reply_within: str = ""
    # The language of the pages: their interface strings, dates and figures, and the records'
    # and terms' text in it where there is some (i18n.localise).
    language: Language = SOURCE


def build_date_from_environment(environ: Mapping[str, str]) -> dt.date | None:
    """The day SOURCE_DATE_EPOCH names (the reproducible-builds convention), if it is set."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else None


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


def template_environment(templates: Path, formats: Formats | None = None,
                         translations: gettext.NullTranslations | None = None) -> jinja2.Environment:
    """The templates' environment in one language: `formats` writes its dates and figures and
    `translations` (from i18n.catalogues) its messages; by default the source language's."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=one_line)
    translations = translations or gettext.NullTranslations()
    install(env, formats or Formats(SOURCE, translations), translations)
    messages_on_one_line(env)
    env.filters.update(markdown=render_markdown, field_rows=partial(field_rows, translate=translations.gettext),
                       inline_code=inline_code, preformatted=preformatted)
    env.globals["field_columns"] = FIELD_COLUMNS
    env.globals["problem_reference"] = problem_reference
    return env


class PageRenderer:
    """Renders every generated page of a catalogue, in one language: `translations` (from
    i18n.catalogues.load_translations) give its interface text; by default the source language's."""

    def __init__(self, catalogue: Catalogue, templates: Path, options: RenderOptions,
                 schema: dict[str, Any] | None = None, preview: Preview | None = None,
                 translations: gettext.NullTranslations | None = None) -> None:
        """`catalogue` as loaded; the pages show it in `options.language`, with `translations`
        (from i18n.catalogues) for their strings. Data exports use `source`, as loaded."""
        self.source = catalogue
        self.catalogue = in_language(catalogue, options.language)
        self.schema = schema or {}
        self.preview = preview or Preview()
        self._cards: dict[tuple[str, int, str, bool], Markup] = {}
        self.options = options
        self.language = options.language
        self.translations = translations or gettext.NullTranslations()
        self.formats = Formats(self.language, self.translations)
        self.gettext = self.translations.gettext
        # The schema's words as the pages show them (the proposal form's hints and choices, the
        # field reference): in the pages' language, with the terms as it names them. Exports
        # publish `schema` itself, in English.
        self.schema_shown = (case_study_schema(self.catalogue.taxonomy, self.gettext)
                             if schema and self.language != SOURCE else self.schema)
        self.env = template_environment(templates, self.formats, self.translations)
        self.env.globals["script_messages"] = partial(messages_element, translations=self.translations,
                                                      language=self.language)
        self.linker = urls.Linker(options.directory_urls)
        newest = partial_date(catalogue.last_reviewed) if catalogue.last_reviewed else None
        self.build_date = options.build_date or (newest[0] if newest else dt.date(1970, 1, 1))

    def _context(self, src: str) -> dict[str, Any]:
        """What every template sees: the catalogue, helpers, and links relative to page `src`."""
        depth = self.linker.depth(src)

        def url(target: str, fragment: str = "") -> str:
            return self.linker.href(src, target, fragment)

        def card(record: CaseStudy | None, heading: str = "h2", clipped: bool = False) -> Markup:
            """A record's card (`clipped`: its summary as the Find page's cards show it), or
            with None the blank card find.js fills."""
            return self._card(record, depth, heading, url, clipped)

        def facet_url(key: str, term_id: str | None = None) -> str:
            return url(urls.facet_page(BY_KEY[key], term_id))

        def find_url(view: str | None = None, **filters: str) -> str:
            """The Find page with these terms ticked, in a view: find_url(services="fire", regions="wales")."""
            chosen = ((BY_KEY[key], term_id) for key, term_id in filters.items())
            return url(urls.FIND_PAGE) + urls.find_query(chosen, view)

        return {"catalogue": self.catalogue, "taxonomy": self.catalogue.taxonomy, "urls": urls, "url": url,
                "card": card, "facet_url": facet_url, "find_url": find_url, "charts": charts,
                "default_sort": DEFAULT_SORT, "options": self.options, "schema": self.schema_shown,
                "proposal_rules": proposal_rules,
                "schema_words": partial(schema_words, self.schema, self.schema_shown),
                "organisation_names": partial(organisation_names, self.source.taxonomy, self.catalogue.taxonomy),
                "tables": TABLES, "csv_guard": partial(guard, self.gettext)}

    def _card(self, record: CaseStudy | None, depth: int, heading: str, url: Callable[..., str],
              clipped: bool) -> Markup:
        # A record appears in about ten listings; its card is the same on pages of equal depth.
        key = (record.slug if record else "", depth, heading, clipped)
        if key not in self._cards:
            card = Card.of(record, self.catalogue.taxonomy, url(urls.record_page(record.slug)),
                           clip(record.summary) if clipped else record.summary,
                           self.formats.span(record.started, record.ended)) if record else Card()
            html = self.env.get_template("card.html").render(card=card, heading=heading, facets=BY_KEY)
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

    def _title_lang(self, title: str) -> dict[str, str]:
        """The `lang` of a title in another language than the page's (an English record or body
        on a Welsh page), for the theme's heading; nothing otherwise."""
        language = language_of(title, self.options.language.code)
        return {"lang": language} if language != self.options.language.code else {}

    def _edit_url(self, path: str) -> str | None:
        return f"{self.options.edit_base}{path}" if self.options.edit_base else None

    def record(self, record: CaseStudy) -> OutputFile:
        edit = self._edit_url(record.path)
        citation = Citation.of(record, self.options.site_name, self.options.site_url, self.linker)
        meta = {"title": record.title, "description": record.summary,
                "casebook": {"kind": "record", "slug": record.slug, "draft": record.draft,
                             "updated": record.last_reviewed, "citation": citation.highwire(),
                             "edit_url": edit} | self._title_lang(record.title)}
        return self._render("record.md", urls.record_page(record.slug), meta, record=record, edit_url=edit,
                            citation=citation,
                            source=record.path,
                            later=lambda: {"related": self.catalogue.related(record),
                                           "related_problems": self.preview.about(record.path, "related")},
                            out_of_date=review_overdue(record.last_reviewed, self.build_date),
                            built=self.build_date.isoformat(),
                            planned_end=end_is_planned(self.catalogue.taxonomy, record.status))

    def broken_pages(self) -> list[OutputFile]:
        """In the preview, a page of problems at the address of each record that cannot be shown."""
        return [self._broken(broken) for broken in self.preview.broken]

    def _broken(self, broken: BrokenRecord) -> OutputFile:
        edit = self._edit_url(broken.path)
        meta = {"title": broken.title or broken.slug, "description": f"{broken.path} has errors.",
                "casebook": {"kind": "broken", "slug": broken.slug, "edit_url": edit}}
        return self._render("broken.md", urls.record_page(broken.slug), meta, source=broken.path, broken=broken,
                            problems=self.preview.about(broken.path), edit_url=edit)

    def listing(self, src: str, title: str, intro: str, records: list[CaseStudy], feed: str | None = None,
                **extra: Any) -> list[OutputFile]:
        """A list of case studies, as pages of CARDS_PER_PAGE; `feed` is the Atom feed that follows it."""
        about = {"kind": "listing"} | ({"feed": feed} if feed else {}) | self._title_lang(title)
        return [self._render("listing.md", page.src,
                             {"title": page.title(title, self.gettext), "description": intro,
                              "casebook": about},
                             title=title, intro=intro, pager=page, feed=feed, **extra)
                for page in paginate(src, records, CARDS_PER_PAGE)]

    def facet_pages(self, facet: Facet) -> list[OutputFile]:
        """The overview of a facet with a URL folder, and a listing for each of its terms."""
        counts = self.catalogue.counts(facet)
        label = {"facet": self.gettext(facet.label)}
        overview_meta = {"title": self.gettext("By %(facet)s") % label,
                         "casebook": {"kind": "overview"},
                         "description": self.gettext("Case studies grouped by %(facet)s, with how many there are of "
                                                     "each.") % label}
        pages = [self._render("overview.md", urls.facet_page(facet), overview_meta, facet=facet,
                              counts=counts)]
        for term in self.catalogue.terms(facet).values():
            records = self.catalogue.with_term(facet, term.id)
            pages += self.listing(urls.facet_page(facet, term.id), term.name,
                                  term.text or self.gettext("Case studies in %(name)s.") % {"name": term.name}, records,
                                  urls.term_feed(str(facet.folder), term.id), facet=facet, term=term)
        return pages

    def organisation_pages(self) -> list[OutputFile]:
        organisations = self.catalogue.organisations()
        register = self.catalogue.taxonomy.organisations
        pages = [self._render("organisations.md", urls.section_page("organisations"),
                              {"title": self.gettext("Organisations"),
                               "casebook": {"kind": "overview"},
                               "description": self.gettext("Every organisation named in a case study, with its case "
                                                           "studies.")},
                              organisations=organisations, register=register)]
        for organisation_id, records in organisations.items():
            term = register[organisation_id]
            pages += self.listing(urls.organisation_page(organisation_id), term.name,
                                  self.gettext("Case studies that %(name)s took part in.") % {"name": term.name},
                                  records,
                                  organisation=term, facet=ORGANISATION, term=term)
        return pages

    def lessons(self, service: str | None = None) -> list[OutputFile]:
        """The lessons digest, for every service or only for case studies involving one, as pages
        of NOTES_PER_PAGE."""
        name = self.catalogue.taxonomy.services[service].name if service else None
        if name:
            title = self.gettext("Lessons learned: %(service)s") % {"service": name}
            description = self.gettext("Every lesson, barrier and enabler from case studies involving %(service)s, "
                                       "grouped by theme.") % {"service": name}
        else:
            title = self.gettext("Lessons learned")
            description = self.gettext("Every lesson, barrier and enabler from every case study, grouped by theme.")
        src = urls.term_page("lessons", service) if service else urls.section_page("lessons")
        return [self._render("lessons.md", page.pager.src,
                             {"title": page.pager.title(title, self.gettext),
                              "casebook": {"kind": "lessons"},
                              "description": description},
                             service=service, digest=page)
                for page in digest_pages(src, self.catalogue.notes_by_theme(service))]

    def insights(self) -> OutputFile:
        meta = {"title": self.gettext("The evidence base"), "casebook": {"kind": "insights"},
                "description": self.gettext("Where the evidence is and where it is missing: case studies by region, "
                                            "service, year, type and strength of evidence.")}
        return self._render("insights.md", urls.section_page("evidence-base"), meta)

    def gap_map(self) -> OutputFile:
        """The evidence and gap map, on a page of its own under the evidence base."""
        meta = {"title": self.gettext("Evidence and gap map"), "casebook": {"kind": "gap-map"},
                # A column per outcome domain: the map needs the whole width of the page.
                "hide": ["navigation", "toc"],
                "description": self.gettext("Which kinds of collaboration have evidence about which outcomes, how "
                                            "strong the strongest evidence is, and where there is none.")}
        return self._render("gap-map.md", urls.GAP_MAP, meta, later=lambda: {"gap": gapmap.gap_map(self.catalogue)})

    def find(self) -> OutputFile:
        """The faceted finder: its first results as cards, filtered and drawn again by find.js."""
        catalogue = self.catalogue
        labels = ", ".join(self.gettext(facet.label) for facet in catalogue.facets)
        # The results need the width that Material's table of contents would take.
        meta = {"title": self.gettext("Find case studies"), "casebook": {"kind": "find"},
                "hide": ["toc"],
                "description": self.gettext("Filter every case study by %(facets)s, strength of evidence and "
                                            "year.") % {"facets": labels}}
        ranks = Counter(catalogue.taxonomy.evidence_rank(r.evidence.level) for r in catalogue.records)
        # How many case studies reach each level, as the minimum-evidence choice shows.
        at_least = {level: sum(n for rank, n in ranks.items() if rank >= at)
                    for at, level in enumerate(catalogue.taxonomy.evidence_levels)}
        return self._render("find.md", urls.FIND_PAGE, meta, sorts=SORTS, first=first_page(catalogue),
                            evidence_counts=at_least)

    def search(self) -> OutputFile:
        """The header search's results page: every result for `?q=`, reachable without the box."""
        meta = {"title": self.gettext("Search"), "casebook": {"kind": "search"},
                "description": self.gettext("Search the text of every case study, organisation and page.")}
        return self._render("search.md", urls.SEARCH_PAGE, meta)

    def section(self, name: str, src: str) -> str:
        """A generated block appended to a hand-written page (`casebook_section:` in its front matter)."""
        return self.env.get_template(f"section-{name}.md").render(**self._context(src))

    def all_pages(self) -> list[OutputFile]:
        catalogue = self.catalogue
        pages = self.listing(urls.section_page("case-studies"), self.gettext("All case studies"),
                             self.gettext("Every case study in the library."), catalogue.records, urls.FEED)
        pages += [self.record(record) for record in catalogue.records]
        for facet in catalogue.listed_facets:
            pages += self.facet_pages(facet)
        pages += self.organisation_pages()
        pages += self.lessons()
        for service in catalogue.taxonomy.services:
            pages += self.lessons(service)
        pages.append(self.insights())
        pages.append(self.gap_map())
        pages.append(self.find())
        pages.append(self.search())
        return pages
