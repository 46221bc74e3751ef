"""The blueprint pages of the PDF: the map's grid drawn with reportlab, split into pages.

This module owns measuring cards for :class:`~cxmapper.model.layout.MapLayout` with
reportlab's ``stringWidth`` (the same geometry the canvas uses, with PDF fonts),
deciding what each card shows, cutting the grid into pages, and drawing one page.

Contracts and traps:

- A card never loses text silently. A card shows at most a few lines of title and
  description; when anything is cut, its last line ends in "…" and a reference
  ("A3") to the appendix, where the full text is printed. References are numbered in
  reading order (page, then row, then column) after pagination.
- A wide map is cut into column groups (whole stages per group when they fit); the
  groups' lane rows are then poured onto pages in reading order as *slices* (some
  lanes of one group under that group's headers), several slices to a page while they
  fit, so every page but the last is full (:meth:`Blueprint.blank_shares` measures
  it). Every slice repeats the lane names and its stages' headers (a stage shown
  before says "(continued)"). ``fit`` puts the whole map on one page, trying narrower
  columns and compact cards, but never so small that card text falls below
  :data:`MIN_TYPE_SIZE`; then it splits and says why in the notes. ``poster`` is the
  whole map on one page at scale 1.
- Layout units are PDF points at scale 1. The page is drawn with y growing downward in
  layout space: :class:`_Pen` flips it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.lib.colors import Color, HexColor, white

from cxmapper.export.charts import persona_colors
from cxmapper.export.facts import MapIndex
from cxmapper.export.fonts import PdfFonts, pdf_string, starts_right_to_left
from cxmapper.export.pdf_text import TextLayer, TextMeasure
from cxmapper.export.report_facts import KANO_COLOR, KIND_FILL, Badge, card_badges, kano_badge_text
from cxmapper.export.report_text import ReportText
from cxmapper.model.document import (
    Card,
    Evidence,
    KanoCategory,
    LaneKind,
    MapDocument,
    Persona,
)
from cxmapper.model.layout import LayoutStyle, MapLayout

# -- sizes (points) ------------------------------------------------------------------

TITLE_SIZE, TITLE_LEADING = 7.2, 8.6
DESC_SIZE, DESC_LEADING = 6.3, 7.5
BADGE_SIZE, BADGE_HEIGHT = 5.4, 8.0
MAX_TITLE_LINES, MAX_DESC_LINES = 4, 4
CARD_PAD = 4.0
STRIP = 2.5
#: The smallest card text a printed page may carry when ``fit`` scales the map down.
MIN_TYPE_SIZE = 5.0

STYLE = LayoutStyle(
    lane_header_width=86.0,
    stage_header_height=20.0,
    step_header_height=22.0,
    column_width=112.0,
    cell_padding=5.0,
    card_gap=4.0,
    card_min_height=20.0,
    min_row_height=30.0,
    emotion_lane_height=78.0,
    emotion_padding=10.0,
)

PAGE_TITLE_HEIGHT = 18.0
LEGEND_HEIGHT = 30.0

# Evidence status is the card's border: solid = observed, dashed = assumed, dotted = proposed.
EVIDENCE_DASH = {Evidence.OBSERVED: None, Evidence.ASSUMED: (2.2, 1.6), Evidence.PROPOSED: (0.6, 1.4)}
INK = HexColor("#222222")
MUTED = HexColor("#666666")
REF_INK = HexColor("#1F5FAF")  # the appendix reference on a cut card
GRID = HexColor("#C9CDD3")
HEADER_FILL = HexColor("#EEF1F5")
STAGE_FILLS = ("#2F4858", "#3B6070")


def ink_on(fill: str):
    """White or near-black text, whichever reads better on ``fill`` (#rrggbb)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b  # sRGB weights, no gamma: enough here
    return INK if luminance > 0.6 else white


@dataclass
class CardPlan:
    """What one card shows: its wrapped, possibly cut lines and its badges."""

    card: Card
    title_lines: list[str]
    desc_lines: list[str]
    badge_rows: list[list[Badge]]
    title_cut: bool
    desc_cut: bool
    height: float
    ref: str | None = None  # appendix reference, set after pagination
    width: float = 0.0  # the card width it was measured for

    @property
    def cut(self) -> bool:
        return self.title_cut or self.desc_cut


class CardPlanner:
    """The ``measure`` callback for MapLayout; remembers each card's plan by id."""

    def __init__(self, fonts: PdfFonts, text: ReportText | None = None, *, desc_lines: int = MAX_DESC_LINES):
        self.fonts = fonts
        self.desc_lines = desc_lines  # fewer in ``fit``'s compact cards: the appendix has the rest
        self.text = text or ReportText()  # badges are measured in the report's language
        self.title = TextMeasure(fonts, TITLE_SIZE)
        self.desc = TextMeasure(fonts, DESC_SIZE)
        self.badge = TextMeasure(fonts, BADGE_SIZE)
        self.plans: dict[str, CardPlan] = {}
        # Room for the reference so that numbering later never changes a height.
        self.ref_width = self.desc.width(" A999")

    def __call__(self, card: Card, width: float) -> float:
        plan = self.plans.get(card.id)
        if plan is None or plan.card is not card or plan.width != width:
            plan = self.plan(card, width)
            self.plans[card.id] = plan
        return plan.height

    def text_width(self, width: float) -> float:
        return width - 2 * CARD_PAD - STRIP

    def plan(self, card: Card, width: float) -> CardPlan:
        inner = self.text_width(width)
        title = self.title.wrap(card.title, inner)
        desc = self.desc.wrap(card.description, inner)
        title_cut, desc_cut = len(title) > MAX_TITLE_LINES, len(desc) > self.desc_lines
        title, desc = title[:MAX_TITLE_LINES], desc[: self.desc_lines]
        rows: list[list[Badge]] = []
        x = inner + 1
        for badge in card_badges(card, self.text):
            w = self.badge.width(badge.text) + 4
            if x + w > inner and (rows and rows[-1] or not rows):
                rows.append([])
                x = 0.0
            rows[-1].append(badge)
            x += w + 2
        height = 2 * CARD_PAD + max(len(title), 1) * TITLE_LEADING
        if desc:
            height += 1.5 + len(desc) * DESC_LEADING
        if rows:
            height += 2 + len(rows) * (BADGE_HEIGHT + 1.5)
        return CardPlan(card, title, desc, rows, title_cut, desc_cut, height, width=width)


# -- pagination ----------------------------------------------------------------------

#: Space between two slices of the grid on one page.
SLICE_GAP = 14.0
#: Widest a column grows when a page holds fewer steps than its width allows.
MAX_COLUMN_WIDTH = 1.6 * STYLE.column_width
#: Column widths ``fit`` tries, widest first: narrower columns make a wide map taller
#: and less wide, which often lets it stay on one page at a readable scale.
FIT_COLUMN_WIDTHS = (112.0, 104.0, 96.0, 88.0, 80.0, 72.0)
#: PDF viewers refuse pages larger than 200 in (14,400 pt) a side.
MAX_PAGE_SIDE = 14_400.0


@dataclass
class Slice:
    """Some lanes of some steps drawn as one piece of grid, its headers on top.

    ``top`` is where the slice starts below the page title (page units at scale 1).
    ``new_stages`` first appear in the report here (they get a bookmark);
    ``continued_stages`` were shown in an earlier slice ("(continued)").
    """

    layout: MapLayout
    lane_ids: list[str]
    top: float = 0.0
    continued_stages: set[str] = field(default_factory=set)
    new_stages: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.layout.style.grid_top + sum(self.layout.row(lane_id).h for lane_id in self.lane_ids)


@dataclass
class PagePlan:
    """One blueprint page: one or more slices of the grid, stacked, at one scale."""

    slices: list[Slice]
    scale: float
    number: int = 0
    of: int = 0

    @property
    def layout(self) -> MapLayout:
        return self.slices[0].layout

    @property
    def lane_ids(self) -> list[str]:
        return [lane_id for s in self.slices for lane_id in s.lane_ids]

    @property
    def height(self) -> float:
        """Height of the grid drawn on the page, in page units (scaled)."""
        if not self.slices:
            return 0.0
        last = self.slices[-1]
        return (last.top + last.height) * self.scale


@dataclass
class Blueprint:
    pages: list[PagePlan]
    planner: CardPlanner
    personas: list[Persona]
    notes: list[str]
    appendix: list[CardPlan]  # cut cards in reference order
    #: The grid's room on a page (below the page title, above the legend).
    available: float = 0.0

    def blank_shares(self, page_height: float) -> list[float]:
        """Per page, the tallest empty band between the page title and the legend as a
        share of ``page_height``: the room under the grid, or a gap between slices."""
        out = []
        for page in self.pages:
            bands = [self.available - page.height]
            bands += [(b.top - a.top - a.height) * page.scale for a, b in zip(page.slices, page.slices[1:])]
            out.append(max(0.0, *bands) / page_height)
        return out


def _column_groups(doc: MapDocument, step_ids: list[str], per_page: int) -> list[list[str]]:
    """Steps grouped into pages of at most ``per_page`` columns, as few pages as possible.

    Among the splits with that fewest count, prefer one that keeps every stage on one
    page (trying fuller pages first is not needed: the fewest pages is the constraint);
    else fill the pages evenly and let stages continue across a page break.
    """
    visible = set(step_ids)
    stages = [[s.id for s in stage.steps if s.id in visible] for stage in doc.stages]
    stages = [steps for steps in stages if steps]
    fewest = -(-len(step_ids) // per_page)
    even = -(-len(step_ids) // max(1, fewest))

    def stage_aware(limit: int) -> list[list[str]]:
        groups: list[list[str]] = [[]]
        for steps in stages:
            if groups[-1] and len(groups[-1]) + len(steps) > limit and len(steps) <= limit:
                groups.append([])
            for step_id in steps:
                if len(groups[-1]) >= limit:
                    groups.append([])
                groups[-1].append(step_id)
        return [g for g in groups if g]

    for limit in range(even, per_page + 1):
        groups = stage_aware(limit)
        if len(groups) <= fewest:
            return groups
    return [step_ids[i : i + even] for i in range(0, len(step_ids), even)]


def _flow(layouts: list[MapLayout], available: float) -> list[PagePlan]:
    """The slices of every column group, lane by lane, poured onto pages in reading
    order: a page takes rows while they fit, and the next column group starts on the
    same page (under its own headers) when its first row fits there. So only the last
    page ends with a band of empty paper. A lone row taller than a page gets a page of
    its own at a scale below 1."""
    pages: list[PagePlan] = []
    page: PagePlan | None = None
    used = 0.0
    for layout in layouts:
        head = layout.style.grid_top
        rows = [(lane.id, layout.row(lane.id).h) for lane in layout.lanes]
        if not rows and layout.steps and not pages:
            pages.append(PagePlan([Slice(layout, [])], 1.0))  # headers only: the map has no lanes
        k = 0
        while k < len(rows):
            lane_id, h = rows[k]
            if head + h > available:
                pages.append(PagePlan([Slice(layout, [lane_id])], available / (head + h)))
                page, k = None, k + 1
                continue
            top = used + SLICE_GAP if page is not None else 0.0
            if page is None or top + head + h > available + 1e-6:
                page, top = PagePlan([], 1.0), 0.0
                pages.append(page)
            piece = Slice(layout, [], top)
            page.slices.append(piece)
            used = top + head
            while k < len(rows) and rows[k][1] + head <= available and used + rows[k][1] <= available + 1e-6:
                piece.lane_ids.append(rows[k][0])
                used += rows[k][1]
                k += 1
    return pages


#: Description lines a card keeps in ``fit``'s compact forms, tried in turn (what is
#: left out goes to the appendix, with the card's reference).
FIT_DESC_LINES = (2, 0)


def smallest_text(planner: CardPlanner) -> float:
    """The smallest card text (pt) the planner's cards carry at scale 1."""
    return DESC_SIZE if planner.desc_lines else TITLE_SIZE


def _fit_layout(doc, planner, lane_ids, step_ids, frame_w: float, avail_h: float):
    """The whole map laid out to fill one page at the largest scale: the column width
    that suits the page's shape, first with full cards, then (when that scale would put
    text below :data:`MIN_TYPE_SIZE`) with compact ones of :data:`FIT_DESC_LINES`
    description lines. Returns (layout, scale, planner)."""
    best = None
    # Hopeless at any column width and card form (the map is wider or taller than the
    # page allows even at its narrowest and its rows' minimum heights, at the smallest
    # scale titles allow): one layout for the note, not eighteen (3.5 s at 5,000 cards).
    floor = MIN_TYPE_SIZE / TITLE_SIZE
    steps = len(step_ids) if step_ids is not None else sum(len(stage.steps) for stage in doc.stages)
    lanes = len(lane_ids) if lane_ids is not None else len(doc.lanes)
    narrowest = STYLE.lane_header_width + steps * FIT_COLUMN_WIDTHS[-1]
    shortest = STYLE.grid_top + lanes * min(STYLE.min_row_height, STYLE.emotion_lane_height)
    hopeless = frame_w / narrowest < floor or avail_h / shortest < floor
    for lines in (planner.desc_lines,) if hopeless else (planner.desc_lines, *FIT_DESC_LINES):
        measure = planner if lines == planner.desc_lines else CardPlanner(planner.fonts, planner.text, desc_lines=lines)
        for width in FIT_COLUMN_WIDTHS[:1] if hopeless else FIT_COLUMN_WIDTHS:
            layout = MapLayout(doc, measure, replace(STYLE, column_width=width), lane_ids=lane_ids, step_ids=step_ids)
            scale = min(1.0, frame_w / max(layout.width, 1.0), avail_h / max(layout.height, 1.0))
            if best is None or best[2] is not measure or scale > best[1] + 1e-9:
                best = (layout, scale, measure)
            if scale >= 1.0:
                break
        if best[1] * smallest_text(best[2]) >= MIN_TYPE_SIZE:
            break
    layout, scale, measure = best
    # The planner remembers the plans of the last width tried: lay the chosen one out again.
    layout = MapLayout(doc, measure, layout.style, lane_ids=lane_ids, step_ids=step_ids)
    return layout, scale, measure


def poster_size(blueprint: Blueprint) -> tuple[float, float]:
    """The grid's size on a poster page (page units, scaled): the box the page holds."""
    page = blueprint.pages[0]
    return page.layout.width * page.scale, page.height


def plan_blueprint(
    doc: MapDocument,
    fonts: PdfFonts,
    frame: tuple[float, float] | None,
    *,
    fit: bool = False,
    poster: bool = False,
    lane_ids: list[str] | None = None,
    step_ids: list[str] | None = None,
    personas: list[Persona] | None = None,
    text: ReportText | None = None,
) -> Blueprint:
    """Measure, lay out and paginate the blueprint for a frame of (width, height).

    ``poster``: the whole map on one page at scale 1 (``frame`` is ignored; the caller
    sizes the page with :func:`poster_size`), scaled down only past
    :data:`MAX_PAGE_SIDE`. ``step_ids`` / ``lane_ids`` restrict the grid (None: all).
    ``text`` is the report's language (badges are measured in it); English by default.
    """
    text = text or ReportText()
    planner = CardPlanner(fonts, text)
    personas = doc.personas if personas is None else personas
    notes: list[str] = []
    pages: list[PagePlan] = []
    if poster:
        whole = MapLayout(doc, planner, STYLE, lane_ids=lane_ids, step_ids=step_ids)
        room = MAX_PAGE_SIDE - 120.0  # margins, page title, legend and footer
        scale = min(1.0, room / max(whole.width, 1.0), room / max(whole.height, 1.0))
        if scale < 1.0:
            notes.append(text(
                "poster: the map is larger than the biggest PDF page (200 in a side); it is scaled to {scale}",
                scale=f"{scale:.0%}",
            ))
        pages.append(PagePlan([Slice(whole, [lane.id for lane in whole.lanes])], scale))
        return _finish(doc, pages, planner, personas, notes, whole.height * scale)
    assert frame is not None
    frame_w, frame_h = frame
    avail_h = frame_h - PAGE_TITLE_HEIGHT - LEGEND_HEIGHT
    if fit:
        layout, scale, measure = _fit_layout(doc, planner, lane_ids, step_ids, frame_w, avail_h)
        if layout.steps and scale * smallest_text(measure) >= MIN_TYPE_SIZE:
            if measure.desc_lines < planner.desc_lines:
                notes.append(text(
                    "--fit: to stay readable on one page, cards show {lines} description lines; "
                    "the full text is in the appendix",
                    lines=measure.desc_lines,
                ) if measure.desc_lines else text(
                    "--fit: to stay readable on one page, cards show their titles only; "
                    "descriptions are in the appendix"
                ))
            planner = measure
            pages.append(PagePlan([Slice(layout, [lane.id for lane in layout.lanes])], scale))
        else:
            notes.append(text(
                "--fit: one page would need a scale of {scale}, which puts card text below {size} pt; "
                "the blueprint is split across pages instead",
                scale=f"{scale:.0%}", size=f"{MIN_TYPE_SIZE:g}",
            ))
    if not pages:
        visible = MapLayout(doc, planner, STYLE, lane_ids=lane_ids, step_ids=step_ids) if step_ids is not None else None
        all_steps = [s.id for s in (visible.steps if visible is not None else doc.steps())]
        room = frame_w - STYLE.lane_header_width
        per_page = max(1, int(room // STYLE.column_width))
        groups = _column_groups(doc, all_steps, per_page)
        # Each group's columns share the page's width (a stage kept whole on a page may
        # leave fewer columns than fit: they grow, up to MAX_COLUMN_WIDTH).
        layouts = [
            MapLayout(doc, planner, replace(STYLE, column_width=min(MAX_COLUMN_WIDTH, max(
                STYLE.column_width, room / max(1, len(group))))), lane_ids=lane_ids, step_ids=group)
            for group in groups or [[]]
        ]
        pages = _flow(layouts, avail_h)
        scaled = [page.scale for page in pages if page.scale < 1.0]
        if scaled:
            notes.append(text(
                "{count} blueprint pages scaled down (to {scale} at the smallest): a lane row is taller than a page",
                count=len(scaled), scale=f"{min(scaled):.0%}",
            ))
    return _finish(doc, pages, planner, personas, notes, avail_h)


def _finish(doc, pages, planner, personas, notes, available: float) -> Blueprint:
    seen: set[str] = set()
    stage_of_step = MapIndex(doc).stage_of_step
    for number, page in enumerate(pages, start=1):
        page.number, page.of = number, len(pages)
        for piece in page.slices:
            for step in piece.layout.steps:
                stage = stage_of_step[step.id]
                if stage.id in seen and stage.id not in piece.new_stages:
                    piece.continued_stages.add(stage.id)
                elif stage.id not in seen:
                    seen.add(stage.id)
                    piece.new_stages.append(stage.id)
    appendix = _number_cut_cards(pages, planner)
    return Blueprint(pages, planner, list(personas), notes, appendix, available)


def _number_cut_cards(pages: list[PagePlan], planner: CardPlanner) -> list[CardPlan]:
    out: list[CardPlan] = []
    for page in pages:
        for piece in page.slices:
            for lane_id in piece.lane_ids:
                for step in piece.layout.steps:
                    for card_id in piece.layout.card_ids(lane_id, step.id):
                        plan = planner.plans[card_id]
                        if plan.cut and plan.ref is None:
                            plan.ref = f"A{len(out) + 1}"
                            out.append(plan)
    return out


# -- drawing ---------------------------------------------------------------------------


_COLOR_OPS: dict[tuple[object, str], str] = {}
_PAINT = {(True, True): "B", (True, False): "f", (False, True): "S", (False, False): "n"}


def _color(color) -> Color:
    return color if isinstance(color, Color) else _hex(color)


_HEX: dict[str, Color] = {}


def _hex(text: str) -> Color:
    color = _HEX.get(text)
    if color is None:
        color = _HEX[text] = HexColor(text)
    return color


def _color_op(color, op: str) -> str:
    """The PDF operator setting ``color`` (hex text or reportlab colour): ``op`` rg or RG."""
    key = (color, op)
    code = _COLOR_OPS.get(key)
    if code is None:
        c = _color(color)
        code = _COLOR_OPS[key] = f"{c.red:.4g} {c.green:.4g} {c.blue:.4g} {op}"
    return code


def _f(value: float) -> str:
    return f"{value:.2f}"


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    """A closed rounded-rectangle path (reportlab's ``roundRect`` curve, y up)."""
    t = 0.4472 * r  # reportlab's Bézier factor, so the corners look the same
    x2, y2 = x + w, y + h
    return _ROUND_RECT % (
        x + r, y, x2 - r, y,
        x2 - t, y, x2, y + t, x2, y + r, x2, y2 - r,
        x2, y2 - t, x2 - t, y2, x2 - r, y2, x + r, y2,
        x + t, y2, x, y2 - t, x, y2 - r, x, y + r,
        x, y + t, x + t, y, x + r, y,
    )


#: The path of :func:`_round_rect`, numbers at two decimals like :func:`_f`, in one
#: format operation (a call of ``_f`` per number was 28 calls per card).
_ROUND_RECT = (
    "%.2f %.2f m %.2f %.2f l "
    "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l "
    "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l "
    "%.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l "
    "%.2f %.2f %.2f %.2f %.2f %.2f c h"
)


class _Pen:
    """Draws in layout coordinates (y down) onto a reportlab canvas (y up).

    Every shape is one literal of PDF operators inside ``q … Q``, so its colours,
    width and dash apply to it alone: going through reportlab (``saveState``, colour
    objects, ``roundRect``'s number formatting) for each of ~10 shapes per card was a
    third of the blueprint's drawing time. Text collects in a :class:`TextLayer`,
    written out before the next shape (so it stays on top of what it was drawn over)
    and by :meth:`flush`, which a caller must call before changing the canvas's
    transform or drawing on the canvas directly.
    """

    def __init__(self, canvas, fonts: PdfFonts):
        self.c = canvas
        self.fonts = fonts
        self.layer = TextLayer(canvas, fonts)

    def flush(self) -> None:
        self.layer.close()

    def _shape(self, ops: list[str]) -> None:
        self.layer.close()
        self.c.addLiteral(" ".join(ops))

    def rect(self, x, y, w, h, *, fill=None, stroke=None, width=0.5, dash=None, radius=0.0):
        ops = ["q"]
        if fill is not None:
            ops.append(_color_op(fill, "rg"))
        if stroke is not None:
            ops += [_color_op(stroke, "RG"), f"{width:g} w"]
            if dash:
                ops.append(_dash_op(dash))
        bottom = -(y + h)
        ops.append(_round_rect(x, bottom, w, h, radius) if radius else f"{_f(x)} {_f(bottom)} {_f(w)} {_f(h)} re")
        ops += [_PAINT[fill is not None, stroke is not None], "Q"]
        self._shape(ops)

    def line(self, x1, y1, x2, y2, *, color=GRID, width=0.5, dash=None):
        ops = ["q", _color_op(color, "RG"), f"{width:g} w"]
        if dash:
            ops.append(_dash_op(dash))
        ops += [f"{_f(x1)} {_f(-y1)} m {_f(x2)} {_f(-y2)} l S", "Q"]
        self._shape(ops)

    def text(self, x, baseline, text, size, color=INK) -> float:
        return self.layer.draw(x, -baseline, text, size, _color(color))


def _dash_op(dash) -> str:
    return f"[{' '.join(f'{d:g}' for d in dash)}] 0 d"


def _shorten_lines(measure: TextMeasure, lines: list[str], width: float, max_lines: int) -> list[str]:
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], measure.shorten(lines[max_lines - 1], width)]


def _end_line(measure: TextMeasure, line: str, width: float, cut: bool, suffix: str) -> str:
    """The last visible line of a text: "…" when the text goes on, then room for the
    reference ``suffix`` (drawn separately, in the accent colour)."""
    if cut or (suffix and measure.width(line + suffix) > width):
        return measure.shorten(line, width, suffix)[: -len(suffix) or None]
    return line


class BlueprintPainter:
    """Draws one :class:`PagePlan` into a box of the canvas."""

    def __init__(self, doc: MapDocument, blueprint: Blueprint, fonts: PdfFonts, text: ReportText | None = None):
        self.doc = doc
        self.t = text or blueprint.planner.text
        self.bp = blueprint
        self.fonts = fonts
        self.index = MapIndex(doc)
        self.colors = persona_colors(blueprint.personas)
        self.small = TextMeasure(fonts, 6.0)
        self.header = TextMeasure(fonts, 7.0)
        self.stage = TextMeasure(fonts, 8.5)
        self.lane = TextMeasure(fonts, 7.5)
        self._forms: set[str] = set()

    def draw_page(self, canvas, page: PagePlan, x0: float, top: float, width: float, height: float):
        """Draw the page title, the grid's slices and the legend into the given box."""
        pen = _Pen(canvas, self.fonts)
        canvas.saveState()
        canvas.translate(x0, top)
        pen.text(0, 11, self.page_title(page), 9, MUTED)
        pen.flush()
        canvas.translate(0, -PAGE_TITLE_HEIGHT)
        canvas.saveState()
        canvas.scale(page.scale, page.scale)
        for piece in page.slices:
            canvas.saveState()
            canvas.translate(0, -piece.top)
            self._draw_grid(pen, piece)
            pen.flush()
            canvas.restoreState()
        canvas.restoreState()
        canvas.translate(0, -(height - PAGE_TITLE_HEIGHT - LEGEND_HEIGHT))
        self._legend(canvas, width)
        canvas.restoreState()

    def page_title(self, page: PagePlan) -> str:
        """"Blueprint — page 2 of 5 · steps 1–6 of 13 · lanes 8–10 of 10 · steps 7–12 …":
        what each slice of the page shows."""
        t = self.t
        title = t("Blueprint — page {number} of {of}", number=page.number, of=page.of)
        for piece in page.slices:
            steps = piece.layout.steps
            if steps:
                first_step = self.index.step_order[steps[0].id] + 1
                title += t(" · steps {first}–{last} of {total}", first=first_step,
                           last=first_step + len(steps) - 1, total=len(self.index.steps))
            lanes = piece.layout.lanes
            if piece.lane_ids and len(piece.lane_ids) < len(lanes):
                first_lane = [lane.id for lane in lanes].index(piece.lane_ids[0]) + 1
                title += t(" · lanes {first}–{last} of {total}", first=first_lane,
                           last=first_lane + len(piece.lane_ids) - 1, total=len(lanes))
        if page.scale < 1:
            title += t(" · scaled to {scale}", scale=f"{page.scale:.0%}")
        return title

    def _legend(self, canvas, width: float) -> None:
        """The legend, the same on every page: drawn once as a form, then reused."""
        name = f"cxm-legend-{width:g}"
        if name not in self._forms:
            self._forms.add(name)
            page_w, page_h = canvas._pagesize
            # The box only clips: the legend sits at y -30 … 0 and may run long.
            canvas.beginForm(name, lowerx=-page_w, lowery=-page_h, upperx=2 * page_w, uppery=page_h)
            pen = _Pen(canvas, self.fonts)
            self._draw_legend(pen, width)
            pen.flush()
            canvas.endForm()
        canvas.doForm(name)

    # the grid slice ---------------------------------------------------------------

    def _row_shift(self, page: Slice) -> float:
        first = page.layout.row(page.lane_ids[0]).y if page.lane_ids else STYLE.grid_top
        return first - STYLE.grid_top

    def _draw_grid(self, pen: _Pen, page: Slice) -> None:
        layout = page.layout
        shift = self._row_shift(page)
        rows = [layout.row(lane_id) for lane_id in page.lane_ids]
        bottom = (rows[-1].bottom - shift) if rows else STYLE.grid_top
        width = layout.width
        # Stage headers.
        for k, stage in enumerate(self.doc.stages):
            rect = layout.stage_header(stage.id)
            if rect is None:
                continue
            fill = stage.color or STAGE_FILLS[k % 2]
            pen.rect(rect.x, rect.y, rect.w, rect.h - 1, fill=fill)
            if stage.id in page.new_stages:
                key = f"stage-{stage.id}"
                pen.c.bookmarkHorizontal(key, rect.x, -rect.y + 24)
                pen.c.addOutlineEntry(pdf_string(stage.name or self.t("Stage {number}", number=k + 1)), key, level=1)
            name = stage.name or self.t("Stage {number}", number=k + 1)
            suffix = self.t(" (continued)") if stage.id in page.continued_stages else ""
            label = name + suffix
            if self.stage.width(label) > rect.w - 8:
                label = self.stage.shorten(name, rect.w - 8, suffix)
            pen.text(rect.x + 4, rect.y + 13.5, label, 8.5, ink_on(fill))
        # Step headers.
        for step in layout.steps:
            rect = layout.step_header(step.id)
            pen.rect(rect.x, rect.y, rect.w, rect.h, fill=HEADER_FILL, stroke=GRID)
            lines = self.header.wrap(step.name or "—", rect.w - 8)
            lines = _shorten_lines(self.header, lines, rect.w - 8, 2)
            base = rect.y + (8.5 if len(lines) > 1 else 13.5)
            for i, line in enumerate(lines):
                pen.text(rect.x + 4, base + i * 8.2, line, 7.0)
        # Rows: lane headers, cells, cards.
        for lane_id, row in zip(page.lane_ids, rows):
            y = row.y - shift
            lane = self.index.lanes[lane_id]
            pen.rect(0, y, STYLE.lane_header_width, row.h, fill=HEADER_FILL, stroke=GRID)
            pen.rect(STYLE.lane_header_width, y, width - STYLE.lane_header_width, row.h, stroke=GRID)
            lines = self.lane.wrap(lane.name or "—", STYLE.lane_header_width - 10)
            max_lines = max(1, int((row.h - 16) // 9))
            lines = _shorten_lines(self.lane, lines, STYLE.lane_header_width - 10, max_lines)
            for i, line in enumerate(lines):
                pen.text(5, y + 14 + i * 9, line, 7.5)
            kind_label = self.t.lane_kind(lane.kind)
            if kind_label.casefold() != (lane.name or "").strip().casefold():  # "触点" under "触点" says nothing
                pen.text(5, y + 14 + len(lines) * 9, kind_label, 5.8, MUTED)
            if lane.kind is LaneKind.EMOTIONS:
                self._draw_persona_key(pen, y + 26 + len(lines) * 9, y + row.h)
            for step in layout.steps:
                col = layout.column(step.id)
                pen.line(col.x, y, col.x, y + row.h)
            if lane.kind is LaneKind.EMOTIONS:
                self._draw_emotions(pen, layout, lane_id, shift)
            for step in layout.steps:
                for card_id in layout.card_ids(lane_id, step.id):
                    rect = layout.card_rect(card_id)
                    self._draw_card(pen, self.bp.planner.plans[card_id], rect.x, rect.y - shift, rect.w, rect.h)
        # Blueprint lines on top of the row borders, labelled in the lane-header column.
        row_at = {layout.row(lane_id).y: k for k, lane_id in enumerate(page.lane_ids)}
        for line, y in layout.blueprint_lines():
            if y not in row_at:
                continue  # the lane below the line is not on this page
            # At the top of a page (the lane above is on the previous one) the line is
            # still drawn, on the header's edge: the reader sees which side the rows are.
            yy = y - shift
            pen.line(0, yy, width, yy, color="#1F3A5F", width=1.4, dash=(5, 2.5))
            label = self.t.line(line)
            w = self.small.width(label) + 6
            lx = STYLE.lane_header_width - w - 3
            pen.rect(lx, yy - 4.5, w, 9, fill="#1F3A5F", radius=2)
            pen.text(lx + 3, yy + 2.1, label, 6.0, white)
        pen.rect(0, 0, width, bottom, stroke="#9AA1AA", width=0.8)

    def _draw_persona_key(self, pen: _Pen, top: float, bottom: float) -> None:
        """Which colour is which persona, under the emotion lane's name: names wrap
        (two lines at most) rather than being cut."""
        width = STYLE.lane_header_width - 22
        for persona in self.bp.personas:
            if top + 8 > bottom:
                break
            pen.line(5, top - 2.2, 13, top - 2.2, color=self.colors[persona.id], width=1.6)
            lines = self.small.wrap(persona.name or self.t("Persona"), width)
            room = max(1, int((bottom - top) // 7))
            lines = _shorten_lines(self.small, lines, width, min(2, room))
            for line in lines:
                pen.text(16, top, line, 6.0)
                top += 7
            top += 1.5

    def _draw_emotions(self, pen: _Pen, layout: MapLayout, lane_id: str, shift: float) -> None:
        scale = self.doc.scale
        band = layout.emotion_band(lane_id)
        ys = {s: layout.emotion_y(lane_id, s) - shift for s in (scale.min, scale.max)}
        neutral = layout.emotion_y(lane_id, scale.neutral) - shift
        pen.line(band.x, neutral, band.right, neutral, color="#9E9E9E", width=0.6, dash=(2, 2))
        for score, y in ys.items():
            pen.line(band.x, y, band.right, y, color="#E3E5E8", width=0.4)
            label = f"{score:+d}" if scale.min < 0 else f"{score}"
            pen.text(STYLE.lane_header_width - 4 - self.small.width(label), y + 2, label, 6.0, MUTED)
        x_of = {s.id: layout.step_center_x(s.id) for s in layout.steps}
        pen.flush()
        c = pen.c
        count = len(self.bp.personas)
        for k, persona in enumerate(self.bp.personas):
            color = HexColor(self.colors[persona.id])
            # Equal scores would draw one curve over the other: each persona a little apart.
            lift = (k - (count - 1) / 2) * 1.6
            for curve, dash in ((persona.as_is, None), (persona.to_be, (3, 2))):
                if not curve:
                    continue
                order = {s.id: i for i, s in enumerate(layout.steps)}
                pts = sorted(
                    (order[p.step], x_of[p.step], layout.emotion_y(lane_id, p.score) - shift + lift)
                    for p in curve
                    if p.step in x_of
                )
                c.saveState()
                c.setStrokeColor(color)
                c.setFillColor(color)
                c.setLineWidth(1.3)
                if dash:
                    c.setDash(*dash)
                # Join only points of adjacent steps: a step without a point is a gap.
                for (i1, x1, y1), (i2, x2, y2) in zip(pts, pts[1:]):
                    if i2 == i1 + 1:
                        c.line(x1, -y1, x2, -y2)
                if dash is None:
                    for _, x, y in pts:
                        c.circle(x, -y, 1.8, stroke=0, fill=1)
                c.restoreState()

    def _draw_card(self, pen: _Pen, plan: CardPlan, x, y, w, h) -> None:
        card = plan.card
        fill, edge = KIND_FILL[card.kind]
        edge = card.color or edge
        pen.rect(x, y, w, h, fill=fill, stroke=edge, width=0.7, dash=EVIDENCE_DASH[card.evidence], radius=2)
        pen.rect(x, y, STRIP, h, fill=edge)
        tx = x + STRIP + CARD_PAD
        inner = w - STRIP - 2 * CARD_PAD
        ty = y + CARD_PAD
        planner = self.bp.planner
        suffix = f" {plan.ref}" if plan.ref else ""
        titles = plan.title_lines or ["—"]
        ref_in_title = not plan.desc_lines
        for i, line in enumerate(titles):
            ty += TITLE_LEADING
            last = i == len(titles) - 1
            if last:
                line = _end_line(planner.title, line, inner, plan.title_cut, suffix if ref_in_title else "")
            x = tx + inner - planner.title.width(line + (suffix if last and ref_in_title else "")) if starts_right_to_left(line) else tx
            end = pen.text(x, ty - 2, line, TITLE_SIZE, INK if plan.title_lines else MUTED)
            if last and ref_in_title and suffix:
                pen.text(end, ty - 2, suffix, TITLE_SIZE, REF_INK)
        if plan.desc_lines:
            ty += 1.5
            for i, line in enumerate(plan.desc_lines):
                ty += DESC_LEADING
                last = i == len(plan.desc_lines) - 1
                if last:
                    line = _end_line(planner.desc, line, inner, plan.desc_cut, suffix)
                x = tx + inner - planner.desc.width(line + (suffix if last else "")) if starts_right_to_left(line) else tx
                end = pen.text(x, ty - 1.8, line, DESC_SIZE, "#444444")
                if last and suffix:
                    pen.text(end, ty - 1.8, suffix, DESC_SIZE, REF_INK)
        if plan.badge_rows:
            ty += 2
            for row in plan.badge_rows:
                bx = tx
                for badge in row:
                    bw = self.bp.planner.badge.width(badge.text) + 4
                    pen.rect(bx, ty, bw, BADGE_HEIGHT, fill=badge.fill, radius=1.5)
                    pen.text(bx + 2, ty + 5.9, badge.text, BADGE_SIZE, badge.ink)
                    bx += bw + 2
                ty += BADGE_HEIGHT + 1.5

    # legend ----------------------------------------------------------------------------

    def _draw_legend(self, pen: _Pen, width: float) -> None:
        t = self.t
        y = 10.0
        x = 0.0
        # Each label is followed where it ends (Chinese labels are narrower than English).
        x = max(26.0, pen.text(x, y + 5.5, t("Cards:"), 6.5, MUTED) + 4)
        for kind in KIND_FILL:  # every card kind, in the legend's order
            fill, edge = KIND_FILL[kind]
            pen.rect(x, y, 10, 7, fill=fill, stroke=edge, width=0.6)
            pen.rect(x, y, 2, 7, fill=edge)
            x = pen.text(x + 13, y + 5.8, t.kind(kind), 6.5) + 8
        x += 6
        x = pen.text(x, y + 5.8, t("Border:"), 6.5, MUTED) + 4
        for evidence, label in ((Evidence.OBSERVED, "observed"), (Evidence.ASSUMED, "assumed"), (Evidence.PROPOSED, "proposed")):
            pen.rect(x, y, 14, 7, fill="#FFFFFF", stroke="#555555", width=0.7, dash=EVIDENCE_DASH[evidence])
            x = pen.text(x + 17, y + 5.8, t(label), 6.5) + 8
        y += 12
        x = 0.0
        x = max(26.0, pen.text(x, y + 5.5, t("Marks:"), 6.5, MUTED) + 4)
        for text, fill in ((t("✕ Fail"), "#C62828"), (t.wait(5), "#E08E0B"), (t("◇ Decision"), "#5E35B1")):
            bw = self.bp.planner.badge.width(text) + 4
            pen.rect(x, y, bw, BADGE_HEIGHT, fill=fill, radius=1.5)
            pen.text(x + 2, y + 5.9, text, BADGE_SIZE, white)
            x += bw + 4
        x += 4
        x = pen.text(x, y + 5.8, t("Kano:"), 6.5, MUTED) + 4
        for kano in KanoCategory:
            text = kano_badge_text(kano, t)
            bw = self.bp.planner.badge.width(text) + 4
            pen.rect(x, y, bw, BADGE_HEIGHT, fill=KANO_COLOR[kano], radius=1.5)
            pen.text(x + 2, y + 5.9, text, BADGE_SIZE, white)
            x += bw + 3
        x += 4
        rest = t("S/F severity/frequency 1–5 · A1 = full text in the appendix")
        if self.bp.personas:
            rest += t(" · emotion: solid as-is, dashed to-be")
        pen.text(x, y + 5.8, rest, 6.0, MUTED)
