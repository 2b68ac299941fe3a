"""Fixtures shared by every test folder: the real shipped site, built once per test process."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT, run_build


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    result = run_build(ROOT, site, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return site
