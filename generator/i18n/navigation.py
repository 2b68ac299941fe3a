"""The titles of the nav in `mkdocs.yml` as messages of the catalogue: a site in another language
shows them translated (the plugin's `on_nav`, and `casebook render`'s configuration of that
site). `babel.cfg` names this extractor for `mkdocs.yml`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
COMMENT = "a title in the site's navigation (mkdocs.yml)"


def _titles(node: yaml.Node) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.start_mark.line + 1, key.value
            yield from _titles(value)


def extract_nav(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extractor interface: each nav title with its line. The configuration is composed,
    not constructed, so its `!ENV` and `!!python/name:` tags need no constructors."""
    top = yaml.compose(fileobj.read().decode("utf-8"), Loader=_Loader)
    settings = {key.value: value for key, value in top.value} if isinstance(top, yaml.MappingNode) else {}
    nav = settings.get("nav")
    if nav is not None:
        for line, title in _titles(nav):
            yield line, None, title, [COMMENT]
