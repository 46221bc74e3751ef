"""The PowerPoint deck for the meeting: the map as slides anyone can open and edit.

Slides, in order: a title slide with the headline figures (the PDF cover's: stages,
steps, cards, pain points, NPS/CSAT/CES, pain points by Kano category, personas); the
blueprint, one or more slides per stage, as native shapes (a rectangle and a text box
per card, headers, the blueprint lines) that a person can move and retype; the
emotion curves as a native line chart (editable data, one series per persona and
curve; a gap stays a gap); the ranked pain points as a native table; the metrics per
stage as a table; the Kano Better/Worse diagram and its table when any card has
survey answers.

Readable first: card titles are set at :data:`CARD_TITLE_PT` and never shrunk. A stage
whose steps do not fit one slide at :data:`MIN_COLUMN_PT` per step is split across
slides by steps; lanes that do not fit the slide's height go on to the next slide
(and a cell with more cards than a slide holds is continued on the next), so every
card appears on some slide. A title longer than :data:`MAX_TITLE_LINES` lines is cut
with "…" and written whole in the slide's notes, with the card's description.

The Kano diagram is the report's matplotlib figure as a picture, not a native chart:
its quadrant labels, shading and the numbered points placed so they never cover each
other are beyond what a native XY chart shows; its table is native.

Every word the deck adds comes from ``report_text`` (the map's language or ``lang``),
every figure from the model (``facts.headline``, ``priority.rank_pain_points``,
``metrics.map_metrics``, ``kano.analyse_document``), every string through
``pptx_text`` (XML-safe, Latin and East Asian typefaces). The file is written whole or
not at all (``atomic``).
"""

from __future__ import annotations

import io
import math
import os
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from cxmapper.export import facts
from cxmapper.model.atomic import atomic_path
from cxmapper.export.charts import panel_ranges, persona_colors
from cxmapper.export.report_facts import (
    CONVENTION,
    KANO_COLOR,
    KANO_COUNT_ORDER,
    KIND_FILL,
    TILE_LABEL,
    card_badges,
    metric_text,
    stage_metric_cells,
    select,
    translate_kano_axes,
)
from cxmapper.export.pptx_text import deck_text, write, wrap_lines
from cxmapper.export.report_text import ReportText, report_text
from cxmapper.model.document import (
    BLUEPRINT_LINES,
    Card,
    Curve,
    Evidence,
    Lane,
    LaneKind,
    Link,
    LinkKind,
    MapDocument,
    Persona,
    Stage,
    Step,
)

# --- the slide's geometry, in points (16:9, 13.33 × 7.5 in) -------------------------------

