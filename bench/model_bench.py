"""Measurements that need no window: load, save and the PDF export, each against the
plain library doing the same amount of work (``json``, a bare reportlab canvas).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.timing import Result, interleaved_min
from cxmapper.model.document import MapDocument
from cxmapper.model.fileformat import dumps, loads

LOAD_TARGET = 4.0
SAVE_TARGET = 3.0
PDF_TARGET = 3.0


def measure_load(data: bytes, cards: int, repeat: int) -> Result:
    """``fileformat.loads`` (parse + migrate + validate + references) vs ``json.loads``."""
    figure, baseline = interleaved_min(lambda: loads(data), lambda: json.loads(data), repeat)
    return _ratio_result(
        "load", f"load {cards:,} cards ({len(data) / 1_048_576:.1f} MB)", cards, figure, baseline,
        "json.loads", LOAD_TARGET, repeat,
    )


def measure_save(doc: MapDocument, cards: int, repeat: int) -> Result:
    """``fileformat.dumps`` vs ``json.dumps(indent=2)`` of the same data, both to UTF-8 bytes.

    The disk write (``save_file``: temporary file, fsync, rename) is the same for both
    and depends on the disk, so it is reported separately in ``extra``.
    """
    raw = json.loads(dumps(doc))

    def baseline() -> bytes:
        return json.dumps(raw, indent=2, ensure_ascii=False).encode("utf-8")

    figure, base = interleaved_min(lambda: dumps(doc), baseline, repeat)
    result = _ratio_result(
        "save", f"save {cards:,} cards", cards, figure, base, "json.dumps(indent=2)", SAVE_TARGET, repeat
    )
    from cxmapper.model.fileformat import save_file

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "map.cxmap"
        save_file(doc, target)
        figure_disk, _ = interleaved_min(lambda: save_file(doc, target), lambda: None, repeat)
    result.extra["save_file_ms"] = round(figure_disk * 1000, 2)
    return result


def measure_pdf(doc: MapDocument, cards: int, repeat: int) -> list[Result]:
    """``export_pdf`` (the whole report) vs reportlab drawing as many rectangles and
    wrapped strings (each card's title and description) on a bare canvas, same font;
    then the report's blueprint pages alone against the same baseline (two rows)."""
    from cxmapper.export.pdf import export_pdf

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        pages = {}

        def figure() -> None:
            pages["report"] = export_pdf(doc, out / "report.pdf").pages

        def baseline() -> None:
            pages["bare"] = bare_reportlab(doc, out / "bare.pdf")

        fig, base = interleaved_min(figure, baseline, repeat)
    result = _ratio_result("pdf", f"PDF export {cards:,} cards", cards, fig, base, "bare reportlab canvas", PDF_TARGET, repeat)
    result.extra.update(report_pages=pages["report"], baseline_pages=pages["bare"])
    # The like-for-like part: the same cards drawn on canvas pages, nothing else.
    return [result, measure_pdf_blueprint(doc, cards, repeat)]


def bare_reportlab(doc: MapDocument, path: Path) -> int:
    """Draw one rectangle and the wrapped title and description of every card; pages.

    The baseline for the PDF export: the same font as the export (a CJK TrueType font
    when the machine has one), the library's own ``simpleSplit`` for wrapping plus a
    character split for lines without spaces (Chinese), cards in a grid of 198-point
    columns on landscape A4. No headers, grid, badges, curves or other sections.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from cxmapper.export.fonts import pdf_fonts

    font = pdf_fonts().regular
    size, leading, width = 7.0, 8.5, 190.0
    page_w, page_h = landscape(A4)
    canvas = Canvas(str(path), pagesize=(page_w, page_h))
    canvas.setFont(font, size)
    x, y, pages = 20.0, page_h - 20.0, 1

    def wrap(text: str) -> list[str]:
        lines = []
        for line in simpleSplit(text, font, size, width):
            while stringWidth(line, font, size) > width:  # no spaces to break at
                cut = max(1, int(len(line) * width / stringWidth(line, font, size)))
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
        return lines

    for card in doc.cards:
        lines = wrap(card.title) + wrap(card.description)[:6]
        height = 6 + leading * max(1, len(lines))
        if y - height < 20:
            x, y = x + width + 8, page_h - 20.0
            if x + width > page_w - 20:
                canvas.showPage()
                canvas.setFont(font, size)
                x, pages = 20.0, pages + 1
        canvas.rect(x, y - height, width, height)
        for i, line in enumerate(lines):
            canvas.drawString(x + 3, y - 3 - leading * (i + 1) + 2, line)
        y -= height + 4
    canvas.save()
    return pages


def _ratio_result(
    group: str, name: str, cards: int, figure: float, baseline: float, baseline_name: str,
    target: float, repeat: int,
) -> Result:
    ratio = figure / baseline if baseline else None
    return Result(
        group=group,
        name=name,
        size=cards,
        figure=figure * 1000,
        baseline=baseline * 1000,
        baseline_name=baseline_name,
        target=f"≤ {target:g}×",
        passed=None if ratio is None else ratio <= target,
        how=f"min of {repeat}, interleaved",
    )


def measure_pdf_blueprint(doc: MapDocument, cards: int, repeat: int) -> Result:
    """The blueprint pages alone (:func:`blueprint_pages`) vs the same bare baseline.

    The fair like-for-like figure: both draw the cards of the map on canvas pages; the
    full report also renders two matplotlib charts, ranks and tabulates pain points,
    metrics and Kano answers, and reprints the full text of every cut card.
    """
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        fig, base = interleaved_min(
            lambda: blueprint_pages(doc, out / "blueprint.pdf"),
            lambda: bare_reportlab(doc, out / "bare.pdf"),
            repeat,
        )
    return _ratio_result(
        "pdf", f"PDF blueprint pages only {cards:,} cards", cards, fig, base, "bare reportlab canvas",
        PDF_TARGET, repeat,
    )


def blueprint_pages(doc: MapDocument, path: Path) -> int:
    """Plan, paginate and draw the report's blueprint pages on a canvas, as ``export_pdf``
    does (same frame, fonts, painter and stream settings); nothing else. Pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from cxmapper.export import pdf
    from cxmapper.export.fonts import pdf_fonts
    from cxmapper.export.pdf_blueprint import BlueprintPainter, plan_blueprint
    from cxmapper.export.report_text import report_text

    page_w, page_h = landscape(A4)
    frame_w, frame_h = page_w - 2 * pdf.MARGIN, page_h - pdf.MARGIN - pdf.FOOTER - 8
    fonts, text = pdf_fonts(), report_text(doc.meta.locale, None)
    blueprint = plan_blueprint(doc, fonts, (frame_w, frame_h), text=text)
    painter = BlueprintPainter(doc, blueprint, fonts, text)
    with pdf._binary_streams():
        canvas = Canvas(str(path), pagesize=(page_w, page_h), initialFontName=fonts.regular)
        canvas.bookmarkPage("sec-blueprint")  # the stages' outline entries hang under it
        canvas.addOutlineEntry("Blueprint", "sec-blueprint", level=0)
        for page in blueprint.pages:
            painter.draw_page(canvas, page, pdf.MARGIN, page_h - pdf.MARGIN, frame_w, frame_h - 1)
            canvas.showPage()
        canvas.save()
    return len(blueprint.pages)
