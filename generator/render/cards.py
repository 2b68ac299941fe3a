"""What a result card shows, worked out once for the card template (`card.html`).

The same template draws a record's card in listings and on the Find page, and, with a blank
card, the empty card find.js fills for each result: one markup for both, so a card looks the
same whether the server or the browser drew it, and the Find page does not shift when its
script redraws the first results.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import CaseStudy
from ..content.taxonomy import Taxonomy


@dataclass(frozen=True)
class Card:
    """A card's text and tones; the blank card (every field empty) is find.js's template."""

    slug: str = ""
    href: str = ""
    title: str = ""
    draft: bool = False
    summary: str = ""
    services: str = ""
    regions: str = ""
    status: str = ""
    status_tone: str = ""
    dates: str = ""
    result: str = ""
    result_tone: str = ""
    evidence: str = ""
    evidence_tone: str = ""

    @classmethod
    def of(cls, record: CaseStudy, taxonomy: Taxonomy, href: str, summary: str, dates: str) -> Card:
        """`dates`: when the scheme ran, as the page's language writes it."""
        status = taxonomy.statuses[record.status]
        result = taxonomy.results[record.result]
        evidence = taxonomy.evidence_levels[record.evidence.level]
        return cls(slug=record.slug, href=href, title=record.title, draft=record.draft, summary=summary,
                   services=", ".join(taxonomy.services[i].name for i in record.services),
                   regions=", ".join(taxonomy.regions[i].name for i in record.regions),
                   status=status.name, status_tone=status["tone"], dates=dates,
                   result=result.name, result_tone=result["tone"],
                   evidence=evidence.name, evidence_tone=evidence["tone"])
