"""Every internal link and asset reference of the built site resolves (LinkChecker, no network)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import served

CONFIG = """[checking]
threads=4
maxrequestspersecond=200
[filtering]
checkextern=0
[AnchorCheck]
"""


# LinkChecker run as root switches its effective user to nobody, who cannot read the project's
# own virtual environment when the checkout sits in a private folder (`mktemp -d` makes it 700):
# its charset detector's model file then fails to load, as "internal errors" for some pages. It
# checks a loopback server of the test's own files here, so it runs as it was started.
_AS_STARTED = ("import sys; from linkcheck.command import linkchecker as command; "
               "command.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; "
               "sys.exit(command.linkchecker())")


def linkcheck(site: Path, config: Path) -> subprocess.CompletedProcess[str]:
    with served(site) as url:
        command = [sys.executable, "-c", _AS_STARTED, "--config", str(config), "--no-status", "--output", "text", url]
        return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("linkcheck") / "linkcheckerrc"
    path.write_text(CONFIG)
    return path


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(shipped_site: Path, config: Path) -> None:
    result = linkcheck(shipped_site, config)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout


def test_the_checker_catches_a_broken_link(shipped_site: Path, config: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    about = site / "about" / "index.html"
    broken = about.read_text(encoding="utf-8").replace("</article>", '<a href="../no-such-page/">x</a></article>')
    about.write_text(broken, encoding="utf-8")
    result = linkcheck(site, config)
    assert result.returncode == 1
    assert "no-such-page" in result.stdout
