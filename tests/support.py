"""Helpers shared by the tests: small Casebook projects in a temporary folder, and real builds."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

BASE_RECORD: dict[str, Any] = {
    "title": "Kent single police and fire control room",
    "summary": "Kent Fire and Rescue Service moved its control room in with Kent Police and shared a mobilising "
               "system.",
    "services": ["police", "fire"],
    "regions": ["south-east"],
    "areas": ["Kent"],
    "collaboration_types": ["joint-control"],
    "status": "operational",
    "result": "promising",
    "started": "2012-03",
    "organisations": [{"name": "Kent Police", "service": "police"},
                      {"name": "Kent Fire and Rescue Service", "service": "fire"}],
    "context": "Both services answered emergency calls in separate control rooms on separate systems.",
    "description": "The fire control moved into the police building and the two services later shared one "
                   "mobilising system. See [the report](https://example.org/report).",
    "outcomes": [{"text": "Savings reported by 2020-21", "value": 2000000, "unit": "gbp"}],
    "lessons": [{"theme": "culture-and-identity",
                 "text": "Cultural differences between call handlers had to be worked through."}],
    "evidence": {"level": "self-reported"},
    "sources": [{"title": "Blue light working group", "url": "https://example.org/blue-light"}],
    "last_reviewed": "2026-11-20",
}


def record(**overrides: Any) -> dict[str, Any]:
    """A valid record, with some fields replaced (None removes a field)."""
    data = copy.deepcopy(BASE_RECORD)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def make_project(folder: Path, records: dict[str, dict[str, Any] | str]) -> Path:
    """A copy of the real site configuration, theme, pages and taxonomy, with the given records."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "site_theme", folder / "site_theme")
    shutil.copytree(ROOT / "content" / "pages", folder / "content" / "pages")
    shutil.copytree(ROOT / "content" / "taxonomy", folder / "content" / "taxonomy")
    (folder / "content" / "case-studies").mkdir()
    for slug, data in records.items():
        write_record(folder, slug, data)
    return folder


def write_record(project: Path, slug: str, data: dict[str, Any] | str) -> Path:
    path = project / "content" / "case-studies" / f"{slug}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def run_build(project: Path, site: Path | None = None, *extra: str,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a subprocess, exactly as a person would run it."""
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *extra]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, timeout=600)
