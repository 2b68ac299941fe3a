"""Arbitrary text in every plain-text field of a record and in every taxonomy name and
description never becomes markup: built into a real site (the validator bypassed, so the
renderer is tested on its own), no marked payload appears in a tag, an attribute or a URL, no
script handler or unsafe link appears, and every export stays well-formed."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.dom import minidom

import markdown
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils import meta
from support import ROOT, make_project, record
from unchecked_library import build_unchecked, case_studies, shipped_taxonomy

from generator.catalogue import Catalogue
from generator.content.model import MARKDOWN_FIELDS
from generator.content.schema import case_study_schema
from generator.content.taxonomy import Taxonomy
from generator.render import PageRenderer, RenderOptions, render_site

MARK = "qqmarkqq"
# Hostile pieces with the marker where it would land if they came alive.
HOSTILE = [f"<img src={MARK} onerror=alert(1)>", f'"><a href="{MARK}">', f"[x](javascript:{MARK})",
           f"{{: onclick={MARK} }}", f"\n\n[x](https://{MARK}.example){{: onfocus=alert(1) autofocus }}\n\n",
           f"</p>\n\n<script>{MARK}</script>", f"<!-- {MARK} -->", f"]]><{MARK}/>", "\x80", "\ufffe", "\uffff",
           "\u202e", "\u2028", "\x85", "\x00", "\r", "{{ 7*7 }}", "{% raw %}", "&lt;b&gt;", "---", "\ufeff"]
# Every general category except lone surrogates: no UTF-8 file can carry one, and the loader
# (libyaml) refuses their escapes.
ANY = st.characters(codec=None, categories=None, exclude_categories=["Cs"])
PAYLOAD = st.lists(st.one_of(st.text(ANY, max_size=12), st.sampled_from(HOSTILE)), min_size=1, max_size=4).map("".join)
# Attributes that carry text for people (autoescaped), where a payload may rightly appear: the
# page description, the proposal form's list of organisation names, the evidence matrix's labels, a
# feed link's title.
TEXT_ATTRIBUTES = {("meta", "content"), ("option", "value"), ("a", "aria-label"), ("link", "title")}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")


def plain_paths(spec: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every plain-text field of the schema: strings without a pattern, outside the Markdown fields."""
    if spec.get("type") == "object":
        for name, item in spec["properties"].items():
            if (*path, name) not in MARKDOWN_FIELDS:
                yield from plain_paths(item, (*path, name))
    elif spec.get("type") == "array":
        yield from plain_paths(spec["items"], (*path, "[]"))
    elif spec.get("type") == "string" and "pattern" not in spec:
        yield path


def full_record(**extra: Any) -> dict[str, Any]:
    """A record with every optional field filled."""
    return record(
        areas=["Kent", "Medway"], governance="informal", ended="2020",
        status="completed", outcomes=[{"text": "Calls answered faster", "value": 12, "unit": "percent"}],
        barriers=[{"theme": "funding-and-finance", "text": "Budgets did not line up."}],
        enablers=[{"theme": "governance-and-leadership", "text": "One board owned the plan."}],
        funding=[{"source": "Home Office grant", "amount_gbp": 300000}],
        contact={"organisation": "Kent Police", "role": "Head of collaboration", "email": "team@example.org",
                 "url": "https://example.org/contact"},
        evidence={"level": "self-reported", "summary": "Figures from the services.", "url": "https://example.org/e",
                  "by": "University of Kent", "caveats": "Self-reported figures."},
        sources=[{"title": "Blue light report", "url": "https://example.org/r", "publisher": "Home Office",
                  "date": "2020-05"}],
        cy={"review": "needed", "title": "Ystafell reoli ar y cyd", "summary": "Crynodeb o'r cydweithio yng Nghaint.",
            "areas": ["Caint", "Medway"], "context": "Cyd-destun y cydweithio.", "description": "Beth a wnaed.",
            "outcomes": ["Galwadau'n cael eu hateb yn gynt"], "lessons": ["Roedd gwahaniaethau diwylliannol."],
            "barriers": ["Nid oedd y cyllidebau'n cyd-fynd."], "enablers": ["Roedd un bwrdd yn berchen ar y cynllun."],
            "evidence": {"summary": "Ffigurau gan y gwasanaethau.", "caveats": "Ffigurau hunan-adroddedig."}},
        **extra)


def fill(data: Any, spec: dict[str, Any], path: tuple[str, ...], payloads: Iterator[str],
         filled: set[tuple[str, ...]]) -> Any:
    """`data` with a payload in every plain-text field the schema names."""
    if isinstance(data, dict):
        return {name: fill(value, spec["properties"][name], (*path, name), payloads, filled)
                if (*path, name) not in MARKDOWN_FIELDS else value for name, value in data.items()}
    if isinstance(data, list):
        return [fill(item, spec["items"], (*path, "[]"), payloads, filled) for item in data]
    if isinstance(data, str) and spec.get("type") == "string" and "pattern" not in spec:
        filled.add(path)
        return next(payloads)
    return data


