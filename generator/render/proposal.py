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


def taken_names(catalogue: Catalogue) -> str:
    """The names the form must not give a new case study's file, as JSON (urls.PROPOSAL_TAKEN)."""
    return json.dumps([record.slug for record in catalogue.records], separators=(",", ":")) + "\n"


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
