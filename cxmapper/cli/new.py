"""``cxmapper new --template journey|blueprint OUT``: start a map from a template.

Refuses to replace an existing file unless ``--force`` is given: a workshop's map
overwritten by an empty template is the one loss a facilitator cannot undo.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxmapper.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE

# The same names as cxmapper.model.templates.TEMPLATES (a test keeps them equal):
# importing the model here would slow every start-up, which builds the parser.
TEMPLATE_CHOICES = ("journey", "blueprint")


def register(sub) -> None:
    p = sub.add_parser(
        "new",
        help="create a new map from a template",
        description="Write a new, empty journey map or service blueprint to OUT.",
    )
    p.add_argument("--template", required=True, choices=TEMPLATE_CHOICES, help="journey map or service blueprint")
    p.add_argument("--title", help="the map's title (default: a title for the template)")
    p.add_argument("--locale", default="en", help="e.g. zh_CN for Chinese stage and lane names (default: en)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.add_argument("out", metavar="OUT", type=Path)
    p.set_defaults(func=run)


def run(args) -> int:
    from pydantic import ValidationError

    from cxmapper.cli.validate import emit, problem_lines
    from cxmapper.model.fileformat import MapFileError, save_file
    from cxmapper.model.templates import new_map

    out: Path = args.out
    if out.is_dir():
        emit(f"{out}: is a directory; give a file name such as {out / 'map.cxmap'}", sys.stderr)
        return EXIT_INVALID
    if out.exists() and not args.force:
        emit(f"{out}: already exists; not overwritten (use --force to replace it)", sys.stderr)
        return EXIT_INVALID
    try:
        doc = new_map(args.template, title=args.title, locale=args.locale)
    except ValidationError as error:
        reason = "; ".join(e["msg"] for e in error.errors())
        emit(f"cxmapper new: invalid --title or --locale: {reason}", sys.stderr)
        return EXIT_USAGE
    try:
        save_file(doc, out)
    except MapFileError as error:
        emit("\n".join(problem_lines(out, error)), sys.stderr)
        return EXIT_INVALID
    steps = len(doc.steps())
    emit(
        f"{out}: new {args.template} map “{doc.meta.title}” with {len(doc.stages)} stages, "
        f"{steps} steps, {len(doc.lanes)} lanes"
    )
    return EXIT_OK
