"""A real Chromium (the system one; Playwright's own download is impossible here) driving
pages served over loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS, open_page, serve
from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}. Run `make test`, which installs it with apt, "
                    "or set CASEBOOK_CHROMIUM to its path.")
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}. Run `make test`, which runs `npm ci` first.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    url, server = serve(shipped_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened, errors = open_page(browser)
    yield opened
    opened.context.close()
    assert errors == [], errors


