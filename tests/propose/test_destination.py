"""Where the file goes: a site that takes proposals by email names its editors' address, says
what happens next, and forgets the draft once the file is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser
from propose_form import EDITORS, REPLY_WITHIN, create, fill_valid

pytestmark = pytest.mark.browser

DRAFTS = "Object.keys(localStorage).filter((key) => key.startsWith('casebook-proposal')).length"


def _send_by_email(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    create(page)
    output = page.get_by_role("region", name="Your case-study file")
    email = output.get_by_role("link", name=EDITORS)
    seen = {"href": email.get_attribute("href"),
            "send": output.locator("p", has=page.get_by_role("link", name=EDITORS)).inner_text(),
            "next": output.locator("#cb-next-title + p").inner_text(),
            "github": output.get_by_role("link", name="propose the file on GitHub").count(),
            "axe": axe_violations(page), "drafts_before": page.evaluate(DRAFTS)}
    # The mail program is not opened here; the page still learns the file was sent.
    email.evaluate("link => link.addEventListener('click', (event) => event.preventDefault())")
    email.click()
    seen |= {"drafts_after": page.evaluate(DRAFTS), "status": page.locator("[data-propose-status]").inner_text()}
    page.context.close()
    return {**seen, "errors": errors}


def test_the_file_goes_to_the_configured_address_and_the_page_says_what_happens_next(
        in_browser: Callable[..., Any], emailed_propose_url: str) -> None:
    seen = in_browser(_send_by_email, emailed_propose_url)
    assert seen["href"] == f"mailto:{EDITORS}?subject=Case%20study%20proposal"
    assert seen["send"] == f"Email the file to the Casebook editors at {EDITORS}, as an attachment."
    assert seen["next"] == (f"An editor checks your case study against its sources and replies within {REPLY_WITHIN}. "
                            "They reply by email, to the address you send it from. They may ask you a question or "
                            "suggest changes; nothing is published until the case study is right.")
    assert seen["github"] == 0
    assert seen["axe"] == []
    assert seen["drafts_before"] == 1 and seen["drafts_after"] == 0
    assert seen["status"] == "Your answers have been deleted from this browser now that you have the file."
    assert seen["errors"] == []


def _without_javascript(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser, java_script_enabled=False)
    page.goto(url)
    intro = page.locator(".cb-propose-intro")
    seen = {"heading": intro.get_by_role("heading").inner_text(),
            "email": intro.get_by_role("link", name=EDITORS).get_attribute("href"),
            "other_ways": intro.get_by_role("link", name="the contribute page").get_attribute("href"),
            "steps": page.locator(".cb-step__progress:visible").count()}
    page.context.close()
    return {**seen, "errors": errors}


def test_without_javascript_the_page_says_so_and_gives_the_address(in_browser: Callable[..., Any],
                                                                   emailed_propose_url: str) -> None:
    seen = in_browser(_without_javascript, emailed_propose_url)
    assert seen["heading"] == "This form needs JavaScript"
    assert seen["email"] == f"mailto:{EDITORS}?subject=Case%20study%20proposal"
    assert seen["other_ways"] == "../contribute/"
    assert seen["steps"] == 0
    assert seen["errors"] == []