SLIDE_W, SLIDE_H = 960.0, 540.0
MARGIN = 24.0
TITLE_H = 40.0
HEADER_H = 38.0  # the stage and step names above the grid
LANE_W = 112.0  # the lane names left of the grid
LEGEND_H = 16.0
GRID_TOP = MARGIN + TITLE_H + HEADER_H
GRID_H = SLIDE_H - GRID_TOP - MARGIN - LEGEND_H
GRID_W = SLIDE_W - 2 * MARGIN - LANE_W
#: Narrowest step column: a card of 10 pt text there holds ~20 Latin or 13 Han characters a line.
MIN_COLUMN_PT = 150.0
MAX_COLUMN_PT = 280.0
STEPS_PER_SLIDE = int(GRID_W // MIN_COLUMN_PT)
CARD_TITLE_PT = 10.0
BADGE_PT = 7.5
LINE_PT = 1.22  # line height as a multiple of the font size
CARD_PAD = 4.0
CARD_GAP = 4.0
CELL_PAD = 4.0
MAX_TITLE_LINES = 5
MIN_ROW_H = 26.0
EMPTY_ROW_H = 18.0  # a lane with no card in these steps
TABLE_ROWS_PER_SLIDE = 14



def table_pages(rows: list, most: int = TABLE_ROWS_PER_SLIDE) -> list[list]:
    """``rows`` on as few slides as hold them, shared evenly: 15 pain points are 8 and
    7, not 14 and a "(continued)" slide with one row."""
    if not rows:
        return []
    slides = -(-len(rows) // most)
    size = -(-len(rows) // slides)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)
GRID = RGBColor(0xC9, 0xCD, 0xD3)
HEADER_FILL = RGBColor(0xEE, 0xF1, 0xF5)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
STAGE_FILLS = (RGBColor(0x2F, 0x48, 0x58), RGBColor(0x3B, 0x60, 0x70))
#: The canvas's link colours and dashes (``ui/canvas/style.py``; an export cannot import the UI).
LINK_STYLE = {
    LinkKind.FLOW: ("#334155", None),
    LinkKind.SUPPORTS: ("#6D28D9", MSO_LINE_DASH_STYLE.ROUND_DOT),
    LinkKind.CAUSES: ("#DC2626", None),
    LinkKind.ADDRESSES: ("#16A34A", MSO_LINE_DASH_STYLE.DASH),
}
EVIDENCE_DASH = {
    Evidence.OBSERVED: None,
    Evidence.ASSUMED: MSO_LINE_DASH_STYLE.DASH,
    Evidence.PROPOSED: MSO_LINE_DASH_STYLE.ROUND_DOT,
}


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


def _emu(points: float) -> int:
    return int(round(Pt(points)))


@dataclass
class PptxReport:
    """What an export produced: the file, its slide count and notes for the user."""

    path: Path
    slides: int
    notes: list[str] = field(default_factory=list)


# --- planning the blueprint slides ----------------------------------------------------------


@dataclass(frozen=True)
class CardBox:
    card: Card
    text: str  # the title as shown: whole, or cut with "…" after MAX_TITLE_LINES lines
    cut: bool
    height: float


@dataclass
class RowPiece:
    """One lane's row on one slide: the cards of each of the slide's steps (a part of
    them when the lane's cells hold more than a slide can show)."""

    lane: Lane
    cells: list[list[CardBox]]
    height: float
    part: int  # 0 for the first piece of the lane on these steps
    scores: float = 0.0  # room above the cards for the emotion scores (an emotion lane's first piece)


@dataclass
class BlueprintSlide:
    stage: Stage
    stage_number: int
    steps: list[Step]
    first_step: int  # index of steps[0] within the stage
    rows: list[RowPiece]
    continued: bool  # not the first slide of these steps


def _card_box(card: Card, width: float, t: ReportText) -> CardBox:
    inner = width - 2 * CARD_PAD
    title = deck_text(card.title or t("(untitled)"))
    lines = wrap_lines(title, inner, CARD_TITLE_PT)
    cut = len(lines) > MAX_TITLE_LINES
    if cut:
        lines = lines[:MAX_TITLE_LINES]
        kept = sum(len(line) for line in lines) - 2
        title = title[: max(1, kept)].rstrip() + "…"
    height = 2 * CARD_PAD + len(lines) * CARD_TITLE_PT * LINE_PT
    if card_badges(card, t):
        height += BADGE_PT * LINE_PT + 2
    return CardBox(card, title, cut, height)


#: Personas whose scores an emotion lane lists per step; more are counted ("+3").
MAX_SCORE_LINES = 8


def _emotion_height(personas: list[Persona]) -> float:
    lines = min(max(1, len(personas)), MAX_SCORE_LINES + 1)
    return 2 * CELL_PAD + lines * BADGE_PT * 1.3 * 1.3  # 1.3 × the badge size, 1.3 line height


def _next_piece(lane: Lane, queues: list[deque[CardBox]], room: float, scores: float, part: int) -> RowPiece | None:
    """The lane's next row piece in ``room`` points: from each cell, the cards (in
    order) that fit; None when no card of a cell that has some fits (the caller
    starts a new slide). An emotion lane's first piece keeps ``scores`` on top for
    the personas' scores."""
    inner = room - 2 * CELL_PAD - scores
    cells: list[list[CardBox]] = []
    for queue in queues:
        taken, used = [], 0.0
        while queue and used + queue[0].height <= inner:
            used += queue[0].height + CARD_GAP
            taken.append(queue.popleft())
        cells.append(taken)
    if any(queue and not cell for queue, cell in zip(queues, cells)):
        for queue, cell in zip(queues, cells):  # put back: the piece goes on a slide with room
            queue.extendleft(reversed(cell))
        return None
    stack = max((sum(b.height + CARD_GAP for b in cell) - CARD_GAP for cell in cells if cell), default=0.0)
    height = max(MIN_ROW_H if stack or scores else EMPTY_ROW_H, scores + stack + 2 * CELL_PAD)
    if height > room:
        return None
    return RowPiece(lane, cells, height, part, scores)


def _step_groups(steps: list[Step]) -> list[tuple[int, list[Step]]]:
    """A stage's steps in slides of at most STEPS_PER_SLIDE, as even as possible."""
    if not steps:
        return []
    count = math.ceil(len(steps) / STEPS_PER_SLIDE)
    size = math.ceil(len(steps) / count)
    return [(i, steps[i : i + size]) for i in range(0, len(steps), size)]


def plan_blueprint_slides(doc: MapDocument, t: ReportText, personas: list[Persona]) -> list[BlueprintSlide]:
    """Every blueprint slide: per stage, per group of steps, lanes packed top to bottom.

    A lane goes on the slide where the previous one ends; when its cells hold more
    cards than the room left, the cards that fit stay and the rest continue on the
    next slide of the same steps (a card taller than a whole slide cannot happen: a
    title is cut at MAX_TITLE_LINES)."""
    if not doc.lanes:
        return []  # no grid: the deck says so
    by_cell: dict[tuple[str, str], list[Card]] = {}
    for card in doc.cards:
        by_cell.setdefault((card.lane, card.step), []).append(card)
    slides: list[BlueprintSlide] = []
    for number, stage in enumerate(doc.stages, 1):
        for first, steps in _step_groups(stage.steps):
            width = min(MAX_COLUMN_PT, GRID_W / len(steps))
            group: list[BlueprintSlide] = []
            current: list[RowPiece] = []
            used = 0.0
            for lane in doc.lanes:
                queues = [
                    deque(_card_box(card, width - 2 * CELL_PAD, t) for card in by_cell.get((lane.id, step.id), []))
                    for step in steps
                ]
                scores = _emotion_height(personas) - CELL_PAD if lane.kind is LaneKind.EMOTIONS else 0.0
                whole = max(MIN_ROW_H if any(queues) or scores else EMPTY_ROW_H, scores + 2 * CELL_PAD + max(
                    (sum(b.height + CARD_GAP for b in queue) - CARD_GAP for queue in queues if queue), default=0.0))
                if current and used + whole > GRID_H and whole <= GRID_H:
                    # The lane fits a slide of its own: keep it whole rather than leave a
                    # few of its cards to a slide of their own.
                    group.append(BlueprintSlide(stage, number, steps, first, current, bool(group)))
                    current, used = [], 0.0
                part = 0
                while part == 0 or any(queues):
                    piece = _next_piece(lane, queues, GRID_H - used, scores if part == 0 else 0.0, part)
                    if piece is None:
                        if not current:  # cannot happen with cut titles; never loop
                            raise AssertionError("a card taller than a slide")
                        group.append(BlueprintSlide(stage, number, steps, first, current, bool(group)))
                        current, used = [], 0.0
                        continue
                    current.append(piece)
                    used += piece.height
                    part += 1
            group.append(BlueprintSlide(stage, number, steps, first, current, bool(group)))
            slides += group
    return slides


# --- the deck --------------------------------------------------------------------------------


class _Deck:
    def __init__(self, doc: MapDocument, t: ReportText, personas: list[Persona]):
        self.doc, self.t, self.personas = doc, t, personas
        self.zh = t.lang == "zh"
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _emu(SLIDE_W), _emu(SLIDE_H)
        self.blank = self.prs.slide_layouts[6]
        self.index = facts.MapIndex(doc)
        self.notes: list[str] = []
        self.cut_titles = 0
        self.links_from: dict[str, list[Link]] = {}
        for link in doc.links:
            self.links_from.setdefault(link.source, []).append(link)

    # shapes -------------------------------------------------------------------------------

    def slide(self, title: str, notes: str = ""):
        slide = self.prs.slides.add_slide(self.blank)
        self.text(slide, MARGIN, MARGIN - 6, SLIDE_W - 2 * MARGIN, TITLE_H, [title], size=22, bold=True, color=ACCENT)
        if notes:
            self.write_notes(slide, notes)
        return slide

    def write_notes(self, slide, notes: str) -> None:
        frame = slide.notes_slide.notes_text_frame
        write(frame, deck_text(notes, lines=True).split("\n"), size=12, zh=self.zh)

    def text(self, slide, x, y, w, h, paragraphs, *, size, bold=False, color=INK, align=None, anchor=MSO_ANCHOR.TOP, name=None):
        box = slide.shapes.add_textbox(_emu(x), _emu(y), _emu(w), _emu(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = _emu(2)
        frame.margin_top = frame.margin_bottom = _emu(1)
        write(frame, paragraphs, size=size, bold=bold, color=color, zh=self.zh, align=align)
        if name:
            box.name = name
        return box

    def rect(self, slide, x, y, w, h, fill, *, line=None, shape=MSO_SHAPE.RECTANGLE, dash=None, width=0.75):
        box = slide.shapes.add_shape(shape, _emu(x), _emu(y), _emu(w), _emu(h))
        box.shadow.inherit = False
        if fill is None:
            box.fill.background()
        else:
            box.fill.solid()
            box.fill.fore_color.rgb = fill
        if line is None:
            box.line.fill.background()
        else:
            box.line.color.rgb = line
            box.line.width = Pt(width)
            if dash is not None:
                box.line.dash_style = dash
        return box

    def table(self, slide, y, widths, header, rows, *, size=10, aligns=""):
        height = 22 * (len(rows) + 1)
        shape = slide.shapes.add_table(len(rows) + 1, len(widths), _emu(MARGIN), _emu(y), _emu(sum(widths)), _emu(height))
        table = shape.table
        for i, w in enumerate(widths):
            table.columns[i].width = _emu(w)
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = _emu(4)
                cell.margin_top = cell.margin_bottom = _emu(2)
                align = PP_ALIGN.RIGHT if c < len(aligns) and aligns[c] == "r" else None
                paragraphs = value if isinstance(value, list) else [value]
                write(cell.text_frame, paragraphs, size=size, bold=r == 0, color=WHITE if r == 0 else INK,
                      zh=self.zh, align=align)
                if r == 0:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = ACCENT
        return shape

    # slides ---------------------------------------------------------------------------------

    def build(self) -> None:
        self.title_slide()
        self.blueprint_slides()
        self.emotion_slides()
        self.pain_point_slides()
        self.metrics_slide()
        self.kano_slides()

    def title_slide(self) -> None:
        doc, t = self.doc, self.t
        meta = doc.meta
        slide = self.prs.slides.add_slide(self.blank)
        self.text(slide, MARGIN, 60, SLIDE_W - 2 * MARGIN, 70, [_short(meta.title, 110) or t("Untitled map")], size=32, bold=True, color=ACCENT, name="title")
        y = 140.0
        if meta.description:
            desc = meta.description if len(meta.description) <= 400 else meta.description[:399] + "…"
            lines = len(wrap_lines(desc, SLIDE_W - 2 * MARGIN, 13))
            h = min(5, lines) * 13 * LINE_PT + 6
            self.text(slide, MARGIN, y, SLIDE_W - 2 * MARGIN, h, [desc], size=13, color=MUTED)
            y += h + 6
        byline = []
        if meta.authors:
            byline.append(t("By {authors}", authors=t.list_separator.join(meta.authors)))
        if meta.modified:
            byline.append(t("map last modified {date}", date=meta.modified.date().isoformat()))
        if byline:
            self.text(slide, MARGIN, y, SLIDE_W - 2 * MARGIN, 18, [_short(" · ".join(byline), 180)], size=11, color=MUTED)
            y += 24

        head = facts.headline(doc, self.personas)
        tiles = [
            (str(head.stage_count), t("stages")),
            (str(head.step_count), t("steps")),
            (str(head.card_count), t("cards")),
            (str(sum(head.pain_points_by_kano.values())), t("pain points")),
        ]
        settings = head.metrics.settings
        total = head.metrics.total
        for name, measure in (("nps", total.nps), ("csat", total.csat), ("ces", total.ces)):
            if measure is not None:
                tiles.append((metric_text(name, measure.value, settings), t(TILE_LABEL[name](settings))))
        width = (SLIDE_W - 2 * MARGIN) / len(tiles)
        y = max(y, 230.0)
        for i, (value, label) in enumerate(tiles):
            x = MARGIN + i * width
            self.rect(slide, x + 2, y, width - 8, 2.5, ACCENT)
            self.text(slide, x, y + 6, width - 6, 40, [value], size=28, bold=True, color=ACCENT, name=f"figure {i}")
            self.text(slide, x, y + 46, width - 6, 30, [label], size=10, color=MUTED)
        y += 92
        self.text(slide, MARGIN, y, 400, 20, [t("Pain points by Kano category")], size=13, bold=True, color=ACCENT)
        y += 24
        if head.pain_points_by_kano:
            x = MARGIN
            for kano, count in head.pain_points_by_kano.items():
                fill = _rgb(KANO_COLOR.get(kano, "#888888")) if kano is not None else RGBColor(0x88, 0x88, 0x88)
                badge = self.rect(slide, x, y, 142, 22, fill)
                write(badge.text_frame, [f"{t.kano(kano)}: {count}"], size=10, bold=True, color=WHITE, zh=self.zh)
                x += 148
        else:
            self.text(slide, MARGIN, y, 400, 20, [t("The map has no pain points.")], size=11)
        y += 34
        if self.personas and y < SLIDE_H - 60:
            self.text(slide, MARGIN, y, 400, 20, [t("Personas")], size=13, bold=True, color=ACCENT)
            y += 22
            palette = persona_colors(self.personas)
            for persona in self.personas:
                if y > SLIDE_H - MARGIN - 16:
                    break
                mood = head.moods[persona.id]
                if mood.happiness is None:
                    share = t("no emotion points")
                else:
                    share = t("{share} of steps positive ({positive} of {scored})", share=f"{mood.happiness:.0%}",
                              positive=mood.positive_steps, scored=mood.scored_steps)
                self.rect(slide, MARGIN, y + 3, 8, 10, _rgb(palette[persona.id]))
                self.text(slide, MARGIN + 12, y, SLIDE_W - 2 * MARGIN - 12, 18,
                          [[(_short(persona.name, 60) or t("(unnamed persona)"), 11, True, INK), ("  " + share, 11, False, MUTED)]], size=11)
                y += 18

    def blueprint_slides(self) -> None:
        t = self.t
        slides = plan_blueprint_slides(self.doc, t, self.personas)
        if not slides:
            missing = "stages" if not self.doc.stages else "lanes"
            slide = self.slide(t("Blueprint"))
            self.text(slide, MARGIN, GRID_TOP, 600, 30, [t(f"The map has no {missing} yet: there is no grid to draw.")], size=14)
            return
        for plan in slides:
            self.blueprint_slide(plan)

    def blueprint_slide(self, plan: BlueprintSlide) -> None:
        t, doc = self.t, self.doc
        stage_name = _short(plan.stage.name, 60) or t("Stage {number}", number=plan.stage_number)
        title = f"{t('Blueprint')} — {stage_name}"
        total = len(plan.stage.steps)
        if len(plan.steps) < total:
            title += t(" · steps {first}–{last} of {total}", first=plan.first_step + 1,
                       last=plan.first_step + len(plan.steps), total=total)
        if plan.continued:
            title += t(" (continued)")
        slide = self.slide(title)
        width = min(MAX_COLUMN_PT, GRID_W / len(plan.steps))
        left = MARGIN + LANE_W
        top = MARGIN + TITLE_H
        # headers: the stage across its steps, then each step
        fill = STAGE_FILLS[(plan.stage_number - 1) % 2]
        band = self.rect(slide, left, top, width * len(plan.steps), 16, fill)
        write(band.text_frame, [stage_name], size=10, bold=True, color=WHITE, zh=self.zh)
        for i, step in enumerate(plan.steps):
            x = left + i * width
            cell = self.rect(slide, x, top + 17, width - 1, HEADER_H - 19, HEADER_FILL, line=GRID)
            write(cell.text_frame, [_short(step.name, 60) or "–"], size=9.5, bold=True, color=INK, zh=self.zh)
            cell.text_frame.word_wrap = True
        y = GRID_TOP
        notes: list[str] = []
        lines = []
        shapes: dict[str, object] = {}
        for row_index, piece in enumerate(plan.rows):
            lane_name = _short(piece.lane.name, 40) or t.lane_kind(piece.lane.kind)
            if piece.part:
                lane_name += t(" (continued)")
            head = self.rect(slide, MARGIN, y, LANE_W - 2, piece.height - 1, HEADER_FILL, line=GRID)
            write(head.text_frame, [lane_name], size=9.5, bold=True, color=INK, zh=self.zh)
            head.text_frame.word_wrap = True
            self.rect(slide, left, y + piece.height - 0.5, width * len(plan.steps), 0.5, GRID)
            if piece.scores:
                self.emotion_cells(slide, plan.steps, left, y, width)
            for i, cell in enumerate(piece.cells):
                cy = y + CELL_PAD + piece.scores
                for box in cell:
                    shapes[box.card.id] = self.card(slide, box, left + i * width + CELL_PAD, cy, width - 2 * CELL_PAD)
                    if box.cut or box.card.description:
                        notes.append(f"{box.card.title}\n{box.card.description}".strip())
                    self.cut_titles += box.cut
                    cy += box.height + CARD_GAP
            y += piece.height
            below = plan.rows[row_index + 1].lane if row_index + 1 < len(plan.rows) else None
            for line, (upper, lower) in BLUEPRINT_LINES.items():
                if below is not None and piece.lane.kind is upper and below.kind is lower:
                    lines.append((line, y))
        for line, at in lines:  # last: on top of the lane names they run between
            self.blueprint_line(slide, line, left, at, width * len(plan.steps))
        for card_id, shape in shapes.items():
            for link in self.links_from.get(card_id, ()):
                if link.target in shapes and link.target != card_id:
                    self.link(slide, link, shape, shapes[link.target])
        self.legend(slide)
        if notes:
            self.write_notes(slide, "\n\n".join(notes))

    def card(self, slide, box: CardBox, x: float, y: float, w: float) -> None:
        card = box.card
        fill, edge = KIND_FILL[card.kind]
        if card.color:
            fill = card.color
        shape = self.rect(slide, x, y, w, box.height, _rgb(fill), line=_rgb(edge),
                          shape=MSO_SHAPE.ROUNDED_RECTANGLE, dash=EVIDENCE_DASH.get(card.evidence), width=1.0)
        shape.adjustments[0] = 0.08
        shape.name = f"card {card.id}"
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = _emu(CARD_PAD - 1)
        paragraphs: list = [[(box.text, CARD_TITLE_PT, True, INK)]]
        badges = card_badges(card, self.t)
        if badges:
            # A badge is coloured text here; a pale badge (S/F) is its ink colour.
            paragraphs.append([
                (b.text + "  ", BADGE_PT, True, _rgb(b.fill if b.ink.upper() == "#FFFFFF" else b.ink)) for b in badges
            ])
        write(frame, paragraphs, size=CARD_TITLE_PT, zh=self.zh)
        frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        return shape

    def link(self, slide, link: Link, source, target) -> None:
        """A connector glued to both cards (it follows them when a person moves one),
        from the side of the source that faces the target, with an arrowhead."""
        if target.left >= source.left + source.width:
            sides = (3, 1)  # right → left
        elif target.left + target.width <= source.left:
            sides = (1, 3)
        elif target.top >= source.top + source.height:
            sides = (2, 0)  # bottom → top
        else:
            sides = (0, 2)
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        connector.begin_connect(source, sides[0])
        connector.end_connect(target, sides[1])
        color, dash = LINK_STYLE[link.kind]
        connector.line.color.rgb = _rgb(color)
        connector.line.width = Pt(1.25)
        if dash is not None:
            connector.line.dash_style = dash
        from lxml import etree
        from pptx.oxml.ns import qn

        tail = etree.SubElement(connector.line._get_or_add_ln(), qn("a:tailEnd"))
        tail.set("type", "triangle")
        connector.name = f"link {link.id}"

    def emotion_cells(self, slide, steps: list[Step], left: float, y: float, width: float) -> None:
        palette = persona_colors(self.personas)
        scale = self.doc.scale
        scores = {persona.id: {p.step: p.score for p in persona.as_is} for persona in self.personas}
        size = BADGE_PT * 1.3
        for i, step in enumerate(steps):
            lines = []
            for persona in self.personas:
                score = scores[persona.id].get(step.id)
                if score is None:
                    continue
                shown = f"{score:+d}" if scale.min < 0 else str(score)
                lines.append([("● ", size, True, _rgb(palette[persona.id])),
                              (f"{_short(persona.name, 30) or self.t('(unnamed persona)')} {shown}", size, False, INK)])
            if len(lines) > MAX_SCORE_LINES:
                lines = [*lines[:MAX_SCORE_LINES], f"+{len(lines) - MAX_SCORE_LINES}"]
            if lines:
                self.text(slide, left + i * width + CELL_PAD, y + CELL_PAD, width - 2 * CELL_PAD,
                          _emotion_height(self.personas) - 2 * CELL_PAD, lines, size=size)

    def blueprint_line(self, slide, line, x: float, y: float, w: float) -> None:
        connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(x), _emu(y), _emu(x + w), _emu(y))
        connector.line.color.rgb = ACCENT
        connector.line.width = Pt(1.5)
        connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        connector.name = f"line {line.value}"
        # The name sits on the lane-name column, where it covers no card.
        self.text(slide, MARGIN, y - 5.5, LANE_W - 4, 11, [self.t.line(line)], size=6.5, color=ACCENT, align=PP_ALIGN.RIGHT)

    def legend(self, slide) -> None:
        t = self.t
        x, y = MARGIN, SLIDE_H - MARGIN - LEGEND_H + 4
        runs = [(t("Cards:") + " ", 8, True, MUTED)]
        kinds = sorted({c.kind for c in self.doc.cards}, key=list(KIND_FILL).index)
        for kind in kinds:
            runs.append(("■ ", 8, True, _rgb(KIND_FILL[kind][1])))
            runs.append((t.kind(kind) + "   ", 8, False, MUTED))
        runs.append((t("Border:") + " " + " / ".join(t(e.value) for e in Evidence), 8, False, MUTED))
        self.text(slide, x, y, SLIDE_W - 2 * MARGIN, LEGEND_H, [runs], size=8)

    def emotion_slides(self) -> None:
        t, doc = self.t, self.doc
        personas = [p for p in self.personas if p.as_is or p.to_be]
        steps = doc.steps()
        if not personas or not steps:
            slide = self.slide(t("Emotion curves"))
            self.text(slide, MARGIN, GRID_TOP, 600, 30, [t("No persona has an emotion curve.")], size=14)
            return
        palette = persona_colors(self.personas)
        ranges = panel_ranges([len(stage.steps) for stage in doc.stages])
        for number, (first, end) in enumerate(ranges, 1):
            title = t("Emotion curves")
            if len(ranges) > 1:
                title += t(" · steps {first}–{last} of {total}", first=first + 1, last=end, total=len(steps))
            slide = self.slide(title)
            data = CategoryChartData()
            window = steps[first:end]
            data.categories = [
                deck_text(f"{_short(self.index.stage_of_step[s.id].name, 24)} › {_short(s.name, 40)}" if s.name else "–")
                for s in window
            ]
            series_style = []
            for persona in personas:
                for curve, points in ((Curve.AS_IS, persona.as_is), (Curve.TO_BE, persona.to_be)):
                    if not points:
                        continue
                    score = {p.step: p.score for p in points}
                    name = _short(persona.name, 40) or t("(unnamed persona)")
                    if curve is Curve.TO_BE:
                        name += t(" (to-be)")
                    data.add_series(deck_text(name), [score.get(s.id) for s in window])
                    series_style.append((palette[persona.id], curve))
            data.add_series("neutral", [doc.scale.neutral] * len(window))  # the grey line, not in the legend
            series_style.append(("#808080", None))
            frame = slide.shapes.add_chart(
                XL_CHART_TYPE.LINE_MARKERS, _emu(MARGIN), _emu(MARGIN + TITLE_H), _emu(SLIDE_W - 2 * MARGIN),
                _emu(SLIDE_H - 2 * MARGIN - TITLE_H - 30), data,
            )
            frame.name = f"emotion chart {number}"
            chart = frame.chart
            chart.has_legend = True
            chart.legend.position = XL_LEGEND_POSITION.RIGHT
            chart.legend.include_in_layout = False
            chart.font.size = Pt(9)
            _chart_fonts(chart)
            axis = chart.value_axis
            axis.minimum_scale, axis.maximum_scale = doc.scale.min, doc.scale.max
            axis.major_unit = 1
            axis.has_major_gridlines = True
            axis.major_gridlines.format.line.color.rgb = GRID
            axis.crosses = XL_AXIS_CROSSES.MINIMUM  # step names below the chart, not across it at 0
            chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
            for series, (color, curve) in zip(chart.plots[0].series, series_style, strict=True):
                series.smooth = False
                if curve is None:
                    series.format.line.color.rgb = _rgb(color)
                    series.format.line.width = Pt(1.75)
                    series.marker.style = XL_MARKER_STYLE.NONE
                    _hide_legend_entry(chart, len(series_style) - 1)
                    continue
                series.format.line.color.rgb = _rgb(color)
                series.format.line.width = Pt(2.25)
                if curve is Curve.TO_BE:
                    series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                series.marker.style = XL_MARKER_STYLE.CIRCLE
                series.marker.size = 6
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = _rgb(color)
                series.marker.format.line.color.rgb = _rgb(color)
            self.text(slide, MARGIN, SLIDE_H - MARGIN - 26, SLIDE_W - 2 * MARGIN, 26, [
                t("Solid lines: the journey as it is today; dashed lines: the journey as planned (to-be). "
                  "Grey line: neutral ({neutral}). A gap means no score was recorded for that step.",
                  neutral=f"{doc.scale.neutral:g}"),
            ], size=9, color=MUTED)

    def pain_point_slides(self) -> None:
        from cxmapper.model.priority import rank_pain_points

        t = self.t
        ranked = rank_pain_points(self.doc)
        title = t("Pain points ranked: what to fix first")
        if not ranked:
            slide = self.slide(title)
            self.text(slide, MARGIN, GRID_TOP, 600, 30, [t("The map has no pain points.")], size=14)
            return
        header = [t(h) for h in ("#", "Pain point", "Kano", "Severity", "Frequency", "Priority", "Stage › step", "Touchpoint")]
        widths = [28, 0, 110, 64, 76, 62, 170, 150]
        widths[1] = SLIDE_W - 2 * MARGIN - sum(widths)
        pages = table_pages(ranked)
        for number, page in enumerate(pages):
            slide = self.slide(title + (t(" (continued)") if number else ""))
            rows = []
            for item in page:
                where = " › ".join(x.name for x in (item.stage, item.step) if x is not None and x.name)
                kano = [t.kano(item.kano)]
                if item.worse is not None:
                    kano = [f"{t.kano(item.kano)} · {t('Worse {worse}', worse=f'{item.worse:.2f}')}"]
                rows.append([
                    str(item.rank), _short(item.card.title or t("(untitled)"), 160), kano,
                    str(item.card.severity) if item.card.severity else "–",
                    str(item.card.frequency) if item.card.frequency else "–",
                    f"{item.score:g}", _short(where or "–", 80),
                    _short(t.list_separator.join(tp.title for tp in item.touchpoints) or "–", 80),
                ])
            self.table(slide, MARGIN + TITLE_H, widths, header, rows, size=9.5, aligns="r  rrr")
            if number == len(pages) - 1:
                self.text(slide, MARGIN, SLIDE_H - MARGIN - 30, SLIDE_W - 2 * MARGIN, 30, [t(
                    "Priority score = 100 × Kano weight × Worse factor × severity × frequency / 25 "
                    "(an unrated severity or frequency counts as 3; the Worse factor comes from the "
                    "card's Kano survey answers, 1.0 without). Touchpoint: those in the same step or "
                    "linked to the pain point.")], size=8.5, color=MUTED)
            self.write_notes(slide, "\n".join(
                f"{item.rank}. {item.card.title}: " + "; ".join(t.reason(r) for r in item.reason_parts) for item in page
            ))

    def metrics_slide(self) -> None:
        from cxmapper.model.metrics import map_metrics

        t = self.t
        result = map_metrics(self.doc)
        settings = result.settings
        stages = [(stage, ms) for stage, ms in result.stages]
        pages = table_pages(stages) or [[]]
        for number, page in enumerate(pages):
            slide = self.slide(t("Metrics per stage") + (t(" (continued)") if number else ""))
            if all(ms.empty for _, ms in result.stages):
                self.text(slide, MARGIN, GRID_TOP, 700, 30, [t("No card in the map carries NPS, CSAT or CES.")], size=14)
                return
            header = [t(h) for h in ("Stage", "NPS", TILE_LABEL["csat"](settings), TILE_LABEL["ces"](settings), "Cards measured")]
            widths = [0, 150, 150, 150, 120]
            widths[0] = SLIDE_W - 2 * MARGIN - sum(widths)
            rows = []
            for stage, ms in page:
                figures, sources = stage_metric_cells(ms, settings, t)
                row = [_short(stage.name, 80) or t("(unnamed stage)")]
                row += ["–" if f is None else f"{f[0]}  {f[1]}".strip() for f in figures]
                row.append(str(sources))
                rows.append(row)
            self.table(slide, MARGIN + TITLE_H, widths, header, rows, size=10.5, aligns="lrrrr")
            labels = {name: t(label(settings)) for name, label in CONVENTION.items()}
            notes = [t("{nps}. {csat}. {ces}. A stage's value pools its cards' answers: each value weighted "
                       "by its sample size (a value entered without one counts once; n says how many answers).", **labels)]
            notes += [t("Left out: {title}: {reason}", title=p.title or p.card_id, reason=p.reason) for p in result.problems]
            self.text(slide, MARGIN, SLIDE_H - MARGIN - 44, SLIDE_W - 2 * MARGIN, 44, notes[:3], size=8.5, color=MUTED)

    def kano_slides(self) -> None:
        from cxmapper.export.kano_charts import better_worse_figure, chart_points, figure_bytes
        from cxmapper.model.kano import analyse_document

        analyses = analyse_document(self.doc)
        if not analyses:
            return
        t = self.t
        slide = self.slide(t("Kano analysis: what customers expect"))
        points = [replace(p, label=str(k)) for k, p in enumerate(chart_points(self.doc), start=1)]
        figure = better_worse_figure(points, size=(7.0, 6.0), title=t("Better / Worse (Timko, in Berger et al. 1993)"))
        translate_kano_axes(figure.axes[0], t)
        picture = io.BytesIO(figure_bytes(figure, "png", dpi=150))
        height = SLIDE_H - 2 * MARGIN - TITLE_H
        shape = slide.shapes.add_picture(picture, _emu((SLIDE_W - height * 7 / 6) / 2), _emu(MARGIN + TITLE_H), height=_emu(height))
        shape.name = "kano chart"
        header = [t(h) for h in ("#", "Feature", "Survey category", "Map category", "A", "O", "M", "I", "R", "Q", "n", "Better", "Worse", "Top two differ?")]
        widths = [26, 0, 92, 92, *([30] * 6), 34, 50, 50, 84]
        widths[1] = SLIDE_W - 2 * MARGIN - sum(widths)
        numbered = list(enumerate(analyses, start=1))
        pages = table_pages(numbered)
        for number, page in enumerate(pages):
            slide = self.slide(t("Kano analysis") + (t(" (continued)") if number else ""))
            rows = []
            for k, item in page:
                a, card = item.analysis, item.card
                fong = "–" if a.fong is None else (t("yes") if a.fong.significant else t("no (Fong)"))
                rows.append([
                    str(k), _short(card.title or t("(untitled)"), 120), t.kano(a.category), t.kano(card.kano),
                    *(str(a.counts.of(c)) for c in KANO_COUNT_ORDER), str(a.counts.n),
                    "–" if a.better is None else f"{a.better:.2f}", "–" if a.worse is None else f"{a.worse:.2f}", fong,
                ])
            self.table(slide, MARGIN + TITLE_H, widths, header, rows, size=9, aligns="r   rrrrrrrrr")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hide_legend_entry(chart, index: int) -> None:
    """Leave series ``index`` out of the legend (``c:legendEntry`` with ``c:delete``)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    legend = chart._chartSpace.find(".//" + qn("c:legend"))
    entry = etree.Element(qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", str(index))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    legend.find(qn("c:legendPos")).addnext(entry)  # schema order: legendPos, legendEntry*, layout…


def _chart_fonts(chart) -> None:
    """The chart's text (axes, legend) in both typefaces: its ``c:txPr`` names
    ``a:latin`` and ``a:ea`` on the default run properties."""
    from lxml import etree
    from pptx.oxml.ns import qn

    from cxmapper.export.pptx_text import EA_FONT, LATIN_FONT

    def_rpr = chart._chartSpace.find(".//" + qn("c:txPr")).find(".//" + qn("a:defRPr"))
    for tag, face in (("a:latin", LATIN_FONT), ("a:ea", EA_FONT)):
        element = def_rpr.find(qn(tag))
        if element is None:
            element = etree.SubElement(def_rpr, qn(tag))
        element.set("typeface", face)


def export_pptx(
    doc: MapDocument,
    path: str | os.PathLike,
    *,
    lang: str | None = None,
    personas: list[str] | None = None,
) -> PptxReport:
    """Write the deck of ``doc`` to ``path`` (whole or not at all); see the module doc.

    ``lang`` ("en"/"zh") overrides the map's locale; ``personas`` (names or ids) keeps
    only those personas on the title slide, the blueprint's emotion lane and the chart.
    """

    t = report_text(doc.meta.locale, lang)
    chosen = select(doc.personas, personas, "persona")
    deck = _Deck(doc, t, doc.personas if chosen is None else chosen)
    deck.build()
    if deck.cut_titles:
        deck.notes.append(
            f"{deck.cut_titles} card title(s) longer than {MAX_TITLE_LINES} lines are cut on the blueprint "
            "slides; each slide's notes hold them whole"
        )
    target = Path(path)
    with atomic_path(target) as tmp:
        deck.prs.save(tmp)
    return PptxReport(target, len(deck.prs.slides), deck.notes)
