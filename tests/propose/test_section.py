"""The proposal form as the generator writes it, before any browser sees it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from propose_form import EDITORS, with_proposal_options
from support import ROOT, make_project, record

from generator.catalogue import Catalogue
from generator.commands import cli
from generator.content.schema import OUTCOME_UNITS
from generator.content.validate import validate_library
from generator.render import PageRenderer, RenderOptions
from generator.render.proposal import NOT_ASKED

REPO_URL = "https://github.com/example/casebook"


def _section(project: Path, **options: str | None) -> str:
    library = validate_library(project)
    assert library.taxonomy is not None and library.schema is not None, library.problems
    catalogue = Catalogue.published(library.taxonomy, library.records)
    renderer = PageRenderer(catalogue, ROOT / "site_theme" / "casebook", RenderOptions(**options),  # type: ignore[arg-type]
                            library.schema)
    return renderer.section("propose", "propose.md")


@pytest.mark.parametrize(("repo_url", "offers_pull_request"), [
    (REPO_URL, True), (f"{REPO_URL}/", True), ("https://gitlab.com/example/casebook", False),
    ("https://github.com/example", False), (None, False)])
def test_pull_request_is_offered_only_for_a_github_repository(tmp_path: Path, repo_url: str | None,
                                                              offers_pull_request: bool) -> None:
    html = _section(make_project(tmp_path, {"kent-control": record()}), repo_url=repo_url)
    assert ('data-output="pull-request"' in html) is offers_pull_request
    assert (f'data-new-file="{REPO_URL}/new/main"' in html) is offers_pull_request
    assert (f'href="{REPO_URL}/issues/new/choose"' in html) is offers_pull_request
    assert ("has no address for proposals yet" in html) is not offers_pull_request
    assert 'href="../contribute/"' in html


def test_form_is_written_from_the_schema_and_taxonomy(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    html = _section(project)
    library = validate_library(project)
    assert library.schema is not None and library.taxonomy is not None
    for name in library.schema["properties"]:
        assert (f'data-path="{name}"' in html) is (name not in NOT_ASKED), name
    for service in library.taxonomy.services.values():
        assert f'<label for="cb-services-{service.id}">{service.name}</label>' in html
    assert 'data-schema="../schema/case-study.schema.json"' in html
    assert 'data-taken="../propose/taken.json"' in html
    # The form is one raw HTML block for Markdown: a blank line would end it.
    form = html[html.index("<form"):html.index("</form>")]
    assert "\n\n" not in form


def test_every_question_is_in_a_numbered_step(tmp_path: Path) -> None:
    html = _section(make_project(tmp_path, {}))
    steps = re.findall(r'<section class="cb-step" id="cb-step-(\d)".*?<p class="cb-step__progress" data-needs-script '
                       r'hidden>Step (\d) of (\d)</p>\n<h2 class="cb-step__title" id="cb-step-\d-title" tabindex="-1">'
                       r'([^<]+)</h2>', html, re.S)
    assert [title for *_, title in steps] == ["About the collaboration", "Who took part", "Where and when",
                                              "What happened", "What was learned", "How well it worked", "Sources"]
    assert all(number == shown and total == "7" for number, shown, total, _ in steps)
    assert 'data-step="check"' in html and ">Check your answers</h2>" in html


@pytest.mark.parametrize(("address", "link"), [
    ("editors@example.gov.uk", 'href="mailto:editors@example.gov.uk?subject=Case%20study%20proposal"'),
    ("https://forms.example.gov.uk/casebook", 'href="https://forms.example.gov.uk/casebook"')])
def test_proposals_go_to_the_configured_address_with_what_happens_next(tmp_path: Path, address: str,
                                                                      link: str) -> None:
    html = _section(make_project(tmp_path, {}), proposals_to=address, proposals_reply_within="10 working days")
    output = html[html.index('<section class="cb-propose__output"'):]
    assert f"data-send {link}" in output
    assert "has no address for proposals" not in html
    assert "An editor checks your case study against its sources and replies within 10 working days." in output
    # Without JavaScript the page names the same address.
    intro = html[:html.index("<form")]
    assert link in intro


def test_casebook_render_carries_the_address_to_other_engines(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = with_proposal_options(make_project(tmp_path / "project", {}), proposals_to=EDITORS)
    out = tmp_path / "rendered"
    command = ["--root", str(project), "render", "--out", str(out), "--site-url", "https://casebook.example/"]
    assert cli.main(command) == 0
    page = (out / "docs" / "propose.md").read_text(encoding="utf-8")
    assert f'<a data-send href="mailto:{EDITORS}?subject=Case%20study%20proposal">{EDITORS}</a>' in page
    # The page carries it: the output's mkdocs.yml has no casebook plugin to read it from.
    assert "casebook:" not in (out / "mkdocs.yml").read_text(encoding="utf-8")


def test_an_address_that_is_neither_email_nor_https_is_refused(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = with_proposal_options(make_project(tmp_path, {}), proposals_to="javascript:alert(1)")
    assert cli.main(["--root", str(project), "validate"]) == 2
    assert ("the casebook option 'proposals_to' must be an email address or a web address starting with https://"
            in capsys.readouterr().err)


def test_the_form_speaks_plainly_and_leaves_editors_fields_to_editors(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    form = BeautifulSoup(_section(project), "html.parser").find("form")
    assert form is not None
    text = form.get_text(" ")
    assert "Markdown" not in text and "(ITL1)" not in text
    context, units = form.select_one("#cb-context-hint"), form.select_one("#cb-outcomes-0-unit")
    assert context is not None and units is not None
    assert "leave an empty line between paragraphs" in context.get_text()
    assert [option.get_text() for option in units.find_all("option")][1:] == list(OUTCOME_UNITS.values())
    labels = {label.get_text(" ", strip=True) for label in form.find_all(["label", "legend"])}
    for name in NOT_ASKED:
        assert name.replace("_", " ").capitalize() not in labels, name
    # Rules name terms as the choices do, not by their ids.
    result = form.select_one("#cb-result-hint")
    assert result is not None and "'Worked' needs evidence at level 'Internal review' or above." in result.get_text()
    assert "internal-review" not in text and "in-delivery" not in text
