"""The PDF report a manager reads: cover, blueprint, emotion curves, ranked pain points,
metrics per stage, Kano analysis (when surveyed) and an appendix, on landscape A4, A3 or
Letter, or with the blueprint on one poster page sized to the map (``paper="poster"``).

This module owns the report's structure (sections, bookmarks, metadata, page frame and
footer) and the non-blueprint sections. The blueprint pages are drawn by
``pdf_blueprint``; user text reaches reportlab only through ``pdf_text``; fonts come
from ``fonts``; figures from ``facts`` (which calls the model's ranking and metrics).
Every word the report adds (headings, labels, legends, notes, ranking reasons) comes
from ``report_text`` in the map's language (``meta.locale`` zh → Chinese) or ``lang``.

Contract: :func:`export_pdf` writes the whole file or nothing (it builds beside the
target and replaces it at the end), its text is real text (selectable, searchable;
only the emotion chart is a picture), and it returns what a caller should tell the
user (:class:`PdfReport.notes`: a font fallback, a ``fit`` that could not be honoured).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cxmapper.export import facts
from cxmapper.export.charts import emotion_chart_figures, figure_image, persona_colors
from cxmapper.model.atomic import atomic_path
from cxmapper.export.fonts import PdfFonts, pdf_fonts, pdf_string
from cxmapper.export.pdf_blueprint import (
    LEGEND_HEIGHT,
    PAGE_TITLE_HEIGHT,
    Blueprint,
    BlueprintPainter,
    plan_blueprint,
    poster_size,
)
from cxmapper.export.pdf_comments import comments_section
from cxmapper.export.pdf_text import TextBlock
from cxmapper.export.report_facts import (
    CONVENTION,
    KANO_COLOR,
    KANO_COUNT_ORDER,
    TILE_LABEL,
    metric_text,
    stage_metric_cells,
    select,
    translate_kano_axes,
)
from cxmapper.export.report_text import ReportText, report_text
from cxmapper.model.document import Curve, MapDocument, Persona
from cxmapper.model.kano import analyse_document
from cxmapper.model.metrics import map_metrics, persona_mood
from cxmapper.model.priority import rank_pain_points

PAPER = {"a4": A4, "a3": A3, "letter": LETTER}
#: ``paper="poster"``: the blueprint on one page sized to the map; the other sections
#: on this paper.
POSTER_REST = "a3"
PAPERS = (*PAPER, "poster")
#: The report's sections, in order; ``sections=`` picks some (the appendix of cut card
#: text comes with the blueprint, the metrics table follows the pain points' page).
SECTIONS = ("cover", "blueprint", "emotions", "pain-points", "metrics", "kano")
MARGIN = 30.0
FOOTER = 22.0
ACCENT = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#C9CDD3")
#: Resolution of the chart pictures (the emotion curves, the Kano diagram).
CHART_DPI = 200


@dataclass
class PdfReport:
    """What an export produced: the file, its page count and notes for the user."""

    path: Path
    pages: int
    notes: list[str] = field(default_factory=list)
    font: str = ""


@lru_cache(maxsize=None)
def _hex(color: str):
    """One reportlab colour per hex string: the text layer sets a colour only when it
    is another object than the one in use."""
    return colors.HexColor(color)


class _Styles:
    def __init__(self, fonts: PdfFonts):
        f = fonts.regular
        self.title = ParagraphStyle("title", fontName=f, fontSize=26, leading=32, textColor=ACCENT, spaceAfter=8)
        self.h1 = ParagraphStyle("h1", fontName=f, fontSize=16, leading=20, textColor=ACCENT, spaceAfter=8)
        self.h2 = ParagraphStyle("h2", fontName=f, fontSize=11, leading=14, textColor=ACCENT, spaceBefore=8, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=f, fontSize=9.5, leading=13)
        self.lead = ParagraphStyle("lead", fontName=f, fontSize=11, leading=15, spaceAfter=6)
        self.small = ParagraphStyle("small", fontName=f, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.cell = ParagraphStyle("cell", fontName=f, fontSize=8, leading=10)
        self.cell_r = ParagraphStyle("cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, textColor=colors.white)
        self.figure = ParagraphStyle("figure", fontName=f, fontSize=22, leading=26, textColor=ACCENT)
        self.badge = ParagraphStyle("badge", fontName=f, fontSize=7.5, leading=9, textColor=colors.white)


class SectionMark(Flowable):
    """An invisible mark: a bookmark and an outline entry where the section starts."""

    def __init__(self, key: str, title: str, level: int = 0):
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.width = self.height = 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class _Picture(Flowable):
    """A chart picture (a PIL image), centred like platypus ``Image``, which takes only
    files: handing it PNG bytes meant encoding a PNG just to decode it again."""

    def __init__(self, image, width: float, height: float):
        super().__init__()
        self.image, self.width, self.height = image, width, height
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        from reportlab.lib.utils import ImageReader

        self.canv.drawImage(ImageReader(self.image), 0, 0, self.width, self.height)


class _PictureInRoom(_Picture):
    """A picture as large as the frame's room left allows (its proportions kept), or
    nothing at all when less than ``least`` points of height are left."""

    def __init__(self, image, width: float, height: float, least: float):
        super().__init__(image, width, height)
        self.full, self.least = (width, height), least

    def wrap(self, avail_width, avail_height):
        width, height = self.full
        if height > avail_height:
            width, height = width * avail_height / height, avail_height
        if height < self.least:
            width = height = 0
        self.width, self.height = width, height
        return width, height

    def draw(self):
        if self.height:
            super().draw()


class _KeepWithRoom(Flowable):
    """A heading over a :class:`_PictureInRoom`: both, or neither when the picture
    finds no room (a heading alone at the foot of a page says nothing)."""

    def __init__(self, heading, picture: _PictureInRoom):
        super().__init__()
        self.heading, self.picture = heading, picture

    def wrap(self, avail_width, avail_height):
        _, head = self.heading.wrap(avail_width, avail_height)
        gap = self.heading.getSpaceBefore() + self.heading.getSpaceAfter()
        width, height = self.picture.wrap(avail_width, avail_height - head - gap)
        self._head = head + gap
        self.width, self.height = (avail_width, head + gap + height) if height else (0, 0)
        return self.width, self.height

    def draw(self):
        if not self.height:
            return
        picture_h = self.height - self._head
        self.picture.drawOn(self.canv, (self.width - self.picture.width) / 2, 0)
        self.heading.drawOn(self.canv, 0, picture_h + self.heading.getSpaceAfter())


class _SideBySide(Flowable):
    """The cover's last band: flowables in a left column of ``left_w`` points, and on
    the right a heading over a chart as large as the column's height or the page's
    room allows (at least ``least`` points high, else the band moves to the next page)."""

    def __init__(self, left: list, heading, chart: tuple, left_w: float, gap: float, least: float, page_h: float):
        super().__init__()
        self.left, self.heading, self.left_w, self.gap, self.least = left, heading, left_w, gap, least
        self.image, self.fig_w, self.fig_h = chart
        self.page_h = page_h  # the frame's whole height: what a fresh page offers

    def split(self, avail_width, avail_height):
        """Whole on the next page when a page holds it; else (very long titles make the
        list taller than a page) the list over the whole width, splitting between rows
        as any table, and the chart after it as large as the room left allows."""
        self.wrap(avail_width, self.page_h)
        if self.height <= self.page_h:
            return []
        stacked = [*self.left]
        picture = _PictureInRoom(self.image, avail_width, avail_width * self.fig_h / self.fig_w, self.least)
        stacked.append(_KeepWithRoom(self.heading, picture))
        return stacked

    def _stack(self, flowables: list, width: float, avail: float) -> list[tuple]:
        placed, y = [], 0.0
        for i, item in enumerate(flowables):
            _, h = item.wrap(width, avail)
            if i:
                y += item.getSpaceBefore()
            placed.append((item, y, h))
            y += h + item.getSpaceAfter()
        return placed

    def wrap(self, avail_width, avail_height):
        right_w = avail_width - self.left_w - self.gap
        self._left = self._stack(self.left, self.left_w, avail_height)
        left_h = max((y + h for _, y, h in self._left), default=0)
        _, head_h = self.heading.wrap(right_w, avail_height)
        head_h += self.heading.getSpaceAfter()
        natural = right_w * self.fig_h / self.fig_w
        # no taller than the left column needs (or the room left), no shorter than ``least``
        chart_h = min(natural, max(left_h - head_h, self.least), avail_height - head_h)
        chart_h = max(chart_h, min(self.least, natural))
        self._head_h, self._chart = head_h, (chart_h * self.fig_w / self.fig_h, chart_h)
        self.width, self.height = avail_width, max(left_h, head_h + chart_h) + self.getSpaceBefore()
        return self.width, self.height

    def getSpaceBefore(self):
        return self.left[0].getSpaceBefore() if self.left else 0

    def draw(self):
        top = self.height - self.getSpaceBefore()
        for item, y, h in self._left:
            item.drawOn(self.canv, 0, top - y - h)
        x = self.left_w + self.gap
        right_w = self.width - x
        self.heading.drawOn(self.canv, x, top - self._head_h + self.heading.getSpaceAfter())
        chart_w, chart_h = self._chart
        _Picture(self.image, chart_w, chart_h).drawOn(self.canv, x + (right_w - chart_w) / 2, top - self._head_h - chart_h)


class _BlueprintPage(Flowable):
    """One blueprint page: takes the whole frame and lets the painter draw it."""

    def __init__(self, painter: BlueprintPainter, page, title: str):
        super().__init__()
        self.painter, self.page, self.title = painter, page, title

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, avail_height - 1
        return self.width, self.height

    def draw(self):
        if self.page.number == 1:
            self.canv.bookmarkPage("sec-blueprint")
            self.canv.addOutlineEntry(self.title, "sec-blueprint", level=0, closed=False)
        self.painter.draw_page(self.canv, self.page, 0, self.height, self.width, self.height)


class _Report:
    def __init__(self, doc, fonts, frame, personas, blueprint: Blueprint, today: date, text: ReportText):
        self.doc = doc
        self.t = text
        self.fonts = fonts
        self.frame_w, self.frame_h = frame
        self.personas: list[Persona] = personas
        self.blueprint = blueprint
        self.today = today
        self.s = _Styles(fonts)
        self.index = facts.MapIndex(doc)
        self._emotion_images: list[tuple] | None = None
        self._ranked: list | None = None

    def p(self, text: str, style) -> TextBlock:
        """User or report text in ``style``, wrapped between words (``TextBlock``)."""
        return self.block(style, text)

    def block(self, style, first: str, *more: tuple[str, float, str]) -> TextBlock:
        """``first`` in ``style``, then each of ``more`` — (text, size, colour) — as a
        smaller line or paragraph under it (a description, a note, a unit)."""
        parts = [(first, style.fontSize, style.leading, None)]
        parts += [(text, size, size + 2.5, _hex(color)) for text, size, color in more if text]
        return TextBlock(self.fonts, parts, style)

    def num(self, text: str):
        """A right-aligned figure in a table cell: a plain string when the regular font
        draws all of it (a Table draws it directly; a Paragraph per number made the
        pain-point and Kano tables of a 5,000-card map the slowest part of the report),
        else a paragraph. Tables holding such strings use :meth:`figure_cells`."""
        return self.word(text, None, self.s.cell_r)

    def word(self, text: str, column: float | None, style=None):
        """Short cell text as a plain string when it draws in the regular font on one
        line of a ``column`` points wide (None: figures, always short), else a
        paragraph in ``style`` (default ``cell``) that wraps."""
        style = style or self.s.cell
        plain = self.fonts.runs(text) == [(self.fonts.regular, text)] and text == " ".join(text.split())
        if plain and (column is None or self.fonts.text_width(text, style.fontSize) <= column - 12):
            return text  # 12: the Table's default left and right padding
        return self.p(text, style)

    def figure_cells(self, columns: Sequence[int]) -> list[tuple]:
        """Table style for :meth:`num` strings in ``columns``: the cell_r paragraph look."""
        cell = self.s.cell_r
        out: list[tuple] = [
            ("FONTNAME", (0, 1), (-1, -1), cell.fontName),
            ("FONTSIZE", (0, 1), (-1, -1), cell.fontSize),
            ("LEADING", (0, 1), (-1, -1), cell.leading),
        ]
        out += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in columns]
        return out

    # -- sections -------------------------------------------------------------------

    def story(self, sections: Sequence[str] = SECTIONS, poster: bool = False) -> list:
        chunks: list[list] = []
        for name in SECTIONS:
            if name not in sections:
                continue
            if name == "cover":
                chunks.append(self.cover())
            elif name == "blueprint":
                pages = self.blueprint_pages()
                if poster and self.blueprint.pages:
                    # The poster's own page template, then back to paper for what follows.
                    pages = [NextPageTemplate("poster"), *pages, NextPageTemplate("page")]
                chunks.append(pages)
            elif name == "emotions":
                chunks.append(self.emotion_section())
            elif name == "pain-points":
                chunks.append(self.pain_point_section())
            elif name == "metrics":
                if "pain-points" in sections:
                    # Metrics follow the ranking on its page when the whole table fits there.
                    chunks[-1] += [Spacer(1, 18), KeepTogether(self.metrics_section())]
                else:
                    chunks.append(self.metrics_section())
            elif name == "kano":
                kano = self.kano_section()
                if kano:
                    chunks.append(kano)
        if "blueprint" in sections and self.blueprint.appendix:
            chunks.append(self.appendix_section())
        comments = comments_section(self)  # open comment threads (pdf_comments.py)
        if comments:
            chunks.append(comments[1:])  # without its page break: the chunks are joined by one
        out: list = []
        for chunk in chunks:
            if out:
                if chunk and isinstance(chunk[0], NextPageTemplate):
                    out.append(chunk.pop(0))  # before the break, so the break starts the poster
                out.append(PageBreak())
            elif chunk and isinstance(chunk[0], NextPageTemplate):
                chunk.pop(0)  # the poster is the first page: its template comes first
            out += chunk
        return out

    def cover(self) -> list:
        doc, s, t = self.doc, self.s, self.t
        meta = doc.meta
        out: list = [SectionMark("sec-cover", t("Cover")), Spacer(1, 6)]
        out.append(self.p(meta.title or t("Untitled map"), s.title))
        if meta.description:
            out.append(self.p(meta.description, s.lead))
        line = [t("Report date {date}", date=self.today.isoformat())]
        if meta.authors:
            line.insert(0, t("By {authors}", authors=t.list_separator.join(meta.authors)))
        if meta.modified:
            line.append(t("map last modified {date}", date=meta.modified.date().isoformat()))
        out.append(self.p(" · ".join(line), s.small))
        out.append(Spacer(1, 10))

        head = facts.headline(doc, self.personas)
        pains = sum(head.pain_points_by_kano.values())
        tiles = [
            (head.stage_count, t("stages")),
            (head.step_count, t("steps")),
            (head.card_count, t("cards")),
            (pains, t("pain points")),
        ]
        total = head.metrics.total
        for name, measure in (("nps", total.nps), ("csat", total.csat), ("ces", total.ces)):
            if measure is not None:
                tiles.append((metric_text(name, measure.value, head.metrics.settings), t(TILE_LABEL[name](head.metrics.settings))))
        cells = [[
            self.block(s.figure, str(value), (label, 8, "#666666"))
            for value, label in tiles
        ]]
        width = self.frame_w / len(tiles)
        table = Table(cells, colWidths=[width] * len(tiles), hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
        ]))
        out.append(table)

        out.append(self.p(t("Pain points by Kano category"), s.h2))
        if head.pain_points_by_kano:
            row, style = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            for i, (kano, count) in enumerate(head.pain_points_by_kano.items()):
                row.append(self.p(f"{t.kano(kano)}: {count}", s.badge))
                fill = KANO_COLOR.get(kano, "#888888") if kano is not None else "#888888"
                style.append(("BACKGROUND", (i, 0), (i, 0), colors.HexColor(fill)))
            table = Table([row], hAlign="LEFT", colWidths=[110] * len(row))
            style.append(("LINEAFTER", (0, 0), (-2, 0), 3, colors.white))
            table.setStyle(TableStyle(style))
            out.append(table)
        else:
            out.append(self.p(t("The map has no pain points."), s.body))

        out.append(self.p(t("Personas"), s.h2))
        if not self.personas:
            out.append(self.p(t("The map has no personas."), s.body))
        else:
            rows = []
            palette = persona_colors(self.personas)
            for persona in self.personas:
                mood = head.moods[persona.id]
                if mood.happiness is None:
                    share_text = t("no emotion points")
                else:
                    share_text = t(
                        "{share} of steps positive ({positive} of {scored})",
                        share=f"{mood.happiness:.0%}", positive=mood.positive_steps, scored=mood.scored_steps,
                    )
                    lows = [f"{m.step.name or '?'} ({m.score:+d})" for m in mood.moments_of_pain]
                    if lows:
                        share_text += t("; lowest: ") + t.list_separator.join(lows)
                rows.append([
                    "",
                    self.p(persona.name or t("(unnamed persona)"), s.cell),
                    self.p(persona.description, s.cell),
                    self.p(share_text, s.cell),
                ])
            table = Table(rows, colWidths=[8, 120, self.frame_w - 8 - 120 - 260, 260], hAlign="LEFT")
            style = [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ]
            for i, persona in enumerate(self.personas):
                style.append(("BACKGROUND", (0, i), (0, i), colors.HexColor(palette[persona.id])))
            table.setStyle(TableStyle(style))
            out.append(table)
            out.append(Spacer(1, 3))
            out.append(self.p(
                t("Emotion scale {min} … {max}; a step counts as positive when the as-is score is above {neutral}.",
                  min=doc.scale.min, max=doc.scale.max, neutral=f"{doc.scale.neutral:g}"),
                s.small,
            ))
        for note in self.blueprint.notes:
            out.append(self.p(t("Note: {note}", note=note), s.small))
        out += self.cover_glance()
        return out

    #: pain points the cover lists under "Fix first" (the whole ranking has its section)
    COVER_PAIN_POINTS = 5
    #: the cover's emotion chart is left out when less than this height is left
    COVER_CHART_MIN = 120

    def cover_glance(self) -> list:
        """For a reader who reads only the first page: the pain points to fix first and
        the emotion curves, side by side (each alone over the width without the other)."""
        s, t = self.s, self.t
        images = self.emotion_images()
        chart = images[0] if len(images) == 1 else None  # several panels: their own section only
        ranked = self.ranked()
        curves = self.p(t("Emotion curves at a glance"), s.h2)
        if not ranked:
            if chart is None:
                return []
            image, fig_w, fig_h = chart
            picture = _PictureInRoom(image, self.frame_w, self.frame_w * fig_h / fig_w, self.COVER_CHART_MIN)
            return [_KeepWithRoom(curves, picture)]
        width = self.frame_w if chart is None else self.frame_w * 0.5
        fix_first = self.cover_fix_first(ranked, width)
        if chart is None:
            return fix_first
        return [_SideBySide(fix_first, curves, chart, width, gap=16, least=self.COVER_CHART_MIN, page_h=self.frame_h)]

    def cover_fix_first(self, ranked: list, width: float) -> list:
        s, t = self.s, self.t
        top = ranked[: self.COVER_PAIN_POINTS]
        rows = [[self.p(t(h), s.cell_head) for h in ("#", "Pain point", "Stage › step", "Priority")]]
        fixed = [22, 0, min(170.0, width * 0.32), 46]
        fixed[1] = width - sum(fixed)
        for item in top:
            where = " › ".join(x.name for x in (item.stage, item.step) if x is not None and x.name)
            rows.append([
                self.num(str(item.rank)),
                self.block(s.cell, item.card.title or t("(untitled)"), (t.kano(item.kano), 6.5, "#555555")),
                self.p(where or "–", s.cell),
                self.num(f"{item.score:g}"),
            ])
        table = Table(rows, colWidths=fixed, repeatRows=1, hAlign="LEFT")
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *self.figure_cells([0, 3]),
        ]
        for i, item in enumerate(top, start=1):
            if item.kano is not None:
                style.append(("LINEBEFORE", (1, i), (1, i), 3, colors.HexColor(KANO_COLOR[item.kano])))
        table.setStyle(TableStyle(style))
        note = t("The {shown} of {total} pain points with the highest priority; the whole ranking, "
                 "with its reasons, is in “Pain points ranked”.", shown=len(top), total=len(ranked))
        return [self.p(t("Fix first"), s.h2), table, Spacer(1, 2), self.p(note, s.small)]

    def ranked(self) -> list:
        """The pain points ranked, worked out once for the cover and their section."""
        if self._ranked is None:
            self._ranked = rank_pain_points(self.doc)
        return self._ranked

    def emotion_images(self) -> list[tuple]:
        """The emotion chart(s) as images with their size in inches, drawn once for the
        cover and the emotion section."""
        if self._emotion_images is None:
            self._emotion_images = []
            if self.personas and any(p.as_is or p.to_be for p in self.personas):
                for figure in emotion_chart_figures(self.doc, self.personas, text=self.t):
                    fig_w, fig_h = figure.get_size_inches()
                    self._emotion_images.append((figure_image(figure, CHART_DPI), fig_w, fig_h))
        return self._emotion_images

    def blueprint_pages(self) -> list:
        if not self.blueprint.pages:
            missing = "stages" if not self.doc.stages else "lanes" if not self.doc.lanes else "visible lanes"
            return [
                SectionMark("sec-blueprint", self.t("Blueprint")),
                self.p(self.t("Blueprint"), self.s.h1),
                self.p(self.t(f"The map has no {missing} yet: there is no grid to draw."), self.s.body),
            ]
        painter = BlueprintPainter(self.doc, self.blueprint, self.fonts, self.t)
        out: list = []
        for i, page in enumerate(self.blueprint.pages):
            if i:
                out.append(PageBreak())
            out.append(_BlueprintPage(painter, page, self.t("Blueprint")))
        return out

    def emotion_section(self) -> list:
        s, t = self.s, self.t
        out: list = [SectionMark("sec-emotions", t("Emotion curves")), self.p(t("Emotion curves"), s.h1)]
        if not self.personas or not any(p.as_is or p.to_be for p in self.personas):
            return [*out, self.p(t("No persona has an emotion curve."), s.body)]
        for image, fig_w, fig_h in self.emotion_images():
            width = self.frame_w
            height = width * fig_h / fig_w
            room = self.frame_h - 70
            if height > room:
                width, height = width * room / height, room
            out.append(_Picture(image, width, height))
        out.append(self.p(
            t("Solid lines: the journey as it is today; dashed lines: the journey as planned (to-be). "
              "Grey line: neutral ({neutral}). A gap means no score was recorded for that step.",
              neutral=f"{self.doc.scale.neutral:g}"),
            s.small,
        ))
        rows = []
        for persona in self.personas:
            for low in persona_mood(self.doc, persona, Curve.AS_IS).moments_of_pain:
                stage = self.index.stage_of_step.get(low.step.id)
                where = " › ".join(x.name for x in (stage, low.step) if x is not None and x.name)
                rows.append([
                    self.p(persona.name or t("(unnamed persona)"), s.cell),
                    self.p(where or "–", s.cell),
                    self.p(f"{low.score:+d}" if self.doc.scale.min < 0 else str(low.score), s.cell_r),
                    self.p(low.reason or "–", s.cell),
                ])
        if rows:
            head = [self.p(t(h), s.cell_head) for h in ("Persona", "Stage › step", "Score", "Why (as recorded)")]
            table = Table([head, *rows], colWidths=[130, 200, 40, self.frame_w - 370], repeatRows=1, hAlign="LEFT")
            table.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ]))
            out += [
                self.p(t("Moments of pain: each persona's lowest points below neutral"), s.h2),
                table,
            ]
        return out

    def pain_point_section(self) -> list:
        s, t = self.s, self.t
        out: list = [
            SectionMark("sec-pain-points", t("Pain points ranked")),
            self.p(t("Pain points ranked: what to fix first"), s.h1),
        ]
        ranked = self.ranked()
        if not ranked:
            return [*out, self.p(t("The map has no pain points."), s.body)]
        head = ["#", "Pain point", "Kano", "Severity", "Frequency", "Priority", "Stage › step", "Touchpoint"]
        fixed = [22, 0, 92, 44, 50, 44, 140, 120]
        fixed[1] = self.frame_w - sum(fixed)
        rows = [[self.p(t(h), s.cell_head) for h in head]]
        for item in ranked:
            card = item.card
            kano = item.kano
            under = []
            if card.description:
                desc = card.description if len(card.description) <= 220 else card.description[:219] + "…"
                under.append((desc, 7, "#555555"))
            # The other reasons restate the columns; a note (survey vs hand-set category) does not.
            under += [(t.reason(r), 6.5, "#1F5FAF") for r in item.reason_parts if r.key == "hand_set"]
            where = " › ".join(x.name for x in (item.stage, item.step) if x is not None and x.name)
            rows.append([
                self.num(str(item.rank)),
                self.block(s.cell, card.title or t("(untitled)"), *under),
                self.block(
                    s.cell, t.kano(kano),
                    *([(t("Worse {worse}", worse=f"{item.worse:.2f}"), 6.5, "#555555")] if item.worse is not None else []),
                ),
                self.num(str(card.severity) if card.severity else "–"),
                self.num(str(card.frequency) if card.frequency else "–"),
                self.num(f"{item.score:g}"),
                self.word(where or "–", fixed[6]),
                self.word(t.list_separator.join(tp.title for tp in item.touchpoints) or "–", fixed[7]),
            ])
        table = Table(rows, colWidths=fixed, repeatRows=1, hAlign="LEFT")
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            *self.figure_cells([0, 3, 4, 5]),
        ]
        for i, item in enumerate(ranked, start=1):
            kano = item.kano
            if kano is not None:
                style.append(("LINEBEFORE", (2, i), (2, i), 3, colors.HexColor(KANO_COLOR[kano])))
        table.setStyle(TableStyle(style))
        out.append(table)
        out.append(Spacer(1, 4))
        out.append(self.p(
            t("Priority score = 100 × Kano weight × Worse factor × severity × frequency / 25 "
              "(an unrated severity or frequency counts as 3; the Worse factor comes from the "
              "card's Kano survey answers, 1.0 without). Touchpoint: those in the same step or "
              "linked to the pain point."),
            s.small,
        ))
        return out

    def metrics_section(self) -> list:
        s, t = self.s, self.t
        out: list = [SectionMark("sec-metrics", t("Metrics per stage")), self.p(t("Metrics per stage"), s.h1)]
        result = map_metrics(self.doc)
        settings = result.settings
        if all(ms.empty for _, ms in result.stages):
            return [*out, self.p(t("No card in the map carries NPS, CSAT or CES."), s.body)]
        head = ["Stage", "NPS", TILE_LABEL["csat"](settings), TILE_LABEL["ces"](settings), "Cards measured"]
        rows = [[self.p(t(h), s.cell_head) for h in head]]
        for stage, ms in result.stages:
            cells = [self.p(stage.name or t("(unnamed stage)"), s.cell)]
            figures, sources = stage_metric_cells(ms, settings, t)
            for figure in figures:
                if figure is None:
                    cells.append(self.p("–", s.cell_r))
                else:
                    cells.append(self.block(s.cell_r, figure[0], (figure[1], 6.5, "#666666")))
            cells.append(self.p(str(sources), s.cell_r))
            rows.append(cells)
        widths = [self.frame_w - 4 * 110, 110, 110, 110, 110]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ]))
        out.append(table)
        out.append(Spacer(1, 4))
        labels = {name: t(label(settings)) for name, label in CONVENTION.items()}
        out.append(self.p(
            t("{nps}. {csat}. {ces}. A stage's value pools its cards' answers: each value weighted "
              "by its sample size (a value entered without one counts once; n says how many answers).",
              **labels),
            s.small,
        ))
        for problem in result.problems:
            out.append(self.p(t("Left out: {title}: {reason}", title=problem.title or problem.card_id, reason=problem.reason), s.small))
        return out

    def kano_section(self) -> list:
        """The Better/Worse diagram and the survey tally, when any card has answers."""
        from dataclasses import replace

        from cxmapper.export.kano_charts import better_worse_figure, chart_points, labels_drawn

        analyses = analyse_document(self.doc)
        if not analyses:
            return []
        s, t = self.s, self.t
        settings = self.doc.analysis
        out: list = [
            SectionMark("sec-kano", t("Kano analysis")),
            self.p(t("Kano analysis: what customers expect"), s.h1),
        ]
        height = self.frame_h - 60
        width = height * 7.0 / 6.0
        # Numbered points (the table says which is which): 20+ titles on one diagram overlap.
        points = [replace(p, label=str(k)) for k, p in enumerate(chart_points(self.doc), start=1)]
        figure = better_worse_figure(points, size=(7.0, 6.0), title=t("Better / Worse (Timko, in Berger et al. 1993)"))
        translate_kano_axes(figure.axes[0], t)
        image = figure_image(figure, CHART_DPI)
        out.append(_Picture(image, width, height))
        drawn = sum(p.better is not None and p.worse is not None for p in points)
        numbered = len(labels_drawn(figure))
        if numbered < drawn:
            out.append(self.p(
                t("{unlabelled} of {drawn} points carry no number: there was no room for it without "
                  "covering another. The table lists every feature.", unlabelled=drawn - numbered, drawn=drawn),
                s.small,
            ))
        head = ["#", "Feature", "Survey category", "Map category", "A", "O", "M", "I", "R", "Q", "n", "Better", "Worse", "Top two differ?"]
        fixed = [22, 0, 88, 88, *([24] * 6), 30, 40, 40, 70]
        fixed[1] = self.frame_w - sum(fixed)
        rows = [[self.p(t(h), s.cell_head) for h in head]]
        for number, item in enumerate(analyses, start=1):
            a, card = item.analysis, item.card
            counts = a.counts
            fong = "–" if a.fong is None else (t("yes") if a.fong.significant else t("no (Fong)"))
            rows.append([
                self.num(str(number)),
                self.p(card.title or t("(untitled)"), s.cell),
                self.word(t.kano(a.category), fixed[2]),
                self.word(t.kano(card.kano), fixed[3]),
                *(self.num(str(counts.of(k))) for k in KANO_COUNT_ORDER),
                self.num(str(counts.n)),
                self.num("–" if a.better is None else f"{a.better:.2f}"),
                self.num("–" if a.worse is None else f"{a.worse:.2f}"),
                self.word(fong, fixed[13]),
            ])
        table = Table(rows, colWidths=fixed, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            *self.figure_cells([0, *range(4, 13)]),
        ]))
        out += [PageBreak(), table, Spacer(1, 4)]
        pouliot = settings.kano_table.value == "pouliot"
        out.append(self.p(
            t("Evaluation table: {table} (Berger et al. 1993{pouliot}). Category rule: {rule}. "
              "Better = (A + O) / (A + O + M + I); Worse = −(O + M) / (A + O + M + I). Top two "
              "differ: Fong's test on the two most frequent categories.",
              table=t(settings.kano_table.value), rule=t(settings.kano_rule.value),
              pouliot=t("; Pouliot: Must-be/Must-be and Live-with/Live-with count as Q") if pouliot else ""),
            s.small,
        ))
        return out

    def appendix_section(self) -> list:
        s, t = self.s, self.t
        out: list = [
            SectionMark("sec-appendix", t("Appendix: full card text")),
            self.p(t("Appendix: full text of cards cut short on the blueprint"), s.h1),
        ]
        for plan in self.blueprint.appendix:
            card = plan.card
            where = self.index.place(card).names(lane=True)
            info = [t.kind(card.kind), where]
            if card.owner:
                info.append(t("owner: {owner}", owner=card.owner))
            if card.tags:
                info.append(t("tags: {tags}", tags=t.list_separator.join(card.tags)))
            block = [
                self.p(f"{plan.ref}  {card.title or t('(untitled)')}", s.h2),
                self.p(" · ".join(i for i in info if i), s.small),
            ]
            if card.description:
                block.append(self.p(card.description, s.body))
            out.append(KeepTogether(block[:2]))
            out.extend(block[2:])
        return out


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Write the PDF's streams as compressed binary, not ASCII85 text.

    reportlab's default wraps every stream (page contents, fonts, the chart images) in
    ASCII85 so the file is 7-bit text; without its C accelerator that encoding is pure
    Python and was a fifth of a 5,000-card export (and most of the image cost of a small
    one). Binary streams are standard PDF and 20 % smaller. The setting is global in
    reportlab, so it is restored afterwards.
    """
    from reportlab import rl_config

    old = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = old


