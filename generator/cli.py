"""`casebook` commands: argument parsing and exit codes only; the work happens in the core."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .problems import FORMATTERS, promote_warnings
from .validate import validate_library

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _root(value: str) -> Path:
    root = Path(value)
    if not (root / "content").is_dir():
        raise argparse.ArgumentTypeError(f"{value} has no content/ folder; run casebook from the project folder "
                                         "or give --root")
    return root


def cmd_validate(args: argparse.Namespace) -> int:
    library = validate_library(args.root, only=[Path(p) for p in args.paths] or None)
    problems = promote_warnings(library.problems) if args.strict else library.problems
    output = FORMATTERS[args.format](problems)
    print(output)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    library = validate_library(args.root)
    if library.schema is None:
        print(FORMATTERS["text"](library.problems), file=sys.stderr)
        return EXIT_PROBLEMS
    print(json.dumps(library.schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebook", description="Build and check the Casebook library.")
    parser.add_argument("--root", type=_root, default=Path("."), help="project folder (holding content/)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check case studies and the taxonomy")
    validate.add_argument("paths", nargs="*", help="only report on these case-study files")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="print the case-study JSON Schema")
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_USAGE if stop.code else EXIT_OK
    try:
        return args.run(args)
    except OSError as error:
        print(f"casebook: {error}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
