"""The proposal form a step at a time: where each step is, checking a step before the next, the
page that shows every answer with a way to change it, and a draft that survives a reload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, Page
from propose_form import TITLE, continue_, create, fill_valid, group, open_step, ready

pytestmark = pytest.mark.browser

DRAFTS = "Object.keys(localStorage).filter((key) => key.startsWith('casebook-proposal')).length"


def _progress(page: Page) -> str:
    return page.locator(".cb-step__progress:visible").inner_text()


def _title(page: Page) -> Any:
    return page.get_by_label("Title", exact=True).first


def _walk_the_steps(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    ready(page)
    seen: dict[str, Any] = {"first": {"progress": _progress(page),
                                      "title": page.title(), "back": page.locator("[data-back]:visible").count()}}
    continue_(page)
    seen["refused"] = page.locator("#cb-error-summary a").all_inner_texts()
    seen["summary_focused"] = page.evaluate("document.activeElement.id")
    seen["still"] = _progress(page)
    _title(page).fill(TITLE)
    page.get_by_label("Summary").first.fill("Firefighters in west Cornwall respond to cardiac arrests.")
    group(page, "Collaboration types").get_by_label("Prevention and community safety").check()
    _title(page).press("Enter")  # as Continue does
    seen["second"] = {"progress": _progress(page), "title": page.title(),
                      "focused": page.evaluate("document.activeElement.textContent"),
                      "address": page.evaluate("location.hash"),
                      "summary": page.locator("#cb-error-summary").is_visible()}
    page.get_by_role("button", name="Back", exact=True).click()
    seen["back"] = {"progress": _progress(page), "kept": _title(page).input_value()}
    page.go_forward()
    seen["forward"] = _progress(page)
    page.go_back()
    seen["browser_back"] = _progress(page)
    seen["axe"] = axe_violations(page)
    page.context.close()
    return {**seen, "errors": errors}


def test_each_step_says_where_it_is_and_is_checked_before_the_next(in_browser: Callable[..., Any],
                                                                   propose_url: str) -> None:
    seen = in_browser(_walk_the_steps, propose_url)
    assert seen["first"] == {"progress": "Step 1 of 7", "back": 0,
                             "title": "About the collaboration (step 1 of 7) - Propose a case study - Casebook"}
    # Only this step's questions are refused, and the person stays on it.
    assert seen["refused"] == ["Title is required", "Summary is required", "Collaboration types: choose at least 1"]
    assert seen["summary_focused"] == "cb-error-summary" and seen["still"] == "Step 1 of 7"
    assert seen["second"] == {"progress": "Step 2 of 7", "focused": "Who took part", "address": "#step-2",
                              "title": "Who took part (step 2 of 7) - Propose a case study - Casebook",
                              "summary": False}
    assert seen["back"] == {"progress": "Step 1 of 7", "kept": TITLE}
    assert seen["forward"] == "Step 2 of 7" and seen["browser_back"] == "Step 1 of 7"
    assert seen["axe"] == []
    assert seen["errors"] == []


def _check_and_change(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    answers = page.locator(".cb-summary__row")
    rows = dict(zip(answers.locator("dt").all_inner_texts(),
                    answers.locator(".cb-summary__value").all_inner_texts(), strict=True))
    headings = page.locator("[data-check-answers] h3").all_inner_texts()
    axe = axe_violations(page)
    page.get_by_role("link", name="Change title").click()
    focused = page.evaluate("document.activeElement.id")
    progress = _progress(page)
    _title(page).fill("Co-responding in west Cornwall")
    continue_(page)
    back_on = page.get_by_role("heading", level=2, name="Check your answers").is_visible()
    changed = page.locator(".cb-summary__row").first.locator(".cb-summary__value").inner_text()
    page.context.close()
    return {"rows": rows, "headings": headings, "axe": axe, "focused": focused, "progress": progress,
            "back_on": back_on, "changed": changed, "errors": errors}


def test_every_answer_is_shown_to_check_and_each_can_be_changed(in_browser: Callable[..., Any],
                                                               propose_url: str) -> None:
    seen = in_browser(_check_and_change, propose_url)
    assert seen["headings"] == ["About the collaboration", "Who took part", "Where and when", "What happened",
                                "What was learned", "How well it worked", "Sources"]
    rows = seen["rows"]
    assert rows["Title"] == TITLE
    assert rows["Services"] == "Fire and rescue\nAmbulance"
    assert rows["Organisation 2 service"] == "Ambulance"
    assert rows["Outcome 1 unit"] == "A number of things (a count)"
    assert rows["Evidence level"] == "Internal review"
    assert rows["Barriers"] == "Not given"
    # A part of a row left out is no answer; the editor's fields are not asked.
    assert "Source 1 archived copy" not in rows and "Last reviewed" not in rows
    assert seen["axe"] == []
    assert seen["focused"] == "cb-title" and seen["progress"] == "Step 1 of 7"
    assert seen["back_on"] and seen["changed"] == "Co-responding in west Cornwall"
    assert seen["errors"] == []


def _reload_and_send(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser, accept_downloads=True)
    page.goto(url)
    ready(page)
    _title(page).fill(TITLE)
    group(page, "Governance").get_by_label("Joint committee").check()
    group(page, "Collaboration types").get_by_label("Prevention and community safety").check()
    page.get_by_label("Summary").first.fill("Firefighters in west Cornwall respond to cardiac arrests.")
    continue_(page)
    for _ in range(2):
        group(page, "Organisations").get_by_role("button", name="Add another organisation").click()
    group(page, "Organisation 4").get_by_label("Name").fill("Kent Police")
    group(page, "Organisation 4").get_by_label("Service").select_option(label="Police")
    page.reload()
    ready(page)
    after_reload = {"progress": _progress(page),
                    "rows": group(page, "Organisations").locator("[data-row]").count(),
                    "name": group(page, "Organisation 4").get_by_label("Name").input_value(),
                    "service": group(page, "Organisation 4").get_by_label("Service").input_value(),
                    "status": page.locator("[data-propose-status]").inner_text(),
                    "note": page.locator(".cb-propose-draft p").first.inner_text()}
    open_step(page, 1)
    after_reload |= {"title": _title(page).input_value(),
                     "governance": group(page, "Governance").get_by_label("Joint committee").is_checked()}
    open_step(page, 2)
    group(page, "Organisation 4").get_by_role("button", name="Remove organisation 4").click()
    fill_valid(page)
    create(page)
    with page.expect_download():
        page.get_by_role("link", name="Download the file").click()
    page.reload()
    ready(page)
    after_download = {"progress": _progress(page),
                      "title": _title(page).input_value()}
    page.context.close()
    return {"reload": after_reload, "download": after_download, "errors": errors}


def test_reloading_keeps_every_answer_until_the_file_is_downloaded(in_browser: Callable[..., Any],
                                                                   propose_url: str) -> None:
    seen = in_browser(_reload_and_send, propose_url)
    assert seen["reload"] == {"progress": "Step 2 of 7", "rows": 4, "name": "Kent Police", "service": "police",
                              "status": "Your answers so far have been kept in this browser.", "title": TITLE,
                              "governance": True,
                              "note": "Your answers are kept in this browser, on this device only, until you download "
                                      "or send the file, so you can leave and come back. Nothing is sent anywhere "
                                      "until you send it yourself. On a shared computer, delete your answers when "
                                      "you finish."}
    assert seen["download"] == {"progress": "Step 1 of 7", "title": ""}
    assert seen["errors"] == []


def _start_again(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    ready(page)
    _title(page).fill(TITLE)
    page.get_by_label("Summary").first.fill("Firefighters in west Cornwall respond to cardiac arrests.")
    group(page, "Collaboration types").get_by_label("Prevention and community safety").check()
    continue_(page)
    page.get_by_role("button", name="Delete my answers and start again").click()
    question = page.locator("#cb-start-again-question").inner_text()
    kept_while_asking = page.evaluate(DRAFTS)
    page.get_by_role("button", name="Yes, delete my answers").click()
    seen = {"question": question, "kept_while_asking": kept_while_asking,
            "progress": _progress(page), "title": _title(page).input_value(),
            "status": page.locator("[data-propose-status]").inner_text(),
            "stored": page.evaluate(DRAFTS)}
    page.reload()
    ready(page)
    seen["after_reload"] = _title(page).input_value()
    page.context.close()
    return {**seen, "errors": errors}


def test_starting_again_deletes_every_answer_after_asking(in_browser: Callable[..., Any], propose_url: str) -> None:
    seen = in_browser(_start_again, propose_url)
    assert seen["question"] == "Delete every answer you have given? This cannot be undone."
    assert seen["kept_while_asking"] == 1
    assert seen["progress"] == "Step 1 of 7" and seen["title"] == "" and seen["after_reload"] == ""
    assert seen["status"] == "Your answers have been deleted. You can start again."
    assert seen["stored"] == 0
    assert seen["errors"] == []
