"""The emotion chart: one panel for a short journey, panels of at most PANEL_STEPS steps
on one x scale for a long one, every label with room to be read, Chinese drawn."""

import io
import math
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmapper.export import fonts
from cxmapper.export.charts import PANEL_STEPS, PANELS_PER_FIGURE, emotion_chart_figures, panel_ranges
from cxmapper.model.document import EmotionPoint, MapDocument, Persona, Stage, Step
from cxmapper.textwidth import clip, display_width

from .conftest import build_sample_map


@given(st.lists(st.integers(1, 45), max_size=40), st.integers(1, 30))
def test_panel_ranges_cover_every_step_once_in_panels_that_end_at_stages(sizes, limit):
    ranges = panel_ranges(sizes, limit)
    total = sum(sizes)
    assert [i for first, end in ranges for i in range(first, end)] == list(range(total))
    assert all(0 < end - first <= limit for first, end in ranges)
    boundaries = {0}
    for size in sizes:
        boundaries.add(max(boundaries) + size)
    for (first, end), (next_first, _) in zip(ranges, ranges[1:]):
        if end not in boundaries:
            # only a stage longer than a panel is cut, and then the panel is full
            assert end - first == limit
        else:
            # a panel never ends early when the whole next stage would have fitted
            following = min(b for b in boundaries if b > end)
            assert following - first > limit or following - next_first > limit


def test_panel_ranges_examples():
    assert panel_ranges([]) == []
    assert panel_ranges([3, 4], 20) == [(0, 7)]
    assert panel_ranges([12, 12, 5], 20) == [(0, 12), (12, 29)]
    assert panel_ranges([12, 12, 9], 20) == [(0, 12), (12, 24), (24, 33)]
    assert panel_ranges([45], 20) == [(0, 20), (20, 40), (40, 45)]
    assert panel_ranges([2, 45, 3], 20) == [(0, 2), (2, 22), (22, 42), (42, 50)]


def test_clip_counts_chinese_as_two_columns():
    assert clip("认知 Awareness", 40) == "认知 Awareness"
    assert clip("认知阶段", 5) == "认知…"
    assert display_width(clip("Awareness stage", 6)) <= 6
    assert clip("认", 1) == "认…"  # at least one character


def _long_map(stage_sizes: list[int]) -> MapDocument:
    stages, points, n = [], [], 0
    for k, size in enumerate(stage_sizes):
        steps = []
        for _ in range(size):
            steps.append(Step(id=f"st{n}", name=f"第{n}步 Checkout step {n}"))
            points.append(EmotionPoint(step=f"st{n}", score=(n * 7) % 5 - 2))
            n += 1
        stages.append(Stage(id=f"s{k}", name=f"阶段{k} Consideration and comparison", steps=steps))
    personas = [Persona(id="p1", name="李女士", as_is=points, to_be=points[::2])]
    return MapDocument(stages=stages, personas=personas)


def _draw(figure):
    figure.canvas.draw()
    return figure.canvas.get_renderer()


