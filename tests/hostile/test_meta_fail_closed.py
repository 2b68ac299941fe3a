"""A generated page whose front matter MkDocs did not read as meta fails the build, naming the
page and its record, instead of being published with its front matter as live Markdown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import make_project, record

# The page writer of before issue 12: characters raw, which MkDocs' front-matter reader refuses.
BUILD_WITH_UNREADABLE_META = """
import json, sys
import generator.render.pages as pages
pages.front_matter = lambda meta: "---\\n" + "".join(
    f"{key}: {json.dumps(value, ensure_ascii=False)}\\n" for key, value in meta.items()) + "---\\n\\n"
from mkdocs.__main__ import cli
cli(["build", "--site-dir", sys.argv[1]])
"""


def test_a_generated_page_whose_meta_did_not_parse_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(title="Kent control room \x80 [x](https://example.org){: onfocus=alert(1) }")})
    result = subprocess.run([sys.executable, "-c", BUILD_WITH_UNREADABLE_META, str(tmp_path / "site")], cwd=project,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1, result.stderr
    assert ("case-studies/kent-control.md (made from content/case-studies/kent-control.yaml): its front matter "
            "did not read as metadata") in result.stderr
    assert not (tmp_path / "site" / "case-studies" / "kent-control" / "index.html").exists()
