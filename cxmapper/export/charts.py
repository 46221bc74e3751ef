"""The emotion curve chart (matplotlib, Agg backend, no window).

This module owns drawing every persona's emotion curve across the map's steps: steps
on x grouped under their stages, the map's own scale on y with the neutral line, as-is
solid and to-be dashed, one colour per persona; a long journey in panels of at most
``PANEL_STEPS`` steps. It returns matplotlib figures; the PDF embeds them as pictures
(svglib is not available for a vector embed).

matplotlib is imported inside the function: importing this module costs nothing, and a
command that never draws a chart never loads matplotlib. The trap: pyplot must not be
used (it may pick an interactive backend and keeps global figures alive); a bare
``Figure`` with an Agg canvas needs neither.
"""

from __future__ import annotations

from cxmapper.model.document import MapDocument, Persona
from cxmapper.textwidth import clip, display_width

#: Marker per persona, in order: two personas with equal scores draw one curve over the
#: other, so each also gets its own marker and a small vertical offset.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
#: Widest legend line (half-width columns); longer names wrap, never cut.
LEGEND_COLUMNS = 26


def wrap_columns(text: str, columns: int = LEGEND_COLUMNS) -> str:
    """``text`` broken into lines of at most ``columns`` half-width columns (between
    words, or between any two CJK characters; inside a longer word when it must)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if display_width(candidate) <= columns:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if display_width(line + char) > columns:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return "\n".join(lines)

#: Persona colours when a persona has none (colour-blind-safe Okabe–Ito order).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def persona_colors(personas: list[Persona]) -> dict[str, str]:
    """A colour per persona id: its own, else the next palette colour."""
    return {p.id: p.color or PALETTE[i % len(PALETTE)] for i, p in enumerate(personas)}


def figure_image(figure, dpi: float):
    """``figure`` rendered once at ``dpi`` as an RGB PIL image, for the PDF to embed.

    Cheaper than PNG bytes: ``savefig`` draws the figure twice when a layout engine
    is set, then encodes a PNG that reportlab decodes again, and its alpha channel
    made reportlab add a soft mask.
    """
    from PIL import Image

    figure.set_dpi(dpi)
    canvas = figure.canvas
    canvas.draw()
    size = canvas.get_width_height(physical=True)
    return Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")


#: Most steps one panel of the emotion chart shows: a step's rotated label needs about
#: 0.4 in of the panel's width at 7 pt. A longer journey is drawn as several panels on
#: one x scale, one under the other (100 steps in one panel made the labels of
#: neighbouring steps and stages overlap into an unreadable band).
PANEL_STEPS = 20
#: Panels drawn in one figure; the report gives each figure its own place on a page.
PANELS_PER_FIGURE = 2
_PANEL_HEIGHT_IN = 2.9
#: Width (inches) of the plot area of a 10-inch figure, beside the y axis and legend.
_PLOT_WIDTH_IN = 7.4


def panel_ranges(stage_sizes: list[int], limit: int = PANEL_STEPS) -> list[tuple[int, int]]:
    """Step ranges ``(first, end)`` (end exclusive) of the chart's panels, for stages of
    ``stage_sizes`` steps in order: each at most ``limit`` steps, together every step
    once. A panel ends at a stage boundary unless a stage alone is longer than
    ``limit``; such a stage fills whole panels and its rest goes on with the next."""
    ranges: list[tuple[int, int]] = []
    first = end = 0
    for size in stage_sizes:
        if end > first and end + size - first > limit:
            ranges.append((first, end))
            first = end
        end += size
        while end - first > limit:
            ranges.append((first, first + limit))
            first += limit
    if end > first:
        ranges.append((first, end))
    return ranges


def emotion_chart_figures(
    doc: MapDocument,
    personas: list[Persona] | None = None,
    *,
    width_in: float = 10.0,
    dpi: int = 200,
    text=None,
    limit: int = PANEL_STEPS,
) -> list:
    """The emotion curves of ``personas`` (default: all) over all steps, as matplotlib
    Figures with an Agg canvas: one figure of one panel (10 × 4.2 in) when the journey
    has at most ``limit`` steps, else panels of at most ``limit`` steps (see
    :func:`panel_ranges`) on one x scale, :data:`PANELS_PER_FIGURE` to a figure.

    A step without a point is a gap in the curve (the line breaks, it is not
    interpolated); a curve crossing from one panel to the next breaks there too.
    ``text`` is the report's ``ReportText`` (English by default). Labels pass through
    the configured font's ``printable`` so no glyph is ever missing, and are cut to the
    room their step or stage has.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from cxmapper.export.fonts import configure_matplotlib
    from cxmapper.export.report_text import ReportText

    chart = _EmotionChart(doc, personas, text or ReportText(), configure_matplotlib())
    ranges = panel_ranges([len(stage.steps) for stage in doc.stages], limit) or [(0, 0)]
    if len(ranges) == 1:
        groups, span = [ranges], max(ranges[0][1], 1)
    else:
        groups = [ranges[i : i + PANELS_PER_FIGURE] for i in range(0, len(ranges), PANELS_PER_FIGURE)]
        span = max(end - first for first, end in ranges)
    figures = []
    for group in groups:
        height = 4.2 if len(ranges) == 1 else _PANEL_HEIGHT_IN * len(group) + 0.2
        fig = Figure(figsize=(width_in, height), dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(len(group), 1, squeeze=False)[:, 0]
        for ax, (first, end) in zip(axes, group, strict=True):
            chart.panel(ax, first, end, span)
        if chart.handles:
            # One legend for the figure, beside the panels: each panel keeps the same width.
            fig.legend(handles=chart.handles, loc="outside right upper", fontsize=8, frameon=False)
        figures.append(fig)
    return figures


class _EmotionChart:
    """Draws the panels of one emotion chart; what all panels share is worked out once."""

    def __init__(self, doc: MapDocument, personas, t, fonts):
        self.doc, self.t, self.fonts = doc, t, fonts
        personas = doc.personas if personas is None else personas
        self.steps = doc.steps()
        colors = persona_colors(personas)
        x_of = {s.id: i for i, s in enumerate(self.steps)}
        from matplotlib.lines import Line2D

        #: (colour, line style, {x: score or None}) per drawn curve, and its legend entry
        self.curves = []
        self.handles = []
        scale = doc.scale
        step = (scale.max - scale.min) * 0.012  # the offset between personas' curves
        for k, persona in enumerate(personas):
            marker = MARKERS[k % len(MARKERS)]
            offset = (k - (len(personas) - 1) / 2) * step
            for curve, style, suffix in ((persona.as_is, "-", ""), (persona.to_be, "--", t(" (to-be)"))):
                if curve is None:
                    continue
                name = fonts.printable(wrap_columns((persona.name or t("Persona")) + suffix))
                xs, ys = _with_gaps(curve, x_of)
                if any(y is not None for y in ys):
                    points = {x: None if y is None else y + offset for x, y in zip(xs, ys)}
                    self.curves.append((colors[persona.id], style, points, marker))
                    self.handles.append(Line2D([], [], color=colors[persona.id], linestyle=style, marker=marker,
                                               markersize=4, label=name))
        #: (first step, end step, name) per stage
        self.stages = []
        first = 0
        for k, stage in enumerate(doc.stages):
            self.stages.append((first, first + len(stage.steps), stage.name or t("Stage {number}", number=k + 1)))
            first += len(stage.steps)

    def panel(self, ax, first: int, end: int, span: int) -> None:
        """Steps ``first`` to ``end`` (exclusive) on ``ax``, whose x axis holds ``span`` steps."""
        t, fonts, scale = self.t, self.fonts, self.doc.scale
        ax.set_xlim(first - 0.5, first + span - 0.5)
        pad = (scale.max - scale.min) * 0.08
        ax.set_ylim(scale.min - pad, scale.max + pad)
        ax.axhline(scale.neutral, color="#888888", linewidth=0.8, zorder=1)
        ax.set_yticks(range(scale.min, scale.max + 1))
        ax.set_ylabel(t("emotion"))
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.6, zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

        # Stage bands: alternate a light tint, stage names above the plot, cut to the
        # band's width (a half-width column is about 4.6 pt at these sizes).
        step_pt = _PLOT_WIDTH_IN * 72 / span
        label_size = 7 if span > 12 else 8
        for k, (s_first, s_end, name) in enumerate(self.stages):
            lo, hi = max(s_first, first), min(s_end, end)
            if lo >= hi:
                continue
            if k % 2 == 0:
                ax.axvspan(lo - 0.5, hi - 0.5, color="#f2f4f7", zorder=0, linewidth=0)
            if lo == s_first and lo > first:
                ax.axvline(lo - 0.5, color="#c8ccd2", linewidth=0.8, zorder=1)
            label = name if lo == s_first else name + t(" (continued)")
            columns = min(48, max(2, int((hi - lo) * step_pt / 4.6)))
            ax.text(
                (lo + hi - 1) / 2,
                1.01,
                fonts.printable(clip(label, columns)),
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="bottom",
                fontsize=label_size + 1,
                color="#333333",
            )

        rotate = span > 6
        ax.set_xticks(range(first, end))
        ax.set_xticklabels(
            [fonts.printable(clip(self.steps[i].name or f"{i + 1}", 24 if rotate else 20)) for i in range(first, end)],
            rotation=30 if rotate else 0,
            ha="right" if rotate else "center",
            fontsize=label_size,
        )

        for color, style, points, marker in self.curves:
            xs = range(first, end)
            ys = [points.get(x) for x in xs]
            if any(y is not None for y in ys):
                ax.plot(
                    list(xs),
                    [float("nan") if y is None else y for y in ys],
                    style,
                    color=color,
                    linewidth=1.8,
                    marker=marker,
                    markersize=3.8 if style == "-" else 3.0,
                    markerfacecolor=color if style == "-" else "white",
                    zorder=3,
                )


def _with_gaps(curve, x_of: dict[str, int]) -> tuple[list[int], list[float | None]]:
    """x positions with a None score wherever a step between points has no point."""
    by_x = {x_of[p.step]: p.score for p in curve if p.step in x_of}
    if not by_x:
        return [], []
    xs = list(range(min(by_x), max(by_x) + 1))
    return xs, [by_x.get(x) for x in xs]
