"""Atom feeds (RFC 4287): the whole library, and one for each service, region and collaboration type.

Ids are absolute IRIs, as the RFC requires, and lasting: an entry's id is the address of its
record's first slug (`CaseStudy.key`), which keeps redirecting to it after a rename.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from xml.etree import ElementTree

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from . import urls
from .pages import OutputFile

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold, not even as character references (its `Char` production).
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` as XML can carry it: characters it cannot hold become U+FFFD, visibly."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Feed:
    """A feed: where it is published, its title, the page it follows, and its records."""

    path: str
    title: str
    page: str
    records: list[CaseStudy]


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _updated(record: CaseStudy) -> str:
    # An entry is never updated before it was published.
    return max(record.last_reviewed, record.published)


def atom_feed(feed: Feed, catalogue: Catalogue, site_url: str, site_title: str,
              linker: urls.Linker = urls.DIRECTORY_LINKS) -> str:
    """The feed's records most recently updated, newest first; byte-identical for the same content."""
    ElementTree.register_namespace("", ATOM)
    records = sorted(feed.records, key=lambda r: (_updated(r), r.published, r.slug), reverse=True)[:FEED_SIZE]
    root = ElementTree.Element(f"{{{ATOM}}}feed")

    def add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
        # Every text and attribute of the feed passes here.
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}",
                                         {name: xml_text(value) for name, value in attributes.items()})
        element.text = None if text is None else xml_text(text)
        return element

    add(root, "title", feed.title)
    add(root, "id", site_url + feed.path)
    add(root, "link", href=site_url + feed.path, rel="self", type="application/atom+xml")
    add(root, "link", href=site_url + linker.site_path(feed.page), rel="alternate", type="text/html")
    add(root, "updated", _timestamp(_updated(records[0])) if records else "1970-01-01T00:00:00Z")
    add(add(root, "author"), "name", site_title)
    for record in records:
        entry = add(root, "entry")
        add(entry, "title", record.title)
        add(entry, "id", site_url + linker.site_path(urls.record_page(record.key)))
        add(entry, "link", href=site_url + linker.site_path(urls.record_page(record.slug)), rel="alternate",
            type="text/html")
        add(entry, "published", _timestamp(record.published))
        add(entry, "updated", _timestamp(_updated(record)))
        add(entry, "summary", record.summary, type="text")
        for service in record.services:
            add(entry, "category", term=service, label=catalogue.taxonomy.services[service].name)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def all_feeds(catalogue: Catalogue, site_title: str) -> Iterable[Feed]:
    """The library's feed, then one per term of every facet with listing pages."""
    yield Feed(urls.FEED, f"{site_title}: case studies", urls.section_page("case-studies"), catalogue.records)
    for facet in catalogue.listed_facets:
        for term in catalogue.terms(facet).values():
            yield Feed(urls.term_feed(str(facet.folder), term.id), f"{site_title}: {term.name}",
                       urls.term_page(str(facet.folder), term.id), catalogue.with_term(facet, term.id))


def feed_files(catalogue: Catalogue, site_url: str, site_title: str, linker: urls.Linker) -> list[OutputFile]:
    return [OutputFile(feed.path, partial(atom_feed, feed, catalogue, site_url, site_title, linker))
            for feed in all_feeds(catalogue, site_title)]
