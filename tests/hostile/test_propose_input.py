"""The proposal form cannot make a file the validator refuses: reserved names, forbidden
characters and oversized figures are refused in the browser, by the published schema."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser, expect
from propose_form import create, fill_valid, open_step
from support import make_project, record, run_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def propose_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("propose-hostile"), {"kent-control": record()})
    result = run_build(project, project / "site", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield f"{url}propose/"


def _file_for_title(browser: Browser, url: str, title: str) -> dict[str, str]:
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    open_step(page, 1)
    page.get_by_label("Title", exact=True).first.fill(title)
    create(page)
    output = page.get_by_role("region", name="Your case-study file")
    expect(output).to_be_visible()
    made = {"filename": output.locator("[data-output=filename]").inner_text(),
            "yaml": output.locator("pre").text_content(), "errors": "\n".join(errors)}
    page.context.close()
    return made


def _refusals(browser: Browser, url: str, attempts: list[dict[str, str]]) -> list[dict[str, Any]]:
    """On an otherwise valid form, each set of answers in turn: what the error summary lists."""
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    # Each field with its step; the locators find them once their step shows.
    fields = {"title": (1, page.locator("#cb-title")), "summary": (1, page.locator("#cb-summary")),
              "value": (4, page.locator("#cb-outcomes-0-value")), "source": (7, page.locator("#cb-sources-0-title"))}
    originals = {name: field.input_value() for name, (_, field) in fields.items()}
    seen = []
    for answers in attempts:
        for name, (step, field) in fields.items():
            open_step(page, step)
            field.fill(answers.get(name, originals[name]))
        create(page)
        seen.append({"summary": page.locator("#cb-error-summary a").all_inner_texts(),
                     "output": page.locator("#cb-propose-output").is_visible(), "errors": list(errors)})
    page.context.close()
    return seen


def test_a_title_of_index_never_makes_index_yaml(browser: Browser, propose_url: str, tmp_path: Path) -> None:
    made = _file_for_title(browser, propose_url, "Index")
    assert made["filename"] == "index-case-study.yaml"
    assert made["errors"] == ""
    project = make_project(tmp_path, {})
    (project / "content" / "case-studies" / made["filename"]).write_text(made["yaml"], encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate"],
                             capture_output=True, text=True, timeout=120)
    assert "[bad-slug]" not in checked.stdout and "[invisible-character]" not in checked.stdout, checked.stdout


CHARACTERS = ["\u0080", "\u009f", "\ufffe", "\uffff", "\u202e", "\u200b", "\ue000", "\U000e0041", "\u2028",
              "\x00"]


def test_forbidden_characters_and_oversized_figures_are_refused(browser: Browser, propose_url: str) -> None:
    attempts = [{"title": f"Kent control {char} room",
                 "summary": f"Kent Fire and Rescue moved its control room{char} in with the police.",
                 "source": f"Kent{char} report"} for char in CHARACTERS]
    attempts += [{"value": "9" * 400}, {"value": "1000000000001"}, {}]
    seen = _refusals(browser, propose_url, attempts)
    rule = "contains a control, invisible or direction-changing character; delete it and retype the text around it"
    for char, result in zip(CHARACTERS, seen[:len(CHARACTERS)], strict=True):
        assert result["summary"] == [f"Title: {rule}", f"Summary: {rule}", f"Source 1 title: {rule}"], hex(ord(char))
    for result in seen[len(CHARACTERS):-1]:
        assert result["summary"] == ["Outcome 1 figure must be 1,000,000,000,000 or less"]
    assert not any(result["output"] for result in seen[:-1])
    # The same form with its own answers back makes the file.
    assert seen[-1]["summary"] == [] and seen[-1]["output"]
    assert seen[-1]["errors"] == []
