"""The ``kg`` command: a thin layer over the Python API, one module per sub-command.

Each module in ``kg.commands`` has ``add_parser(subparsers)``, which registers the sub-command and
sets ``func(args) -> int``. Errors the user can fix are ``KgError``s and print one line.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from .errors import KgError

#: sub-commands, in the order ``kg --help`` lists them
COMMANDS = ["build", "query", "export", "stats", "validate", "viz", "serve", "eval", "push"]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="govkg: build, query, view and export knowledge graphs of Chinese local-government news.",
    )
    from . import __version__
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"kg.commands.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KgError as err:
        print(f"kg {args.command}: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
