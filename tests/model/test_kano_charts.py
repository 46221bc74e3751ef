"""Kano charts: drawn without a window, Chinese labels rendered, labels kept apart.

(The chart module lives in cxmapper/export; its tests sit with the other Kano tests.)
"""

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from cxmapper.model.document import KanoAnswer, KanoCategory, KanoResponse, KanoSurvey, MapDocument, make_card

ROOT = Path(__file__).resolve().parents[2]


def _points():
    from cxmapper.export.kano_charts import ChartPoint

    # several features crowded around one spot, as in a real survey
    return [
        ChartPoint("排队等候 40 分钟", KanoCategory.MUST_BE, 0.30, -0.80, 1.0, 3.5, 4.0),
        ChartPoint("身份证 OCR 识别失败", KanoCategory.MUST_BE, 0.305, -0.79, 1.1, 3.45, 3.0),
        ChartPoint("签名多达 7 处", KanoCategory.ONE_DIMENSIONAL, 0.31, -0.78, 1.2, 3.4, None),
        ChartPoint("视频远程开户", KanoCategory.ATTRACTIVE, 0.80, -0.20, 3.5, 0.2, 5.0),
        ChartPoint("Video KYC", KanoCategory.ATTRACTIVE, 0.79, -0.21, 3.45, 0.25, 2.0),
        ChartPoint("开户礼品", KanoCategory.INDIFFERENT, 0.10, -0.10, 0.1, 0.2, 1.0),
        ChartPoint("没有答案", None, None, None),
    ]


def _label_boxes(figure):
    """Pixel boxes of the feature labels (the text itself, without leader lines)."""
    from matplotlib.text import Annotation, Text

    renderer = figure.canvas.get_renderer()
    return {
        t.get_text(): Text.get_window_extent(t, renderer)
        for t in figure.axes[0].texts
        if isinstance(t, Annotation)
    }


@pytest.mark.parametrize("kind", ["better_worse", "continuous"])
def test_charts_draw_chinese_without_missing_glyphs_and_labels_do_not_overlap(kind):
    from cxmapper.export import kano_charts

    build = getattr(kano_charts, f"{kind}_figure")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        figure = build(_points())
        png = kano_charts.figure_bytes(figure, "png")
    assert png.startswith(b"\x89PNG")
    boxes = _label_boxes(figure)
    assert set(boxes) == {"排队等候 40 分钟", "身份证 OCR 识别失败", "签名多达 7 处", "视频远程开户", "Video KYC", "开户礼品"}
    names = sorted(boxes)
    overlapping = [
        (a, b) for i, a in enumerate(names) for b in names[i + 1:] if boxes[a].overlaps(boxes[b])
    ]
    assert overlapping == []


def test_better_worse_axes_quadrants_and_svg():
    from cxmapper.export.kano_charts import better_worse_figure, figure_bytes

    figure = better_worse_figure(_points())
    ax = figure.axes[0]
    texts = [t.get_text() for t in ax.texts]
    for label in ("Attractive (A) 兴奋型", "One-dimensional (O) 期望型", "Must-be (M) 基本型", "Indifferent (I) 无差异型"):
        assert label in texts
    assert "|Worse|" in ax.get_xlabel() and "Better" in ax.get_ylabel()
    offsets = ax.collections[0].get_offsets()
    assert [tuple(map(float, o)) for o in offsets][0] == pytest.approx((0.80, 0.30))  # |Worse|, Better
    svg = figure_bytes(figure, "svg")
    assert b"<svg" in svg
    with pytest.raises(ValueError, match="png or svg"):
        figure_bytes(figure, "gif")


def test_charts_from_a_document():
    from cxmapper.export.kano_charts import better_worse_figure, chart_points, continuous_figure

    survey = KanoSurvey(responses=[KanoResponse(functional=KanoAnswer.MUST_BE, dysfunctional=KanoAnswer.DISLIKE)] * 4)
    doc = MapDocument(cards=[make_card("pain_point", lane="l", step="s", title="排队", kano_survey=survey)])
    points = chart_points(doc)
    assert [(p.label, p.category, p.better, p.worse) for p in points] == [("排队", KanoCategory.MUST_BE, 0.0, -1.0)]
    assert (points[0].functional, points[0].dysfunctional) == (2.0, 4.0)
    assert len(better_worse_figure(doc).axes[0].collections[0].get_offsets()) == 1
    assert len(continuous_figure(MapDocument()).axes[0].collections[0].get_offsets()) == 0


def test_importing_the_chart_module_does_not_import_matplotlib():
    code = "import sys, cxmapper.export.kano_charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_far_labels_get_one_collection_of_leader_lines_from_point_to_label():
    from matplotlib.collections import LineCollection

    from cxmapper.export.kano_charts import ChartPoint, better_worse_figure

    # Twenty features on one spot: most labels must move away and get a leader.
    points = [ChartPoint(f"特征 {k}", KanoCategory.MUST_BE, 0.3, -0.8) for k in range(20)]
    figure = better_worse_figure(points)
    ax = figure.axes[0]
    leaders = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(leaders) == 1
    segments = leaders[0].get_segments()
    assert segments
    for (x0, y0), (x1, y1) in segments:
        assert abs(x0 - 0.8) < 0.05 and abs(y0 - 0.3) < 0.05  # starts at the point
        assert (x1, y1) != (x0, y0)


def test_a_crowded_chart_leaves_out_labels_that_would_cover_others():
    import random

    from cxmapper.export.kano_charts import ChartPoint, better_worse_figure, labels_drawn

    rng = random.Random(3)
    # 400 features in two tight clusters, one beside a quadrant's name
    points = [
        ChartPoint(f"{k}", KanoCategory.MUST_BE if k % 2 else KanoCategory.ATTRACTIVE,
                   rng.uniform(0.9, 1.0) if k % 2 else rng.uniform(0.25, 0.35),
                   -(rng.uniform(0.0, 0.1) if k % 2 else rng.uniform(0.3, 0.4)))
        for k in range(400)
    ]
    figure = better_worse_figure(points)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    drawn = labels_drawn(figure)
    assert 10 < len(drawn) < 400
    boxes = [t.get_window_extent(renderer) for t in drawn]
    others = [t.get_window_extent(renderer) for t in figure.axes[0].texts if t not in drawn]
    plot = figure.axes[0].get_window_extent(renderer)
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    assert not [(a, b) for a in boxes for b in others if a.overlaps(b)]
    assert all(plot.x0 <= b.x0 and b.x1 <= plot.x1 and plot.y0 <= b.y0 and b.y1 <= plot.y1 for b in boxes)
