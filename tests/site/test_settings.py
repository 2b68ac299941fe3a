"""The plugin's options in mkdocs.yml work, and the CLI reads the same ones (flags override)."""

from __future__ import annotations

import dataclasses
import filecmp
import shutil
from pathlib import Path

import pytest
from support import make_project, record, run_build

from generator.commands import cli
from generator.content import validate
from generator.mkdocs.ahead import can_render_ahead
from generator.mkdocs.plugin import CasebookConfig
from generator.settings import Settings


def with_options(project: Path, options: str) -> Path:
    """The project with `options` (YAML lines) under the casebook plugin entry of mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - casebook\n" in text
    config.write_text(text.replace("  - casebook\n", "  - casebook:\n" + options), encoding="utf-8")
    return project


def moved_content(tmp_path: Path) -> Path:
    """A project whose case studies and taxonomy live in library/, not content/."""
    project = make_project(tmp_path, {"kent-control": record()})
    for folder in ("case-studies", "taxonomy"):
        shutil.move(project / "content" / folder, project / "library" / folder)
    return with_options(project, "      content_dir: library\n")


def test_a_site_with_its_content_elsewhere_builds(tmp_path: Path) -> None:
    project = moved_content(tmp_path)
    result = run_build(project, env={"CASEBOOK_REPO_URL": "https://github.com/example/casebook"})
    assert result.returncode == 0, result.stderr
    html = (project / "site/case-studies/kent-control/index.html").read_text(encoding="utf-8")
    assert "Kent single police and fire control room" in html
    assert 'href="https://github.com/example/casebook/edit/main/library/case-studies/kent-control.yaml"' in html


def test_the_cli_reads_the_content_folder_from_mkdocs_yml(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = moved_content(tmp_path)
    (project / "library/case-studies/kent-control.yaml").write_text("title: 5\n", encoding="utf-8")
    assert cli.main(["--root", str(project), "validate"]) == 1
    assert capsys.readouterr().out.startswith("library/case-studies/kent-control.yaml:1:1: error: ")


def test_a_flag_overrides_mkdocs_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = moved_content(tmp_path)
    # content/ holds only the hand-written pages here: the flag sends the CLI there.
    assert cli.main(["--root", str(project), "--content-dir", "content", "validate"]) == 1
    assert "content/taxonomy/services.yaml:1:1: error: the taxonomy file services.yaml is missing" \
        in capsys.readouterr().out
    assert cli.main(["--root", str(project), "--content-dir", "nowhere", "validate"]) == 2
    assert f"{project} has no nowhere/ folder" in capsys.readouterr().err


def test_templates_dir_is_read_by_the_cli_and_by_the_flag(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    shutil.move(project / "site_theme/casebook", project / "templates")
    with_options(project, "      templates_dir: templates\n")
    assert cli.main(["--root", str(project), "render", "--out", str(tmp_path / "out")]) == 0
    assert "## What was done" in (tmp_path / "out/docs/case-studies/kent-control.md").read_text(encoding="utf-8")
    capsys.readouterr()
    code = cli.main(["--root", str(project), "--templates-dir", "nowhere", "render", "--out", str(tmp_path / "o2")])
    assert code == 2 and "nowhere" in capsys.readouterr().err


def test_an_option_of_the_wrong_type_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = with_options(make_project(tmp_path, {}), "      parallel_checks: sometimes\n")
    assert cli.main(["--root", str(project), "validate"]) == 2
    assert "mkdocs.yml: the casebook option 'parallel_checks' must be true or false, not 'sometimes'" \
        in capsys.readouterr().err


def test_parallel_checks_off_in_mkdocs_yml_checks_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"kent-control": record(), "other": record(title="Another control room")})
    calls: list[int] = []
    monkeypatch.setattr(validate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(validate, "usable_cores", lambda: 2)
    monkeypatch.setattr(validate, "_check_in_parallel", lambda files, *rest: calls.append(len(files)) or [])
    assert cli.main(["--root", str(project), "validate"]) == 0
    assert calls == [2]
    with_options(project, "      parallel_checks: false\n")
    assert cli.main(["--root", str(project), "validate"]) == 0
    assert cli.main(["--root", str(project), "--parallel-checks", "validate"]) == 0
    assert calls == [2, 2]
    capsys.readouterr()


@pytest.mark.skipif(not can_render_ahead(), reason="this platform cannot fork, or has one core")
def test_render_ahead_off_makes_the_same_site_in_one_process_and_no_file_is_left(tmp_path: Path) -> None:
    (tmp_path / "ahead").mkdir()
    (tmp_path / "in-place").mkdir()
    ahead = make_project(tmp_path / "ahead", {"kent-control": record()})
    in_place = with_options(make_project(tmp_path / "in-place", {"kent-control": record()}),
                            "      render_ahead: false\n")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {"TMPDIR": str(temporary)}
    first, second = run_build(ahead, None, "--verbose", env=env), run_build(in_place, None, "--verbose", env=env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "generated files in a helper process" in first.stderr
    assert "generated files in a helper process" not in second.stderr
    assert _differences(filecmp.dircmp(ahead / "site", in_place / "site")) == []
    # The data files' spool folder is gone once the build ends.
    assert list(temporary.iterdir()) == []


def _differences(comparison: filecmp.dircmp[str]) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    return found + [name for sub in comparison.subdirs.values() for name in _differences(sub)]


def test_the_plugin_offers_every_setting_with_its_default() -> None:
    offered = {name: option.default for name, option in CasebookConfig._schema if name != "enabled"}
    assert offered == dataclasses.asdict(Settings())
