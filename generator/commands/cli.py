"""`casebook` commands: argument parsing and exit codes only; the work happens in the core."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..content.load import front_matter, mkdocs_settings
from ..content.problems import FORMATTERS, promote_warnings
from ..content.schema import case_study_schema
from ..content.taxonomy import Taxonomy
from ..content.validate import Library, read_taxonomy, validate_library
from ..i18n.catalogues import every_language
from ..i18n.languages import SOURCE, Language
from ..i18n.sites import fallback_text, site_url_in, translated_page
from ..render import (
    PageRenderer,
    RenderOptions,
    build_date_from_environment,
    hand_written_pages,
    render_site,
    site_address,
    urls,
)
from ..render.dates import site_date
from ..render.reference import with_reference
from ..render.urls import edit_base
from ..settings import Settings
from . import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, new, project, translations
from .issueform import ISSUE_FORM_FILE, issue_form_text
from .report import REPORT_FORMATS, build_report

MKDOCS_FILE = "mkdocs.yml"
# The variable mkdocs.yml reads site_url from, so both tools publish under the same address.
SITE_URL_VARIABLE = "CASEBOOK_SITE_URL"


class UsageError(Exception):
    """A command cannot start: the message says why, for the person who typed it."""


def _settings(args: argparse.Namespace) -> tuple[Settings, str]:
    """The `casebook` plugin's settings in the project's mkdocs.yml, overridden by flags, and
    the folder of hand-written pages (MkDocs' `docs_dir`)."""
    try:
        docs_dir, options = mkdocs_settings(args.root / MKDOCS_FILE, "casebook")
        settings = Settings.from_options(options)
    except ValueError as error:
        raise UsageError(f"{MKDOCS_FILE}: {error}") from error
    flags = {name: getattr(args, name) for name in ("content_dir", "templates_dir", "parallel_checks")
             if getattr(args, name) is not None}
    settings = Settings(**{**vars(settings), **flags})
    if not settings.content(args.root).is_dir():
        raise UsageError(f"{args.root} has no {settings.content_dir}/ folder; run casebook from the project folder, "
                         "or give --root or --content-dir")
    return settings, docs_dir if isinstance(docs_dir, str) else "docs"


def _validate(args: argparse.Namespace, **options: Any) -> Library:
    return validate_library(args.root, content_dir=args.settings.content_dir,
                            parallel=args.settings.parallel_checks, **options)


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value} is not a date written YYYY-MM-DD") from None


def cmd_validate(args: argparse.Namespace) -> int:
    library = _validate(args, only=[Path(p) for p in args.paths] or None, records=False)
    problems = promote_warnings(library.problems) if args.strict else library.problems
    output = FORMATTERS[args.format](problems)
    print(output)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def _valid_library(args: argparse.Namespace) -> Library | None:
    """The library, or None after printing its errors."""
    library = _validate(args)
    if library.errors or library.taxonomy is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return None
    return library


def _taxonomy(args: argparse.Namespace) -> Taxonomy | None:
    """The taxonomy alone (no case study is read); or None after printing its errors."""
    taxonomy, problems = read_taxonomy(args.root, content_dir=args.settings.content_dir)
    if taxonomy is None:
        print(FORMATTERS["text"](problems), file=sys.stderr)
    return taxonomy


def _schema(args: argparse.Namespace) -> dict[str, Any] | None:
    """The case-study schema, from the taxonomy alone; or None after printing its errors."""
    taxonomy = _taxonomy(args)
    return case_study_schema(taxonomy) if taxonomy is not None else None


