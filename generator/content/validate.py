"""Validating the library: every file checked, then the checks across records.

`validate_library` is the one pipeline the CLI and the MkDocs plugin share; it returns
problems as data and never prints.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from collections.abc import Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs

from ..cores import usable_cores
from .load import _dotted
from .model import CaseStudy
from .problems import Problem, sort_problems
from .rules import Checked, check_record, discover, display_path
from .schema import case_study_schema
from .schema_check import closest
from .taxonomy import Taxonomy, load_taxonomy

__all__ = ["BrokenRecord", "Library", "RecordCache", "load_schema", "validate_library"]

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400

# Errors across records that harm only the record that has them: a `related` name that leads
# nowhere (often a case study deleted since) is left out of its related list. The record is
# kept, so the preview shows it with the broken link; any error still stops a build.
KEPT_DESPITE = frozenset({"unknown-related"})


@dataclass(frozen=True)
class BrokenRecord:
    """A case-study file that cannot be shown: the preview shows its problems instead, at the
    address it would have. Its title only if that passed its own checks."""

    slug: str
    path: str
    title: str | None


@dataclass
class Library:
    """Everything a build needs: the vocabularies, the schema, the records that can be shown,
    the files that cannot (`broken`, with a usable name) and what is wrong. A record is kept
    despite the errors in KEPT_DESPITE; a build checks `errors`, never only `records`."""

    root: Path
    taxonomy: Taxonomy | None
    schema: dict[str, Any] | None
    records: list[CaseStudy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    broken: list[BrokenRecord] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]



@dataclass
class RecordCache:
    """Checked records kept between preview rebuilds, keyed by file state, so saving one record
    re-reads only that record. Any change to the taxonomy empties it."""

    taxonomy_state: tuple[Any, ...] = ()
    entries: dict[Path, tuple[tuple[Any, ...], Checked]] = field(default_factory=dict)

    def renew(self, taxonomy_folder: Path) -> None:
        state = tuple(_file_state(path) for path in sorted(taxonomy_folder.glob("*.yaml")))
        if state != self.taxonomy_state:
            self.taxonomy_state, self.entries = state, {}

    def check(self, path: Path, display: str, taxonomy: Taxonomy, schema: dict[str, Any],
              validator: jsonschema_rs.Draft202012Validator, today: dt.date) -> Checked:
        key = (_file_state(path), display, today)
        cached = self.entries.get(path)
        if cached is None or cached[0] != key:
            cached = (key, check_record(path, display, taxonomy, schema, validator, today))
            self.entries[path] = cached
        return cached[1]


def _file_state(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        # Gone or broken since the folder was listed: never a cached state, so it is read
        # again and reported as unreadable.
        return (path.name, -1, -1)
    return (path.name, stat.st_mtime_ns, stat.st_size)


# Each worker process builds its own validator once (a compiled validator cannot be pickled).
_worker: dict[str, Any] = {}


def _start_worker(taxonomy: Taxonomy, schema: dict[str, Any], today: dt.date, records: bool) -> None:
    _worker.update(taxonomy=taxonomy, schema=schema, today=today, records=records,
                   validator=jsonschema_rs.Draft202012Validator(schema))


def _check_chunk(chunk: list[tuple[Path, str]]) -> list[Checked]:
    return [check_record(path, display, _worker["taxonomy"], _worker["schema"], _worker["validator"],
                         _worker["today"], with_record=_worker["records"]) for path, display in chunk]


def _check_in_parallel(files: list[tuple[Path, str]], taxonomy: Taxonomy, schema: dict[str, Any],
                       today: dt.date, workers: int, records: bool) -> list[Checked]:
    # Small chunks, so the processes finish close together.
    size = -(-len(files) // (workers * 32))
    chunks = [files[start:start + size] for start in range(0, len(files), size)]
    validator = jsonschema_rs.Draft202012Validator(schema)
    # fork: helpers start in milliseconds and inherit the imported modules.
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(taxonomy, schema, today, records)) as pool:
        futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
        # This process works too, from the last chunk back, on every chunk no helper has
        # started: no core waits, and fewer results cross between processes.
        here = {index: [check_record(path, display, taxonomy, schema, validator, today, with_record=records)
                        for path, display in chunk]
                for index, chunk in reversed(list(enumerate(chunks))) if futures[index].cancel()}
        return [checked for index, future in enumerate(futures)
                for checked in (here[index] if index in here else future.result())]


def _check_files(files: list[tuple[Path, str]], taxonomy: Taxonomy, schema: dict[str, Any], today: dt.date,
                 cache: RecordCache | None, records: bool, parallel: bool) -> list[Checked]:
    workers = usable_cores()
    if parallel and cache is None and workers > 1 and len(files) >= PARALLEL_FROM:
        return _check_in_parallel(files, taxonomy, schema, today, workers, records)
    validator = jsonschema_rs.Draft202012Validator(schema)
    if cache is not None:
        return [cache.check(path, display, taxonomy, schema, validator, today) for path, display in files]
    return [check_record(path, display, taxonomy, schema, validator, today, with_record=records)
            for path, display in files]


# Most often the case study was deleted, or renamed without `formerly:` keeping its old name.
_NO_SUCH_RECORD = ("remove it if that case study was deleted; if it was renamed, write its new file name "
                   "without .yaml")


def _library_problems(checked: list[Checked]) -> Iterator[Problem]:
    """Checks across records: names unique regardless of case, former names unclaimed, and
    `related` names real records."""
    seen: dict[str, str] = {}
    for item in checked:
        folded = item.slug.casefold()
        if folded in seen:
            yield Problem(path=item.path, line=1, col=1, code="duplicate-slug",
                          message=f"another case study has the same name: {seen[folded]}",
                          hint="rename one of the files")
        seen[folded] = item.path
    slugs = [item.slug for item in checked]
    known = set(slugs)
    renamed = yield from _former_slug_problems(checked, known)
    for item in checked:
        for index, (other, line, col) in enumerate(item.related):
            field_name = _dotted(("related", index))
            if not isinstance(other, str):
                continue
            if other == item.slug:
                yield Problem(path=item.path, line=line, col=col, code="self-related", field=field_name,
                              message="a case study cannot be related to itself", hint="remove it from related")
            elif other in renamed:
                yield Problem(path=item.path, line=line, col=col, code="renamed-related", field=field_name,
                              message=f"'{other}' was renamed to '{renamed[other]}'", hint=f"write '{renamed[other]}'")
            elif other not in known:
                guess = closest(other, slugs, cutoff=70)
                yield Problem(path=item.path, line=line, col=col, code="unknown-related", field=field_name,
                              message=f"there is no case study called '{other}'",
                              hint=f"did you mean '{guess[0]}'?" if guess else _NO_SUCH_RECORD)


def _broken(item: Checked) -> BrokenRecord | None:
    """A file that failed, if its name can be a web address (else it has no page to show)."""
    if any(p.code == "bad-slug" for p in item.problems):
        return None
    return BrokenRecord(item.slug, item.path, item.title)


def _resolved(path: Path) -> Path:
    # A path given on the command line may be a looping link: only its folder is resolved then.
    try:
        return path.resolve()
    except RuntimeError:
        return path.parent.resolve() / path.name


def _former_slug_problems(checked: list[Checked], known: set[str]) -> Generator[Problem, None, dict[str, str]]:
    """An old name redirects to one record only, and never hides a record that has it now.
    Returns each old name with the name it has now."""
    renamed: dict[str, str] = {}
    for item in checked:
        for index, (old, line, col) in enumerate(item.formerly):
            field_name = _dotted(("formerly", index))
            if not isinstance(old, str):
                continue
            if old in known:
                yield Problem(path=item.path, line=line, col=col, code="former-slug-in-use", field=field_name,
                              message=f"'{old}' is the name of a case study now, so its address cannot redirect here",
                              hint="remove it from formerly, or rename that file")
            elif old in renamed:
                yield Problem(path=item.path, line=line, col=col, code="duplicate-former-slug", field=field_name,
                              message=f"'{old}' is already a former name of '{renamed[old]}'",
                              hint="an old address can redirect to one case study only")
            else:
                renamed[old] = item.slug
    return renamed


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    # Reading makes hundreds of thousands of small objects that hold no cycles; as they pile
    # up, the cycle collector rescans them again and again (0.5 s of 3 s at 10,000 records).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _taxonomy(root: Path, content: Path) -> tuple[Taxonomy | None, list[Problem]]:
    return load_taxonomy(content / "taxonomy", display_path(content / "taxonomy", root))


def read_taxonomy(root: Path, *, content_dir: str = "content") -> tuple[Taxonomy | None, list[Problem]]:
    """The taxonomy alone (no case study is read); None, with its problems, if it has errors."""
    taxonomy, problems = _taxonomy(root.resolve(), root.resolve() / content_dir)
    return taxonomy, sort_problems(problems)


def load_schema(root: Path, *, content_dir: str = "content") -> tuple[dict[str, Any] | None, list[Problem]]:
    """The case-study schema from the taxonomy alone; None, with the taxonomy's problems, if the
    taxonomy has errors."""
    taxonomy, problems = read_taxonomy(root, content_dir=content_dir)
    return (case_study_schema(taxonomy) if taxonomy is not None else None), problems


def validate_library(root: Path, *, today: dt.date | None = None, only: list[Path] | None = None,
                     cache: RecordCache | None = None, records: bool = True, content_dir: str = "content",
                     parallel: bool = True) -> Library:
    """Load and check the taxonomy and every case study under `root/content_dir`; with `records`
    false, only the problems are wanted (as by `casebook validate`), not the case studies; with
    `parallel` false, every file is checked in this process."""
    root = root.resolve()
    today = today or dt.date.today()
    content = root / content_dir
    taxonomy, problems = _taxonomy(root, content)
    if taxonomy is None:
        return Library(root, None, None, [], sort_problems(problems))
    schema = case_study_schema(taxonomy)
    files, found = discover(content / "case-studies", root)
    problems += found
    if cache is not None:
        cache.renew(content / "taxonomy")
    with _without_cycle_collection():
        checked = _check_files(files, taxonomy, schema, today, cache, records, parallel)
    cross = list(_library_problems(checked))
    failed = {p.path for p in cross if p.is_error and p.code not in KEPT_DESPITE}
    kept: list[CaseStudy] = [c.record for c in checked if c.record is not None and c.path not in failed]
    broken = [_broken(c) for c in checked if c.record is None or c.path in failed] if records else []
    problems += [p for c in checked for p in c.problems] + cross
    if only:
        wanted = {display_path(_resolved(p), root) for p in only}
        records_folder = display_path(content / "case-studies", root) + "/"
        problems = [p for p in problems if p.path in wanted or not p.path.startswith(records_folder)]
    return Library(root, taxonomy, schema, kept, sort_problems(problems), [b for b in broken if b is not None])
