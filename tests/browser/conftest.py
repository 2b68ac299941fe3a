"""A fresh isolated page per test (the shipped site's address comes from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import open_page
from playwright.sync_api import Browser, Page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened, errors = open_page(browser)
    yield opened
    opened.context.close()
    assert errors == [], errors