SCHEMA_FILE = Path(urls.SCHEMA)


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    schema = _schema(args)
    if schema is None:
        return EXIT_PROBLEMS
    if args.write:
        target = args.root / SCHEMA_FILE
        target.parent.mkdir(exist_ok=True)
        target.write_text(schema_text(schema), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        print(schema_text(schema), end="")
    return EXIT_OK


DOCS_FILE = Path("CONTRIBUTING.md")


def cmd_docs(args: argparse.Namespace) -> int:
    """Refresh the record format reference in CONTRIBUTING.md and the GitHub issue form."""
    taxonomy = _taxonomy(args)
    if taxonomy is None:
        return EXIT_PROBLEMS
    schema = case_study_schema(taxonomy)
    target = args.root / DOCS_FILE
    try:
        text = with_reference(target.read_text(encoding="utf-8"), schema)
    except ValueError as error:
        raise UsageError(f"{DOCS_FILE}: {error}") from error
    target.write_text(text, encoding="utf-8")
    print(f"wrote the field reference in {DOCS_FILE}")
    form = args.root / ISSUE_FORM_FILE
    form.parent.mkdir(parents=True, exist_ok=True)
    form.write_text(issue_form_text(taxonomy, schema), encoding="utf-8")
    print(f"wrote {ISSUE_FORM_FILE}")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Write a project another engine builds as it is: configuration, theme overrides,
    hand-written and generated pages, data files."""
    config_text = (args.root / MKDOCS_FILE).read_text(encoding="utf-8")
    try:
        config = project.read_config(config_text, os.environ)
    except project.ProjectError as error:
        raise UsageError(str(error)) from error
    given = args.site_url or project.setting(config, "site_url")
    if not given:
        raise UsageError(f"no site address: give --site-url or set site_url in {MKDOCS_FILE}; "
                         "the feed's ids and the sitemap need the published address")
    try:
        site_url = site_address(given)
    except ValueError as error:
        raise UsageError(f"--site-url: {error}; give --site-url, or site_url in {MKDOCS_FILE} (it reads "
                         f"${SITE_URL_VARIABLE}): the feed's ids and the sitemap need the published address") from None
    if not project.is_render_output(args.out):
        raise UsageError(f"{args.out} is not empty and was not written by casebook render; nothing was written")
    library = _valid_library(args)
    if library is None or library.taxonomy is None:
        return EXIT_PROBLEMS
    catalogue = Catalogue.published(library.taxonomy, library.records)
    repo_url = project.setting(config, "repo_url")
    edit = edit_base(repo_url, project.setting(config, "edit_uri"), args.docs_dir)
    options = RenderOptions(edit_base=edit, repo_url=repo_url, site_url=site_url,
                            site_name=project.setting(config, "site_name") or "Casebook",
                            build_date=build_date_from_environment(os.environ),
                            proposals_to=args.settings.proposals_to,
                            proposals_reply_within=args.settings.proposals_reply_within)
    messages_of, problems = every_language(args.settings.locale(args.root), args.settings.locale_dir)
    if problems:
        print(FORMATTERS["text"](problems), file=sys.stderr)
        return EXIT_PROBLEMS
    if args.out.exists():
        shutil.rmtree(args.out)
    count = 0
    for language, messages in messages_of.items():
        if language != SOURCE and not args.settings.other_languages:
            continue
        assert messages is not None  # every catalogue could be used: no problems
        renderer = PageRenderer(catalogue, args.settings.templates(args.root),
                                replace(options, language=language, site_url=site_url_in(site_url, language)),
                                library.schema, translations=messages)
        count += _render_language(args, renderer, config_text, site_url)
    project.copy_overrides(args.root, project.custom_dir_of(config), args.out)
    configs = " and ".join(project.config_file(language) for language in messages_of
                           if language == SOURCE or args.settings.other_languages)
    print(f"wrote {count} generated files, the hand-written pages, the theme overrides and {configs} to "
          f"{args.out}: build each configuration there (`properdocs build -f mkdocs.yml`, then "
          "`-f mkdocs.cy.yml`)")
    return EXIT_OK


def _render_language(args: argparse.Namespace, renderer: PageRenderer, config_text: str, site_url: str) -> int:
    """Write one language's pages, data files and configuration (`site_url`: the source
    language's site's); the number of generated files."""
    language = renderer.options.language
    outputs = render_site(renderer, hand_written_pages(args.root / args.docs_dir, language))
    docs = args.out / project.docs_dir(language)
    _write_pages(args, renderer, docs, language)
    for output in outputs:
        _write(docs / output.path, output.content)
    generated = [output.path for output in outputs if output.path.endswith(".md")]
    # Each language's configuration starts from the project's own, as written.
    _write(args.out / project.config_file(language), project.engine_config(
        project.read_config(config_text, os.environ), site_url=site_url, generated=generated,
        site_date=site_date(renderer.catalogue.last_reviewed), language=language,
        translations=renderer.translations))
    return len(outputs)


def _write_pages(args: argparse.Namespace, renderer: PageRenderer, docs: Path, language: Language) -> None:
    """Copy the hand-written pages and their files, with the generated sections they ask for:
    in `language` where a page is written in it, else as the source language's site has it,
    marked as such (i18n.sites)."""
    pages = args.root / args.docs_dir
    for path in sorted(p for p in pages.rglob("*") if p.is_file()):
        source = path.relative_to(pages).as_posix()
        if path.suffix != ".md":
            _write(docs / source, path.read_bytes())
            continue
        translated = translated_page(pages, language, source)
        text = translated.read_text(encoding="utf-8") if translated else path.read_text(encoding="utf-8")
        if language != SOURCE and translated is None:
            text = fallback_text(text)
        section = front_matter(text, f"{args.docs_dir}/{source}").get("casebook_section")
        _write(docs / source, text.rstrip() + "\n\n" + renderer.section(section, source) if section else text)


def _write(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def cmd_report(args: argparse.Namespace) -> int:
    library = _valid_library(args)
    if library is None or library.taxonomy is None:
        return EXIT_PROBLEMS
    catalogue = Catalogue.published(library.taxonomy, library.records, include_drafts=True)
    locale = (args.settings.locale(args.root), args.settings.locale_dir)
    print(REPORT_FORMATS[args.format](build_report(catalogue, args.today or dt.date.today(), locale)), end="")
    return EXIT_OK


def cmd_i18n(args: argparse.Namespace) -> int:
    """Keep the message catalogues in step with the sources (see babel.cfg)."""
    locale_dir = args.settings.locale(args.root)
    if args.action == "extract":
        print(translations.extract(args.root, locale_dir))
        return EXIT_OK
    if args.action == "update":
        written, problems = translations.update(args.root, locale_dir, dt.datetime.now(dt.UTC))
        print("\n".join(written + ([FORMATTERS["text"](problems)] if problems else [])))
        return EXIT_PROBLEMS if problems else EXIT_OK
    problems = translations.check(args.root, locale_dir)
    print(FORMATTERS[args.format](problems))
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


# The fields `casebook new` takes as flags; the others it asks for at a terminal.
NEW_FLAGS = (("title", "the name of the collaboration", False), ("services", "a service", True),
             ("regions", "a region", True), ("collaboration_types", "a collaboration type", True),
             ("status", "its stage", False), ("started", "when it started, such as 'May 2024' or 2024-05", False))


def cmd_new(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy(args)
    if taxonomy is None:
        return EXIT_PROBLEMS
    flags = {name: getattr(args, name) for name, _, _ in NEW_FLAGS if getattr(args, name)}
    request = new.NewRecord(args.root, args.settings.content(args.root) / "case-studies", flags,
                            interactive=sys.stdin.isatty() and not args.no_input)
    try:
        return new.run_new(request, taxonomy)
    except new.FlagError as error:
        raise UsageError(f"new: {error}; nothing was written") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebook", description="Build and check the Casebook library.")
    parser.add_argument("--root", type=Path, default=Path("."), help=f"project folder (holding {MKDOCS_FILE})")
    # Defaults come from the casebook plugin's options in mkdocs.yml; these flags override them.
    parser.add_argument("--content-dir", help="folder holding case-studies/ and taxonomy/ "
                        "(default: the plugin's content_dir, else content)")
    parser.add_argument("--templates-dir", help="templates of generated pages "
                        "(default: the plugin's templates_dir, else site_theme/casebook)")
    parser.add_argument("--parallel-checks", action=argparse.BooleanOptionalAction, default=None,
                        help="check case studies in every core (default: the plugin's parallel_checks, else on)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check case studies and the taxonomy")
    validate.add_argument("paths", nargs="*", help="only report on these case-study files")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="print the case-study JSON Schema")
    schema.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_FILE} for editors")
    schema.set_defaults(run=cmd_schema)

    docs = commands.add_parser("docs", help=f"refresh the record format reference in {DOCS_FILE} "
                                            f"and the issue form in {ISSUE_FORM_FILE.parent}/")
    docs.add_argument("--write", action="store_true", required=True)
    docs.set_defaults(run=cmd_docs)

    render = commands.add_parser("render", help="write a project that engines without the casebook plugin build")
    render.add_argument("--out", type=Path, required=True, help="folder to write (replaced if an earlier render)")
    render.add_argument("--site-url", default="", help="published address (default: site_url in mkdocs.yml)")
    render.set_defaults(run=cmd_render)

    report = commands.add_parser("report", help="list what editors should look at")
    report.add_argument("--format", choices=sorted(REPORT_FORMATS), default="text")
    report.add_argument("--today", type=_day, help="judge review periods and planned ends as on this day "
                                                   "(YYYY-MM-DD; default: today)")
    report.set_defaults(run=cmd_report)

    i18n = commands.add_parser("i18n", help="keep the message catalogues of the interface in step with the sources")
    i18n.add_argument("action", choices=["extract", "update", "check"],
                      help="extract: write the template from the sources; update: bring each language's "
                           "catalogue up to the template; check: report catalogues that are out of date, "
                           "unreadable, or have broken placeholders")
    i18n.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how check reports problems")
    i18n.set_defaults(run=cmd_i18n)

    start = commands.add_parser("new", help="start a new case-study file: at a terminal, asks for every field and "
                                            "writes the file once it passes validate")
    for name, what, is_list in NEW_FLAGS:
        flag = "--" + name.replace("_", "-").rstrip("s") if is_list else "--" + name
        start.add_argument(flag, dest=name, action="append" if is_list else "store",
                           help=f"{what}, by name or id; repeat {flag} for more" if is_list else what)
    start.add_argument("--no-input", action="store_true",
                       help="never ask: write the file with the flags' answers and list what is left to fill in")
    start.set_defaults(run=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_USAGE if stop.code else EXIT_OK
    try:
        args.settings, args.docs_dir = _settings(args)
        return args.run(args)
    except UsageError as error:
        print(f"casebook: {error}", file=sys.stderr)
        return EXIT_USAGE
    except FileExistsError as error:
        print(f"casebook: {error.filename} already exists; nothing was overwritten", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"casebook: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
