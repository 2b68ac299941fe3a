"""`casebook` commands: argument parsing and exit codes only; the work happens in the core."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import yaml

from .catalogue import Catalogue
from .docs import with_reference
from .problems import FORMATTERS, promote_warnings
from .render import PageRenderer, RenderOptions, render_site, site_address, urls
from .report import REPORT_FORMATS, build_report
from .scaffold import write_new
from .validate import Library, validate_library

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# The variable mkdocs.yml reads site_url from, so both tools publish under the same address.
SITE_URL_VARIABLE = "CASEBOOK_SITE_URL"


def _root(value: str) -> Path:
    root = Path(value)
    if not (root / "content").is_dir():
        raise argparse.ArgumentTypeError(f"{value} has no content/ folder; run casebook from the project folder "
                                         "or give --root")
    return root


def cmd_validate(args: argparse.Namespace) -> int:
    library = validate_library(args.root, only=[Path(p) for p in args.paths] or None, records=False)
    problems = promote_warnings(library.problems) if args.strict else library.problems
    output = FORMATTERS[args.format](problems)
    print(output)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def _valid_library(root: Path) -> Library | None:
    """The library, or None after printing its errors."""
    library = validate_library(root)
    if library.errors or library.taxonomy is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return None
    return library


SCHEMA_FILE = Path(urls.SCHEMA)


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    library = validate_library(args.root)
    if library.schema is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return EXIT_PROBLEMS
    if args.write:
        target = args.root / SCHEMA_FILE
        target.parent.mkdir(exist_ok=True)
        target.write_text(schema_text(library.schema), encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    else:
        print(schema_text(library.schema), end="")
    return EXIT_OK


DOCS_FILE = Path("CONTRIBUTING.md")


def cmd_docs(args: argparse.Namespace) -> int:
    """Refresh the record format reference in CONTRIBUTING.md from the schema."""
    library = validate_library(args.root)
    if library.schema is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return EXIT_PROBLEMS
    target = args.root / DOCS_FILE
    target.write_text(with_reference(target.read_text(encoding="utf-8"), library.schema), encoding="utf-8")
    print(f"wrote the field reference in {DOCS_FILE}")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Write the generated Markdown and data files, for engines other than MkDocs."""
    try:
        site_url = site_address(args.site_url)
    except ValueError as error:
        print(f"casebook render: --site-url: {error}; feeds need absolute ids, so give the published address "
              f"with --site-url or {SITE_URL_VARIABLE}", file=sys.stderr)
        return EXIT_USAGE
    library = _valid_library(args.root)
    if library is None:
        return EXIT_PROBLEMS
    catalogue = Catalogue.published(library.taxonomy, library.records)
    templates = args.root / "site_theme" / "casebook"
    renderer = PageRenderer(catalogue, templates, RenderOptions(site_url=site_url), library.schema)
    outputs = render_site(renderer)
    for page in sorted((args.root / "content" / "pages").rglob("*.md")):
        source = page.relative_to(args.root / "content" / "pages").as_posix()
        text = page.read_text(encoding="utf-8")
        section = _front_matter(text).get("casebook_section")
        target = args.out / source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.rstrip() + "\n\n" + renderer.section(section, source) if section else text,
                          encoding="utf-8")
    for output in outputs:
        target = args.out / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
    print(f"wrote {len(outputs)} generated files to {args.out}")
    return EXIT_OK


def _front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    meta = yaml.safe_load(text[4:end]) if end > 0 else None
    return meta if isinstance(meta, dict) else {}


def cmd_report(args: argparse.Namespace) -> int:
    library = _valid_library(args.root)
    if library is None:
        return EXIT_PROBLEMS
    catalogue = Catalogue.published(library.taxonomy, library.records)
    print(REPORT_FORMATS[args.format](build_report(catalogue, dt.date.today())), end="")
    return EXIT_OK


NEW_FIELDS = (("title", "Title (5 to 120 characters)", False),
              ("services", "Services, separated by commas", True),
              ("regions", "Regions, separated by commas", True),
              ("collaboration_types", "Collaboration types, separated by commas", True),
              ("status", "Status", False),
              ("started", "Start date (YYYY, YYYY-MM or YYYY-MM-DD)", False))


def cmd_new(args: argparse.Namespace) -> int:
    library = validate_library(args.root)
    if library.schema is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return EXIT_PROBLEMS
    answers = {}
    for name, question, is_list in NEW_FIELDS:
        value = getattr(args, name)
        if value is None and sys.stdin.isatty() and not args.no_input:
            value = input(f"{question}: ").strip()
            value = [v.strip() for v in value.split(",") if v.strip()] if is_list else value
        if value:
            answers[name] = value
    if "title" not in answers:
        print("casebook new: a title is needed (--title)", file=sys.stderr)
        return EXIT_USAGE
    answers.setdefault("last_reviewed", dt.date.today().isoformat())
    answers.setdefault("result", "too-early")
    path = write_new(args.root / "content" / "case-studies", library.schema, answers)
    print(f"created {path.relative_to(args.root)}; fill in the empty fields, then check it:")
    problems = [p for p in validate_library(args.root).problems if p.path.endswith(path.name)]
    print(FORMATTERS["text"](problems))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebook", description="Build and check the Casebook library.")
    parser.add_argument("--root", type=_root, default=".", help="project folder (holding content/)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check case studies and the taxonomy")
    validate.add_argument("paths", nargs="*", help="only report on these case-study files")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="print the case-study JSON Schema")
    schema.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_FILE} for editors")
    schema.set_defaults(run=cmd_schema)

    docs = commands.add_parser("docs", help=f"refresh the record format reference in {DOCS_FILE}")
    docs.add_argument("--write", action="store_true", required=True)
    docs.set_defaults(run=cmd_docs)

    render = commands.add_parser("render", help="write the generated pages to a folder")
    render.add_argument("--out", type=Path, required=True)
    render.add_argument("--site-url", default=os.environ.get(SITE_URL_VARIABLE, ""),
                        help=f"published address, for feed ids and links in the data files (default: "
                             f"${SITE_URL_VARIABLE}, as mkdocs.yml reads it)")
    render.set_defaults(run=cmd_render)

    report = commands.add_parser("report", help="list what editors should look at")
    report.add_argument("--format", choices=sorted(REPORT_FORMATS), default="text")
    report.set_defaults(run=cmd_report)

    new = commands.add_parser("new", help="start a new case-study file")
    for name, question, is_list in NEW_FIELDS:
        flag = "--" + name.replace("_", "-").rstrip("s") if is_list else "--" + name
        new.add_argument(flag, dest=name, action="append" if is_list else "store",
                         help=f"an id; repeat {flag} for more" if is_list else question)
    new.add_argument("--no-input", action="store_true", help="never ask; use only the flags")
    new.set_defaults(run=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_USAGE if stop.code else EXIT_OK
    try:
        return args.run(args)
    except FileExistsError as error:
        print(f"casebook: {error.filename} already exists; nothing was overwritten", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"casebook: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
