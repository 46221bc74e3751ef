"""``cxmapper export``: write the PDF report, flat JSON, CSV and Mermaid of a map.

Several outputs may be asked at once; the map is loaded once. Exit codes: 0 done,
1 the map or an output could not be read or written (the message says which and why),
2 a usage error (no output asked). Notes about a fallback (no CJK font, ``--fit`` not
possible) go to stderr and do not fail the export. Pictures of the canvas (PNG/SVG)
need the desktop package and are not part of this command's flags here.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from cxmapper.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="export a map as a PDF report, flat JSON, CSV or Mermaid journey",
        description="Export a .cxmap file. Give one or more outputs. Put FILE first: "
        "--lanes and --personas take several names.",
        epilog="Formats and columns: docs/EXPORTS.md.",
    )
    p.add_argument("file", metavar="FILE", help="the .cxmap file")
    p.add_argument("--pdf", metavar="OUT", help="the PDF report for readers of the map")
    p.add_argument("--paper", choices=("a4", "a3"), default="a4", help="PDF paper size, landscape (default a4)")
    p.add_argument("--fit", action="store_true", help="scale the blueprint onto one page when it stays readable")
    p.add_argument("--lanes", nargs="+", action="extend", metavar="LANE", help="only these lanes in the PDF blueprint (names or ids)")
    p.add_argument("--personas", nargs="+", action="extend", metavar="PERSONA", help="only these personas in the PDF (names or ids)")
    p.add_argument("--json", metavar="OUT", help="flat JSON for other programs (format cxmapper-flat)")
    p.add_argument("--csv", metavar="DIR", help="write cards.csv and pain_points.csv into DIR")
    p.add_argument("--mermaid", metavar="OUT", help="Mermaid journey text")
    p.set_defaults(func=run, _parser=p)


def _err(message: str) -> None:
    print(f"cxmapper export: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if not (args.pdf or args.json or args.csv or args.mermaid):
        args._parser.print_usage(sys.stderr)
        _err("nothing to do: give --pdf, --json, --csv or --mermaid")
        return EXIT_USAGE
    if (args.lanes or args.personas or args.fit) and not args.pdf:
        _err("note: --lanes, --personas and --fit apply to --pdf only")
    from cxmapper.model.fileformat import MapFileError, load_file

    try:
        doc = load_file(args.file)
    except MapFileError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID

    status = EXIT_OK
    jobs = []
    if args.pdf:
        jobs.append(("PDF", args.pdf, lambda: _pdf(doc, args)))
    if args.json:
        jobs.append(("JSON", args.json, lambda: _json(doc, args.json)))
    if args.csv:
        jobs.append(("CSV", args.csv, lambda: _csv(doc, args.csv)))
    if args.mermaid:
        jobs.append(("Mermaid", args.mermaid, lambda: _mermaid(doc, args.mermaid)))
    for what, target, job in jobs:
        try:
            print(job())
        except ValueError as exc:  # an unknown lane or persona
            _err(f"{what}: {exc}")
            status = EXIT_INVALID
        except OSError as exc:
            _err(f"cannot write {what} to {target}: {exc.strerror or exc}")
            status = EXIT_INVALID
    return status


def _pdf(doc, args) -> str:
    from cxmapper.export.fonts import CJKFontWarning
    from cxmapper.export.pdf import export_pdf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CJKFontWarning)  # printed below as a note
        report = export_pdf(
            doc, args.pdf, paper=args.paper, fit=args.fit, lanes=args.lanes, personas=args.personas
        )
    for note in report.notes:
        _err("note: " + note)
    return f"wrote {report.path} ({report.pages} pages, {args.paper.upper()} landscape)"


def _json(doc, out) -> str:
    from cxmapper.export.flat import export_flat_json

    return f"wrote {export_flat_json(doc, out)}"


def _csv(doc, out) -> str:
    from cxmapper.export.tabular import export_csv

    return "wrote " + ", ".join(str(p) for p in export_csv(doc, out))


def _mermaid(doc, out) -> str:
    from cxmapper.export.mermaid import export_mermaid

    return f"wrote {export_mermaid(doc, out)}"
