"""Files made ahead in a helper process are the files made in place, whatever order they are asked for."""

from __future__ import annotations

import os

import pytest

from generator.render.ahead import BATCH, RenderAhead, RenderInPlace, can_render_ahead
from generator.render.pages import OutputFile

pytestmark = pytest.mark.skipif(not can_render_ahead(), reason="this platform cannot fork")


def _made_by() -> str:
    return f"made by {os.getpid()}"


def _outputs(count: int) -> list[OutputFile]:
    return [OutputFile(f"page-{index}.md", lambda index=index: f"page {index} " + _made_by())
            for index in range(count)] + [OutputFile("data.json", lambda: b"{}")]


def test_in_order_every_file_is_made_in_the_helper() -> None:
    outputs = _outputs(5 * BATCH + 3)
    ahead = RenderAhead(outputs)
    try:
        contents = [ahead.content(output.path) for output in outputs]
    finally:
        ahead.close()
    assert contents[-1] == b"{}"
    assert [text.split(" made by ")[0] for text in contents[:-1]] == [f"page {i}" for i in range(len(outputs) - 1)]
    assert all(text.split(" made by ")[1] != str(os.getpid()) for text in contents[:-1])


def test_out_of_order_gives_the_same_files_as_in_place() -> None:
    outputs = _outputs(3 * BATCH)
    order = [outputs[-1].path, outputs[2 * BATCH].path, outputs[0].path, *(o.path for o in outputs[1:-1])]
    ahead, in_place = RenderAhead(outputs), RenderInPlace(outputs)
    try:
        got = {path: ahead.content(path) for path in dict.fromkeys(order)}
    finally:
        ahead.close()
    expected = {path: in_place.content(path) for path in got}
    assert {p: c if isinstance(c, bytes) else c.split(" made by ")[0] for p, c in got.items()} == \
        {p: c if isinstance(c, bytes) else c.split(" made by ")[0] for p, c in expected.items()}
