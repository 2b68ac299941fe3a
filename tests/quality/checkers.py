"""The reference checkers the issue names, each run once over many pages of the shipped site, and
the errors Material's own markup gives on every site (filtered by exact message and element,
each with the reason it is not ours). Everything else a checker reports is the project's.

- The Nu Html Checker (vnu-jar from npm, run with Java from apt) reads the built files.
- pa11y 9 (HTML_CodeSniffer, WCAG 2 AA) and axe-core load the served pages in the system Chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from browser_support import CHROMIUM
from support import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = Path(__file__).resolve().parent / "pa11y.mjs"


@dataclass(frozen=True)
class Finding:
    """One error a checker reports: on which page, its message, and the element's start tag."""

    page: str
    message: str
    element: str


@dataclass(frozen=True)
class Known:
    """An error of Material's own markup: the exact message on the exact element, and why."""

    message: str
    element: str
    why: str

    def matches(self, finding: Finding) -> bool:
        return finding.message == self.message and finding.element == self.element


_AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                 "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, "
                 "“text”, “time”, “url”, or “week”.")
_NO_SUBMIT = ("This form does not contain a submit button, which creates issues for those who cannot submit the "
              "form using the keyboard. Submit buttons are INPUT elements with type attribute \"submit\" or "
              "\"image\", or BUTTON elements with type \"submit\" or omitted/invalid.")
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
_TOC_WHY = ("Material's table-of-contents toggle on the nav's current page, labelled only when the page has a "
            "table of contents from Markdown headings (generated pages' headings are HTML)")

NU_MATERIAL = (
    Known(_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
                         'autocomplete="off">',
          "Material's navigation drawer toggle (autocomplete=off keeps Firefox from restoring its state)"),
    Known(_AUTOCOMPLETE, '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
                         'autocomplete="off">',
          "Material's search toggle (autocomplete=off keeps Firefox from restoring its state)"),
    Known("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
          '<label class="md-nav__title" for="__toc">',
          "Material's table-of-contents title on a page outside the nav, where Material leaves out the toggle"),
)

PA11Y_MATERIAL = (
    Known(_NO_SUBMIT, '<form class="md-header__option" data-md-component="palette">',
          "Material's light/dark palette switch: radio buttons that apply at once, nothing to submit"),
    Known(_NO_SUBMIT, '<form class="md-search__form" name="search">',
          "Material's header search, which searches as the reader types"),
    Known("This checkboxinput element does not have a name available to an accessibility API. Valid names are: "
          "label element, title , aria-label , aria-labelledby .", _TOC_TOGGLE, _TOC_WHY),
    Known("This form field should be labelled in some way. Use the label element (either with a \"for\" attribute "
          "or wrapped around the form field), or \"title\", \"aria-label\" or \"aria-labelledby\" attributes as "
          "appropriate.", _TOC_TOGGLE, _TOC_WHY),
)


def ours(findings: list[Finding], known: tuple[Known, ...]) -> list[Finding]:
    """The findings no known Material error explains."""
    return [finding for finding in findings if not any(k.matches(finding) for k in known)]


def nu_errors(site: Path, pages: list[str]) -> list[Finding]:
    """Every error (and any file the checker could not read) the Nu Html Checker reports, in one run."""
    assert VNU.exists(), f"the Nu Html Checker is missing at {VNU}: run `make test`, which runs `npm ci`"
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *pages],
                            cwd=site, capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr.
    messages = json.loads(result.stderr)["messages"]
    return [Finding(message.get("url", "").rsplit(str(site) + "/", 1)[-1], message["message"],
                    message.get("extract", "")[message.get("hiliteStart", 0):][:message.get("hiliteLength", 0)])
            for message in messages if message["type"] != "info"]


def pa11y_errors(base_url: str, pages: list[str]) -> list[Finding]:
    """Every error pa11y reports, all pages in one run of Node."""
    urls = [base_url + page for page in pages]
    result = subprocess.run(["node", str(PA11Y), str(CHROMIUM), *urls], cwd=ROOT, capture_output=True, text=True,
                            timeout=900, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return [Finding(url.removeprefix(base_url), issue["message"], _start_tag(issue["context"]))
            for url, issues in json.loads(result.stdout).items() for issue in issues if issue["type"] == "error"]


def _start_tag(context: str) -> str:
    return context.split(">", 1)[0] + ">" if context.startswith("<") else context
