"""The emotion curve chart (matplotlib, Agg backend, no window).

This module owns drawing every persona's emotion curve across the map's steps: steps
on x grouped under their stages, the map's own scale on y with the neutral line, as-is
solid and to-be dashed, one colour per persona. It returns PNG bytes; the PDF embeds
them as an image (svglib is not available for a vector embed).

matplotlib is imported inside the function: importing this module costs nothing, and a
command that never draws a chart never loads matplotlib. The trap: pyplot must not be
used (it may pick an interactive backend and keeps global figures alive); a bare
``Figure`` with an Agg canvas needs neither.
"""

from __future__ import annotations

import io

from cxmapper.model.document import MapDocument, Persona

#: Persona colours when a persona has none (colour-blind-safe Okabe–Ito order).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def persona_colors(personas: list[Persona]) -> dict[str, str]:
    """A colour per persona id: its own, else the next palette colour."""
    return {p.id: p.color or PALETTE[i % len(PALETTE)] for i, p in enumerate(personas)}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def emotion_chart_png(doc: MapDocument, personas: list[Persona] | None = None, *, dpi: int = 200, **options) -> bytes:
    """PNG bytes of :func:`emotion_chart_figure` (same options)."""
    figure = emotion_chart_figure(doc, personas, dpi=dpi, **options)
    buf = io.BytesIO()
    figure.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


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


def emotion_chart_figure(
    doc: MapDocument,
    personas: list[Persona] | None = None,
    *,
    width_in: float = 10.0,
    height_in: float = 4.2,
    dpi: int = 200,
    text=None,
):
    """The emotion curves (a matplotlib Figure with an Agg canvas) of ``personas`` (default: all) over all steps.

    A step without a point is a gap in the curve (the line breaks, it is not
    interpolated). ``text`` is the report's ``ReportText`` (English by default). Labels pass through the configured font's ``printable`` so no glyph
    is ever missing.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from cxmapper.export.fonts import configure_matplotlib

    from cxmapper.export.report_text import ReportText

    t = text or ReportText()
    fonts = configure_matplotlib()
    personas = doc.personas if personas is None else personas
    steps = doc.steps()
    x_of = {s.id: i for i, s in enumerate(steps)}
    scale = doc.scale

    fig = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    n = max(len(steps), 1)
    ax.set_xlim(-0.5, n - 0.5)
    pad = (scale.max - scale.min) * 0.08
    ax.set_ylim(scale.min - pad, scale.max + pad)
    ax.axhline(scale.neutral, color="#888888", linewidth=0.8, zorder=1)
    ax.set_yticks(range(scale.min, scale.max + 1))
    ax.set_ylabel(t("emotion"))
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    # Stage bands: alternate a light tint, stage names above the plot.
    first = 0
    label_size = 7 if n > 12 else 8
    for k, stage in enumerate(doc.stages):
        last = first + len(stage.steps) - 1
        if k % 2 == 0:
            ax.axvspan(first - 0.5, last + 0.5, color="#f2f4f7", zorder=0, linewidth=0)
        if k:
            ax.axvline(first - 0.5, color="#c8ccd2", linewidth=0.8, zorder=1)
        ax.text(
            (first + last) / 2,
            1.01,
            fonts.printable(_short(stage.name or t("Stage {number}", number=k + 1), 24)),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=label_size + 1,
            color="#333333",
        )
        first = last + 1

    ax.set_xticks(range(len(steps)))
    ax.set_xticklabels(
        [fonts.printable(_short(s.name or f"{i + 1}", 20 if n > 6 else 16)) for i, s in enumerate(steps)],
        rotation=30 if n > 6 else 0,
        ha="right" if n > 6 else "center",
        fontsize=label_size,
    )

    colors = persona_colors(personas)
    handles = []
    for persona in personas:
        color = colors[persona.id]
        name = fonts.printable(_short(persona.name or t("Persona"), 30))
        for curve, style, suffix in ((persona.as_is, "-", ""), (persona.to_be, "--", t(" (to-be)"))):
            if curve is None:
                continue
            xs, ys = _with_gaps(curve, x_of)
            if not any(y is not None for y in ys):
                continue
            ax.plot(
                xs,
                [float("nan") if y is None else y for y in ys],
                style,
                color=color,
                linewidth=1.8,
                marker="o" if style == "-" else None,
                markersize=3.5,
                zorder=3,
            )
            handles.append(Line2D([], [], color=color, linestyle=style, label=name + suffix))
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=8,
            frameon=False,
        )
    return fig


def _with_gaps(curve, x_of: dict[str, int]) -> tuple[list[int], list[float | None]]:
    """x positions with a None score wherever a step between points has no point."""
    by_x = {x_of[p.step]: p.score for p in curve if p.step in x_of}
    if not by_x:
        return [], []
    xs = list(range(min(by_x), max(by_x) + 1))
    return xs, [by_x.get(x) for x in xs]
