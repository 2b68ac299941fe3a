"""What a search costs a reader: bytes downloaded and time until results, measured in the system
Chromium against the built site on a loopback web server. The header search (Casebook's box
over Pagefind, or Material's search on the plain site) is measured as a reader on a slow
connection meets it: files served compressed, the network throttled through the DevTools
protocol (`THROTTLE`)."""

from __future__ import annotations

import gzip
import http.server
import io
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Response, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# What a search downloads: Material's index, the worker that builds the lunr index from it and
# lunr's language files; Casebook's search data (both files) and the Find page's word shards it reads; or
# Pagefind's folder (its script, worker, WebAssembly, index chunks and the result fragments).
SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.[^/]*\.js$|/lunr/|/pagefind/"
                          r"|/search/(index|records)\.json$|/find/words/")
# Past this a reader has given up; the figure is then reported as infinite (the table says "timed out").
RESULTS_TIMEOUT_MS = 120_000
# Lighthouse's original "Fast 3G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
THROTTLE_TEXT = "150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's original Fast 3G)"
# Timestamps on the page's own clock, so Playwright's round trips are not counted. A search
# starts on the event its box reads: Material's on key-up, Casebook's on input. Casebook's box
# draws results as its data arrives and announces their count in its status line once every
# result is ranked: the status line's changes are kept too.
RECORDER = """
window.__cb = {keys: [], results: [], counted: []};
document.addEventListener("%s", () => __cb.keys.push(performance.now()), true);
new MutationObserver(mutations => {
  const isResult = node => node.nodeType === 1 &&
    (node.matches(".md-search-result__item") || node.querySelector(".md-search-result__item"));
  if (mutations.some(m => [...m.addedNodes].some(isResult))) __cb.results.push(performance.now());
}).observe(document, {childList: true, subtree: true});
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("cb-search-status");
  if (status) new MutationObserver(() => __cb.counted.push(performance.now()))
    .observe(status, {childList: true, characterData: true, subtree: true});
});
"""


@dataclass(frozen=True)
class Download:
    url: str
    size: int
    gzip_size: int


@dataclass(frozen=True)
class SearchCost:
    """`downloads`: until every result of the first search was ranked; `ranked_ms`: from the
    first keystroke until then (the same as `first_results_ms` for a box that draws its results
    once)."""

    downloads: list[Download]
    first_results_ms: float
    ranked_ms: float
    next_query_ms: float

    def _total(self, search_only: bool, compressed: bool) -> int:
        return sum(d.gzip_size if compressed else d.size for d in self.downloads
                   if not search_only or SEARCH_FILES.search(d.url))

    @property
    def search_bytes(self) -> int:
        return self._total(True, False)

    @property
    def search_gzip_bytes(self) -> int:
        return self._total(True, True)

    @property
    def all_gzip_bytes(self) -> int:
        return self._total(False, True)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser or link checker that drops a connection early is not a failure worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        # LinkChecker limits itself to ~3 requests a second per host unless the server sends
        # this header; it lets the link check of a built site take seconds, not minutes.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # As static hosts do: the site's own 404.html for every missing address, at any depth.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


_COMPRESSIBLE = re.compile(r"text/|application/(json|javascript|xml|atom\+xml)|image/svg\+xml")


class _CompressingHandler(_QuietHandler):
    """Text files gzip-compressed for a browser that accepts it, as any production web server
    sends them: Lighthouse then scores a page as readers receive it."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and _COMPRESSIBLE.match(content_type)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(folder: Path, *, compressed: bool = False) -> Iterator[str]:
    """The folder on a loopback web server, as its base URL, for the length of a `with` block;
    `compressed`: text gzip-compressed, as a production server sends it. The tests serve built
    sites with it too."""
    handler = _CompressingHandler if compressed else _QuietHandler
    server = _QuietServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system Chromium; Playwright's own browser download is never used."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def loopback_only(route: Route) -> None:
    """Let requests reach this machine's web server only."""
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


