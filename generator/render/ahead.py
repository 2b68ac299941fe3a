"""Making generated files in a second process while the site engine works through the pages.

An engine like MkDocs is single-threaded: on a two-core machine one core sits idle while it
converts and lays out pages. Rendering generated pages and data files is independent of that
work, so a forked helper makes them in the order the engine will ask for them, a few batches
ahead, and the engine's process only collects the results.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Iterable, Iterator

from .pages import OutputFile

# Files made per round trip to the helper, and round trips kept under way: enough to keep the
# helper busy, few enough that made files never pile up in memory.
BATCH = 16
IN_FLIGHT = 4

# The helper is forked with the outputs already in memory, and reads them from here.
_outputs: list[OutputFile] = []


def _make(indexes: list[int]) -> list[str | bytes]:
    return [_outputs[index].content for index in indexes]


def can_render_ahead() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class RenderInPlace:
    """Gives the content of each output, made when asked for, in this process."""

    def __init__(self, outputs: list[OutputFile]) -> None:
        self.by_path = {output.path: output for output in outputs}

    def content(self, path: str) -> str | bytes:
        return self.by_path[path].content

    def close(self) -> None:
        self.by_path = {}


class RenderAhead:
    """Gives the content of each output, made ahead in a helper process in `outputs` order.

    Asking out of order still works: a file not yet under way is made on the spot."""

    def __init__(self, outputs: list[OutputFile]) -> None:
        global _outputs
        _outputs = outputs
        self.outputs = outputs
        self.position = {output.path: index for index, output in enumerate(outputs)}
        self.batches: Iterator[list[int]] = _batches(range(len(outputs)))
        self.pending: deque[tuple[list[int], Future[list[str | bytes]]]] = deque()
        self.made: dict[int, str | bytes] = {}
        # fork: the helper starts in milliseconds with the catalogue and templates already loaded.
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        self._top_up()

    def _top_up(self) -> None:
        while len(self.pending) < IN_FLIGHT:
            batch = next(self.batches, None)
            if batch is None:
                return
            self.pending.append((batch, self.pool.submit(_make, batch)))

    def content(self, path: str) -> str | bytes:
        index = self.position[path]
        while index not in self.made and self.pending and self.pending[0][0][0] <= index:
            batch, future = self.pending.popleft()
            self.made.update(zip(batch, future.result()))
            self._top_up()
        if index in self.made:
            return self.made.pop(index)
        return self.outputs[index].content

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _batches(indexes: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for index in indexes:
        batch.append(index)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