def test_a_long_journey_is_drawn_in_readable_panels_on_one_scale():
    sizes = [3, 4, 2, 30, 4, 3, 2, 4, 3, 4, 2, 3, 4, 3, 2, 4, 3, 4, 2, 3, 4, 3, 2, 2]
    assert sum(sizes) == 100
    doc = _long_map(sizes)
    figures = emotion_chart_figures(doc, dpi=72)
    axes = [ax for figure in figures for ax in figure.axes]
    assert 1 < len(figures) and all(len(f.axes) <= PANELS_PER_FIGURE for f in figures)
    # every step is a tick of exactly one panel, in order, with its own (clipped) name
    ticks = [round(x) for ax in axes for x in ax.get_xticks()]
    assert ticks == list(range(100))
    assert all(len(ax.get_xticks()) <= PANEL_STEPS for ax in axes)
    # one x scale: every panel spans the same number of steps over the same width
    spans = {round(ax.get_xlim()[1] - ax.get_xlim()[0]) for ax in axes}
    assert len(spans) == 1
    for figure in figures:
        renderer = _draw(figure)
        widths = {round(ax.get_window_extent(renderer).width) for ax in figure.axes}
        assert max(widths) - min(widths) <= 1, widths
        for ax in figure.axes:
            # neighbouring rotated step labels stand apart by at least a line of text
            labels = [t for t in ax.get_xticklabels() if t.get_text()]
            x = [ax.transData.transform((tick, 0))[0] for tick in ax.get_xticks()]
            gaps = [b - a for a, b in zip(x, x[1:])]
            angle = math.radians(labels[0].get_rotation())
            line = labels[0].get_fontsize() * figure.dpi / 72 * 1.2
            assert min(gaps) * math.sin(angle) >= line
            # stage names above the panel do not overlap
            stage_boxes = sorted((t.get_window_extent(renderer) for t in ax.texts), key=lambda b: b.x0)
            assert stage_boxes
            assert all(a.x1 <= b.x0 for a, b in zip(stage_boxes, stage_boxes[1:]))
    # the 30-step stage is cut across panels and says so
    names = [t.get_text() for ax in axes for t in ax.texts]
    assert any("(continued)" in name for name in names)
    # the as-is curve keeps each step's score (NaN only where there is no point)
    drawn = {}
    for ax in axes:
        (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "-" and line.get_marker() != "None"]  # as-is
        drawn.update(zip(map(round, line.get_xdata()), line.get_ydata()))
    assert drawn == {n: float((n * 7) % 5 - 2) for n in range(100)}


def test_a_short_journey_is_one_panel_with_the_legend_and_chinese_drawn():
    info = fonts.configure_matplotlib()
    assert info.cjk and info.families[0] == "WenQuanYi Micro Hei"
    doc = build_sample_map()
    doc.stages[0] = doc.stages[0].model_copy(update={"name": "ƀ Ω → 认知"})  # not in WenQuanYi: DejaVu
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (figure,) = emotion_chart_figures(doc, dpi=50)
        buf = io.BytesIO()
        figure.savefig(buf, format="png")
    assert buf.getvalue().startswith(b"\x89PNG")
    assert not [w for w in caught if "missing" in str(w.message).lower()]
    assert len(figure.axes) == 1 and tuple(figure.get_size_inches()) == (10.0, 4.2)
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["李女士", "李女士 (to-be)", "Tom"]


@pytest.mark.parametrize("stages", [[1], [20], [21], [10, 11]])
def test_panel_count_at_the_limit(stages):
    figures = emotion_chart_figures(_long_map(stages), dpi=50)
    assert sum(len(f.axes) for f in figures) == len(panel_ranges(stages))


def test_legend_wraps_long_persona_names_and_equal_curves_stay_apart():
    from cxmapper.export.charts import emotion_chart_figures
    from cxmapper.model.document import EmotionPoint, MapDocument, Persona, Stage, Step

    steps = [Step(id=f"t{i}", name=f"step {i}") for i in range(4)]
    same = [EmotionPoint(step=s.id, score=1) for s in steps]
    doc = MapDocument(
        stages=[Stage(id="s", name="Stage", steps=steps)],
        personas=[
            Persona(id="p1", name="Graham, cautious online shopper who reads every review", as_is=same),
            Persona(id="p2", name="Amira", as_is=list(same)),
        ],
    )
    (figure,) = emotion_chart_figures(doc)
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert labels[0].replace("\n", " ") == "Graham, cautious online shopper who reads every review"
    assert "…" not in labels[0] and "\n" in labels[0]
    lines = [line for line in figure.axes[0].get_lines() if line.get_linestyle() == "-" and line.get_marker() != "None"]
    assert len(lines) == 2
    first, second = (list(line.get_ydata()) for line in lines)
    assert all(a != b for a, b in zip(first, second))  # equal scores, two visible curves
    assert all(abs(a - b) < 0.2 for a, b in zip(first, second))  # still at the score
    assert lines[0].get_marker() != lines[1].get_marker()
