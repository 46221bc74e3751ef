"""PNG and SVG pictures of the canvas (``cxmapper.ui.picture``) and their CLI flags."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("PySide6.QtSvg")

from PySide6.QtGui import QColor, QImage  # noqa: E402

from cxmapper.cli import main  # noqa: E402
from cxmapper.ui import picture  # noqa: E402
from cxmapper.model.fileformat import load_file  # noqa: E402
from cxmapper.paths import EXAMPLES  # noqa: E402
from cxmapper.ui.canvas import style  # noqa: E402

BANK = EXAMPLES / "bank-account-opening.zh.cxmap"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def bank():
    return load_file(BANK)


def _colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) & 0xFFFFFF for y in range(0, image.height(), step) for x in range(0, image.width(), step)}


def _scene_size(doc) -> tuple[float, float]:
    with picture.drawn_scene(doc) as scene:
        rect = picture._source_rect(scene)
        return rect.width(), rect.height()


def test_png_size_follows_scene_and_scale_and_is_not_blank(qapp, tmp_path, bank):
    width, height = _scene_size(bank)
    one = picture.export_png(bank, tmp_path / "one.png")
    half = picture.export_png(bank, tmp_path / "half.png", scale=0.5)
    image = QImage(str(one.path))
    assert (image.width(), image.height()) == (round(width), round(height)) == (one.width, one.height)
    small = QImage(str(half.path))
    assert abs(small.width() - width / 2) <= 1 and abs(small.height() - height / 2) <= 1
    assert one.notes == [] and one.scale == 1.0
    assert round(image.dotsPerMeterX() * 0.0254) == 96 and round(small.dotsPerMeterX() * 0.0254) == 48

    colours = _colours(image)
    assert len(colours) > 50, "a picture of a map has many colours"
    # white margin, and the first stage's header colour where the canvas paints it
    assert image.pixelColor(2, 2) == QColor("white")
    stage_color = QColor(bank.stages[0].color or style.STAGE_PALETTE[0]).rgb() & 0xFFFFFF
    assert stage_color in colours


def test_png_is_painted_in_bands_with_progress(qapp, tmp_path, bank, monkeypatch):
    monkeypatch.setattr(picture, "BAND_HEIGHT", 256)
    calls: list[tuple[int, int]] = []
    report = picture.export_png(bank, tmp_path / "b.png", progress=lambda d, t: calls.append((d, t)))
    bands = -(-report.height // 256)
    assert calls[0] == (0, bands) and calls[-1] == (bands, bands) and len(calls) == bands + 1
    # banding leaves no seam: a row at a band edge is not all white inside the grid
    image = QImage(str(report.path))
    row = {image.pixel(x, 512) & 0xFFFFFF for x in range(0, image.width(), 3)}
    assert len(row) > 3


def test_progress_can_cancel_and_nothing_is_written(qapp, tmp_path, bank):
    target = tmp_path / "c.png"
    with pytest.raises(picture.PictureCancelled):
        picture.export_png(bank, target, progress=lambda d, t: False)
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_huge_scale_is_clamped_with_a_note():
    used, notes = picture.clamp_scale(60_000, 20_000, 4)
    assert used * 60_000 <= picture.MAX_SIDE and used * used * 60_000 * 20_000 <= picture.MAX_PIXELS * 1.0001
    assert notes and "scale 4" in notes[0] and "240,000 × 80,000 px" in notes[0]
    assert picture.clamp_scale(1000, 800, 2) == (2, [])
    with pytest.raises(ValueError):
        picture.clamp_scale(1000, 800, 0)


def test_huge_png_is_drawn_smaller_not_allocated(qapp, tmp_path, bank, monkeypatch):
    monkeypatch.setattr(picture, "MAX_PIXELS", 1_000_000)
    report = picture.export_png(bank, tmp_path / "h.png", scale=4)
    assert report.width * report.height <= 1_000_000 and report.scale < 1
    assert report.notes and "instead" in report.notes[0]


def _svg_text(path) -> str:
    root = ET.parse(path).getroot()
    return "".join(el.text or "" for el in root.iter(f"{SVG_NS}text"))


def test_svg_parses_and_keeps_text_as_text(qapp, tmp_path, bank):
    report = picture.export_svg(bank, tmp_path / "m.svg", scale=2)
    root = ET.parse(report.path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == f"0 0 {report.width} {report.height}"
    width, _ = _scene_size(bank)
    assert report.width == round(width * 2)
    assert not list(root.iter(f"{SVG_NS}image")), "no embedded pixmaps: items are drawn as shapes and text"
    text = re.sub(r"\s+", "", _svg_text(report.path))
    for stage in bank.stages:
        assert stage.name in text
    titles = [c.title for c in bank.cards if c.title and "“" not in c.title][:40]
    missing = [t for t in titles if re.sub(r"\s+", "", t) not in text]
    assert not missing, missing


def test_small_map_svg_chinese_titles(qapp, tmp_path):
    from tests.ui.conftest import build_small_map

    report = picture.export_svg(build_small_map(), tmp_path / "s.svg")
    text = _svg_text(report.path)
    for title in ("在地铁里看到广告", "官网首页", "扫码支付", "认知 Awareness"):
        assert title.replace(" ", "") in text.replace(" ", "")


def test_cli_png_and_svg_with_scale(qapp, tmp_path, capsys):
    png, svg = tmp_path / "m.png", tmp_path / "m.svg"
    code = main(["export", str(BANK), "--png", str(png), "--svg", str(svg), "--scale", "0.5"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"wrote {png}" in out and f"wrote {svg}" in out and "scale 0.5" in out
    assert QImage(str(png)).width() > 100
    ET.parse(svg)


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "1000"])
def test_cli_rejects_a_bad_scale(tmp_path, capsys, bad):
    with pytest.raises(SystemExit) as exc:
        main(["export", str(BANK), "--png", str(tmp_path / "x.png"), "--scale", bad])
    assert exc.value.code == 2
    assert "--scale" in capsys.readouterr().err


def test_cli_says_what_to_install_when_qt_cannot_start(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise picture.QtUnavailable(picture._HINT.format(reason="libEGL.so.1: cannot open shared object file"))

    monkeypatch.setattr(picture, "export_png", broken)
    flat = tmp_path / "f.json"
    code = main(["export", str(BANK), "--png", str(tmp_path / "x.png"), "--json", str(flat)])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot write PNG" in err and "libEGL.so.1" in err and "apt-get install libegl1" in err
    assert "Traceback" not in err
    assert flat.exists(), "the other outputs still run"


def test_cli_unwritable_png_target(qapp, tmp_path, capsys):
    code = main(["export", str(BANK), "--png", str(tmp_path / "no" / "such" / "dir" / "x.png")])
    assert code == 1
    assert "cannot write PNG" in capsys.readouterr().err


TINY_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>Legend</name>
<message><source>Personas:</source><translation>用户画像：</translation></message>
</context>
</TS>
"""


