"""Files made ahead in a helper process are the files made in place, whatever order they are
asked for, and a failure in the helper is reported, never turned into a missing file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from support import make_project, record

from generator.mkdocs import generated
from generator.mkdocs.ahead import LOOKAHEAD, RenderAhead, RenderInPlace, can_render_ahead
from generator.render.pages import OutputFile

pytestmark = pytest.mark.skipif(not can_render_ahead(), reason="this platform cannot fork")


def _page(index: int) -> str:
    return f"page {index} made by {os.getpid()}"


def _outputs(count: int) -> list[OutputFile]:
    return [OutputFile(f"page-{index}.md", lambda index=index: _page(index)) for index in range(count)] + \
        [OutputFile("data.json", lambda: b"{}")]


def _text(content: str | bytes) -> str | bytes:
    return content.split(" made by ")[0] if isinstance(content, str) else content


def _maker(content: str) -> int:
    """The id of the process that made a page."""
    return int(content.rsplit(" made by ", 1)[1])


def test_in_order_every_file_is_made_in_the_helper() -> None:
    outputs = _outputs(2 * LOOKAHEAD + 3)
    ahead = RenderAhead(outputs)
    try:
        contents = [ahead.content(output.path) for output in outputs]
    finally:
        ahead.close()
    assert contents[-1] == b"{}"
    assert [_text(c) for c in contents[:-1]] == [f"page {i}" for i in range(len(outputs) - 1)]
    assert os.getpid() not in {_maker(c) for c in contents[:-1] if isinstance(c, str)}


def test_out_of_order_gives_the_same_files_as_in_place() -> None:
    outputs = _outputs(40)
    order = [outputs[-1].path, outputs[20].path, outputs[0].path, outputs[20].path,
             *(o.path for o in outputs[1:-1])]
    ahead, in_place = RenderAhead(outputs), RenderInPlace(outputs)
    try:
        got = [_text(ahead.content(path)) for path in order]
    finally:
        ahead.close()
    assert got == [_text(in_place.content(path)) for path in order]


def _broken() -> str:
    raise ValueError("template says no")


def test_a_failure_in_the_helper_is_raised_with_its_cause() -> None:
    outputs = [OutputFile("fine.md", lambda: "fine"), OutputFile("broken.md", _broken)]
    ahead = RenderAhead(outputs)
    try:
        assert ahead.content("fine.md") == "fine"
        with pytest.raises(RuntimeError, match="template says no"):
            ahead.content("broken.md")
    finally:
        ahead.close()


def test_files_are_made_here_once_the_helper_is_gone() -> None:
    outputs = _outputs(3 * LOOKAHEAD)
    ahead = RenderAhead(outputs)
    try:
        ahead.helper.kill()
        ahead.helper.join()
        contents = [_text(ahead.content(output.path)) for output in outputs]
    finally:
        ahead.close()
    assert contents == [_text(output.content) for output in outputs]


def test_files_given_a_place_are_written_there_by_the_helper(tmp_path: Path) -> None:
    outputs = _outputs(5)
    target = tmp_path / "spool" / "data.json"
    ahead = RenderAhead(outputs, {"data.json": target})
    try:
        pages = [_text(ahead.content(output.path)) for output in outputs[:-1]]
        ahead.write("data.json", target)
    finally:
        ahead.close()
    assert pages == [f"page {i}" for i in range(5)]
    assert target.read_bytes() == b"{}"
    again = RenderAhead(outputs, {"data.json": target})
    try:
        with pytest.raises(ValueError):
            again.content("data.json")
    finally:
        again.close()


def test_a_build_asks_for_its_generated_files_in_the_order_the_helper_makes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalogue lists records newest first; MkDocs reads pages in folder order. Made in the
    # catalogue's order, every page before the one asked for would wait in the engine's process.
    project = make_project(tmp_path, {f"{letter}-control-room": record(started=f"20{10 + n}-01")
                                      for n, letter in enumerate("abcdef")})
    made: list[str] = []
    asked: list[str] = []

    class Watched(RenderAhead):
        def __init__(self, outputs: list[OutputFile], files: dict[str, Path] | None = None) -> None:
            made.extend(output.path for output in outputs)
            super().__init__(outputs, files)

        def _take(self, path: str) -> str | bytes | None:
            asked.append(path)
            return super()._take(path)

    monkeypatch.setattr(generated, "RenderAhead", Watched)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert made, "the build made no files ahead"
    assert asked == made
