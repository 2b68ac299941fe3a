"""The Welsh part of `casebook report`: what awaits a Welsh speaker or a translator. Kept apart
from the rest of the report; `report` lists these findings under the categories below."""

from __future__ import annotations

from pathlib import Path

from ..content.model import CaseStudy
from ..content.taxonomy import ORGANISATIONS, VOCABULARIES, Taxonomy
from ..content.welsh import NEEDS_REVIEW, REVIEW, bound_body, missing_welsh
from ..i18n.catalogues import catalogue_file, progress, read_catalogue
from ..i18n.languages import TRANSLATED

_RECORD = ("case study", "case studies")
# What `report.Category` takes: title, what the list means and what to do, what one finding is,
# and whether findings name case studies.
CATEGORIES: dict[str, tuple[str, str, tuple[str, str], bool]] = {
    "catalogue-review": (
        "Interface messages awaiting a translator's review (fuzzy) or not yet translated",
        "Catalogues with draft or missing translations: a Welsh speaker reviews them in Poedit or Weblate.",
        ("catalogue", "catalogues"), False),
    "term-untranslated": (
        "Vocabulary terms without their Welsh name or text",
        "Terms the Welsh site shows in English: add name_cy (and text_cy) in content/taxonomy/.",
        ("term", "terms"), False),
    "term-review": (
        "Vocabularies whose Welsh awaits a Welsh speaker's review",
        "Welsh names marked review_cy: needed: a Welsh speaker checks them, then removes the mark.",
        ("vocabulary", "vocabularies"), False),
    "record-untranslated": (
        "Case studies of bodies bound by the Welsh Language Standards without Welsh text",
        "Records that need a Welsh version (a cy: block) under the Welsh Language Standards.", _RECORD, True),
    "record-review": (
        "Case studies whose Welsh text awaits a Welsh speaker's review",
        "Welsh versions marked review: needed: a Welsh speaker checks them, then removes the mark.", _RECORD, True),
}

# (category, subject, detail), as `report.Finding` takes them.
Item = tuple[str, str, str]


def findings(taxonomy: Taxonomy, records: list[CaseStudy], locale_dir: Path, shown_locale: str) -> list[Item]:
    return (_catalogue_items(locale_dir, shown_locale) + _term_items(taxonomy)
            + _record_items(taxonomy, sorted(records, key=lambda r: r.slug)))


def _catalogue_items(locale_dir: Path, shown_locale: str) -> list[Item]:
    items = []
    for language in TRANSLATED:
        shown = f"{shown_locale}/{catalogue_file(language)}"
        catalog, problems = read_catalogue(locale_dir / catalogue_file(language), shown, language)
        if catalog is None:
            items.append(("catalogue-review", shown, "cannot be read: run `casebook i18n check`"))
            continue
        counted = progress(catalog)
        if counted.fuzzy or counted.untranslated:
            items.append(("catalogue-review", shown, f"{counted.fuzzy} of {counted.total} messages await review "
                                                     f"(fuzzy), {counted.untranslated} not translated"))
    return items


def _term_items(taxonomy: Taxonomy) -> list[Item]:
    items = []
    for vocabulary in (*VOCABULARIES, ORGANISATIONS):
        terms = getattr(taxonomy, vocabulary.key).values()
        for term in terms:
            missing = missing_welsh(term.attributes, vocabulary.text_field, vocabulary.welsh_if)
            if missing:
                items.append(("term-untranslated", f"{vocabulary.file}: {term.id}", f"no {' or '.join(missing)}"))
        drafts = [term.id for term in terms if term.get(REVIEW) == NEEDS_REVIEW]
        if drafts:
            items.append(("term-review", vocabulary.file, f"{len(drafts)} terms: {', '.join(drafts)}"))
    return items


def _record_items(taxonomy: Taxonomy, records: list[CaseStudy]) -> list[Item]:
    items = []
    for record in records:
        if record.cy is None:
            bound = bound_body(taxonomy, [o.name for o in record.organisations], list(record.regions))
            if bound:
                items.append(("record-untranslated", record.slug, f"{bound[1]} is bound by the Standards"))
        elif record.cy.review == NEEDS_REVIEW:
            items.append(("record-review", record.slug, f"review: {NEEDS_REVIEW} ({record.path})"))
    return items
