"""The library as tidy tables: one CSV per kind of thing, each row keyed by case-study id.

Every table is defined once here, with its columns, their types and what they mean: the CSV
writer, the Frictionless `datapackage.json` and the data page all read these definitions.
Lists are rows of their own table (with a position), never text joined in a cell, so any text
can hold any character and still splits back.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy, Note, Outcome
from ..content.schema import OUTCOME_UNITS
from ..facets import WRITTEN
from ..i18n.marks import N_
from . import urls

# A cell a spreadsheet would run as a formula (OWASP, CSV injection), unless it is a plain number.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_SHOWN = {"\t": N_("a tab"), "\r": N_("a carriage return")}
# Translators: %(starts)s lists the characters, as in "=, +, -, @, a tab, a carriage return".
_GUARD = N_("Text cells that start with %(starts)s (unless they are a plain number such as -5) start with an "
            "apostrophe (') that is not part of the text, so a spreadsheet does not run them as formulas (OWASP, "
            "CSV injection). Number cells are written as numbers, unquoted and unchanged. The JSON export holds "
            "the text exactly as written.")


def guard(translate: Callable[[str], str] = N_) -> str:
    """What the CSV files do to text a spreadsheet would run as a formula, in the language
    `translate` gives: English in the data package, the page's language on the data page."""
    starts = ", ".join(translate(_SHOWN[c]) if c in _SHOWN else c for c in FORMULA_START)
    return translate(_GUARD) % {"starts": starts}


def csv_cell(text: str) -> str:
    """`text` safe to open in a spreadsheet: a leading quote stops it being read as a formula."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


@dataclass(frozen=True)
class Column:
    """A column: its name, Frictionless type, what it means, and whether every row has a value.

    The description is a message (N_), with `values` for its placeholders (ids, the same in every
    language): the data package gives it in English, the data page in the page's language
    (`_(column.description, **column.values)`)."""

    name: str
    type: str
    description: str
    required: bool = False
    case_study: bool = False  # it holds a case study's id (a foreign key)
    values: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def english(self) -> str:
        """The description in English, its placeholders filled."""
        return self.description % self.values if self.values else self.description


@dataclass(frozen=True)
class RowContext:
    catalogue: Catalogue
    site_url: str
    linker: urls.Linker


Rows = Callable[[CaseStudy, RowContext], Iterator[tuple[Any, ...]]]


@dataclass(frozen=True)
class Table:
    """A table: its file name (`data/<name>.csv`), title, meaning (a message, N_), columns, key,
    and how a case study becomes its rows (in column order)."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Rows

    @property
    def path(self) -> str:
        return urls.table(self.name)


CASE_STUDY_ID = Column("case_study_id", "string",
                       N_("The case study's lasting id (the id column of case-studies.csv)."), True, True)
POSITION = Column("position", "integer", N_("Its place in the case study's list, from 1."), True)


def _listed(items: Callable[[CaseStudy], tuple[Any, ...]],
            cells: Callable[[Any, RowContext], tuple[Any, ...]]) -> Rows:
    """Rows for the items of one list in a record: the record's id, the position, then the item's cells."""
    def rows(record: CaseStudy, context: RowContext) -> Iterator[tuple[Any, ...]]:
        for position, item in enumerate(items(record), 1):
            yield (record.key, position, *cells(item, context))
    return rows


def _case_study_row(record: CaseStudy, context: RowContext) -> Iterator[tuple[Any, ...]]:
    t, evidence, contact = context.catalogue.taxonomy, record.evidence, record.contact
    yield (record.key, record.slug, record.title, record.summary, record.status, t.statuses[record.status].name,
           record.result, t.results[record.result].name, record.governance, record.started, record.ended,
           evidence.level, t.evidence_levels[evidence.level].name, evidence.summary, evidence.url, evidence.by,
           evidence.caveats, contact and contact.organisation, contact and contact.role, contact and contact.email,
           contact and contact.url, record.published, record.last_reviewed,
           context.site_url + context.linker.site_path(urls.record_page(record.slug)))


