"""The proposal form as the generator writes it, before any browser sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import ROOT, make_project, record

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.render import PageRenderer, RenderOptions

REPO_URL = "https://github.com/example/casebook"


def _section(project: Path, repo_url: str | None) -> str:
    library = validate_library(project)
    assert library.taxonomy is not None and library.schema is not None, library.problems
    catalogue = Catalogue.published(library.taxonomy, library.records)
    renderer = PageRenderer(catalogue, ROOT / "site_theme" / "casebook", RenderOptions(repo_url=repo_url),
                            library.schema)
    return renderer.section("propose", "propose.md")


@pytest.mark.parametrize(("repo_url", "offers_pull_request"), [
    (REPO_URL, True), (f"{REPO_URL}/", True), ("https://gitlab.com/example/casebook", False),
    ("https://github.com/example", False), (None, False)])
def test_pull_request_is_offered_only_for_a_github_repository(tmp_path: Path, repo_url: str | None,
                                                              offers_pull_request: bool) -> None:
    html = _section(make_project(tmp_path, {"kent-control": record()}), repo_url)
    assert ('data-output="pull-request"' in html) is offers_pull_request
    assert (f'data-new-file="{REPO_URL}/new/main"' in html) is offers_pull_request
    assert (f'href="{REPO_URL}/issues/new/choose"' in html) is offers_pull_request
    assert ('href="../contribute/"' in html) is not offers_pull_request


def test_form_is_written_from_the_schema_and_taxonomy(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    html = _section(project, None)
    library = validate_library(project)
    assert library.schema is not None and library.taxonomy is not None
    for name in library.schema["required"]:
        assert f'data-path="{name}"' in html, name
    for service in library.taxonomy.services.values():
        assert f'<label for="cb-services-{service.id}">{service.name}</label>' in html
    assert 'data-schema="../schema/case-study.schema.json"' in html
    assert 'data-taken="../propose/taken.json"' in html
    # The form is one raw HTML block for Markdown: a blank line would end it.
    form = html[html.index("<form"):html.index("</form>")]
    assert "\n\n" not in form
