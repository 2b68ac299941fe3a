"""What a reader sees of the evidence rules: evaluator and caveats beside the evidence, DOIs and
archived copies of sources, an out-of-date notice, colours by tone, organisation history."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from support import make_project, record, run_build

EVALUATED = record(
    title="An evaluated joint response unit", started="2015", result="worked",
    services=["police", "fire"],
    organisations=[{"name": "Kent Police", "service": "police"},
                   {"name": "Chief Fire Officers Association", "service": "fire"},
                   {"name": "Association of Chief Police Officers", "service": "police"}],
    evidence={"level": "independent-evaluation", "summary": "A university evaluated the first year.",
              "url": "https://example.org/evaluation.pdf", "by": "Cardiff University <b>team</b>",
              "caveats": "Savings were **smaller** than predicted; see [the audit](https://example.org/audit)."},
    sources=[{"title": "The evaluation", "url": "https://example.org/evaluation.pdf",
              "doi": "10.1136/emermed-2016-206139.11#x",
              "archived_url": "https://web.archive.org/web/2016/https://example.org/evaluation.pdf"}],
    last_reviewed="2026-11-20",
)
STALE = record(title="A record nobody has checked for years", last_reviewed="2020-01-01", started="2012")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"), {"evaluated": EVALUATED, "stale": STALE})
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_evidence_shows_its_evaluator_and_caveats_as_safe_markdown(site: Path) -> None:
    html = read(site, "case-studies/evaluated/index.html")
    assert "Evaluated by Cardiff University &lt;b&gt;team&lt;/b&gt;." in html
    assert "Savings were <strong>smaller</strong> than predicted; see " in html
    assert '<a href="https://example.org/audit" rel="noopener noreferrer nofollow">the audit</a>' in html


def test_sources_link_their_doi_and_archived_copy(site: Path) -> None:
    html = read(site, "case-studies/evaluated/index.html")
    assert 'href="https://doi.org/10.1136/emermed-2016-206139.11%23x"' in html
    assert 'href="https://web.archive.org/web/2016/https://example.org/evaluation.pdf"' in html


def test_a_record_past_its_review_period_says_it_may_be_out_of_date(site: Path) -> None:
    # No SOURCE_DATE_EPOCH: the build is dated by the newest review (20 November 2026).
    stale = read(site, "case-studies/stale/index.html")
    assert "This page may be out of date." in stale
    assert "last checked against its sources on 1 January 2020" in stale and "(20 November 2026)" in stale
    assert "Last reviewed 1 January 2020" in stale
    fresh = read(site, "case-studies/evaluated/index.html")
    assert "may be out of date" not in fresh and "Last reviewed 20 November 2026" in fresh


def test_badges_take_their_colour_from_the_tone_not_the_id(site: Path) -> None:
    html = read(site, "case-studies/evaluated/index.html")
    assert 'class="cb-badge cb-badge--result cb-tone--positive">Worked<' in html
    assert 'class="cb-badge cb-badge--evidence cb-tone--positive">Independent evaluation<' in html
    assert "cb-badge--worked" not in html


def test_organisation_page_shows_its_former_names(site: Path) -> None:
    html = read(site, "organisations/national-fire-chiefs-council/index.html")
    assert "Former names" in html and "Chief Fire Officers Association until 31 March 2017" in html
    assert "Active from 1 April 2017" in html


def test_organisation_page_of_an_abolished_body_names_its_successor(site: Path) -> None:
    html = read(site, "organisations/association-of-chief-police-officers/index.html")
    assert "Abolished until 31 March 2015" in html
    # Its successor is named by no case study, so it has no page to link to.
    assert "<dt>Succeeded by</dt><dd>National Police Chiefs&#39; Council</dd>" in html \
        or "<dt>Succeeded by</dt><dd>National Police Chiefs' Council</dd>" in html


def _elements(site: Path, selector: str) -> list[tuple[str, Tag]]:
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        found += [(str(page.relative_to(site)), element) for element in soup.select(selector)]
    return found


def test_every_figure_caption_is_the_first_or_last_child_of_its_figure(site: Path) -> None:
    # The Nu Html Checker rejects a figcaption with content after it (the chart key once sat there).
    figures = _elements(site, "figure:has(> figcaption)")
    assert figures
    for page, figure in figures:
        children = figure.find_all(recursive=False)
        assert "figcaption" in (children[0].name, children[-1].name), (page, figure.get("id"))


def test_an_element_named_by_aria_labelledby_is_one_that_can_be_named(site: Path) -> None:
    # A div or span has no role to carry a name: aria-labelledby on it is invalid and unannounced.
    for page, element in _elements(site, "div[aria-labelledby], span[aria-labelledby]"):
        assert element.get("role"), (page, element.get("id"))
