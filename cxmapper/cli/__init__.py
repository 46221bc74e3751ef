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
EXIT_INTERRUPTED = 130
#: 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141


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
    _add_force(parser)
    return parser


def _add_force(parser: argparse.ArgumentParser) -> None:
    """Give every command ``--force``: replacing a read-only file needs it (``model/atomic.py``)."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in {id(p): p for p in action.choices.values()}.values():  # aliases once
                if "--force" not in child._option_string_actions:
                    child.add_argument(
                        "--force", action="store_true", help="replace output files even when they are read-only"
                    )
                _add_force(child)


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
    _readable_output()
    try:
        return _run_command(argv)
    except BrokenPipeError:
        # The reader went away (``| head``): whatever was to be saved was saved before
        # printing; stop quietly, and keep Python's exit-time flush from failing again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _run_command(argv: list[str]) -> int:
    from cxmapper.model import atomic

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE

    def show_note(message: str) -> None:
        print(f"cxmapper: note: {printable_path(message)}", file=sys.stderr)

    atomic.note_handlers.append(show_note)
    try:
        with atomic.forcing(bool(getattr(args, "force", False))):
            return int(args.func(args) or 0)
    finally:
        atomic.note_handlers.remove(show_note)


def printable_path(text: str) -> str:
    from cxmapper.model.validation import printable

    return printable(text)


def _readable_output() -> None:
    """A terminal that is not UTF-8 (``LANG=C``, ``PYTHONIOENCODING=ascii``) gets
    ``\\uXXXX`` for what it cannot show, instead of a ``UnicodeEncodeError`` after
    half the output."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8":
            continue
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # a closed or detached stream: nothing to print on
            pass


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


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
