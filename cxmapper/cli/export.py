"""``cxmapper export``: write the PDF report, PNG/SVG pictures, flat JSON, CSV and Mermaid.

Several outputs may be asked at once; the map is loaded once. Exit codes: 0 done,
1 the map or an output could not be read or written (the message says which and why),
2 a usage error (no output asked). Notes about a fallback (no CJK font, ``--fit`` not
possible, a picture scale reduced) go to stderr and do not fail the export. Pictures
draw the canvas with Qt (``cxmapper.ui.picture``), imported only when asked: when
Qt cannot start, the message says what to install, and the other outputs still run.
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
    p.add_argument("--paper", choices=("a4", "a3", "letter", "poster"), default="a4",
                   help="PDF paper size, landscape (default a4); poster: the whole blueprint on one page sized to the map")
    p.add_argument("--fit", action="store_true", help="scale the blueprint onto one page when it stays readable")
    p.add_argument("--lanes", nargs="+", action="extend", metavar="LANE", help="only these lanes in the PDF blueprint (names or ids)")
    p.add_argument("--stages", nargs="+", action="extend", metavar="STAGE", help="only these stages in the PDF blueprint (names or ids)")
    p.add_argument("--sections", nargs="+", action="extend", metavar="SECTION",
                   choices=("cover", "blueprint", "emotions", "pain-points", "metrics", "kano"),
                   help="only these sections of the PDF, in report order (default all)")
    p.add_argument("--personas", nargs="+", action="extend", metavar="PERSONA", help="only these personas in the PDF (names or ids)")
    p.add_argument("--lang", choices=("en", "zh"), help="language of the PDF report (default: the map's locale)")
    p.add_argument("--png", metavar="OUT", help="PNG picture of the whole map as drawn on the canvas")
    p.add_argument("--svg", metavar="OUT", help="SVG picture of the whole map (vector, text stays text)")
    p.add_argument("--scale", type=_positive_float, default=1.0, metavar="S", help="size of the PNG/SVG relative to the canvas (default 1)")
    p.add_argument("--json", metavar="OUT", help="flat JSON for other programs (format cxmapper-flat)")
    p.add_argument("--csv", metavar="DIR", help="write cards.csv and pain_points.csv into DIR")
    p.add_argument("--mermaid", metavar="OUT", help="Mermaid journey text")
    p.add_argument("--html", metavar="OUT", help="a self-contained web page of the map and its report (opens offline)")
    p.add_argument("--pptx", metavar="OUT", help="PowerPoint deck of native shapes, charts and tables (--lang, --personas apply)")
    p.set_defaults(func=run, _parser=p)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 100, not {text}")
    return value


def _err(message: str) -> None:
    print(f"cxmapper export: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if not (args.pdf or args.png or args.svg or args.json or args.csv or args.mermaid or args.html or args.pptx):
        args._parser.print_usage(sys.stderr)
        _err("nothing to do: give --pdf, --png, --svg, --json, --csv, --mermaid, --html or --pptx")
        return EXIT_USAGE
    if (args.lanes or args.stages or args.sections or args.fit or args.paper != "a4") and not args.pdf:
        _err("note: --paper, --fit, --lanes, --stages and --sections apply to --pdf only")
    if (args.personas or args.lang) and not (args.pdf or args.pptx):
        _err("note: --personas and --lang apply to --pdf and --pptx only")
    if args.scale != 1.0 and not (args.png or args.svg):
        _err("note: --scale applies to --png and --svg only")
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
    if args.png:
        jobs.append(("PNG", args.png, lambda: _picture(doc, "png", args.png, args.scale)))
    if args.svg:
        jobs.append(("SVG", args.svg, lambda: _picture(doc, "svg", args.svg, args.scale)))
    if args.json:
        jobs.append(("JSON", args.json, lambda: _json(doc, args.json)))
    if args.csv:
        jobs.append(("CSV", args.csv, lambda: _csv(doc, args.csv)))
    if args.mermaid:
        jobs.append(("Mermaid", args.mermaid, lambda: _mermaid(doc, args.mermaid)))
    if args.html:
        jobs.append(("web page", args.html, lambda: _html(doc, args.html)))
    if args.pptx:
        jobs.append(("PowerPoint", args.pptx, lambda: _pptx(doc, args)))
    for what, target, job in jobs:
        try:
            print(job())
        except ValueError as exc:  # an unknown lane or persona
            _err(f"{what}: {exc}")
            status = EXIT_INVALID
        except RuntimeError as exc:  # QtUnavailable: what to install
            _err(f"cannot write {what} to {target}: {exc}")
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
            doc, args.pdf, paper=args.paper, fit=args.fit, lanes=args.lanes, stages=args.stages,
            personas=args.personas, sections=args.sections, lang=args.lang,
        )
    for note in report.notes:
        _err("note: " + note)
    paper = "A3 landscape, the blueprint on one poster page" if args.paper == "poster" else (
        f"{args.paper.capitalize() if args.paper == 'letter' else args.paper.upper()} landscape")
    return f"wrote {report.path} ({report.pages} pages, {paper})"


def _pptx(doc, args) -> str:
    from cxmapper.export.pptx import export_pptx

    report = export_pptx(doc, args.pptx, lang=args.lang, personas=args.personas)
    for note in report.notes:
        _err("note: " + note)
    return f"wrote {report.path} ({report.slides} slides)"


def _json(doc, out) -> str:
    from cxmapper.export.flat import export_flat_json

    return f"wrote {export_flat_json(doc, out)}"


def _csv(doc, out) -> str:
    from cxmapper.export.tabular import export_csv

    return "wrote " + ", ".join(str(p) for p in export_csv(doc, out))


def _mermaid(doc, out) -> str:
    from cxmapper.export.mermaid import export_mermaid

    return f"wrote {export_mermaid(doc, out)}"


def _html(doc, out) -> str:
    from cxmapper.export.html import export_html

    report = export_html(doc, out)
    return f"wrote {report.path} ({report.size / 1e6:.1f} MB, {report.cards} cards)"


def _picture(doc, kind: str, out: str, scale: float) -> str:
    try:
        from cxmapper.ui import picture
    except ImportError as exc:  # PySide6 itself missing
        raise RuntimeError(f"PySide6 is not installed ({exc}); install cxmapper with its desktop dependencies") from exc
    report = (picture.export_png if kind == "png" else picture.export_svg)(doc, out, scale=scale)
    for note in report.notes:
        _err("note: " + note)
    unit = "px" if kind == "png" else "user units"
    return f"wrote {report.path} ({report.width} × {report.height} {unit}, scale {report.scale:.3g})"
