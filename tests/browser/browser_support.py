"""Helpers for browser tests: isolated pages and axe-core. The loopback web server and the
Chromium flags are the benchmark's own, so both measure and test the same way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page
from support import ROOT

from benchmarks.search import CHROMIUM_ARGS, loopback_only, served

__all__ = ["AXE", "CHROMIUM", "CHROMIUM_ARGS", "axe_violations", "open_page", "served"]

CHROMIUM = Path(os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def open_page(browser: Browser, **context_options: Any) -> tuple[Page, list[str]]:
    """A fresh page that cannot reach the network, with its console errors collected."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.route("**/*", loopback_only)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
