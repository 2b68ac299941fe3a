"""The header search at scale: Material's search against Pagefind, in one run, on one built site.

    .venv/bin/python benchmarks/header_search.py                 # N = 1,000 and 5,000
    .venv/bin/python benchmarks/header_search.py --sizes 1000 5000 10000

Per size it builds the Casebook site as shipped (Material's search plugin on) and the plain
MkDocs + Material site from the same records, indexes the Casebook site with Pagefind (its
binary from the PyPI wheel), and searches both engines in Chromium from a web server that
compresses like a real one, under an emulated network (`THROTTLE`, through the DevTools
protocol). The table and the decision go to benchmarks/out/header-search.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import os
import platform
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, Page  # noqa: E402

from benchmarks import search  # noqa: E402
from benchmarks.measure import _run_measured, build  # noqa: E402
from benchmarks.run import prepare, progress  # noqa: E402

OUTPUT = Path(__file__).resolve().parent / "out" / "header-search.md"
# Lighthouse's original "Fast 3G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up).
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
THROTTLE_TEXT = "150 ms latency, 1.6 Mbit/s down, 750 kbit/s up"
QUERY, NEXT_QUERY = "fire", "police"
# The targets at 10,000 records.
TARGET_MS, TARGET_KB, TARGET_RATIO, TARGET_RSS = 300, 500, 1.2, 1_000_000_000
_COMPRESSIBLE = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".csv")

# A stand-in for a header search box wired to Pagefind's JavaScript API the way its own UI
# works: search on each key-up, then load the first results' fragments and draw them.
PAGEFIND_HARNESS = """
window.__cb = {keys: [], results: []};
document.addEventListener("keyup", () => __cb.keys.push(performance.now()), true);
addEventListener("DOMContentLoaded", () => {
  const box = document.createElement("input");
  box.id = "cb-pf"; box.setAttribute("aria-label", "Search");
  const list = document.createElement("ol");
  document.body.prepend(box, list);
  // Loaded when the reader reaches for the box, as Casebook releases Material's index on focus.
  let loading;
  const engine = () => loading ??= import(new URL("pagefind/pagefind.js", document.baseURI).href)
    .then(async pagefind => { await pagefind.init(); return pagefind; });
  box.addEventListener("focus", engine);
  box.addEventListener("keyup", async () => {
    const pagefind = await engine();
    const query = box.value;
    const found = await pagefind.search(query);
    if (!found || box.value !== query) return;
    const data = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
    list.replaceChildren(...data.map(d => Object.assign(document.createElement("li"), {textContent: d.url})));
    __cb.results.push(performance.now());
  });
});
"""


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, as a production web server would; compressed once
    per file. Pagefind's own files are compressed already and go out as they are."""

    cache: dict[str, bytes] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.translate_path(self.path.split("?")[0])
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(_COMPRESSIBLE) or not os.path.isfile(path) or "gzip" not in self.headers.get(
                "Accept-Encoding", ""):
            super().do_GET()
            return
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def compressed(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_CompressingHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        _CompressingHandler.cache = {}


@dataclass(frozen=True)
class Query:
    first_ms: float
    next_ms: float
    gzip_bytes: int  # everything the search downloaded before its first results, compressed


@dataclass(frozen=True)
class SizeRow:
    n: int
    plain_build_s: float
    casebook_build_s: float
    casebook_rss: int
    pagefind_s: float
    pagefind_rss: int
    pagefind_bytes: int
    material: Query
    pagefind: Query


def index_with_pagefind(site: Path) -> tuple[float, int]:
    """Pagefind over the built site (its main text only): wall time and peak memory."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", "article", "--silent"]
    seconds, rss, code = _run_measured(command, site.parent, site.with_name("pagefind.log"))
    if code != 0:
        raise RuntimeError(f"pagefind failed:\n{site.with_name('pagefind.log').read_text()[-3000:]}")
    return seconds, rss


def _throttled_page(browser: Browser, url: str, init_script: str) -> tuple[Page, list[Any]]:
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", search.loopback_only)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.add_init_script(init_script)
    page.goto(url, wait_until="load", timeout=search.RESULTS_TIMEOUT_MS)
    return page, responses


def _query(browser: Browser, site: Path, box: str, init_script: str, searched: str) -> Query:
    """Open the home page, let it load, type; time from the first key-up to the first results."""
    with compressed(site) as url:
        page, responses = _throttled_page(browser, url, init_script)
        try:
            loaded = len(responses)
            page.click(box)
            page.keyboard.type(QUERY)
            first = search._results_ms(page, 0)
            downloads = [search._download(r) for r in responses[loaded:] if r.status == 200]
            page.wait_for_timeout(500)
            page.fill(box, NEXT_QUERY)
            mark = page.evaluate("__cb.keys.length")
            page.keyboard.press("End")
            next_ms = search._results_ms(page, mark) if first != float("inf") else float("inf")
            return Query(first, next_ms, sum(d.gzip_size for d in downloads if searched in d.url))
        finally:
            page.context.close()


def measure(n: int, folder: Path) -> SizeRow:
    progress(f"N = {n:,}: generating and building both sites")
    projects = prepare(n, folder)
    casebook = build(projects.casebook, folder / "casebook-site")
    plain = build(projects.plain, folder / "plain-site")
    progress(f"N = {n:,}: indexing the Casebook site with Pagefind")
    seconds, rss = index_with_pagefind(folder / "casebook-site")
    index_bytes = sum(p.stat().st_size for p in (folder / "casebook-site/pagefind").rglob("*") if p.is_file())
    progress(f"N = {n:,}: searching with each engine in Chromium, throttled")
    with search.chromium() as browser:
        material = _query(browser, folder / "casebook-site", ".md-search__input", search.RECORDER, "/search")
        pagefind = _query(browser, folder / "casebook-site", "#cb-pf", PAGEFIND_HARNESS, "/pagefind/")
    return SizeRow(n, plain.seconds, casebook.seconds, casebook.peak_rss_bytes, seconds, rss, index_bytes,
                   material, pagefind)


def _ms(value: float) -> str:
    return "timed out" if value == float("inf") else f"{value:,.0f} ms"


def table(rows: list[SizeRow]) -> str:
    lines = ["| N | engine | first keystroke → results | next query | downloaded before results (gzip) "
             "| build with indexing ÷ plain MkDocs | peak memory (build / indexer) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        with_index = row.casebook_build_s + row.pagefind_s
        lines.append(f"| {row.n:,} | Material search | {_ms(row.material.first_ms)} | {_ms(row.material.next_ms)} "
                     f"| {row.material.gzip_bytes / 1000:,.0f} KB | {row.casebook_build_s / row.plain_build_s:.2f} "
                     f"({row.casebook_build_s:.1f} s ÷ {row.plain_build_s:.1f} s) | {row.casebook_rss / 1e6:,.0f} MB |")
        lines.append(f"| {row.n:,} | Pagefind | {_ms(row.pagefind.first_ms)} | {_ms(row.pagefind.next_ms)} "
                     f"| {row.pagefind.gzip_bytes / 1000:,.0f} KB | {with_index / row.plain_build_s:.2f} "
                     f"({row.casebook_build_s:.1f} + {row.pagefind_s:.1f} s index) "
                     f"| {row.casebook_rss / 1e6:,.0f} / {row.pagefind_rss / 1e6:,.0f} MB "
                     f"(index {row.pagefind_bytes / 1e6:.1f} MB on disk) |")
    return "\n".join(lines) + "\n"


def decision(rows: list[SizeRow]) -> str:
    """Which engine wins, from the largest size measured, against the issue's targets."""
    row = max(rows, key=lambda r: r.n)
    faster = row.pagefind.first_ms < row.material.first_ms and row.pagefind.gzip_bytes < row.material.gzip_bytes
    checks = [("keystroke → results", row.pagefind.first_ms <= TARGET_MS, _ms(row.pagefind.first_ms)),
              ("downloaded before results", row.pagefind.gzip_bytes <= TARGET_KB * 1000,
               f"{row.pagefind.gzip_bytes / 1000:,.0f} KB"),
              ("build ratio", (row.casebook_build_s + row.pagefind_s) / row.plain_build_s <= TARGET_RATIO,
               f"{(row.casebook_build_s + row.pagefind_s) / row.plain_build_s:.2f}"),
              ("indexer peak memory", row.pagefind_rss < TARGET_RSS, f"{row.pagefind_rss / 1e6:,.0f} MB")]
    met = "; ".join(f"{name} {value} ({'meets' if ok else 'misses'} the target)" for name, ok, value in checks)
    verdict = "Pagefind wins" if faster else "Material's search wins"
    return (f"**Decision at N = {row.n:,}: {verdict}** (first results sooner and fewer bytes: "
            f"{'yes' if faster else 'no'}). Pagefind against the issue's targets: {met}.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000], metavar="N")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows: list[SizeRow] = []
    for n in sorted(set(args.sizes)):
        with tempfile.TemporaryDirectory(prefix=f"casebook-header-search-{n}-") as folder:
            rows.append(measure(n, Path(folder)))
        # Written after every size: on a busy machine the largest may not finish.
        write(rows, args.output)
    print(args.output.read_text(encoding="utf-8"), end="")
    return 0


def write(rows: list[SizeRow], output: Path) -> None:
    text = (f"# Header search: Material against Pagefind\n\n{dt.date.today()}; {os.cpu_count()} CPUs shared with "
            f"other work, Python {platform.python_version()}. Chromium, network emulated through the DevTools "
            f"protocol: {THROTTLE_TEXT}; files served gzip-compressed. Query \"{QUERY}\" typed on the home page "
            f"once it has loaded, then \"{NEXT_QUERY}\". Pagefind indexes each page's `<article>`; its box is a "
            "stand-in wired to Pagefind's API (search, then the first five results' fragments) and "
            "starts loading Pagefind when it gets focus, as "
            "Casebook's search-on-demand.js holds Material's index until then. "
            "Build times are single runs.\n\n" + table(rows) + "\n" + decision(rows))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    progress(f"wrote {output}")


if __name__ == "__main__":
    sys.exit(main())