def test_without_a_window_a_chinese_map_gets_the_chinese_canvas_words(qapp, tmp_path, monkeypatch):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from tests.ui.conftest import build_small_map

    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease not installed")
    (tmp_path / "cxmapper_zh_CN.ts").write_text(TINY_TS, encoding="utf-8")
    subprocess.run([lrelease, str(tmp_path / "cxmapper_zh_CN.ts"), "-qm", str(tmp_path / "cxmapper_zh_CN.qm")],
                   check=True, capture_output=True)
    monkeypatch.setattr(picture, "TRANSLATIONS", tmp_path)
    doc = build_small_map()  # zh_CN

    monkeypatch.setattr(picture, "_own_app", False)  # in the window: its own language, untouched
    assert "Personas:" in _svg_text(picture.export_svg(doc, tmp_path / "w.svg").path)

    monkeypatch.setattr(picture, "_own_app", True)  # the CLI
    assert "用户画像：" in _svg_text(picture.export_svg(doc, tmp_path / "c.svg").path)
    assert QCoreApplication.translate("Legend", "Personas:") == "Personas:", "translator removed afterwards"

    doc.meta = doc.meta.model_copy(update={"locale": "en"})
    assert "Personas:" in _svg_text(picture.export_svg(doc, tmp_path / "e.svg").path)


