"""The "Propose a case study" page, as a contributor uses it: answers checked against the schema as
they are given, a file that `casebook validate` accepts, and a page that still explains itself
without JavaScript."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, expect
from propose_form import EXISTING, REPO_URL, TITLE
from propose_form import create as _create
from propose_form import fill_valid as _fill_valid
from propose_form import group as _group
from propose_form import open_step as _open_step
from support import make_project

from generator.commands.scaffold import slug_for

pytestmark = pytest.mark.browser


def _make_file(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser, accept_downloads=True)
    page.goto(url)
    _fill_valid(page)
    _open_step(page, 1)
    title = page.get_by_label("Title", exact=True).first
    title.fill("Kent")
    title.blur()
    message = page.locator("#cb-title-error")
    expect(message).to_contain_text("Title must be at least 5 characters (it has 4)")
    expect(title).to_have_attribute("aria-invalid", "true")
    assert "cb-title-error" in (title.get_attribute("aria-describedby") or "")
    title.fill(TITLE)
    title.blur()
    _open_step(page, 7)
    source_url = _group(page, "Source 1").get_by_label("Web address")
    source_url.fill("www.example.org/report")
    source_url.blur()
    expect(page.locator("#cb-sources-0-url-error")).to_contain_text("a web address starting with https://")
    source_url.fill("https://example.org/co-responding")
    source_url.blur()
    expect(page.locator(".cb-error-message")).to_have_count(0)
    expect(title).not_to_have_attribute("aria-invalid", "true")
    _create(page)
    output = page.get_by_role("region", name="Your case-study file")
    expect(output).to_be_visible()
    expect(output).to_be_focused()
    with page.expect_download() as download_info:
        output.get_by_role("link", name="Download the file").click()
    download = download_info.value
    result = {
        "yaml": output.locator("pre").text_content(),
        "filename": output.locator("[data-output=filename]").inner_text(),
        "download_name": download.suggested_filename,
        "download_text": Path(download.path()).read_text(encoding="utf-8"),
        "pull_request": output.get_by_role("link", name="propose the file on GitHub").get_attribute("href"),
        "errors": errors,
    }
    page.context.close()
    return result


def test_answers_become_a_file_that_casebook_validate_accepts(in_browser: Callable[..., Any], propose_url: str,
                                                              tmp_path: Path) -> None:
    made = in_browser(_make_file, propose_url)
    slug = slug_for(TITLE, {EXISTING})
    assert made["filename"] == made["download_name"] == f"{slug}.yaml"
    assert made["download_text"] == made["yaml"]
    assert made["yaml"].startswith("# yaml-language-server: $schema=../../schema/case-study.schema.json\ntitle: ")
    # The editor's field, not asked: the day the file was made, for the editor to correct.
    assert made["yaml"].endswith(f'last_reviewed: "{dt.date.today().isoformat()}"\n')
    pull_request = urlsplit(made["pull_request"])
    assert f"{pull_request.scheme}://{pull_request.netloc}{pull_request.path}" == f"{REPO_URL}/new/main"
    query = parse_qs(pull_request.query)
    assert query["filename"] == [f"content/case-studies/{slug}.yaml"]
    assert query["value"] == [made["yaml"]]
    assert made["errors"] == []

    project = make_project(tmp_path, {})
    (project / "content" / "case-studies" / f"{slug}.yaml").write_text(made["yaml"], encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate",
                              "--strict"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No problems found." in checked.stdout


def _submit_empty_and_follow_a_link(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    _create(page)
    summary = page.locator("#cb-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Check your answers - Propose a case study - Casebook")
    links = summary.get_by_role("link")
    texts = links.all_inner_texts()
    links.filter(has_text="Summary is required").click()
    focused = page.evaluate("document.activeElement.id")
    services = page.locator("fieldset[data-path=services]")
    services_described = services.get_attribute("aria-describedby") or ""
    services_error = page.locator("#cb-services-error").inner_text()
    page.context.close()
    return {"texts": texts, "focused": focused, "services_described": services_described,
            "services_error": services_error, "errors": errors}


def test_error_summary_lists_every_problem_and_links_to_its_field(in_browser: Callable[..., Any],
                                                                  propose_url: str) -> None:
    seen = in_browser(_submit_empty_and_follow_a_link, propose_url)
    assert seen["texts"][:3] == ["Title is required", "Summary is required", "Collaboration types: choose at least 1"]
    assert "Services: choose at least 2" in seen["texts"]
    assert "Organisations: fill in at least 2" in seen["texts"]
    assert "Evidence level: choose one" in seen["texts"]
    assert seen["focused"] == "cb-summary"
    assert "cb-services-error" in seen["services_described"].split()
    assert "choose at least 2" in seen["services_error"]
    assert seen["errors"] == []


def _break_the_rules(browser: Browser, url: str) -> list[str]:
    page, errors = open_page(browser)
    page.goto(url)
    _fill_valid(page)
    _open_step(page, 2)
    _group(page, "Services").get_by_label("Police", exact=True).check()
    _group(page, "Organisation 2").get_by_label("Service").select_option(label="Fire and rescue")
    _open_step(page, 3)
    page.get_by_label("Started").fill("2022")
    page.get_by_label("Ended").fill("2021-02-30")
    _group(page, "Status").get_by_label("Operational").check()
    _open_step(page, 7)
    _group(page, "Source 1").get_by_label("Date").fill("2999")
    _create(page)
    texts = page.locator("#cb-error-summary a").all_inner_texts()
    page.context.close()
    assert errors == []
    return texts


def test_rules_the_schema_cannot_express_are_checked_too(in_browser: Callable[..., Any], propose_url: str) -> None:
    texts = in_browser(_break_the_rules, propose_url)
    assert "Ended: 2021-02-30 is not a real date; check the month and day" in texts
    assert "Source 1 date: 2999 is in the future" in texts
    assert "A record with status proposed or in-delivery or operational cannot have an 'ended' date" in texts
    assert ("Organisations: add one for each service you chose; none is given for Police, Ambulance"
            in texts)
    assert ("Organisation 2 service: South Western Ambulance Service NHS Foundation Trust is registered as "
            "Ambulance") in texts


def _add_and_remove_rows(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    _open_step(page, 2)
    organisations = _group(page, "Organisations")
    for _ in range(2):
        organisations.get_by_role("button", name="Add another organisation").click()
    added = page.evaluate("document.activeElement.id")
    _group(page, "Organisation 4").get_by_label("Name").fill("Kent Police")
    _group(page, "Organisation 2").get_by_role("button", name="Remove organisation 2").click()
    after = {"rows": organisations.locator("[data-row]").count(),
             "third_name": _group(page, "Organisation 3").get_by_label("Name").input_value(),
             "third_id": _group(page, "Organisation 3").get_by_label("Name").get_attribute("id"),
             "focused": page.evaluate("document.activeElement.textContent.trim()")}
    page.context.close()
    return {"added": added, **after, "errors": errors}


def test_rows_can_be_added_and_removed_and_keep_their_numbers(in_browser: Callable[..., Any],
                                                               propose_url: str) -> None:
    seen = in_browser(_add_and_remove_rows, propose_url)
    assert seen["added"] == "cb-organisations-3-name"
    assert seen["rows"] == 3
    assert seen["third_name"] == "Kent Police"
    assert seen["third_id"] == "cb-organisations-2-name"
    assert seen["focused"] == "Add another organisation"
    assert seen["errors"] == []


def _without_javascript(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser, java_script_enabled=False)
    page.goto(url)
    seen = {
        "title": page.get_by_label("Title", exact=True).first.is_visible(),
        "services": _group(page, "Services").get_by_role("checkbox").count(),
        "organisation": _group(page, "Organisation 1").get_by_label("Name").is_visible(),
        "hint": page.locator("#cb-started-hint").inner_text(),
        "issue_link": page.get_by_role("link", name="open an issue with the Propose a case study form on GitHub")
        .get_attribute("href"),
        "buttons": page.locator("form#cb-propose button:visible").count(),
        # Disabled without the script: Enter in a field then submits nothing, and loses nothing.
        "submit_buttons": page.locator("form#cb-propose [type=submit]:enabled").count(),
    }
    page.context.close()
    return {**seen, "errors": errors}


def test_without_javascript_every_question_shows_with_how_to_send_it(in_browser: Callable[..., Any],
                                                                    propose_url: str) -> None:
    seen = in_browser(_without_javascript, propose_url)
    assert seen["title"] and seen["organisation"]
    assert seen["services"] == 10
    assert seen["hint"] == ("When it started (or is planned to start). Write the date as YYYY, YYYY-MM or "
                            "YYYY-MM-DD, for example 2024 or 2024-05.")
    assert seen["issue_link"] == f"{REPO_URL}/issues/new/choose"
    assert seen["buttons"] == 0 and seen["submit_buttons"] == 0
    assert seen["errors"] == []


def _without_the_taken_names(browser: Browser, url: str) -> dict[str, Any]:
    page, _ = open_page(browser)
    page.route("**/propose/taken.json", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(url)
    status = page.locator("[data-propose-status]")
    expect(status).to_contain_text("could not be loaded")
    seen = {"status": status.inner_text(), "steps": page.locator("[data-needs-script]").first.is_visible()}
    page.context.close()
    return seen


def test_without_the_names_already_taken_the_page_writes_no_file(in_browser: Callable[..., Any],
                                                                 propose_url: str) -> None:
    # A file named without them could take an existing case study's name: fail closed.
    seen = in_browser(_without_the_taken_names, propose_url)
    assert seen["status"].startswith("The answer checker could not be loaded, so this page cannot write the file.")
    assert seen["steps"] is False


def _axe_on_every_view(browser: Browser, url: str, scheme: str) -> dict[str, Any]:
    page, errors = open_page(browser, color_scheme=scheme)
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    # Moving between steps scrolls the page and fades in Material's "Back to top" button: mid-fade
    # its text has too little contrast, so it appears at once here.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    _create(page)
    expect(page.locator("#cb-error-summary")).to_be_visible()
    seen = {"with_errors": axe_violations(page)}
    _open_step(page, 2)
    name = _group(page, "Organisation 1").get_by_label("Name")
    name.fill("Cornwall Fire & Rescue")
    name.blur()
    expect(page.locator(".cb-offers")).to_be_visible()
    seen["with_offers"] = axe_violations(page)
    _fill_valid(page)
    seen["check_answers"] = axe_violations(page)
    _create(page)
    expect(page.locator("#cb-propose-output")).to_be_visible()
    seen["with_file"] = axe_violations(page)
    page.context.close()
    return {**seen, "errors": errors}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_with_errors_offers_answers_or_the_file_shown(in_browser: Callable[..., Any],
                                                                        propose_url: str, scheme: str) -> None:
    seen = in_browser(_axe_on_every_view, propose_url, scheme)
    assert seen == {"with_errors": [], "with_offers": [], "check_answers": [], "with_file": [], "errors": []}


def _keyboard_focus(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    _open_step(page, 2)
    heading = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    page.keyboard.press("Space")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    checked = page.get_by_label("Police", exact=True).is_checked()
    size = page.get_by_label("Police", exact=True).bounding_box()
    page.context.close()
    return {"heading": heading, "focused": focused, "outline": outline, "checked": checked, "size": size,
            "errors": errors}


def test_choices_work_from_the_keyboard_with_visible_focus_and_large_targets(in_browser: Callable[..., Any],
                                                                             propose_url: str) -> None:
    seen = in_browser(_keyboard_focus, propose_url)
    assert seen["heading"] == "Who took part"
    assert seen["focused"] == "cb-services-police"
    assert seen["checked"]
    assert seen["outline"] == "solid"
    assert seen["size"]["width"] >= 24 and seen["size"]["height"] >= 24
    assert seen["errors"] == []