def _term_rows(record: CaseStudy, context: RowContext) -> Iterator[tuple[Any, ...]]:
    for facet in WRITTEN:
        if facet.multiple:
            terms = context.catalogue.terms(facet)
            for term_id in facet.values(record, context.catalogue.taxonomy):
                yield record.key, facet.key, term_id, terms[term_id].name


def _related_rows(record: CaseStudy, context: RowContext) -> Iterator[tuple[Any, ...]]:
    for position, other in enumerate(context.catalogue.related(record), 1):
        yield record.key, position, other.key


def _outcome_cells(outcome: Outcome, context: RowContext) -> tuple[Any, ...]:
    domain = context.catalogue.taxonomy.outcome_domains[outcome.domain].name if outcome.domain else None
    return outcome.text, outcome.value, outcome.unit, outcome.domain, domain


def _note_table(name: str, description: str) -> Table:
    def cells(note: Note, context: RowContext) -> tuple[Any, ...]:
        return note.theme, context.catalogue.taxonomy.themes[note.theme].name, note.text

    return Table(name, name.capitalize(), description,
                 (CASE_STUDY_ID, POSITION, Column("theme", "string", N_("The lesson theme's id."), True),
                  Column("theme_name", "string", N_("The lesson theme's label."), True),
                  Column("text", "string", N_("The text, as written."), True)),
                 ("case_study_id", "position"), _listed(lambda record: getattr(record, name), cells))


def _text(name: str, description: str, required: bool = False, **values: str) -> Column:
    return Column(name, "string", description, required, values=values)


