"""The shipped site served over loopback, and a fresh isolated page per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser, Page


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    with served(shipped_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened, errors = open_page(browser)
    yield opened
    opened.context.close()
    assert errors == [], errors


