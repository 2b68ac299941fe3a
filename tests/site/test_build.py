"""A real `mkdocs build` of a small project, checked through the HTML it writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import make_project, record, run_build

RECORDS = {
    "kent-control": record(),
    "cornwall-safety-officers": record(
        title="Tri-Service Safety Officers in Cornwall",
        summary="Officers funded by police, fire and ambulance services respond to emergencies in rural Cornwall.",
        services=["police", "fire", "ambulance"], regions=["south-west"], areas=["Cornwall"],
        collaboration_types=["dual-role-workforce", "first-response"], status="pilot", started="2014",
        organisations=[{"name": "Devon and Cornwall Police", "service": "police"},
                       {"name": "Cornwall Fire and Rescue Service", "service": "fire"},
                       {"name": "South Western Ambulance Service NHS Foundation Trust", "service": "ambulance"}],
        outcomes=[{"text": "Response time", "value": 12, "unit": "minutes", "domain": "response-times"},
                  {"text": "Share of calls", "value": 30, "unit": "percent"}],
        lessons=[{"theme": "workforce-and-training", "text": "A five-month induction covered all three roles."}],
        barriers=[{"theme": "technology-and-systems", "text": "Officers needed access to three IT systems."}],
    ),
    "closed-trial": record(
        title="A completed co-responding trial", status="completed", started="2016-02", ended="2016-06",
        result="worked", evidence={"level": "internal-review"}, services=["fire", "ambulance"], regions=["london"],
        collaboration_types=["first-response"],
        organisations=[{"name": "London Fire Brigade", "service": "fire"},
                       {"name": "London Ambulance Service NHS Trust", "service": "ambulance"}],
    ),
    "hostile-text": record(
        title="<script>window.pwned=1</script> & friends",
        summary='A summary with "quotes" and <img src=x onerror=alert(1)> in it, to be shown as text.',
        areas=["<b>Bold</b> area"],
        lessons=[{"theme": "governance-and-leadership", "text": "<script>alert('lesson')</script> is inert."}],
    ),
    "secret-draft": record(title="A draft that must not be published", draft=True),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_published_record_has_a_page_and_drafts_do_not(site: Path) -> None:
    pages = {p.parent.name for p in (site / "case-studies").glob("*/index.html")}
    assert pages == {slug for slug, data in RECORDS.items() if not data.get("draft")}


def test_record_page_shows_the_record(site: Path) -> None:
    html = read(site, "case-studies/cornwall-safety-officers/index.html")
    assert "<h1" in html and "Tri-Service Safety Officers in Cornwall</h1>" in html
    assert "Officers funded by police, fire and ambulance services" in html
    for text in ("Police", "Fire and rescue", "Ambulance", "South West", "Cornwall", "Dual-role workforce",
                 "Pilot", "Since 2014", "Devon and Cornwall Police", "A five-month induction",
                 "What got in the way", "Officers needed access to three IT systems", "Workforce and training"):
        assert text in html, text
    assert "12 minutes" in html and "30%" in html
    assert 'href="../../services/ambulance/"' in html
    assert 'href="../../case-studies/cornwall-safety-officers.json"' in html


def test_record_page_names_each_outcome_domain(site: Path) -> None:
    page = BeautifulSoup(read(site, "case-studies/cornwall-safety-officers/index.html"), "html.parser")
    items = [" ".join(item.get_text(" ").split()) for item in page.select("ul.cb-outcomes > li")]
    assert items == ["12 minutes Response time (measures: Response times )", "30% Share of calls"]


def test_money_is_formatted_the_public_sector_way(site: Path) -> None:
    assert "£2m" in read(site, "case-studies/kent-control/index.html")


def test_meta_description_open_graph_and_canonical(site: Path) -> None:
    html = read(site, "case-studies/kent-control/index.html")
    assert '<meta name="description" content="Kent Fire and Rescue Service moved its control room' in html
    assert '<meta property="og:title" content="Kent single police and fire control room - Casebook">' in html
    assert '<meta property="og:description" content="Kent Fire and Rescue Service moved' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/case-studies/kent-control/">' in html


def test_record_text_is_escaped_everywhere(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.pwned" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>Bold</b>" not in html, page
    html = read(site, "case-studies/hostile-text/index.html")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt; &amp;amp; friends" in html or \
           "&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; friends" in html
    assert 'content="A summary with &#34;quotes&#34;' in html or 'content="A summary with &quot;quotes&quot;' in html


def test_drafts_appear_nowhere_in_a_build(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert "secret-draft" not in text and "A draft that must not be published" not in text, path


def test_listings_are_sorted_current_first_then_newest(site: Path) -> None:
    html = read(site, "case-studies/index.html")
    order = re.findall(r'data-slug="([a-z0-9-]+)"', html)
    # Current schemes first, newest start first (2014 before 2012-03), equal starts by title
    # ("<script>..." sorts before "Kent"), then the completed trial.
    assert order == ["cornwall-safety-officers", "hostile-text", "kent-control", "closed-trial"]
    assert "Sorted by: Current schemes (pilot or operational) first" in html


def test_facet_pages_and_overviews_count_every_value(site: Path) -> None:
    fire = read(site, "services/fire/index.html")
    assert len(re.findall(r'class="cb-card"', fire)) == 4
    overview = read(site, "regions/index.html")
    rows = dict(re.findall(r'<a href="[^"]+">([^<]+)</a></th><td class="cb-num">(\d+)</td>', overview))
    assert rows["South East"] == "2" and rows["London"] == "1" and rows["Northern Ireland"] == "0"
    assert len(rows) == 13
    assert (site / "regions/northern-ireland/index.html").exists()
    assert "There are no case studies here yet" in read(site, "regions/northern-ireland/index.html")


def test_lessons_digest_links_every_lesson_to_its_record(site: Path) -> None:
    html = read(site, "lessons/index.html")
    assert "A five-month induction covered all three roles." in html
    assert 'href="../case-studies/cornwall-safety-officers/"' in html
    assert 'id="workforce-and-training"' in html


def test_home_page_has_counts_newest_and_entry_points(site: Path) -> None:
    html = read(site, "index.html")
    assert "<strong>4</strong> case studies" in html
    assert 'href="services/police/"' in html and 'href="regions/wales/"' in html
    assert "Newest case studies" in html


def test_exports_and_schema_are_published(site: Path) -> None:
    data = json.loads(read(site, "data/case-studies.json"))
    assert [r["slug"] for r in data["case_studies"]] == sorted(s for s, d in RECORDS.items() if not d.get("draft"))
    one = json.loads(read(site, "case-studies/kent-control.json"))
    assert one["title"] == RECORDS["kent-control"]["title"]
    assert one["services"][0] == {"id": "police", "name": "Police"}
    schema = json.loads(read(site, "schema/case-study.schema.json"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_sitemap_lists_records_but_not_drafts(site: Path) -> None:
    sitemap = read(site, "sitemap.xml")
    assert "case-studies/kent-control/" in sitemap and "secret-draft" not in sitemap
    assert "<lastmod>2026-11-20</lastmod>" in sitemap


def test_record_search_entries_include_organisations_and_areas(site: Path) -> None:
    data = json.loads(read(site, "search/index.json"))
    records = json.loads(read(site, "search/records.json"))
    position = records["href"].index("../case-studies/cornwall-safety-officers/")
    names = {data["terms"]["name"][code] for code in records["terms"][position]}
    assert {"Devon and Cornwall Police", "Cornwall"} <= names


def test_invalid_record_fails_the_build_with_every_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"good": record(),
                                      "bad": record(services=["police", "fire-service"], status="finished")})
    result = run_build(project)
    assert result.returncode != 0
    assert "content/case-studies/bad.yaml:" in result.stderr
    assert re.search(r"bad\.yaml:\d+:\d+: error: services\[1\]: 'fire-service' is not a known service "
                     r"\(did you mean 'fire'\?\)", result.stderr)
    assert re.search(r"bad\.yaml:\d+:\d+: error: status: 'finished' is not a known status", result.stderr)


def test_records_the_preview_keeps_or_shows_broken_still_fail_the_build(tmp_path: Path) -> None:
    """The preview shows a broken record's problems on its page and keeps a record whose related
    case study was deleted; a build publishes neither."""
    project = make_project(tmp_path, {"kent-control": record(related=["deleted-scheme"]),
                                      "broken": record(title="A broken scheme", status="finished")})
    result = run_build(project)
    assert result.returncode != 0
    assert re.search(r"kent-control\.yaml:\d+:\d+: error: related\[0\]: there is no case study called "
                     r"'deleted-scheme' \(remove it if that case study was deleted", result.stderr)
    assert re.search(r"broken\.yaml:\d+:\d+: error: status: 'finished' is not a known status", result.stderr)
    assert not (project / "site/case-studies/broken/index.html").exists()
    assert not (project / "site/case-studies/kent-control/index.html").exists()


def test_generated_page_cannot_replace_a_hand_written_one(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    (project / "content/pages/case-studies").mkdir()
    (project / "content/pages/case-studies/kent-control.md").write_text("# Mine\n")
    result = run_build(project)
    assert result.returncode != 0
    assert "case-studies/kent-control.md is generated by Casebook" in result.stderr


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path, RECORDS)
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_build(project, first).returncode == 0
    assert run_build(project, second).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_home_page_body_leads_into_find(site: Path) -> None:
    html = read(site, "index.html")
    assert '<p class="cb-find-cta"><a href="find/">Find case studies</a>' in html
    assert (site / "find" / "index.html").exists()