TABLES: tuple[Table, ...] = (
    Table("case-studies", "Case studies", N_("One row per case study; its lists are in the other tables."), (
        _text("id", N_("Its lasting id: the first name it had, kept across renames. Every other table refers to "
                       "it."), True),
        _text("slug", N_("Its file name now, which its address uses."), True),
        _text("title", N_("Its title."), True), _text("summary", N_("One or two sentences."), True),
        _text("status", N_("The stage it has reached (id)."), True),
        _text("status_name", N_("The status's label."), True),
        _text("result", N_("Whether it worked, as far as the evidence shows (id)."), True),
        _text("result_name", N_("The result's label."), True),
        _text("governance", N_("How it is governed (id), if known.")),
        _text("started", N_("When it started: YYYY, YYYY-MM or YYYY-MM-DD."), True),
        _text("ended", N_("When it ended (or a pilot's planned end): YYYY, YYYY-MM or YYYY-MM-DD.")),
        _text("evidence_level", N_("How strong the evidence is (id)."), True),
        _text("evidence_level_name", N_("The evidence level's label."), True),
        _text("evidence_summary", N_("What the evidence is.")), _text("evidence_url", N_("Where it can be read.")),
        _text("evidence_by", N_("Who evaluated it.")),
        _text("evidence_caveats", N_("The limits of the evidence (Markdown).")),
        _text("contact_organisation", N_("Who to contact.")), _text("contact_role", N_("A role to contact.")),
        _text("contact_email", N_("A shared mailbox.")), _text("contact_url", N_("A web page about it.")),
        Column("published", "date", N_("When it was added to the library (its review date when that is not "
                                       "recorded)."), True),
        Column("last_reviewed", "date", N_("When an editor last checked it against its sources."), True),
        _text("url", N_("Its page on the site."), True),
    ), ("id",), _case_study_row),
    Table("terms", "Services, regions and collaboration types", N_("Each service, region and collaboration type "
                                                                   "a case study names, one row each."), (
              CASE_STUDY_ID,
              _text("facet", N_("Which list: %(lists)s."), True,
                    lists=", ".join(f.key for f in WRITTEN if f.multiple)),
              _text("term_id", N_("The term's id."), True), _text("term_name", N_("The term's label."), True)),
          ("case_study_id", "facet", "term_id"), _term_rows),
    Table("areas", "Areas", N_("Local places a case study covers, one row each."),
          (CASE_STUDY_ID, POSITION, _text("area", N_("A place name."), True)), ("case_study_id", "position"),
          _listed(lambda record: record.areas, lambda area, context: (area,))),
    Table("organisations", "Organisations", N_("The organisations involved, one row each."),
          (CASE_STUDY_ID, POSITION, _text("name", N_("The organisation's name as the case study gives it."), True),
           _text("service", N_("The service it belongs to (id)."), True),
           _text("register_id", N_("Its id in the organisation register, if it is registered."))),
          ("case_study_id", "position"),
          _listed(lambda record: record.organisations, lambda ref, context: (
              ref.name, ref.service, _register_id(ref.name, context)))),
    Table("outcomes", "Outcomes", N_("What was measured or achieved, one row each; figures as the source gives "
                                     "them."),
          (CASE_STUDY_ID, POSITION, _text("text", N_("What was measured or achieved."), True),
           Column("value", "number", N_("The figure, if there is one.")),
           _text("unit", N_("Its unit: %(units)s."), units=", ".join(OUTCOME_UNITS)),
           _text("domain", N_("What it measures: an outcome domain's id, if given.")),
           _text("domain_name", N_("The outcome domain's label."))),
          ("case_study_id", "position"), _listed(lambda record: record.outcomes, _outcome_cells)),
    _note_table("lessons", N_("What was learned, one row each, under a lesson theme.")),
    _note_table("barriers", N_("What got in the way, and how it was handled, one row each, under a lesson theme.")),
    _note_table("enablers", N_("What made it work, one row each, under a lesson theme.")),
    Table("sources", "Sources", N_("The public documents a case study is written from, one row each."),
          (CASE_STUDY_ID, POSITION, _text("title", N_("The document's title."), True),
           _text("url", N_("Its address."), True), _text("publisher", N_("Who published it.")),
           _text("date", N_("When: YYYY, YYYY-MM or YYYY-MM-DD.")),
           _text("archived_url", N_("A web-archive copy.")), _text("doi", N_("Its DOI."))),
          ("case_study_id", "position"),
          _listed(lambda record: record.sources, lambda source, context: (
              source.title, source.url, source.publisher, source.date, source.archived_url, source.doi))),
    Table("funding", "Funding", N_("Where the money came from, one row each."),
          (CASE_STUDY_ID, POSITION, _text("source", N_("Who paid."), True),
           Column("amount_gbp", "number", N_("The amount in pounds, if known."))),
          ("case_study_id", "position"),
          _listed(lambda record: record.funding, lambda funding, context: (funding.source, funding.amount_gbp))),
    Table("related", "Related case studies", N_("Case studies to read alongside each one: its own choice, then "
                                                "the most similar."),
          (CASE_STUDY_ID, POSITION,
           Column("related_id", "string", N_("The other case study's lasting id."), True, True)),
          ("case_study_id", "position"), _related_rows),
)


def _register_id(name: str, context: RowContext) -> str | None:
    term = context.catalogue.taxonomy.organisations_by_name.get(name)
    return term.id if term else None


def _cell(value: Any) -> Any:
    # Text is guarded; numbers stay numbers (written unquoted); a missing value is an empty cell.
    return csv_cell(value) if isinstance(value, str) else value


def table_csv(table: Table, catalogue: Catalogue, site_url: str, linker: urls.Linker = urls.DIRECTORY_LINKS) -> str:
    """The table as CSV: UTF-8, a header row, text quoted, numbers not, rows by case-study id."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([column.name for column in table.columns])
    context = RowContext(catalogue, site_url, linker)
    for record in sorted(catalogue.records, key=lambda r: r.key):
        writer.writerows([_cell(value) for value in row] for row in table.rows(record, context))
    return buffer.getvalue()
