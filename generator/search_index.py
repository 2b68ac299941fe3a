"""The header search's index: Pagefind over the pages of a built site, whichever engine built it.

The theme marks the main text of each page that is searched (`data-pagefind-body`, main.html);
Pagefind (its binary from the pinned PyPI wheel) indexes that text and writes its index and
scripts into the site's `pagefind/` folder. Casebook hands it the marked pages one at a time,
in path order, through Pagefind's service mode, rather than running `pagefind --site`:

- the same bytes on every machine and engine: the command numbers pages in the order the file
  system lists them, and the numbers are in the index;
- less work: the command parses every page, listings of thousands of records included, and
  keeps what it read of them until it writes; here only marked pages are sent, cut down to
  their main text. Pagefind's memory is then the index it builds (about 230 MB at 1,000
  synthetic records, most of it while it writes the index), which no way of feeding it changes:
  its own custom records took more (370 MB), whole pages the same;
- Pagefind's Python wrapper reads one reply per tenth of a second (a sleep in its polling loop),
  which is 17 minutes at 10,000 pages; the service's protocol is a few lines.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

from .i18n.languages import TRANSLATED
from .i18n.sites import site_folder
from .render import urls

# What the theme puts on the element holding a searched page's main text (main.html), and the
# end of the element that holds it in every engine's layout: everything Pagefind needs of a
# page is between them and in the `<html>` tag (its language). Record text cannot spell either
# tag: it reaches the page escaped, so never with a '<'.
BODY_MARK = "data-pagefind-body"
BODY_START = '<div class="cb-page" data-pagefind-body'
BODY_END = "</article>"
_HTML_TAG = re.compile(r"<html\b[^>]*>")
# The permalink sign MkDocs' toc extension adds to headings (`permalink: true` in mkdocs.yml):
# kept, it would end every result title that comes from a heading with "¶".
EXCLUDED = ["a.headerlink"]
# Pages sent ahead of Pagefind's replies: enough to keep it busy while the next page is read,
# few enough that neither pipe fills (a reply is a few hundred bytes).
_AHEAD = 8


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class Indexed:
    pages: int  # pages in the index
    bundle: Path  # the folder Pagefind wrote


def bundle_folder(site: Path) -> Path:
    return site / urls.SEARCH_BUNDLE.rstrip("/")


def searched_pages(site: Path) -> Iterator[tuple[str, str]]:
    """Every page of the built site that carries the mark, in path order, as (path, HTML).

    The substring test only spares Pagefind the pages that cannot be searched (listings of
    thousands of records are most of a large site's HTML); Pagefind itself decides from the
    parsed page, so record text that happens to spell the mark changes nothing."""
    # The other languages' sites inside this one have their own index: a reader searches the
    # pages of one language.
    skipped = (bundle_folder(site).name + "/", *(site_folder(language) for language in TRANSLATED))
    for relative in sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")):
        if relative.startswith(skipped):
            continue
        html = (site / relative).read_text(encoding="utf-8")
        if BODY_MARK in html:
            yield relative, main_text(html)


def main_text(html: str) -> str:
    """The page cut down to its `<html>` tag and its marked main text: the same index, for
    about a quarter less of Pagefind's time (navigation and head are most of a page). A page
    laid out otherwise is handed over whole."""
    start, end, tag = html.find(BODY_START), html.rfind(BODY_END), _HTML_TAG.search(html)
    if start == -1 or end < start or tag is None:
        return html
    return f"{tag.group(0)}<body>{html[start:end]}</body></html>"


class _Service:
    """`pagefind --service`: requests and replies are base64 JSON, each ended by a comma."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary is missing: install the project again (pagefind[bin])")
        self._errors = tempfile.TemporaryFile()
        # Unbuffered: a read returns what the pipe holds, without waiting to fill a buffer.
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors, bufsize=0)
        self._sent = 0
        self._waiting: deque[int] = deque()
        self._read = bytearray()

    def send(self, payload: dict[str, Any]) -> None:
        assert self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
        self._process.stdin.write(base64.b64encode(message) + b",")
        self._waiting.append(self._sent)

    def reply(self) -> dict[str, Any]:
        """The reply to the oldest request still waiting (the service answers in order)."""
        assert self._process.stdout is not None
        expected = self._waiting.popleft()
        searched = 0
        while (end := self._read.find(b",", searched)) == -1:
            searched = len(self._read)
            chunk = self._process.stdout.read(1 << 20)
            if not chunk:
                raise SearchIndexError(f"Pagefind stopped: {self._stderr()}")
            self._read += chunk
        answer = json.loads(base64.b64decode(self._read[:end]))
        del self._read[:end + 1]
        payload = answer.get("payload", {})
        if payload.get("type") == "Error" or answer.get("message_id") != expected:
            raise SearchIndexError(f"Pagefind: {payload.get('message', answer)}")
        return dict(payload)

    def _stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", "replace").strip() or "no message"

    def waiting(self) -> int:
        return len(self._waiting)

    def close(self) -> None:
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()
        self._process.wait(timeout=60)
        self._errors.close()


def index_pages(pages: Iterable[tuple[str, str]], bundle: Path) -> int:
    """Index (path, HTML) pairs of pages under the site root; write the index into `bundle`."""
    service = _Service()
    try:
        service.send({"type": "NewIndex", "config": {"exclude_selectors": EXCLUDED}})
        index_id = service.reply()["index_id"]
        count = 0
        for path, html in pages:
            service.send({"type": "AddFile", "index_id": index_id, "file_path": path, "url": None,
                          "file_contents": html})
            count += 1
            if count > _AHEAD:
                service.reply()
        while service.waiting():
            service.reply()
        # Pagefind's own writing (WriteFiles) can lose files: it hands them to background writers
        # and the service exits as soon as its input closes. Its files are taken and written here.
        service.send({"type": "GetFiles", "index_id": index_id})
        for file in service.reply()["files"]:
            _write(bundle, file["path"], base64.b64decode(file["content"]))
        return count
    finally:
        service.close()


def _write(bundle: Path, path: str, content: bytes) -> None:
    """One of Pagefind's files, at its path inside the bundle folder (and nowhere else)."""
    relative = Path(path)
    if relative.is_absolute() or ".." in relative.parts:
        raise SearchIndexError(f"Pagefind named a file outside its folder: {path}")
    target = bundle / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def index_site(site: Path) -> Indexed:
    """Index every searched page of the site built in `site`, replacing an earlier index."""
    if not site.is_dir():
        raise SearchIndexError(f"{site} is not a folder: build the site first")
    bundle = bundle_folder(site)
    if (bundle / "pagefind-entry.json").is_file():
        # Pagefind names its files by their content: an earlier index would leave files behind.
        shutil.rmtree(bundle)
    pages = index_pages(searched_pages(site), bundle.resolve())
    if pages == 0:
        raise SearchIndexError(f"no page in {site} is marked for the search ({BODY_MARK}): was it built with "
                               "Casebook's theme overrides?")
    return Indexed(pages, bundle)