def hostile_taxonomy(taxonomy: Taxonomy, payloads: Iterator[str]) -> Taxonomy:
    # Every vocabulary (a dict of terms); other fields, such as the mirror hosts, stay as they are.
    # Welsh names and texts too, which pages in Welsh show.
    vocabularies = {f.name: {term_id: dataclasses.replace(term, name=next(payloads), text=next(payloads),
                                                          attributes=term.attributes | {"name_cy": next(payloads),
                                                                                        "text_cy": next(payloads)})
                             for term_id, term in getattr(taxonomy, f.name).items()}
                    for f in dataclasses.fields(taxonomy) if isinstance(getattr(taxonomy, f.name), dict)}
    return dataclasses.replace(taxonomy, **vocabularies)


class Structure(HTMLParser):
    """What of a page a browser reads as structure: tags, attributes, URLs, scripts, comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_code: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if MARK in tag:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if MARK in name or name.startswith("on"):
                self.problems.append(f"attribute {name} on <{tag}>")
            if value.strip().lower().startswith(UNSAFE_SCHEMES):
                self.problems.append(f"unsafe URL {value!r} on <{tag}>")
            if MARK in value and (tag, name) not in TEXT_ATTRIBUTES:
                self.problems.append(f"payload in {name} of <{tag}>")
        self.in_code = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self.in_code = None

    def handle_data(self, data: str) -> None:
        if self.in_code and MARK in data:
            self.problems.append(f"payload inside <{self.in_code}>")

    def handle_comment(self, data: str) -> None:
        if MARK in data:
            self.problems.append("payload in a comment")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data[:40]!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction {data[:40]!r}")


def structure_problems(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = Structure()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        found += [f"{page.relative_to(site)}: {problem}" for problem in parser.problems]
    return found


def check_exports(site: Path, count: int) -> None:
    for name in ("feed.xml", "sitemap.xml"):
        minidom.parseString((site / name).read_bytes())  # expat: strict XML 1.0
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "data/case-studies.csv").read_text(encoding="utf-8"))))
    assert len(rows) == count


def check_rendered_pages(catalogue: Catalogue) -> None:
    """`casebook render` output, as another engine reads it: every generated page's front matter
    reads as its meta, and its body through Python-Markdown (the site's extensions, none of
    Casebook's plugin) gives no structure from a payload."""
    renderer = PageRenderer(catalogue, ROOT / "site_theme" / "casebook", RenderOptions(site_url="https://casebook.example/"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    titles = {record.path: record.title for record in catalogue.records}
    for output in render_site(renderer):
        if output.path.endswith(".md"):
            body, data = meta.get_data(str(output.content))
            assert isinstance(data.get("casebook"), dict), output.path
            assert not body.startswith("---"), output.path
            if output.source:
                assert html.unescape(data["title"]) == titles[output.source]
            parser = Structure()
            parser.feed(markdown.markdown(body, extensions=config.markdown_extensions,
                                          extension_configs=config.mdx_configs))
            assert parser.problems == [], output.path


def records_and_taxonomy(payloads: list[str]) -> tuple[list[Any], Taxonomy]:
    """Three records and the taxonomy with a marked payload in every plain-text field."""
    marked = iter(f"{MARK}{payloads[n % len(payloads)]}{MARK}" for n in range(10**6))
    taxonomy = hostile_taxonomy(shipped_taxonomy(), marked)
    schema = case_study_schema(taxonomy)
    registered = taxonomy.organisations[next(iter(taxonomy.organisations))]
    filled: set[tuple[str, ...]] = set()
    raw = {f"hostile-{n}": fill(full_record(), schema, (), marked, filled) for n in range(3)}
    assert filled == set(plain_paths(schema)), "a plain-text field of the schema has no payload in this test"
    # One organisation named as in the register, so its organisation page is built too.
    raw["hostile-0"]["organisations"][0] = {"name": registered.name, "service": registered["service"]}
    return case_studies(raw), taxonomy


# Each example is a full build: a few, and no shrinking (every step would be another build).
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(payloads=st.lists(PAYLOAD, min_size=8, max_size=8))
def test_no_payload_in_any_plain_field_becomes_markup(tmp_path_factory: Any, payloads: list[str]) -> None:
    records, taxonomy = records_and_taxonomy(payloads)
    check_rendered_pages(Catalogue.published(taxonomy, records))
    project = make_project(tmp_path_factory.mktemp("property"), {})
    site = project / "site"
    build_unchecked(project, taxonomy, records, site)
    assert MARK in (site / "case-studies/hostile-1/index.html").read_text(encoding="utf-8")
    assert structure_problems(site) == []
    check_exports(site, len(records))
