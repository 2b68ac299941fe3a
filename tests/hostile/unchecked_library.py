"""Libraries made without the validator, so that the renderer is tested on its own: whatever
the validator refuses today or later, the output must stay safe and well-formed."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

from support import ROOT

from generator.catalogue import Catalogue
from generator.model import CaseStudy
from generator.schema import case_study_schema
from generator.taxonomy import Taxonomy, load_taxonomy
from generator.validate import Library


def shipped_taxonomy() -> Taxonomy:
    taxonomy, problems = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None, problems
    return taxonomy


def case_studies(records: dict[str, dict[str, Any]]) -> list[CaseStudy]:
    return [CaseStudy.from_record(slug, f"content/case-studies/{slug}.yaml", data) for slug, data in records.items()]


def catalogue(records: dict[str, dict[str, Any]], taxonomy: Taxonomy | None = None) -> Catalogue:
    return Catalogue.published(taxonomy or shipped_taxonomy(), case_studies(records))


# `mkdocs build` with the real plugin, its library handed over instead of loaded and validated.
_BUILD = """
import pickle, sys
import generator.plugin as plugin
with open(sys.argv[1], "rb") as handle:
    library = pickle.load(handle)
plugin.validate_library = lambda root, **options: library
from mkdocs.__main__ import cli
cli(["build", "--strict", "--site-dir", sys.argv[2]])
"""


def build_unchecked(project: Path, taxonomy: Taxonomy, records: list[CaseStudy], site: Path) -> None:
    """Build `project` (made by support.make_project) with these records and this taxonomy."""
    library = Library(project, taxonomy, case_study_schema(taxonomy), records, [])
    handed = project / "library.pickle"
    handed.write_bytes(pickle.dumps(library))
    result = subprocess.run([sys.executable, "-c", _BUILD, str(handed), str(site)], cwd=project, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
