"""A Chromium for the proposal tests.

Playwright's sync API allows one instance per thread, and tests/browser/ keeps one open in the
main thread for the whole session; these tests therefore drive their own Chromium from a thread
of their own, so both folders can run in one process in any order.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator

import pytest
from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Browser, Playwright, sync_playwright


class BrowserThread:
    """Runs functions that take a Browser on one thread that owns Playwright."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="propose-browser")
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None

    def _start(self) -> None:
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

    def _stop(self) -> None:
        if self.browser:
            self.browser.close()
        if self.playwright:
            self.playwright.stop()

    def __enter__(self) -> BrowserThread:
        self.pool.submit(self._start).result()
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.submit(self._stop).result()
        self.pool.shutdown()

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        return self.pool.submit(function, self.browser, *args).result()


@pytest.fixture(scope="module")
def in_browser() -> Iterator[Callable[..., Any]]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}. Run `make test`, or set CASEBOOK_CHROMIUM.")
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}. Run `make test`, which runs `npm ci` first.")
    with BrowserThread() as thread:
        yield thread.run
