"""What only the editor's preview (`mkdocs serve`) shows: each problem beside what it is about,
and a page of problems for each record that cannot be shown. A build has none of it, since
content with errors does not build."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.problems import Problem
from ..content.validate import BrokenRecord, Library


@dataclass
class Preview:
    problems: list[Problem] = field(default_factory=list)
    broken: list[BrokenRecord] = field(default_factory=list)
    _by_path: dict[str, list[Problem]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_path = {}
        for problem in self.problems:
            self._by_path.setdefault(problem.path, []).append(problem)

    @classmethod
    def of(cls, library: Library) -> Preview:
        return cls(library.problems, library.broken)

    def about(self, path: str, name: str = "") -> list[Problem]:
        """The problems in file `path`, errors first; with `name`, only those in that field and
        its items."""
        found = [p for p in self._by_path.get(path, [])
                 if not name or p.field == name or p.field.startswith((f"{name}[", f"{name}."))]
        return sorted(found, key=lambda p: not p.is_error)
