"""The ``cxmapper`` command line.

Each subcommand lives in a module of this package that defines
``register(subparsers)``; ``register`` adds one or more subparsers whose ``func``
default takes the parsed arguments and returns the exit code. Modules are found by
name, so adding a command never means editing a shared list.

With no arguments, or with a single path to a file, the command opens the desktop
app (when ``cxmapper.ui`` provides ``run_app``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

# argparse, importlib and pkgutil are imported where a command is parsed: the desktop
# app, started with no argument or a file, never needs them (start-up time).

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib
    import pkgutil

    parser = argparse.ArgumentParser(
        prog="cxmapper",
        description="Customer-journey maps and service blueprints (.cxmap files).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    import argparse

    for action in parser._actions:  # argparse keeps subparsers here only
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (len(argv) == 1 and _names_a_file(argv[0])):
        return _open_app(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    return int(args.func(args) or 0)


def _known_commands() -> set[str]:
    return _commands(build_parser())


def _names_a_file(arg: str) -> bool:
    """Whether a lone argument is a file for the app rather than a command or an option.

    A command's name is letters and hyphens, so an argument with a dot or a path
    separator in it (``map.cxmap``, ``./check``) is a file without building the parser;
    any other name is a file only when no command has it.
    """
    if arg.startswith("-"):
        return False
    if "." in arg or "/" in arg or (sys.platform == "win32" and "\\" in arg):
        return True
    return arg not in _known_commands()


def _open_app(argv: list[str]) -> int:
    try:
        from cxmapper.ui.app import run_app
    except ImportError as exc:  # the window needs Qt and its system libraries
        print(f"cxmapper: cannot start the desktop app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return run_app(argv)
