"""Helpers for browser tests: a loopback web server, isolated pages and axe-core."""

from __future__ import annotations

import http.server
import os
import sys
import threading
from functools import partial
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator

from playwright.sync_api import Browser, Page
from support import ROOT

CHROMIUM = Path(os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder on a loopback web server for the length of a `with` block."""
    url, server = serve(folder)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def _keep_on_loopback(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


def open_page(browser: Browser, **context_options: Any) -> tuple[Page, list[str]]:
    """A fresh page that cannot reach the network, with its console errors collected."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.route("**/*", _keep_on_loopback)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
