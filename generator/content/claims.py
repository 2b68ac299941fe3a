"""What a record may claim, as the taxonomy's attributes say: one predicate per rule, read by the
validator (on a record's fields as written) and by `casebook report` (on a case study), so a
rule lives in one place and renaming a term in content/taxonomy/ keeps it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .schema import partial_date
from .taxonomy import Taxonomy, Term


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


REVIEW_AFTER_DAYS = 2 * 365


def review_overdue(reviewed: str, today: dt.date) -> bool:
    """Whether a record last reviewed on `reviewed` is past its review period on `today`."""
    day = partial_date(reviewed)
    return day is not None and (today - day[0]).days > REVIEW_AFTER_DAYS


def weakest_allowed(taxonomy: Taxonomy, result: str, level: str) -> Term | None:
    """The lowest evidence level `result` needs, when `level` is below it."""
    needed = taxonomy.results[result].get("minimum_evidence")
    if needed and taxonomy.evidence_rank(level) < taxonomy.evidence_rank(needed):
        return taxonomy.evidence_levels[needed]
    return None


@dataclass(frozen=True)
class Expired:
    """A status or result kept past its vocabulary's `expires_after_years`."""

    field: str  # "status" or "result"
    term: Term
    years: int
    instead: tuple[str, ...]  # the ids to say instead

    def message(self, started: str) -> str:
        return f"the {self.field} is still {self.term.id} {self.years} years after it started ({started})"

    @property
    def hint(self) -> str:
        return f"say what happened: {either(self.instead)}"


def either(ids: tuple[str, ...]) -> str:
    return ", ".join(ids[:-1]) + f" or {ids[-1]}" if len(ids) > 1 else "".join(ids)


def expired_labels(taxonomy: Taxonomy, status: str, result: str, started: str, reviewed: str) -> list[Expired]:
    """Labels still given when the record was last reviewed, longer after it started than they
    may be (a pilot for nine years has become something else)."""
    start, review = partial_date(started), partial_date(reviewed)
    if start is None or review is None:
        return []
    found = []
    for field, terms, term_id in (("status", taxonomy.statuses, status), ("result", taxonomy.results, result)):
        term = terms[term_id]
        limit = term.get("expires_after_years")
        # The latest the scheme can have started: a pilot 'started 2014' is not stale in 2016.
        if limit and review[0] > _years_later(start[1], limit):
            instead = tuple(other.id for other in terms.values() if other.id != term_id
                            and not other.get("expires_after_years") and _settled(field, other))
            found.append(Expired(field, term, _whole_years(start[1], review[0]), instead))
    return found


def _whole_years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _settled(field: str, term: Term) -> bool:
    """A label that says what happened: a begun status, a result that gives a verdict."""
    return term.get("begun", True) if field == "status" else term.get("verdict", True)


def expects_results(taxonomy: Taxonomy, status: str) -> bool:
    """Whether a record at this status should report outcomes and evidence (it has begun)."""
    return bool(taxonomy.statuses[status].get("begun", True))


def is_no_evidence(taxonomy: Taxonomy, level: str) -> bool:
    return not taxonomy.evidence_levels[level].get("is_evidence", True)


def needs_evaluator(taxonomy: Taxonomy, level: str) -> bool:
    return bool(taxonomy.evidence_levels[level].get("requires_evaluator", False))


def strongest_without_evaluator(taxonomy: Taxonomy, level: str) -> str:
    """The strongest level below `level` that needs no outside evaluator: what a scheme
    evaluated by its own partners can claim."""
    rank = taxonomy.evidence_rank(level)
    lower = [term.id for term in taxonomy.evidence_levels.values()
             if taxonomy.evidence_rank(term.id) < rank and not needs_evaluator(taxonomy, term.id)]
    return lower[-1] if lower else "a lower level"


def end_is_planned(taxonomy: Taxonomy, status: str) -> bool:
    return bool(taxonomy.statuses[status].get("end_is_planned", False))


def planned_end_passed(taxonomy: Taxonomy, status: str, started: str, ended: str | None,
                       today: dt.date) -> str | None:
    """Why a scheme at a stage with a planned end (a pilot) should have moved on by `today`: its
    planned end has passed, or it gives none and began longer ago than the stage may last."""
    if not end_is_planned(taxonomy, status):
        return None
    if ended:
        end = partial_date(ended)
        return f"planned to end {ended}" if end and end[1] < today else None
    term, start = taxonomy.statuses[status], partial_date(started)
    limit = term.get("expires_after_years")
    # The latest the scheme can have started, as for expired labels.
    if not limit or start is None or today <= _years_later(start[1], limit):
        return None
    return (f"no planned end given; started {started}, {_whole_years(start[1], today)} years ago "
            f"(a {term.name.lower()} may last {limit} years)")


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def own_evaluator(taxonomy: Taxonomy, evaluator: str, organisations: Iterable[str]) -> str | None:
    """The record's own organisation that the evaluator is, or is part of; None if it is none
    of them. Names are compared as words, with every name the register knows for each."""
    said = f" {_folded(evaluator)} "
    for name in organisations:
        for known in taxonomy.names_of(name):
            if f" {_folded(known)} " in said:
                return name
    return None


def name_out_of_time(taxonomy: Taxonomy, name: str, started: str, ended: str | None) -> tuple[str, str] | None:
    """Why a registered name was not in use while the scheme ran (message and hint), or None if
    it was. Partial dates count at their widest: a scheme 'started 2017' may have started in
    January, so it may name a body that ended in March 2017."""
    used_from, used_until = taxonomy.name_in_use(name)
    start, end = partial_date(started), partial_date(ended) if ended else None
    if start is None:
        return None
    term = taxonomy.organisations_by_name[name]
    current = taxonomy.successors(term) if name == term.name else [term]
    instead = " or ".join(f"'{other.name}'" for other in current)
    hint = f"name {instead} instead" if instead else "check the organisation's dates in organisations.yaml"
    until = partial_date(used_until) if used_until else None
    if until and until[1] < start[0]:
        what = f"was the name of {term.name} until" if name != term.name else "ended on"
        return f"{name} {what} {used_until}, before this scheme started ({started})", hint
    begun = partial_date(used_from) if used_from else None
    if begun and end and end[1] < begun[0]:
        return f"{name} was only used from {used_from}, after this scheme ended ({ended})", hint
    return None
