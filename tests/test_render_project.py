"""`casebook render`: the configuration it derives from mkdocs.yml, and what it refuses to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import make_project, record

from generator.commands import cli
from generator.commands.project import HEADER, engine_config, read_config, setting
from generator.render.theme_text import theme_extra

CONFIG = """\
site_name: Test
site_url: !ENV [CASEBOOK_SITE_URL, "http://127.0.0.1:8000/"]
repo_url: !ENV [CASEBOOK_REPO_URL]
edit_uri: edit/main/content/pages/
docs_dir: content/pages
not_in_nav: |
  /drafts/
theme:
  name: material
  custom_dir: site_theme/overrides
plugins:
  search: {}
  casebook:
    render_ahead: false
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def _derived(env: dict[str, str], generated: list[str] | None = None) -> dict:
    config = read_config(CONFIG, env)
    text = engine_config(config, site_url=setting(config, "site_url") or "https://x.example/",
                         generated=generated or ["case-studies/a.md", "index-of-things.md"], site_date="2026-01-02")
    assert text.startswith(HEADER)
    # MkDocs resolves `!!python/name:` itself; loaded here only to read the structure.
    return yaml.load(text, Loader=yaml.UnsafeLoader)  # the test's own text


def test_derived_configuration_drops_the_plugin_and_points_at_the_copies() -> None:
    derived = _derived({})
    assert derived["plugins"] == {"search": {}}
    assert derived["docs_dir"] == "docs" and derived["theme"]["custom_dir"] == "overrides"
    assert derived["theme"]["variant"] == "classic"
    assert derived["not_in_nav"] == "/drafts/\n/case-studies/\n/index-of-things.md\n"
    site = derived["site_url"]
    # The theme's text (generator/render/theme_text.py), in English.
    assert derived["extra"] == {"casebook_site_date": "2026-01-02", "casebook_feed": "feed.xml",
                                "casebook_social_card": "assets/casebook-card.png",
                                "casebook_search_page": "search/",
                                "casebook_search_index": "search/index.json",
                                "casebook_search_records": "search/records.json",
                                "casebook_language": "en",
                                "casebook_languages": [
                                    {"code": "en", "name": "English", "url": site, "href": ""},
                                    {"code": "cy", "name": "Cymraeg", "url": site + "cy/", "href": "cy/"}]
                                } | theme_extra()
    assert derived["extra"]["casebook_text"]["search"] == "Search"


def test_environment_values_are_resolved_and_an_unset_repository_drops_edit_links() -> None:
    assert _derived({})["site_url"] == "http://127.0.0.1:8000/"
    assert "repo_url" not in _derived({}) and "edit_uri" not in _derived({})
    derived = _derived({"CASEBOOK_SITE_URL": "https://casebook.example/", "CASEBOOK_REPO_URL": "https://g.example/r"})
    assert derived["site_url"] == "https://casebook.example/" and derived["repo_url"] == "https://g.example/r"
    assert derived["edit_uri"] == "edit/main/content/pages/"


def test_tags_the_engine_resolves_pass_through_as_written() -> None:
    config = read_config(CONFIG, {})
    text = engine_config(config, site_url="https://x.example/", generated=[], site_date="2026-01-02")
    assert "format: !!python/name:pymdownx.superfences.fence_code_format" in text


def test_render_refuses_without_a_site_address(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines()
                                if not line.startswith("site_url:")), encoding="utf-8")
    code = cli.main(["--root", str(project), "render", "--out", str(tmp_path / "out")])
    assert code == 2 and "no site address: give --site-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert cli.main(["--root", str(project), "render", "--out", str(tmp_path / "out"),
                     "--site-url", "https://casebook.example/"]) == 0
    assert "<id>https://casebook.example/case-studies/kent-control/</id>" in \
        (tmp_path / "out/docs/feed.xml").read_text(encoding="utf-8")
    assert "site_url: https://casebook.example/" in (tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8")


def test_render_never_replaces_a_folder_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["--root", str(project), "render", "--out", str(out)]) == 2
    assert "was not written by casebook render; nothing was written" in capsys.readouterr().err
    assert [path.name for path in out.iterdir()] == ["notes.txt"]


def test_render_replaces_its_own_earlier_output(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(), "gone": record(title="A record removed later")})
    out = tmp_path / "out"
    assert cli.main(["--root", str(project), "render", "--out", str(out)]) == 0
    (project / "content/case-studies/gone.yaml").unlink()
    assert cli.main(["--root", str(project), "render", "--out", str(out)]) == 0
    assert (out / "docs/case-studies/kent-control.md").is_file()
    assert not (out / "docs/case-studies/gone.md").exists()
