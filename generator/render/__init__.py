"""Rendering a catalogue into the files of a site, without knowing which engine builds it."""

from __future__ import annotations

from .exports import all_exports
from .find import find_files
from .pages import OutputFile, PageRenderer, RenderOptions, build_date_from_environment

__all__ = ["OutputFile", "RenderOptions", "PageRenderer", "build_date_from_environment", "render_site"]


def render_site(renderer: PageRenderer, *, site_url: str = "", title: str = "Casebook") -> list[OutputFile]:
    """Every generated page and data file, in a stable order."""
    return (renderer.all_pages() + all_exports(renderer.catalogue, renderer.schema, site_url, title,
                                                    renderer.linker)
            + find_files(renderer.catalogue, renderer.linker))
