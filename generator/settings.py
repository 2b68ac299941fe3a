"""Where a project keeps its content and templates, and the switches that isolate a problem.

They are the options of the `casebook` entry under `plugins:` in `mkdocs.yml`. The MkDocs
plugin's options and the CLI both start from `Settings`, so a build and a command read the
same folders.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content.schema import EMAIL_PATTERN


@dataclass(frozen=True)
class Settings:
    # The folder holding `case-studies/` and `taxonomy/`, relative to the project folder.
    content_dir: str = "content"
    # The templates of generated pages, relative to the project folder.
    templates_dir: str = "site_theme/casebook"
    # The message catalogues of the site's languages (casebook.pot, cy/LC_MESSAGES/casebook.po).
    locale_dir: str = "site_theme/locale"
    # Make generated files in a forked helper process while MkDocs works (`mkdocs build` only).
    render_ahead: bool = True
    # Check case studies in every core when there are many of them.
    parallel_checks: bool = True
    # Make the site in every language (the Welsh one in site/cy/, i18n.sites); false: the source
    # language's alone (the benchmark's baseline).
    other_languages: bool = True
    # Where the proposal form sends contributors with their file: an email address, or the
    # https:// address of a page that takes it. Empty: only GitHub, if repo_url is a GitHub one.
    proposals_to: str = ""
    # How soon editors reply to a proposal, in words the form shows ("two weeks"). Empty: no promise.
    proposals_reply_within: str = ""

    def __post_init__(self) -> None:
        if self.proposals_to and not (re.match(EMAIL_PATTERN, self.proposals_to)
                                      or re.match(r"^https://[^\s/?#]+\.[^\s]+$", self.proposals_to)):
            raise ValueError(f"the casebook option 'proposals_to' must be an email address or a web address "
                             f"starting with https://, not {self.proposals_to!r}")

    @property
    def proposals_by_email(self) -> bool:
        return bool(self.proposals_to) and not self.proposals_to.startswith("https://")

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Settings:
        """Settings from plugin options; a wrong name or type raises ValueError saying which."""
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for name, value in options.items():
            if name not in fields:
                continue  # `enabled` and any option MkDocs itself checks
            expected = type(getattr(cls(), name))
            if type(value) is not expected:
                word = "true or false" if expected is bool else "text"
                raise ValueError(f"the casebook option '{name}' must be {word}, not {value!r}")
        return cls(**{name: value for name, value in options.items() if name in fields})

    def content(self, root: Path) -> Path:
        return root / self.content_dir

    def templates(self, root: Path) -> Path:
        return root / self.templates_dir

    def locale(self, root: Path) -> Path:
        return root / self.locale_dir
