"""A renamed case study keeps its old addresses, its feed id and its table key, and the records
that named it are told what it is called now."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml
from browser_support import open_page, served
from playwright.sync_api import Browser
from support import ROOT, make_project, record, run_build, write_record

from generator.content.validate import validate_library
from generator.render import urls

SITE_URL = "http://127.0.0.1:8000/"
ENV = {"CASEBOOK_SITE_URL": SITE_URL}
OLD, NEW = "kent-control", "kent-joint-control"


def feed_ids(site: Path) -> dict[str, str]:
    """Each entry's page address -> its id."""
    return {entry.link: entry.id for entry in feedparser.parse((site / urls.FEED).read_bytes()).entries}


def table_ids(site: Path) -> dict[str, str]:
    with (site / urls.table("case-studies")).open(encoding="utf-8", newline="") as handle:
        return {row["slug"]: row["id"] for row in csv.DictReader(handle)}


def rename(project: Path) -> None:
    """What an editor does: move the file and list its old name."""
    data = yaml.safe_load((project / f"content/case-studies/{OLD}.yaml").read_text(encoding="utf-8"))
    (project / f"content/case-studies/{OLD}.yaml").unlink()
    write_record(project, NEW, data | {"formerly": [OLD]})


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    project = make_project(tmp_path_factory.mktemp("rename"),
                           {OLD: record(), "other-scheme": record(title="Another joint scheme", related=[OLD])})
    assert run_build(project, project / "before", env=ENV).returncode == 0
    rename(project)
    problems = validate_library(project).problems
    other = project / "content/case-studies/other-scheme.yaml"
    # The hint says what to write; the editor writes it.
    [hint] = [p for p in problems if p.code == "renamed-related"]
    fixed = other.read_text(encoding="utf-8").replace(f"- {OLD}\n", f"- {NEW}\n")
    other.write_text(fixed, encoding="utf-8")
    after = run_build(project, project / "after", env=ENV)
    assert after.returncode == 0, after.stderr
    return {"project": project, "before": project / "before", "after": project / "after", "hint": hint,
            "problems_after_fix": validate_library(project).problems}


def test_related_naming_the_old_slug_is_told_the_new_one(renamed: dict) -> None:
    hint = renamed["hint"]
    assert hint.path == "content/case-studies/other-scheme.yaml" and hint.field == "related[0]"
    assert hint.line > 1
    assert hint.text().endswith(f"'{OLD}' was renamed to '{NEW}' (write '{NEW}') [renamed-related]")
    assert renamed["problems_after_fix"] == []


def test_feed_id_and_table_key_stay_the_same(renamed: dict) -> None:
    before, after = renamed["before"], renamed["after"]
    assert feed_ids(after)[SITE_URL + f"case-studies/{NEW}/"] == feed_ids(before)[SITE_URL + f"case-studies/{OLD}/"]
    assert table_ids(after)[NEW] == table_ids(before)[OLD] == OLD


def test_the_old_json_address_still_gives_the_record(renamed: dict) -> None:
    after = renamed["after"]
    old = json.loads((after / urls.record_json(OLD)).read_text(encoding="utf-8"))
    assert old == json.loads((after / urls.record_json(NEW)).read_text(encoding="utf-8"))
    assert old["url"] == SITE_URL + f"case-studies/{NEW}/" and old["formerly"] == [OLD]


@pytest.mark.browser
def test_the_old_page_address_lands_on_the_new_page_in_chromium(renamed: dict, browser: Browser) -> None:
    with served(renamed["after"]) as base:
        page, errors = open_page(browser)
        page.goto(base + f"case-studies/{OLD}/")
        page.wait_for_url(base + f"case-studies/{NEW}/")
        assert page.locator("h1").first.inner_text() == "Kent single police and fire control room"
        page.context.close()
    assert errors == []


def test_a_former_name_in_use_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {OLD: record(), "other-scheme": record(formerly=[OLD])})
    [problem] = [p for p in validate_library(project).problems if p.code == "former-slug-in-use"]
    assert problem.path == "content/case-studies/other-scheme.yaml" and problem.field == "formerly[0]"


def render(project: Path, out: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "CASEBOOK_SITE_URL"}
    if site_url:
        env["CASEBOOK_SITE_URL"] = site_url
    command = [sys.executable, "-m", "generator.commands.cli", "--root", str(project),
               "render", "--out", str(out), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_render_without_a_site_address_refuses(renamed: dict, tmp_path: Path) -> None:
    # The project's mkdocs.yml gives a default address; one that is not absolute is refused.
    result = render(renamed["project"], tmp_path / "out", "--site-url", "casebook/")
    assert result.returncode == 2
    assert "--site-url" in result.stderr and "CASEBOOK_SITE_URL" in result.stderr and "absolute" in result.stderr
    assert not (tmp_path / "out").exists()


def test_render_output_carries_the_redirects_and_absolute_ids(renamed: dict, tmp_path: Path) -> None:
    result = render(renamed["project"], tmp_path / "out", site_url="https://casebook.example")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "docs" / f"case-studies/{OLD}/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../../case-studies/{NEW}/">' in page
    assert f'<link rel="canonical" href="https://casebook.example/case-studies/{NEW}/">' in page
    ids = [entry.id for entry in feedparser.parse((tmp_path / "out" / "docs" / urls.FEED).read_bytes()).entries]
    assert ids and all(i.startswith("https://casebook.example/case-studies/") for i in ids)