def _footer(title: str, fonts: PdfFonts, today: date, t: ReportText):
    def draw(canvas, doc):
        canvas.saveState()
        width, _ = canvas._pagesize  # a poster page is wider than the paper
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER, width - MARGIN, FOOTER)
        canvas.setFillColor(MUTED)
        from cxmapper.export.pdf_text import TextMeasure, draw_text

        measure = TextMeasure(fonts, 7)
        text = title if measure.width(title) < width / 2 else measure.shorten(title, width / 2)
        draw_text(canvas, MARGIN, FOOTER - 10, text, fonts, 7)
        right = t("CX Mapper · {date} · page {page}", date=today.isoformat(), page=doc.page)
        draw_text(canvas, width - MARGIN - measure.width(right), FOOTER - 10, right, fonts, 7)
        canvas.restoreState()

    return draw


def export_pdf(
    doc: MapDocument,
    path: str | os.PathLike,
    *,
    paper: str = "a4",
    fit: bool = False,
    lanes: Sequence[str] | None = None,
    stages: Sequence[str] | None = None,
    personas: Sequence[str] | None = None,
    sections: Sequence[str] | None = None,
    today: date | None = None,
    lang: str | None = None,
) -> PdfReport:
    """Write the report for ``doc`` to ``path``; return its page count and notes.

    ``lanes`` / ``stages`` / ``personas`` name the lanes and stages the blueprint shows
    and the personas the report shows (ids or names; None shows all) and raise
    ``ValueError`` naming any unknown one. ``paper`` is "a4", "a3" or "letter", always
    landscape, or "poster": the blueprint on one page sized to the whole map at full
    size (for a plotter, or zoomed on screen), the other sections on A3. ``fit`` puts
    the blueprint on one page of the paper when it stays readable (ignored for a
    poster). ``sections`` picks from :data:`SECTIONS` (None: all). ``lang`` ("en" or
    "zh") is the report's language; None follows the map (``meta.locale`` starting with
    "zh" gives Chinese). Raises ``OSError`` when the file cannot be written; the target
    is then untouched.
    """
    paper = paper.lower()
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}: use {', '.join(PAPERS)}")
    poster = paper == "poster"
    page_size = landscape(PAPER[POSTER_REST if poster else paper])
    chosen_sections = list(SECTIONS) if sections is None else list(sections)
    unknown = [name for name in chosen_sections if name not in SECTIONS]
    if unknown:
        raise ValueError(f"no report section named {', '.join(map(repr, unknown))} (the report has: {', '.join(SECTIONS)})")
    if not chosen_sections:
        raise ValueError("no report section chosen: pick at least one of " + ", ".join(SECTIONS))
    today = today or date.today()
    lane_sel = select(doc.lanes, lanes, "lane")
    stage_sel = select(doc.stages, stages, "stage")
    persona_sel = select(doc.personas, personas, "persona")
    chosen_personas = doc.personas if persona_sel is None else persona_sel

    fonts = pdf_fonts()
    text = report_text(doc.meta.locale, lang)
    notes = [fonts.note] if fonts.note else []
    frame_w = page_size[0] - 2 * MARGIN
    frame_h = page_size[1] - MARGIN - FOOTER - 8
    blueprint = plan_blueprint(
        doc,
        fonts,
        (frame_w, frame_h),
        fit=fit and not poster,
        poster=poster,
        lane_ids=None if lane_sel is None else [lane.id for lane in lane_sel],
        step_ids=None if stage_sel is None else [step.id for stage in stage_sel for step in stage.steps],
        personas=chosen_personas,
        text=text,
    )
    notes += blueprint.notes
    if paper == "a4" and len(blueprint.pages) > 4:
        notes.append(
            f"the blueprint takes {len(blueprint.pages)} A4 pages; --paper a3 puts about twice as much "
            "on a page, --paper poster puts the whole map on one page"
        )

    target = Path(path)
    meta = doc.meta
    with atomic_path(target) as tmp, _binary_streams():
        template = BaseDocTemplate(
            tmp,
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=FOOTER + 8,
            title=pdf_string(meta.title),
            author=pdf_string(", ".join(meta.authors)),
            subject=pdf_string(text("Customer journey map and service blueprint: {title}", title=meta.title)),
            creator="CX Mapper",
            keywords=["customer journey", "service blueprint", "CX Mapper"],
            lang=meta.locale,
            initialFontName=fonts.regular,
        )
        footer = _footer(meta.title, fonts, today, text)
        frame = Frame(MARGIN, FOOTER + 8, frame_w, frame_h, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("page", [frame], onPage=footer)]
        if poster and blueprint.pages:
            grid_w, grid_h = poster_size(blueprint)
            poster_w = max(page_size[0] - 2 * MARGIN, grid_w + 2)
            poster_h = PAGE_TITLE_HEIGHT + grid_h + LEGEND_HEIGHT + 4
            size = (poster_w + 2 * MARGIN, poster_h + MARGIN + FOOTER + 8)
            poster_frame = Frame(MARGIN, FOOTER + 8, poster_w, poster_h, id="poster", leftPadding=0,
                                 rightPadding=0, topPadding=0, bottomPadding=0)
            poster_page = PageTemplate("poster", [poster_frame], onPage=footer, pagesize=size)
            # Sections print in SECTIONS order: the poster is the first page when no cover precedes it.
            first_is_poster = min(SECTIONS.index(n) for n in chosen_sections) == SECTIONS.index("blueprint")
            templates = [poster_page, *templates] if first_is_poster else [*templates, poster_page]
        template.addPageTemplates(templates)
        report = _Report(doc, fonts, (frame_w, frame_h), list(chosen_personas), blueprint, today, text)
        template.build(report.story(chosen_sections, poster=poster))
    return PdfReport(target, template.page, notes, fonts.source)
