"""Making generated files in a second process while the site engine works through the pages.

An engine like MkDocs is single-threaded: on a two-core machine one core sits idle while it
converts and lays out pages. Rendering generated pages and data files is independent of that
work, so a forked helper makes them in the order the engine will ask for them and streams them
back through a pipe, up to LOOKAHEAD files ahead; the engine's process only reads them.

A plain pipe read by the engine's own thread, rather than a process pool, keeps the engine's
process free of a second thread competing with it for the interpreter lock.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..cores import usable_cores
from ..render.pages import OutputFile

# Files the helper may have made and not yet handed over: enough to get well ahead of the
# engine before the few pages that are slow to make, few enough to bound its memory.
LOOKAHEAD = 2048
_TEXT, _BYTES, _WRITTEN, _FAILED = b"t", b"b", b"w", b"!"


def can_render_ahead() -> bool:
    """Forking works here, and a second core is free to use (on one core the helper would
    only take turns with the engine)."""
    return usable_cores() > 1 and "fork" in multiprocessing.get_all_start_methods()


class RenderInPlace:
    """Gives the content of each output, made when asked for, in this process."""

    def __init__(self, outputs: list[OutputFile]) -> None:
        self.by_path = {output.path: output for output in outputs}

    def content(self, path: str) -> str | bytes:
        return self.by_path[path].content

    def write(self, path: str, target: Path) -> None:
        _write(target, self.content(path))

    def close(self) -> None:
        self.by_path = {}


def _write(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


class RenderAhead:
    """Gives the content of each output, made ahead in a helper process in `outputs` order.

    Outputs given a file in `files` are written there by the helper instead of being sent
    back; `write` then only waits for them.

    Asking out of order still works: files passed over are kept until asked for, and a file
    asked for twice, or after the helper has gone, is made on the spot."""

    def __init__(self, outputs: list[OutputFile], files: dict[str, Path] | None = None) -> None:
        self.outputs = outputs
        self.position = {output.path: index for index, output in enumerate(outputs)}
        self.received = 0
        self.waiting: dict[int, str | bytes | None] = {}
        here, there = multiprocessing.get_context("fork").Pipe(duplex=False)
        targets = {self.position[path]: target for path, target in (files or {}).items()}
        # fork: the helper starts in milliseconds with the catalogue and templates in memory.
        self.helper = multiprocessing.get_context("fork").Process(
            target=_make_all, args=(outputs, targets, there), daemon=True, name="casebook-render-ahead")
        self.helper.start()
        there.close()
        self.pipe: Connection | None = here

    def _take(self, path: str) -> str | bytes | None:
        """The content of `path`; None if the helper wrote it to its file."""
        index = self.position[path]
        while self.pipe is not None and self.received <= index:
            try:
                made = self._receive()
            except EOFError:
                # The helper is gone (killed, out of memory): the rest is made here.
                self.pipe = None
                break
            # Files passed over stay until asked for; the engine asks for every file once.
            self.waiting[self.received] = made
            self.received += 1
        if index in self.waiting:
            return self.waiting.pop(index)
        return self.outputs[index].content

    def content(self, path: str) -> str | bytes:
        made = self._take(path)
        if made is None:
            raise ValueError(f"{path} was given a file to be written to; use write()")
        return made

    def write(self, path: str, target: Path) -> None:
        made = self._take(path)
        if made is not None:
            _write(target, made)

    def _receive(self) -> str | bytes | None:
        assert self.pipe is not None
        message = self.pipe.recv_bytes()
        kind, body = message[:1], message[1:]
        if kind == _FAILED:
            self.close()
            raise RuntimeError("making a generated file failed:\n" + body.decode("utf-8"))
        if kind == _WRITTEN:
            return None
        return body.decode("utf-8") if kind == _TEXT else body

    def close(self) -> None:
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.helper.is_alive():
            self.helper.terminate()
        self.helper.join()
        self.waiting = {}


def _make_all(outputs: list[OutputFile], targets: dict[int, Path], pipe: Connection) -> None:
    """In the helper: make every output in order; a thread sends them while the next is made."""
    made: queue.Queue[bytes | None] = queue.Queue(LOOKAHEAD)
    sender = threading.Thread(target=_send_all, args=(made, pipe), daemon=True)
    sender.start()
    try:
        for index, output in enumerate(outputs):
            content: Any = output.content
            if index in targets:
                _write(targets[index], content)
                made.put(_WRITTEN)
            else:
                made.put(_TEXT + content.encode("utf-8") if isinstance(content, str) else _BYTES + content)
    except Exception:
        made.put(_FAILED + traceback.format_exc().encode("utf-8"))
    made.put(None)
    sender.join()


def _send_all(made: queue.Queue[bytes | None], pipe: Connection) -> None:
    try:
        while (message := made.get()) is not None:
            pipe.send_bytes(message)
    except (BrokenPipeError, OSError):
        pass  # the engine closed its end: it needs nothing more
    finally:
        pipe.close()
