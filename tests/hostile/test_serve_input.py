"""The preview survives hostile files added while it runs: the banner and the terminal name the
file at once, and the preview recovers when it goes."""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup
from support import http_get, make_project, preview, record, wait_for


def _banner_names(base: str, name: str) -> bool:
    html = http_get(base)[1]
    return "cb-problems" in html and f"content/case-studies/{name}:1:1" in html


def test_broken_links_and_folders_show_in_the_banner_and_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", {"kent-control": record()})
    folder = project / "content" / "case-studies"
    log = tmp_path / "terminal.log"
    with preview(project, log=log) as base:
        os.symlink("missing.yaml", folder / "dangling.yaml")
        wait_for(lambda: _banner_names(base, "dangling.yaml"))
        os.symlink("self.yaml", folder / "self.yaml")
        wait_for(lambda: _banner_names(base, "self.yaml"))
        (folder / "foo.yaml").mkdir()
        wait_for(lambda: _banner_names(base, "foo.yaml"))
        terminal = log.read_text(encoding="utf-8")
        for name in ("dangling.yaml", "self.yaml", "foo.yaml"):
            assert f"content/case-studies/{name}:1:1: error:" in terminal
        assert "Traceback" not in terminal
        for name in ("dangling.yaml", "self.yaml"):
            (folder / name).unlink()
        (folder / "foo.yaml").rmdir()
        wait_for(lambda: "cb-problems" not in http_get(base)[1])
        wait_for(lambda: http_get(base + "case-studies/kent-control/")[0] == 200)


def test_broken_record_page_shows_hostile_text_as_text(tmp_path: Path) -> None:
    title, status = "<img src=x onerror=alert(1)> scheme", "<script>alert(2)</script>"
    project = make_project(tmp_path, {"kent-control": record(title=title, status=status)})
    with preview(project) as base:
        html = http_get(base + "case-studies/kent-control/")[1]
        page = BeautifulSoup(html, "html.parser")
        article = page.select_one("article")
        assert article is not None and article.select("img, script") == []
        assert page.h1 is not None and page.h1.get_text() == title
        assert any(f"status: '{status}' is not a known status" in item.get_text()
                   for item in article.select(".cb-broken .cb-problem"))
        assert page.title is not None and page.title.get_text().startswith(title)
        assert "<img src=x" not in html and "<script>alert(2)" not in html