def _download(response: Response) -> Download:
    body = response.body()
    # Level 6: what web servers use by default when they compress on the fly.
    return Download(response.url, len(body), len(gzip.compress(body, compresslevel=6)))


def _elapsed_ms(page: Page, starts: str, ends: str, mark: int) -> float:
    """From event number `mark` in the page's list `starts` until the next time in `ends`;
    infinite if that never comes."""
    drawn = f"{ends}.find(t => t > {starts}[{mark}])"
    try:
        page.wait_for_function(f"{drawn} !== undefined", timeout=RESULTS_TIMEOUT_MS)
    except PlaywrightTimeout:
        return float("inf")
    return float(page.evaluate(f"{drawn} - {starts}[{mark}]"))


def _results_ms(page: Page, first_key: int) -> float:
    """From key-up number `first_key` until results are next drawn."""
    return _elapsed_ms(page, "__cb.keys", "__cb.results", first_key)


def _ranked_ms(page: Page, first_key: int) -> float:
    """From key-up number `first_key` until Casebook's box next announces a count."""
    return _elapsed_ms(page, "__cb.keys", "__cb.counted", first_key)


def _next_query_ms(page: Page, query: str, starts_on: str) -> float:
    """With the index loaded: one more query, from the event that starts it until its results
    are drawn.

    Typing would queue a search per letter ("p", "po", ...) and time the slowest prefix: a
    filled value (one input event: Casebook's box searches) and one key-up (Material's does)
    time exactly one search."""
    page.wait_for_timeout(500)  # let re-renders for the first query's later keystrokes settle
    mark = page.evaluate("__cb.keys.length")
    page.fill(".md-search__input", query)
    if starts_on == "keyup":
        page.keyboard.press("End")
    return _results_ms(page, mark)


@contextmanager
def recorded_page(browser: Browser, site: Path, path: str, recorder: str, throttled: bool = False,
                  box: Path | None = None) -> Iterator[tuple[Page, list[Response]]]:
    """A fresh page on the served site, with `recorder` installed and every response kept;
    `throttled`: compressed, over the emulated slow network; `box`: a script served in place of
    the header search's."""
    with served(site, compressed=throttled) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route("**/*", loopback_only)
            if box is not None:
                script = box.read_text(encoding="utf-8")
                page.route("**/assets/search.js", lambda route: route.fulfill(
                    body=script, content_type="text/javascript; charset=utf-8"))
            if throttled:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", THROTTLE)
            responses: list[Response] = []
            page.on("response", lambda response: responses.append(response))
            page.add_init_script(recorder)
            page.goto(url + path, wait_until="load", timeout=RESULTS_TIMEOUT_MS)
            yield page, responses
        finally:
            context.close()


def measure_search(browser: Browser, site: Path, starts_on: str, query: str = "fire",
                   next_query: str = "police", pause_ms: int = 0, box: Path | None = None,
                   ranked: bool = False) -> SearchCost:
    """Open the home page over the slow network and let it load, then reach for the search box
    and type: every byte downloaded until the first results (Material fetches its index as the
    page loads, Casebook's box when it gets focus), and the time from the first keystroke.
    `starts_on`: the event the box searches on ("keyup" for Material, "input" for Casebook's);
    `pause_ms`: how long the reader waits between reaching for the box and typing (what the
    box may load meanwhile still counts as downloaded before the first results); `box`: the
    script of the box measured, if not the site's own; `ranked`: the box announces a count
    once every result is ranked (Casebook's does), which is timed too."""
    with recorded_page(browser, site, "", RECORDER % starts_on, throttled=True, box=box) as (page, responses):
        page.click(".md-search__input")
        page.wait_for_timeout(pause_ms)
        page.keyboard.type(query)
        first_ms = _results_ms(page, 0)
        ranked_ms = _ranked_ms(page, 0) if ranked and first_ms != float("inf") else first_ms
        downloads = [_download(r) for r in list(responses) if r.status == 200]
        next_ms = _next_query_ms(page, next_query, starts_on) if first_ms != float("inf") else float("inf")
        return SearchCost(downloads, first_ms, ranked_ms, next_ms)


