"""The proposal tests drive the shared Chromium (tests/conftest.py) through small functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser


@pytest.fixture
def in_browser(browser: Browser) -> Callable[..., Any]:
    """Run `function(browser, *args)`."""
    return lambda function, *args: function(browser, *args)
