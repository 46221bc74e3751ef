"""``cxmapper validate FILE…``: say whether each .cxmap file is valid, and if not, why.

This module also owns ``load_or_report``, the one way the other commands open a map:
it loads through ``cxmapper.model.fileformat`` and turns a ``MapFileError`` into
lines of the form ``FILE: $.path (line N): reason``, one per problem, so every
command reports a bad file the same way.

``validate`` prints its report (problems included) on stdout, because the report is
what was asked for; the other commands print load problems on stderr.

``emit`` is how these commands print: control characters in map text (ESC, OSC, C1,
bidi controls) are shown as escapes, never sent to the terminal raw (``_text.visible``);
Chinese titles must not become a traceback on a terminal or pipe that is not UTF-8
(they are escaped instead), and ``| head`` closing the pipe early ends the command
quietly. ``emit_json`` prints one JSON document the same way (``--json``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cxmapper.cli import EXIT_BROKEN_PIPE, EXIT_INVALID, EXIT_OK

if TYPE_CHECKING:  # the model is imported when a command runs: every start-up builds the parser
    from cxmapper.model.document import MapDocument
    from cxmapper.model.fileformat import MapFileError


def register(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check that .cxmap files are valid",
        description="Check each FILE; exit 0 when all are valid, 1 otherwise with every problem listed.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    p.set_defaults(func=run)


def emit(text: str, stream: TextIO | None = None, *, json: bool = False) -> None:
    """Print ``text`` (and a newline) to ``stream`` (stdout), whatever its encoding,
    with its control characters made visible (JSON escapes when ``json``)."""
    from cxmapper.cli._text import visible

    stream = stream or sys.stdout
    text = visible(text, json=json)
    try:
        try:
            print(text, file=stream, flush=True)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream, flush=True)
    except BrokenPipeError:
        # The reader has gone (``| head``). Point the stream at /dev/null so that
        # Python's own flush at exit does not raise again, then stop with the exit code
        # of a closed pipe, as the command line's main does (``cli/__init__.py``).
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise SystemExit(EXIT_BROKEN_PIPE) from None


def emit_json(data) -> None:
    """Print ``data`` as one JSON document (see docs/REPORTS-JSON.md) on stdout."""
    import json

    emit(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False), json=True)


def problem_lines(path: Path, error: MapFileError) -> list[str]:
    """``FILE: <problem>`` for each problem the error carries (at least one line)."""
    problems = list(getattr(error, "problems", None) or [])
    if not problems:
        return [f"{path}: {error}"]
    return [f"{path}: {problem}" for problem in problems]


def load_or_report(path: Path, out: TextIO | None = None) -> MapDocument | None:
    """The map in ``path``, or None after printing its problems to ``out`` (stderr)."""
    from cxmapper.model.fileformat import MapFileError, load_file

    try:
        return load_file(path)
    except MapFileError as error:
        for line in problem_lines(path, error):
            emit(line, out or sys.stderr)
        return None


def run(args) -> int:
    exit_code = EXIT_OK
    for path in args.files:
        doc = load_or_report(path, sys.stdout)
        if doc is None:
            exit_code = EXIT_INVALID
        else:
            emit(f"{path}: valid ({len(doc.cards)} cards, {len(doc.links)} links)")
    return exit_code
