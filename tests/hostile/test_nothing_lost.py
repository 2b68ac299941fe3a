"""Nothing lost: every record of a random library is on its page, in its listings, in the search
data and in the exports, with its text exactly as written."""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
from pathlib import Path

import pytest
from support import ROOT, make_project, record, run_build

from generator.content.taxonomy import load_taxonomy

SEED = 20261124
WORDS = ["police", "fire", "ambulance", "O'Neill", "café", "Ysbyty", "£2.5m", "50%", "R&D", "<b>", "\"quoted\"",
         "a*b*c", "_under_", "[link]", "#hash", "{{x}}", "Llan-", "naïve", "ŵ", "—", "1.10", "no", "~", "2024-05"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def random_records(count: int) -> dict[str, dict]:
    taxonomy, _ = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None
    rng = random.Random(SEED)
    partners = [s for s in taxonomy.services if s not in taxonomy.emergency_services]
    records = {}
    for n in range(count):
        services = sorted({rng.choice(taxonomy.emergency_services), rng.choice(taxonomy.emergency_services + partners)})
        if len(services) < 2:
            services.append(rng.choice(partners))
        records[f"random-{n:03d}"] = record(
            title=f"Scheme {n}: {sentence(rng, 4)}"[:120],
            summary=f"Summary {n} {sentence(rng, 12)}"[:400],
            services=services, regions=sorted(rng.sample(list(taxonomy.regions), rng.randint(1, 2))),
            collaboration_types=sorted(rng.sample(list(taxonomy.collaboration_types), rng.randint(1, 2))),
            areas=[f"Area {sentence(rng, 2)}"],
            organisations=[{"name": f"Organisation {service} {n}", "service": service} for service in services],
            lessons=[{"theme": rng.choice(list(taxonomy.themes)), "text": f"Lesson {n} {sentence(rng, 8)}"}],
            started=f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}",
        )
    return records


RECORDS = random_records(60)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("lossless"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def text_of(path: Path) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_every_record_is_on_its_page_with_its_text(site: Path) -> None:
    for slug, data in RECORDS.items():
        page = text_of(site / "case-studies" / slug / "index.html")
        for text in (data["title"], data["summary"], data["lessons"][0]["text"], data["areas"][0],
                     data["organisations"][0]["name"]):
            assert text in page, (slug, text)


def listing_html(folder: Path) -> str:
    """Every page of the listing whose first page is `folder`/index.html (the others in page/)."""
    pages = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"))]
    return "".join(page.read_text(encoding="utf-8") for page in pages)


def test_every_record_is_in_each_of_its_listings(site: Path) -> None:
    listings = {"services": "services", "regions": "regions", "collaboration_types": "types"}
    everything = listing_html(site / "case-studies")
    for slug, data in RECORDS.items():
        assert f'data-slug="{slug}"' in everything
        for field, folder in listings.items():
            for term in data[field]:
                assert f'data-slug="{slug}"' in listing_html(site / folder / term), (slug, folder, term)


def test_every_record_is_in_the_search_data(site: Path) -> None:
    records = json.loads((site / "search/records.json").read_text(encoding="utf-8"))
    titles = dict(zip(records["href"], records["title"], strict=True))
    for slug, data in RECORDS.items():
        assert titles[f"../case-studies/{slug}/"] == data["title"], slug


def test_every_record_is_in_the_exports_with_identical_text(site: Path) -> None:
    library = {r["slug"]: r for r in json.loads((site / "data/case-studies.json").read_text())["case_studies"]}
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO((site / "data/case-studies.csv").read_text()))}
    assert set(library) == set(rows) == set(RECORDS)
    for slug, data in RECORDS.items():
        single = json.loads((site / f"case-studies/{slug}.json").read_text(encoding="utf-8"))
        for exported in (library[slug], single):
            assert exported["title"] == data["title"] and exported["summary"] == data["summary"]
            assert exported["lessons"][0]["text"] == data["lessons"][0]["text"]
        assert rows[slug]["title"] == data["title"] and rows[slug]["summary"] == data["summary"]
