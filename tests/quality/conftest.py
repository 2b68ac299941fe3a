"""The pages every reference checker reads: those the issue names (the Find page, a lessons page,
the evidence base and its gap map, a case study) and a later page of each paginated kind of list,
and pages of the Welsh site."""

from __future__ import annotations

from pathlib import Path

import pytest


def _largest(site: Path, pattern: str) -> str:
    """The folder (as a site path) of the largest page matching `pattern`: the most markup to check."""
    pages = [page for page in site.glob(pattern) if "page" not in page.relative_to(site).parts]
    assert pages, f"the shipped site has no page matching {pattern}"
    return max(pages, key=lambda page: (page.stat().st_size, page.as_posix())).parent.relative_to(site).as_posix() + "/"


def _later(site: Path, pattern: str) -> str:
    """The first second page of a paginated list matching `pattern` (e.g. services/*/page/2/)."""
    pages = sorted(site.glob(pattern + "index.html"))
    assert pages, f"no list in the shipped site runs to a second page matching {pattern}"
    return pages[0].parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="session")
def checked_pages(shipped_site: Path) -> list[str]:
    return ["find/", "lessons/", "evidence-base/", "evidence-base/gap-map/",
            _largest(shipped_site, "case-studies/*/index.html"), _largest(shipped_site, "organisations/*/index.html"),
            _later(shipped_site, "case-studies/page/2/"), _later(shipped_site, "services/*/page/2/"),
            _later(shipped_site, "lessons/page/2/"), _later(shipped_site, "lessons/*/page/2/"),
            # The Welsh site passes the same checks (issue 19): its Find page, its largest case
            # study (in English, marked so, or in Welsh), a hand-written page shown in English, and
            # the pages built from the schema and the tables (the data page, the field reference),
            # whose words come from Python in the page's language.
            "cy/find/", "cy/" + _largest(shipped_site, "case-studies/*/index.html"), "cy/about/",
            "cy/data/", "cy/contribute/",
            # The proposal form in both languages: its Continue and "Make the file" submit it.
            "propose/", "cy/propose/"]