def test_no_automatic_collection_while_qt_draws_and_one_after(qapp, tmp_path, bank):
    """From the command line (automatic collector on): it is off while the scene lives,
    and one collection runs once the scene is gone."""
    import gc

    events = []

    def progress(done, total):
        events.append(("drawing, collector on", gc.isenabled()))
        return True

    def note(phase, info):
        if phase == "start":
            events.append(("collection", info["generation"]))

    was = gc.isenabled()
    gc.enable()
    gc.callbacks.append(note)
    try:
        picture.export_png(bank, tmp_path / "m.png", progress=progress)
        assert gc.isenabled()
    finally:
        gc.callbacks.remove(note)
        (gc.enable if was else gc.disable)()
    drawing = [i for i, e in enumerate(events) if e[0] == "drawing, collector on"]
    assert drawing and not any(events[i][1] for i in drawing)
    assert not [e for e in events[drawing[0] : drawing[-1]] if e[0] == "collection"]  # none while drawing
    assert ("collection", 2) in events[drawing[-1] :]  # the full one once the scene is gone


def _svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(el.itertext()).strip() for el in root.iter(f"{SVG_NS}text")]


def test_pictures_carry_the_map_title_above_the_map(qapp, tmp_path, bank):
    svg = picture.export_svg(bank, tmp_path / "t.svg")
    texts = _svg_texts(svg.path)
    assert bank.meta.title.replace(" ", "") in "".join(texts).replace(" ", "")
    png = picture.export_png(bank, tmp_path / "t.png", scale=1)
    image = QImage(str(png.path))
    band = range(round(picture.MARGIN * 0.6), round((picture.MARGIN + picture.TITLE_BAND) * 0.9))
    ink = {image.pixel(x, y) & 0xFFFFFF for y in band for x in range(0, min(600, image.width()), 2)}
    assert 0x1F3A5F in ink or any(c != 0xFFFFFF for c in ink)  # the title's ink in the band above the map


def test_picture_emotion_axis_in_the_maps_scale(qapp, tmp_path, bank):
    """A 1…5 map reads 1 … 5 on its emotion axis (it read "+1 … +5"); a −2…+2 map keeps its signs."""
    from cxmapper.model.document import EmotionScale

    old = bank.scale
    shift = 1 - old.min
    one_to_five = bank.model_copy(update={
        "scale": EmotionScale(min=1, max=old.max + shift),
        "personas": [
            p.model_copy(update={
                "as_is": [pt.model_copy(update={"score": pt.score + shift}) for pt in p.as_is or []],
                "to_be": None if p.to_be is None else [pt.model_copy(update={"score": pt.score + shift}) for pt in p.to_be],
            })
            for p in bank.personas
        ],
    })
    texts = _svg_texts(picture.export_svg(one_to_five, tmp_path / "1-5.svg").path)
    assert not any(re.fullmatch(r"\+\d", t) for t in texts), [t for t in texts if t.startswith("+")]
    assert {str(n) for n in range(1, one_to_five.scale.max + 1)} <= set(texts)
    signed = _svg_texts(picture.export_svg(bank, tmp_path / "signed.svg").path)
    if old.min < 0:
        # negative scores with a real minus sign (emotion_axis.score_label), as wide as "+"
        assert f"+{old.max}" in signed and str(old.min).replace("-", "\u2212") in signed
