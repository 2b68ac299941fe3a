"""The evidence and gap map: the library as the Campbell Collaboration and 3ie map a field.

Rows are collaboration types and columns outcome domains. A cell counts the case studies of that
type with at least one outcome in that domain and names the strongest evidence level among them;
a cell with none is a gap. Evidence levels belong to a case study, not to one of its outcomes, so
a cell's level is the strongest of its case studies' levels. The map shows what evidence there
is, not what it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue
from .content.model import CaseStudy
from .content.taxonomy import Term
from .facets import Facet

# Shades run from 1 (the weakest level) to SHADES (the strongest); 0 is an empty cell.
SHADES = 5


@dataclass(frozen=True)
class Cell:
    row: Term
    column: Term
    count: int
    strongest: Term | None  # the strongest evidence level among the cell's case studies
    shade: int  # 0 for an empty cell, else 1 to SHADES by the strongest level's rank

    @property
    def empty(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class GapMap:
    rows_facet: Facet
    columns_facet: Facet
    columns: list[Term]
    rows: list[tuple[Term, list[Cell]]]
    levels: list[tuple[Term, int]]  # every evidence level, weakest first, with its shade
    mapped: int  # case studies in at least one cell
    total: int  # case studies in the library

    @property
    def gaps(self) -> int:
        return sum(cell.empty for _, cells in self.rows for cell in cells)


def level_shade(rank: int, levels: int) -> int:
    """The shade of the evidence level at `rank` (0 the weakest) on a scale of `levels`: spread
    evenly from 1 to SHADES, so a vocabulary of any length uses the whole range."""
    if levels <= 1:
        return SHADES
    return 1 + rank * (SHADES - 1) // (levels - 1)


def gap_map(catalogue: Catalogue, rows: str = "collaboration_types", columns: str = "outcome_domains") -> GapMap:
    """Every row term against every column term, empty cells included."""
    taxonomy = catalogue.taxonomy
    row_facet, column_facet = catalogue.facet(rows), catalogue.facet(columns)
    found: dict[tuple[str, str], list[CaseStudy]] = {}
    mapped = 0
    for record in catalogue.records:
        pairs = [(r, c) for r in row_facet.values(record) for c in column_facet.values(record)]
        mapped += bool(pairs)
        for pair in pairs:
            found.setdefault(pair, []).append(record)
    levels = list(taxonomy.evidence_levels.values())

    def cell(row: Term, column: Term) -> Cell:
        records = found.get((row.id, column.id), [])
        if not records:
            return Cell(row, column, 0, None, 0)
        rank = max(taxonomy.evidence_rank(record.evidence.level) for record in records)
        return Cell(row, column, len(records), levels[rank], level_shade(rank, len(levels)))

    column_terms = list(catalogue.terms(column_facet).values())
    grid = [(row, [cell(row, column) for column in column_terms]) for row in catalogue.terms(row_facet).values()]
    return GapMap(row_facet, column_facet, column_terms, grid,
                  [(level, level_shade(rank, len(levels))) for rank, level in enumerate(levels)],
                  mapped, len(catalogue.records))
