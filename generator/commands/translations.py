"""`casebook i18n extract|update|check`: the message catalogues kept in step with the sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.catalog import Catalog

from ..content.problems import Problem
from ..i18n.catalogues import TEMPLATE_FILE, catalogue_file, catalogue_text, read_catalogue
from ..i18n.extraction import drift_problems, extract_template, new_catalogue, same_messages, updated
from ..i18n.languages import TRANSLATED


def extract(root: Path, locale_dir: Path) -> str:
    """Write the template from the sources; an unchanged template is left as it is, so its date
    changes only when its messages do."""
    template = extract_template(root)
    path = locale_dir / TEMPLATE_FILE
    committed, _ = read_catalogue(path, str(path)) if path.is_file() else (None, [])
    if committed is not None and same_messages(committed, template):
        return f"{_shown(path, root)} is up to date ({_count(template)} messages)"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalogue_text(template))
    return f"wrote {_shown(path, root)} ({_count(template)} messages)"


def update(root: Path, locale_dir: Path, now: dt.datetime) -> tuple[list[str], list[Problem]]:
    """Bring each language's catalogue up to the committed template (creating it if missing)."""
    template, problems = read_catalogue(locale_dir / TEMPLATE_FILE, _shown(locale_dir / TEMPLATE_FILE, root))
    if template is None:
        return [], problems
    written = []
    for language in TRANSLATED:
        path = locale_dir / catalogue_file(language)
        if path.is_file():
            catalog, found = read_catalogue(path, _shown(path, root), language)
            if catalog is None:
                problems += found
                continue
            catalog = updated(catalog, template)
        else:
            catalog = new_catalogue(language, template, now)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(catalogue_text(catalog))
        written.append(f"wrote {_shown(path, root)}")
    return written, problems


def check(root: Path, locale_dir: Path) -> list[Problem]:
    return drift_problems(root, locale_dir, _shown(locale_dir, root))


def _count(template: Catalog) -> int:
    return sum(1 for message in template if message.id)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