@dataclass(frozen=True)
class FindCost:
    """The "Find case studies" page: everything downloaded until its first results; the time
    from a keystroke in its search box to the updated results, with a short word (titles and
    summaries only) and with a whole word (which fetches a shard of the body-text words first);
    from a ticked filter to the updated results; and from opening the lessons view (which
    fetches the lessons first) to the lessons drawn, with what those two later fetches cost."""

    downloads: list[Download]
    ready_ms: float
    keystroke_ms: float
    word_ms: float
    filter_ms: float
    lessons_ms: float
    later: list[Download]

    @property
    def gzip_bytes(self) -> int:
        return sum(d.gzip_size for d in self.downloads)

    def later_gzip_bytes(self, part: str) -> int:
        return sum(d.gzip_size for d in self.later if part in d.url)


# Times on the page's own clock: each input, each update of the results, the first drawing.
FIND_RECORDER = """
window.__cbf = {inputs: [], updates: [], lessons: [], ready: null};
document.addEventListener("keyup", () => __cbf.inputs.push(performance.now()), true);
document.addEventListener("click", () => __cbf.inputs.push(performance.now()), true);
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("cb-find");
  const watch = (id, times) => new MutationObserver(() => times.push(performance.now()))
    .observe(document.getElementById(id), {childList: true, characterData: true, subtree: true});
  watch("cb-find-status", __cbf.updates);
  watch("cb-find-themes", __cbf.lessons);
  // The page is ready once its script has drawn the first results from the index.
  new MutationObserver(() => {
    if (root.dataset.state === "ready" && __cbf.ready === null) __cbf.ready = performance.now();
  }).observe(root, {attributes: true, attributeFilter: ["data-state"]});
});
"""


def _update_ms(page: Page, mark: int) -> float:
    return _elapsed_ms(page, "__cbf.inputs", "__cbf.updates", mark)


def _typed_ms(page: Page, text: str) -> float:
    """From the last keystroke of `text` (typed into the emptied search box) to the results."""
    page.fill("#cb-q", "")
    page.wait_for_timeout(1500)  # past the typing pause: the next word starts a new state
    page.keyboard.type(text)
    return _update_ms(page, int(page.evaluate("__cbf.inputs.length")) - 1)


def measure_find(browser: Browser, site: Path, query: str = "fire", word: str = "control") -> FindCost:
    with recorded_page(browser, site, "find/", FIND_RECORDER) as (page, responses):
        page.wait_for_selector("#cb-find[data-state=ready]", timeout=RESULTS_TIMEOUT_MS)
        downloads = [_download(r) for r in list(responses) if r.status == 200]
        seen = len(responses)
        ready_ms = float(page.evaluate("__cbf.ready"))
        page.click("#cb-q")
        mark = page.evaluate("__cbf.inputs.length")
        page.keyboard.type(query[0])
        keystroke = _update_ms(page, mark)
        word_ms = _typed_ms(page, word)
        page.fill("#cb-q", "")
        page.wait_for_timeout(300)
        mark = page.evaluate("__cbf.inputs.length")
        page.click("label[for='cb-region-wales']")
        filter_ms = _update_ms(page, mark)
        page.wait_for_timeout(300)
        mark = page.evaluate("__cbf.inputs.length")
        page.click("#cb-find-view-lessons")
        lessons_ms = _elapsed_ms(page, "__cbf.inputs", "__cbf.lessons", mark)
        later = [_download(r) for r in list(responses)[seen:] if r.status == 200]
        return FindCost(downloads, ready_ms, keystroke, word_ms, filter_ms, lessons_ms, later)
