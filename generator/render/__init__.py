"""Rendering a catalogue into the files of a site, without knowing which engine builds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from .exports import all_exports
from .pages import OutputFile, PageRenderer, RenderOptions

__all__ = ["OutputFile", "RenderOptions", "PageRenderer", "render_site"]


def render_site(catalogue: Catalogue, schema: dict[str, Any], templates: Path, options: RenderOptions,
                *, site_url: str = "", title: str = "Casebook") -> list[OutputFile]:
    """Every generated page and data file, in a stable order."""
    pages = PageRenderer(catalogue, templates, options).all_pages()
    return pages + all_exports(catalogue, schema, site_url, title)
