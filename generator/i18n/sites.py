"""One site per language: the source language's at the root, each other one in a folder named by
its tag (`/cy/`), built from the same configuration. Pages have the same path in every language,
so a page's other-language version is the other site's root followed by the page's own path.

A hand-written page in another language lives in `<docs_dir>-<tag>/` under the same name as the
English one (`content/pages-cy/about.md`); a page without one is shown in English, marked so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .languages import LANGUAGES, SOURCE, Language

# The front matter key of a page shown in another language than its site's: the language's tag.
FALLBACK_KEY = "casebook_fallback"
# The Markdown extension that reads Markdown inside the `<div lang>` of such a page; the sites in
# other languages than the source add it.
MARKDOWN_IN_HTML = "md_in_html"


def site_folder(language: Language) -> str:
    """The folder of a language's site inside the built site: '' for the source language."""
    return "" if language == SOURCE else f"{language.code}/"


def site_url_in(site_url: str, language: Language) -> str:
    """The published address of a language's site, from the source language's (ending in '/')."""
    return site_url + site_folder(language)


def pages_dir_in(docs_dir: str, language: Language) -> str:
    """Where a language's hand-written pages are (relative as `docs_dir` is)."""
    return docs_dir if language == SOURCE else f"{docs_dir.rstrip('/')}-{language.code}"


def translated_page(docs: Path, language: Language, src_uri: str) -> Path | None:
    """The page `src_uri` of the docs folder `docs` written in `language`, if there is one."""
    if language == SOURCE:
        return None
    path = Path(pages_dir_in(str(docs), language)) / src_uri
    return path if path.is_file() else None


def languages_extra(site_url: str, language: Language) -> dict[str, Any]:
    """What the theme needs to link a page to itself in every language (`extra` in the
    configuration): each language's tag, its name in itself, its site's published address and
    its site's root relative to the root of `language`'s site."""
    up = "../" * site_folder(language).count("/")
    return {"casebook_language": language.code,
            "casebook_languages": [{"code": other.code, "name": other.name, "url": site_url_in(site_url, other),
                                    "href": "" if other == language else up + site_folder(other)}
                                   for other in LANGUAGES]}


def fallback_text(markdown: str) -> str:
    """A page in the source language as another language's site shows it until it is translated:
    its front matter names the language it is written in (the theme puts a note above it), and
    its text is in a `<div lang>` (read with MARKDOWN_IN_HTML), so a generated section appended
    to it (`casebook_section`) stays in the site's language."""
    meta, body = "", markdown
    end = markdown.find("\n---\n", 3) if markdown.startswith("---\n") else -1
    if end != -1:
        meta, body = markdown[4:end + 1], markdown[end + 5:]
    return (f"---\n{FALLBACK_KEY}: {SOURCE.code}\n{meta}---\n\n"
            f'<div lang="{SOURCE.code}" markdown="1">\n\n{body.strip()}\n\n</div>\n')
