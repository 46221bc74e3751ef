"""``cxmapper import-mermaid IN OUT``: a new .cxmap map from Mermaid ``journey`` text.

What the import makes of the text is described in ``cxmapper.export.mermaid``. The
output is not overwritten unless ``--force`` is given. Exit codes: 0 done, 1 the input
could not be read or parsed (the message names the line) or the output not written.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from cxmapper.cli import EXIT_INVALID, EXIT_OK


def register(sub) -> None:
    p = sub.add_parser(
        "import-mermaid",
        help="make a new .cxmap map from Mermaid journey text",
        description="Read a Mermaid 'journey' diagram and write it as a new .cxmap map.",
    )
    p.add_argument("input", metavar="IN", help="the Mermaid text file (UTF-8)")
    p.add_argument("output", metavar="OUT", help="the .cxmap file to write")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=run)


def _err(message: str) -> None:
    from cxmapper.cli.validate import emit  # the text's own words reach the terminal escaped

    emit(f"cxmapper import-mermaid: {message}", sys.stderr)


def run(args) -> int:
    from cxmapper.export.mermaid import MermaidError, read_mermaid
    from cxmapper.export.mermaid_syntax import MAX_TEXT_BYTES
    from cxmapper.model.fileformat import MapFileError, save_file

    source = Path(args.input)
    try:
        text = _read_text(source, MAX_TEXT_BYTES)
    except UnicodeDecodeError as exc:
        _err(f"{source}: not UTF-8 text (byte {exc.start})")
        return EXIT_INVALID
    except (OSError, ValueError) as exc:
        _err(f"{source}: cannot read: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_INVALID
    try:
        result = read_mermaid(text, str(source))
    except MermaidError as exc:
        _err(str(exc))
        return EXIT_INVALID
    out = Path(args.output)
    if out.exists() and not args.force:
        _err(f"{out} exists; use --force to replace it")
        return EXIT_INVALID
    try:
        save_file(result.doc, out, backup=False)
    except MapFileError as exc:
        _err(str(exc))
        return EXIT_INVALID
    doc = result.doc
    from cxmapper.cli.validate import emit

    for note in result.notes:
        emit(f"note: {note}")
    emit(f"wrote {out} ({len(doc.stages)} stages, {len(doc.steps())} steps, {len(doc.personas)} personas)")
    return EXIT_OK


def _read_text(path: Path, limit: int) -> str:
    """A regular file's text (UTF-8, a BOM tolerated), refused past ``limit`` bytes.

    Opened without blocking and checked to be a regular file first: a FIFO or a
    device would otherwise hang the command or never end.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"over {limit // (1024 * 1024)} MB; a Mermaid journey is a few kilobytes")
    return data.decode("utf-8-sig")
