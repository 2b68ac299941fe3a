"""Rendering a catalogue into the files of a site, without knowing which engine builds it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from urllib.parse import urlsplit

from .exports import all_exports
from .find import find_files
from .header_search import HandWrittenPage, hand_written_pages, search_files
from .pages import OutputFile, PageRenderer, RenderOptions, build_date_from_environment
from .preview import Preview
from .proposal import register_file, taken_names
from .urls import PROPOSAL_REGISTER, PROPOSAL_TAKEN

__all__ = ["OutputFile", "RenderOptions", "PageRenderer", "Preview", "build_date_from_environment",
           "hand_written_pages", "render_site", "site_address"]


def site_address(url: str | None) -> str:
    """The published address, ending in a slash. Feeds need absolute ids (RFC 4287) and the data
    files name their schemas by address, so a site without one cannot be rendered."""
    if not url or not urlsplit(url).scheme.startswith("http") or not urlsplit(url).netloc:
        raise ValueError(f"the site's address must be an absolute http(s) address such as "
                         f"https://casebook.example/, not {url!r}")
    return url if url.endswith("/") else url + "/"


def render_site(renderer: PageRenderer, pages: Sequence[HandWrittenPage] = ()) -> list[OutputFile]:
    """Every generated page and data file, in a stable order; `pages`: the hand-written pages,
    which the header search finds by their titles."""
    options = renderer.options
    return (renderer.all_pages() + renderer.broken_pages()
            + all_exports(renderer.source, renderer.schema, site_address(options.site_url), options.site_name,
                          renderer.linker)
            + find_files(renderer.catalogue, renderer.linker, renderer.formats)
            + search_files(renderer.catalogue, renderer.linker, pages)
            + [OutputFile(PROPOSAL_TAKEN, partial(taken_names, renderer.source)),
               OutputFile(PROPOSAL_REGISTER, partial(register_file, renderer.source.taxonomy))])
