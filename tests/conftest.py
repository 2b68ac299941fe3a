"""Fixtures shared by every test folder: the real shipped site, built once per test process and
served over loopback, and a real Chromium (the system one; Playwright's own download is impossible here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS, served
from playwright.sync_api import Browser, sync_playwright
from support import ROOT, run_build


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    result = run_build(ROOT, site, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    """The shipped site on a loopback web server."""
    with served(shipped_site) as url:
        yield url


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
