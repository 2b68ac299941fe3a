"""Organisation names in the proposal form, checked against the register as the validator checks
them: a slightly wrong name is refused with the registered names to use instead, best first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, Page, expect
from propose_form import continue_, create, fill_valid, group, open_step, ready
from support import ROOT

from generator.content.schema_check import closest_names
from generator.content.taxonomy import load_taxonomy

pytestmark = pytest.mark.browser


def _name(page: Page, number: int) -> Any:
    return group(page, f"Organisation {number}").get_by_label("Name")


def _type_name(page: Page, number: int, name: str) -> None:
    field = _name(page, number)
    field.fill(name)
    field.blur()


def _misspelt(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    open_step(page, 2)
    group(page, "Services").get_by_label("Fire and rescue", exact=True).check()
    _type_name(page, 1, "Cornwall Fire & Rescue")
    row = group(page, "Organisation 1")
    seen: dict[str, Any] = {"message": page.locator("#cb-organisations-0-name-error").text_content(),
                            "offers": row.locator("[data-use-name]").all_inner_texts(),
                            "described": _name(page, 1).get_attribute("aria-describedby"),
                            "axe": axe_violations(page)}
    continue_(page)
    seen["refused"] = page.locator("#cb-error-summary a").all_inner_texts()
    row.get_by_role("button", name="Use Cornwall Fire and Rescue Service").click()
    seen |= {"name": _name(page, 1).input_value(), "service": row.get_by_label("Service").input_value(),
             "focused": page.evaluate("document.activeElement.id"),
             "left": row.locator(".cb-error-message, .cb-offers").count()}
    page.context.close()
    return {**seen, "errors": errors}


def test_a_slightly_wrong_name_is_refused_with_the_registered_name_to_use(in_browser: Callable[..., Any],
                                                                         propose_url: str) -> None:
    seen = in_browser(_misspelt, propose_url)
    assert seen["message"] == ("Error: Organisation 1 name: “Cornwall Fire & Rescue” is not on Casebook's list of "
                               "organisations")
    assert seen["offers"] == ["Use Cornwall Fire and Rescue Service"]
    assert seen["described"] == "cb-organisations-0-name-hint cb-organisations-0-name-error"
    assert ("Organisation 1 name: “Cornwall Fire & Rescue” is not on Casebook's list of organisations"
            in seen["refused"])
    # Choosing it fills in its registered service too.
    assert seen["name"] == "Cornwall Fire and Rescue Service" and seen["service"] == "fire"
    assert seen["focused"] == "cb-organisations-0-name" and seen["left"] == 0
    assert seen["axe"] == []
    assert seen["errors"] == []


def _offers_for(browser: Browser, url: str, typed: str) -> list[str]:
    page, errors = open_page(browser)
    page.goto(url)
    open_step(page, 2)
    _type_name(page, 1, typed)
    offers = group(page, "Organisation 1").locator("[data-use-name]").evaluate_all(
        "buttons => buttons.map((button) => button.dataset.useName)")
    page.context.close()
    assert errors == []
    return offers


@pytest.mark.parametrize("typed", ["North West Ambulance Service", "Essex Police Fire and Crime Commissioner",
                                   "Devon & Somerset Fire Rescue", "Staffordshire Police and Crime Commisioner"])
def test_the_form_offers_the_names_the_validator_suggests_best_first(in_browser: Callable[..., Any],
                                                                     propose_url: str, typed: str) -> None:
    taxonomy, _ = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None
    expected = closest_names(typed, list(taxonomy.organisations_by_name))
    assert expected
    assert in_browser(_offers_for, propose_url, typed) == expected[:5]


def _kept(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    open_step(page, 2)
    _type_name(page, 2, "Penzance Community First Responders")
    row = group(page, "Organisation 2")
    keep = row.get_by_role("button", name="Keep “Penzance Community First Responders”: the name is right but not "
                                          "on the list yet")
    offered = row.locator("[data-use-name]").count()
    keep.click()
    left = row.locator(".cb-error-message").count()
    open_step(page, "check")
    answer = page.locator(".cb-summary__row", has_text="Organisation 2 name").locator(".cb-summary__value").inner_text()
    page.context.close()
    return {"offered": offered, "left": left, "answer": answer, "errors": errors}


def test_a_name_not_on_the_list_can_be_kept_for_the_editor_to_add(in_browser: Callable[..., Any],
                                                                  propose_url: str) -> None:
    seen = in_browser(_kept, propose_url)
    assert seen["offered"] == 0 and seen["left"] == 0
    assert seen["answer"] == ("Penzance Community First Responders (not on Casebook's list yet: an editor will "
                              "add it)")
    assert seen["errors"] == []


def _former_name(browser: Browser, url: str) -> dict[str, Any]:
    page, errors = open_page(browser)
    page.goto(url)
    fill_valid(page)
    open_step(page, 2)
    _type_name(page, 1, "Chief Fire Officers Association")
    create(page)
    refused = page.locator("#cb-error-summary a").all_inner_texts()
    page.locator("#cb-error-summary a", has_text="Chief Fire Officers Association").click()
    row = group(page, "Organisation 1")
    offers = row.locator("[data-use-name]").all_inner_texts()
    row.get_by_role("button", name="Use National Fire Chiefs Council").click()
    create(page)
    expect(page.locator("#cb-propose-output")).to_be_visible()
    yaml = page.locator("#cb-propose-output pre").text_content()
    page.context.close()
    return {"refused": refused, "offers": offers, "yaml": yaml, "errors": errors}


def test_a_former_name_is_refused_outside_its_time_with_the_current_name_offered(in_browser: Callable[..., Any],
                                                                                 propose_url: str) -> None:
    seen = in_browser(_former_name, propose_url)
    assert seen["refused"] == ["Organisation 1 name: Chief Fire Officers Association was the name of National Fire "
                               "Chiefs Council until 31 March 2017, before this scheme started (April 2019)"]
    assert seen["offers"] == ["Use National Fire Chiefs Council"]
    assert '- name: "National Fire Chiefs Council"' in seen["yaml"]
    assert seen["errors"] == []


def _offer_notes(browser: Browser, url: str) -> list[str]:
    page, errors = open_page(browser)
    page.goto(url)
    open_step(page, 2)
    _type_name(page, 1, "Chief Fire Officer's Association")
    notes = group(page, "Organisation 1").locator(".cb-offers__list li").all_inner_texts()
    page.context.close()
    assert errors == []
    return notes


def test_a_former_name_offered_says_what_the_body_is_called_now(in_browser: Callable[..., Any],
                                                                propose_url: str) -> None:
    notes = in_browser(_offer_notes, propose_url)
    assert notes[0] == ("Use Chief Fire Officers Association (its name until 31 March 2017; now National Fire "
                        "Chiefs Council)")


VECTORS = yaml.safe_load((ROOT / "tests" / "validator" / "organisation-names.yaml").read_text(encoding="utf-8"))


def _suggestions_in_the_page(browser: Browser, url: str, typed: list[str]) -> list[list[str]]:
    """The page's own matcher, register and thresholds, as the form uses them."""
    page, errors = open_page(browser)
    page.goto(url)
    ready(page)
    found = page.evaluate("""async (typed) => {
        const { closestNames } = await import(new URL("../assets/name-match.js", location).href);
        const form = document.getElementById("cb-propose");
        const names = JSON.parse(form.dataset.register).map((entry) => entry.name);
        const matching = JSON.parse(form.dataset.rules).nameMatching;
        return typed.map((value) => closestNames(value, names, matching));
    }""", typed)
    page.context.close()
    assert errors == []
    return found


def test_the_page_suggests_what_the_validator_suggests_for_every_vector(in_browser: Callable[..., Any],
                                                                        propose_url: str) -> None:
    typed = [case["typed"] for case in VECTORS["cases"]]
    taxonomy, _ = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None
    expected = [closest_names(value, list(taxonomy.organisations_by_name)) for value in typed]
    assert in_browser(_suggestions_in_the_page, propose_url, typed) == expected
    assert sum(bool(names) for names in expected) > len(typed) // 2
