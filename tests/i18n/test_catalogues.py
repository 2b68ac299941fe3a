"""The message catalogues: kept in step with the sources by `casebook i18n`, and every way a
catalogue can be unusable reported as a problem with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT

from generator.commands import cli
from generator.content.problems import CODES
from generator.i18n.catalogues import load_translations, progress, read_catalogue
from generator.i18n.languages import WELSH

PO = "site_theme/locale/cy/LC_MESSAGES/casebook.po"
POT = "site_theme/locale/casebook.pot"
# The codes the tests below provoke; a new catalogue code must be given a test here.
TESTED = {"catalogue-syntax", "catalogue-placeholders", "catalogue-out-of-date", "untranslated-message"}


def run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["--root", str(root), "i18n", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the real babel.cfg, one Python message and one template message."""
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    (tmp_path / "content").mkdir()
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "labels.py").write_text(
        'def N_(message):\n    return message\n\n\n'
        '# Translators: the page that lists every case study.\nTITLE = N_("All case studies")\n', encoding="utf-8")
    (tmp_path / "site_theme" / "casebook").mkdir(parents=True)
    (tmp_path / "site_theme" / "casebook" / "listing.md").write_text(
        '<h2>{{ _("%(count)s case studies", count=3) }}</h2>\n', encoding="utf-8")
    return tmp_path


def test_the_shipped_catalogues_are_in_step_with_the_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(ROOT, capsys, "check") == (0, "No problems found.\n")


def test_extract_then_update_gives_a_catalogue_to_translate(project: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, capsys, "extract") == (0, f"wrote {POT} (2 messages)\n")
    template = (project / POT).read_text(encoding="utf-8")
    assert '#. the page that lists every case study.\n#: generator/labels.py\nmsgid "All case studies"' in template
    assert '#: site_theme/casebook/listing.md\n#, python-format\nmsgid "%(count)s case studies"' in template
    assert run(project, capsys, "update") == (0, f"wrote {PO}\n")
    catalogue = (project / PO).read_text(encoding="utf-8")
    assert '"Language: cy\\n"' in catalogue and "nplurals=6" in catalogue
    code, out = run(project, capsys, "check")
    assert code == 0
    assert f"{PO}:21:1: warning: msgid 'All case studies': no Cymraeg translation yet" in out
    assert "[untranslated-message]" in out and out.endswith("0 errors, 2 warnings in 1 file\n")


def test_an_unchanged_template_is_not_rewritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, capsys, "extract")
    before = (project / POT).read_bytes()
    (project / POT).write_bytes(before.replace(b"POT-Creation-Date: 20", b"POT-Creation-Date: 19"))
    assert run(project, capsys, "extract") == (0, f"{POT} is up to date (2 messages)\n")
    assert b"POT-Creation-Date: 19" in (project / POT).read_bytes()


def test_a_new_string_in_a_template_makes_the_catalogues_out_of_date(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    run(project, capsys, "extract")
    run(project, capsys, "update")
    (project / "site_theme" / "casebook" / "listing.md").write_text('{{ _("Lessons learned") }}\n', encoding="utf-8")
    code, out = run(project, capsys, "check")
    assert code == 1
    assert (f"{POT}:1:1: error: the template does not list the messages the sources have now "
            "(run `casebook i18n extract`, then `casebook i18n update`) [catalogue-out-of-date]") in out
    run(project, capsys, "extract")
    code, out = run(project, capsys, "check")
    assert (f"{PO}:1:1: error: 1 messages of the template are missing and 1 are no longer used "
            "(run `casebook i18n update`) [catalogue-out-of-date]") in out
    run(project, capsys, "update")
    assert "Lessons learned" in (project / PO).read_text(encoding="utf-8")
    assert run(project, capsys, "check")[0] == 0


def test_a_new_message_is_not_given_the_translation_of_a_similar_one(project: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    run(project, capsys, "extract")
    run(project, capsys, "update")
    _translate(project, 'msgid "All case studies"\nmsgstr ""',
               'msgid "All case studies"\nmsgstr "Pob astudiaeth achos"')
    (project / "site_theme" / "casebook" / "card.html").write_text('{{ _("All case studies here") }}\n',
                                                                   encoding="utf-8")
    run(project, capsys, "extract")
    run(project, capsys, "update")
    assert 'msgid "All case studies here"\nmsgstr ""' in (project / PO).read_text(encoding="utf-8")


def _translate(project: Path, old: str, new: str) -> None:
    path = project / PO
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_translation_with_other_placeholders_is_an_error(project: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    run(project, capsys, "extract")
    run(project, capsys, "update")
    _translate(project, 'msgid "%(count)s case studies"\nmsgstr ""',
               'msgid "%(count)s case studies"\nmsgstr "%(nifer)s o astudiaethau achos"')
    code, out = run(project, capsys, "check")
    assert code == 1
    assert f"{PO}:26:1: error: msgid '%(count)s case studies': unknown named placeholder 'nifer'" in out
    assert "[catalogue-placeholders]" in out
    translations, problems = load_translations(project / "site_theme" / "locale", WELSH, "site_theme/locale")
    assert translations is None and [p.code for p in problems] == ["catalogue-placeholders"]


def test_a_broken_catalogue_is_reported_at_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, capsys, "extract")
    run(project, capsys, "update")
    _translate(project, 'msgid "All case studies"\nmsgstr ""', 'msgid "All case studies"\nmsgstr "Pob astudiaeth')
    code, out = run(project, capsys, "check")
    assert code == 1
    assert f'{PO}:22:1: error: the catalogue cannot be read: this line is not a keyword with a "quoted" string' in out
    assert "[catalogue-syntax]" in out
    translations, problems = load_translations(project / "site_theme" / "locale", WELSH, "site_theme/locale")
    assert translations is None and [(p.line, p.code) for p in problems] == [(22, "catalogue-syntax")]


def test_progress_counts_drafts_awaiting_review() -> None:
    catalog, problems = read_catalogue(ROOT / PO, PO, WELSH)
    assert problems == [] and catalog is not None
    counted = progress(catalog)
    assert counted.total == len([m for m in catalog if m.id]) > 0
    assert counted.fuzzy == counted.total and counted.untranslated == 0


def test_every_catalogue_code_is_tested() -> None:
    assert {code for code, about in CODES.items() if about.shown_by == "catalogue"} == TESTED
