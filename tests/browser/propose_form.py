"""Filling in the "Propose a case study" form as a contributor does, for the tests that drive it."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

# The sites the proposal tests build (tests/propose/conftest.py).
REPO_URL = "https://github.com/example/casebook"
EXISTING = "kent-single-police-and-fire-control-room"
EDITORS = "casebook-editors@example.gov.uk"
REPLY_WITHIN = "two weeks"

# Characters that would trip a YAML writer: a colon, a hash, quotes, accents, a YAML 1.1 boolean.
TITLE = "Fire & ambulance co-responding: Penzance “phase 2” (café #1) NO"
CONTEXT = ("Cardiac arrests in west Cornwall often waited over 20 minutes for an ambulance.\n\n"
           "- Stations: Penzance, St Just\n- Crews: on-call # not whole-time\n\nyes: \"quoted\" 'text'")
DESCRIPTION = ("On-call firefighters were trained as co-responders and sent to suspected cardiac arrests "
               "alongside the ambulance. See [the evaluation](https://example.org/evaluation).")


def with_proposal_options(project: Path, **options: str) -> Path:
    """The project's mkdocs.yml with these casebook plugin options."""
    config = project / "mkdocs.yml"
    entries = "".join(f"\n      {name}: {value}" for name, value in options.items())
    text = config.read_text(encoding="utf-8")
    assert "\n  - casebook\n" in text
    config.write_text(text.replace("\n  - casebook\n", f"\n  - casebook:{entries}\n"), encoding="utf-8")
    return project


def group(page: Page, name: str) -> Locator:
    return page.get_by_role("group", name=name)


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue", exact=True).click()


def ready(page: Page) -> None:
    """Wait until the form's script has started (it shows what needs it)."""
    page.locator("[data-start-again-ask]").wait_for(state="visible")


def open_step(page: Page, number: int | str) -> None:
    """Go to a step as the browser's Back and Forward buttons do (its address, #step-N)."""
    ready(page)
    page.evaluate("key => { location.hash = key === 'check' ? '#check' : `#step-${key}`; }", str(number))
    page.locator(f"[data-step='{number}']").wait_for(state="visible")


def fill_valid(page: Page) -> None:
    """Every required answer, and some optional ones, as a contributor gives them, step by step,
    ending on the page that shows every answer to check."""
    open_step(page, 1)
    page.get_by_label("Title", exact=True).first.fill(TITLE)
    page.get_by_label("Summary").first.fill(
        "Firefighters in west Cornwall respond to cardiac arrests with the ambulance service.")
    group(page, "Collaboration types").get_by_label("First response and co-responding").check()
    group(page, "Governance").get_by_label("Memorandum of understanding").check()
    continue_(page)
    for service in ("Fire and rescue", "Ambulance"):
        group(page, "Services").get_by_label(service, exact=True).check()
    organisations = [("Cornwall Fire and Rescue Service", "Fire and rescue"),
                     ("South Western Ambulance Service NHS Foundation Trust", "Ambulance")]
    for number, (name, service) in enumerate(organisations, 1):
        row = group(page, f"Organisation {number}")
        row.get_by_label("Name").fill(name)
        row.get_by_label("Service").select_option(label=service)
    continue_(page)
    group(page, "Regions").get_by_label("South West").check()
    page.get_by_label("Areas").fill("Cornwall\nPenzance")
    group(page, "Status").get_by_label("Completed").check()
    page.get_by_label("Started").fill("2019-04")
    page.get_by_label("Ended").fill("2021-03")
    continue_(page)
    page.get_by_label("Context").fill(CONTEXT)
    page.get_by_label("Description").fill(DESCRIPTION)
    outcome = group(page, "Outcome 1")
    outcome.get_by_label("What was achieved").fill("Cardiac arrests attended in the first year")
    outcome.get_by_label("Figure").fill("312")
    outcome.get_by_label("Unit").select_option(label="A number of things (a count)")
    continue_(page)
    lesson = group(page, "Lesson 1")
    lesson.get_by_label("Theme").select_option(label="Workforce and training")
    lesson.get_by_label("What was learned").fill("Crews needed refresher training every six months to stay confident.")
    continue_(page)
    group(page, "Result").get_by_label("Worked").check()
    evidence = group(page, "Evidence")
    evidence.get_by_label("Internal review").check()
    evidence.get_by_label("Summary").fill("The ambulance trust's clinical audit of the first year.")
    evidence.get_by_label("Web address").fill("https://example.org/audit")
    continue_(page)
    source = group(page, "Source 1")
    source.get_by_label("Title").fill("Co-responding in west Cornwall")
    source.get_by_label("Web address").fill("https://example.org/co-responding")
    source.get_by_label("Publisher").fill("Cornwall Fire and Rescue Service")
    source.get_by_label("Date").fill("2021")
    continue_(page)
    page.get_by_role("heading", name="Check your answers").wait_for()


def create(page: Page) -> None:
    """On the check page (going there first if need be), ask for the file."""
    if not page.get_by_role("button", name="Make the file").is_visible():
        open_step(page, "check")
    page.get_by_role("button", name="Make the file").click()
