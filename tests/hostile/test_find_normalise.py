"""Find search matches text however it is cased, composed or accented: the index (Python) and
find.js (the browser) normalise with the same rule, checked on the same vectors in both."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from collections.abc import Iterator

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser, expect
from support import ROOT, make_project, record, run_build

from generator.render.folding import search_form
from generator.render.words import SHARDS, shard, words

FIND_JS = ROOT / "site_theme" / "overrides" / "assets" / "find.js"
# Written one way in a record, searched for the other way, and the reverse.
SAME = [("Straße", "strasse"), ("ΟΔΟΣ", "οδός"), ("Oﬃce", "Office"), ("Café", "CAFE"), ("Ｋｅｎｔ", "kent"),
        ("İstanbul", "istanbul"), ("ΣΊΣΥΦΟΣ", "σίσυφος"), ("Ångström", "angstrom"), ("ǅemal", "DŽEMAL")]
DIFFERENT = [("Kent", "Kenya"), ("police", "polite")]


def sample_texts() -> list[str]:
    """Assigned code points from every plane in use, in short strings, plus the vectors."""
    codes = [code for code in range(0, 0x30000, 7)
             if unicodedata.category(chr(code)) not in ("Cn", "Cs")]
    texts = ["".join(chr(code) for code in codes[at:at + 12]) for at in range(0, len(codes), 12)]
    return texts + [text for pair in SAME + DIFFERENT for text in pair]


def in_node(texts: list[str], call: str = "casebookSearchForm(text)") -> list:
    """One of find.js's own functions, run by Node on each text."""
    script = ("const vm = require('vm'); const fs = require('fs');"
              "const context = {window: {}, document: {readyState: 'loading', addEventListener() {}}};"
              "vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), context);"
              "context.texts = JSON.parse(fs.readFileSync(0, 'utf8'));"
              f"process.stdout.write(JSON.stringify(vm.runInContext('texts.map((text) => {call})', context)));")
    result = subprocess.run(["node", "-e", script, str(FIND_JS)], input=json.dumps(texts), capture_output=True,
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize(("written", "searched"), SAME)
def test_text_matches_however_it_is_cased_composed_or_accented(written: str, searched: str) -> None:
    assert search_form(searched) in search_form(f"A {written} joint patrol")
    assert search_form(written) in search_form(f"A {searched} joint patrol")


@pytest.mark.parametrize(("written", "searched"), DIFFERENT)
def test_different_words_still_differ(written: str, searched: str) -> None:
    assert search_form(searched) not in search_form(written)


def test_find_js_normalises_exactly_as_the_index_does() -> None:
    texts = sample_texts()
    assert len(texts) > 1000
    assert in_node(texts) == [search_form(text) for text in texts]


def test_find_js_looks_for_a_typed_word_in_the_shard_the_index_put_it_in() -> None:
    found = sorted({word for text in sample_texts() for word in words(search_form(text))})
    assert len(found) > 1000
    assert in_node(found, f"casebookWordShard(text, {SHARDS})") == [shard(word) for word in found]


@pytest.fixture(scope="module")
def find_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    records = {"strasse": record(title="Straße joint patrol"), "odos": record(title="Οδός joint patrol"),
               "office": record(title="Oﬃce of the fire commissioner"),
               "plain-office": record(title="Office for fire and police"), "kent-control": record()}
    project = make_project(tmp_path_factory.mktemp("find-normalise"), records)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url + "find/"


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "found"), [
    ("strasse", ["Straße joint patrol"]), ("Straße", ["Straße joint patrol"]), ("ΟΔΟΣ", ["Οδός joint patrol"]),
    ("Oﬃce", ["Office for fire and police", "Oﬃce of the fire commissioner"]),
    ("office", ["Office for fire and police", "Oﬃce of the fire commissioner"])])
def test_the_find_page_finds_a_record_by_any_form_of_its_words(browser: Browser, find_page: str, typed: str,
                                                                found: list[str]) -> None:
    page, errors = open_page(browser)
    page.goto(find_page)
    page.locator("#cb-q").press_sequentially(typed)
    expect(page.locator("#cb-find-status")).to_contain_text(f"{len(found)} case stud")
    expect(page.locator("#cb-find-list a")).to_have_text(found)
    page.context.close()
    assert errors == []
