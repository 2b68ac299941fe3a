"""The proposal tests drive the shared Chromium (tests/conftest.py) through small functions, on
sites built once per run: one whose repository is on GitHub, one that sends proposals by email."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import served
from playwright.sync_api import Browser
from propose_form import EDITORS, EXISTING, REPLY_WITHIN, REPO_URL, with_proposal_options
from support import make_project, record, run_build


@pytest.fixture
def in_browser(browser: Browser) -> Callable[..., Any]:
    """Run `function(browser, *args)`."""
    return lambda function, *args: function(browser, *args)


@pytest.fixture(scope="session")
def propose_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real theme and pages with one record, built with a GitHub repository configured."""
    project = make_project(tmp_path_factory.mktemp("propose"), {EXISTING: record()})
    result = run_build(project, project / "site", "--strict", env={"CASEBOOK_REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield f"{url}propose/"


@pytest.fixture(scope="session")
def emailed_propose_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same, with no repository: proposals go to the editors' mailbox."""
    project = make_project(tmp_path_factory.mktemp("propose-email"), {EXISTING: record()})
    with_proposal_options(project, proposals_to=EDITORS, proposals_reply_within=REPLY_WITHIN)
    result = run_build(project, project / "site", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield f"{url}propose/"
