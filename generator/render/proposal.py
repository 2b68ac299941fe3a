"""What the proposal form (site_theme/overrides/assets/propose-rules.js) takes from the core,
given on its page: the rules' constants and the organisation register as the validator reads it;
and, in a file of their own, the names case studies already have."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..content.model import MARKDOWN_FIELDS
from ..content.schema import DATE_FIELDS, MAX_SLUG
from ..content.schema_check import COMMON_WORD_SHARE, NAME_SIMILARITY
from ..content.taxonomy import Taxonomy
from . import urls

if TYPE_CHECKING:
    from ..catalogue import Catalogue

# Editors add these when they review a proposal (the Welsh version, `cy`, comes from a
# translator): the form does not ask for them.
NOT_ASKED = ("funding", "contact", "related", "last_reviewed", "added", "formerly", "draft", "cy")
# Required fields among them that the form fills without asking: the day the file is made, which
# the editor changes to the day of their review.
FILLED_TODAY = ("last_reviewed",)


def proposal_rules() -> dict[str, Any]:
    return {"schemaComment": urls.SCHEMA_COMMENT, "maxSlug": MAX_SLUG, "dateFields": list(DATE_FIELDS),
            "nameMatching": {"similarity": NAME_SIMILARITY, "commonShare": COMMON_WORD_SHARE},
            "notAsked": list(NOT_ASKED), "filledToday": list(FILLED_TODAY),
            "markdownFields": ["/".join(path) for path in MARKDOWN_FIELDS]}


# The schema's own words propose-rules.js shows in its messages.
SHOWN_WORDS = ("errorMessage", "patternErrorMessage")


def schema_words(published: Any, shown: Any, pointer: str = "") -> dict[str, dict[str, str]]:
    """The words of `shown` (the schema in the page's language) that the published schema, which
    the form checks answers with, has in another language: by the JSON pointer of the part that
    has them, for the form to say what is wrong in the page's language. Empty on an English page."""
    words: dict[str, dict[str, str]] = {}
    if isinstance(shown, dict):
        differ = {key: shown[key] for key in SHOWN_WORDS if key in shown and shown[key] != published.get(key)}
        if differ:
            words[pointer] = differ
        for key, part in shown.items():
            words |= schema_words(published[key], part, f"{pointer}/{key}")
    elif isinstance(shown, list):
        for index, (english, part) in enumerate(zip(published, shown, strict=True)):
            words |= schema_words(english, part, f"{pointer}/{index}")
    return words


def organisation_names(source: Taxonomy, shown: Taxonomy) -> list[tuple[str, str]]:
    """What the form offers for an organisation's name: each body's registered name, which the
    file gives (the register and the validator know bodies by it), and its name as the page's
    language gives it (`shown`, the taxonomy in that language: i18n.localise)."""
    return [(term.name, shown.organisations[term.id].name) for term in source.organisations.values()]


def taken_names(catalogue: Catalogue) -> str:
    """The names the form must not give a new case study's file, as JSON (urls.PROPOSAL_TAKEN)."""
    return json.dumps([record.slug for record in catalogue.records], separators=(",", ":")) + "\n"


def register_file(taxonomy: Taxonomy) -> str:
    """The register as the form reads it, as JSON (urls.PROPOSAL_REGISTER)."""
    return json.dumps(proposal_register(taxonomy), ensure_ascii=False, separators=(",", ":")) + "\n"


def proposal_register(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Every name the validator accepts, in the order it ranks suggestions from: the services it
    may be listed under, when the name was in use, and what to name instead outside that time."""
    entries = []
    for name, term in taxonomy.organisations_by_name.items():
        used_from, used_until = taxonomy.name_in_use(name)
        instead = taxonomy.successors(term) if name == term.name else [term]
        entries.append({"name": name, "current": term.name, "services": taxonomy.services_of(name),
                        "from": used_from, "until": used_until, "instead": [other.name for other in instead]})
    return entries
