"""The code is clean by its linters: ruff (Python style and likely bugs), mypy (types in the
package and the benchmarks) and ESLint (the site's own browser code). Each failure shows the
linter's own report."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "--no-fix", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "mypy", "generator", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_eslint_finds_nothing() -> None:
    assert ESLINT.exists(), "ESLint is missing: run `make test`, which runs `npm ci` first"
    result = _run("node", str(ESLINT), "--max-warnings", "0", "site_theme/overrides/assets")
    assert result.returncode == 0, result.stdout + result.stderr
