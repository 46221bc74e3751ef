"""The report's first page, for the reader who reads nothing else: the headline figures,
personas, the pain points to fix first and the emotion curves at a glance, filling the
page instead of leaving its lower half empty."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from cxmapper.export import pdf
from cxmapper.export.charts import emotion_chart_figures
from cxmapper.export.pdf import export_pdf
from cxmapper.model.document import Persona, Stage, Step
from cxmapper.model.fileformat import load_file
from cxmapper.model.priority import rank_pain_points

TODAY = date(2026, 12, 6)
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
BANK = EXAMPLES / "bank-account-opening.zh.cxmap"
SHOP = EXAMPLES / "online-order-and-return.en.cxmap"
DPI = 36


def _first_page(path: Path) -> str:
    return (PdfReader(str(path)).pages[0].extract_text() or "").replace("\n", "")


def _lowest_ink(path: Path, out: Path) -> float:
    """How far down the first page (as a share of its height, above the footer) the
    last non-white pixel row is."""
    prefix = out / "cover"
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(path), str(prefix)], check=True, timeout=60)
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    footer = int((pdf.FOOTER + 8) * DPI / 72)
    data = image.load()
    for y in range(height - footer - 1, 0, -1):
        if any(data[x, y] < 200 for x in range(0, width, 2)):
            return y / height
    return 0.0


@pytest.mark.parametrize(("example", "heads"), [
    (BANK, ("优先解决", "情绪曲线一览")),
    (SHOP, ("Fix first", "Emotion curves at a glance")),
], ids=["bank-zh", "shop-en"])
def test_the_cover_lists_what_to_fix_first_and_shows_the_curves(tmp_path, example, heads):
    doc = load_file(example)
    path = tmp_path / "report.pdf"
    export_pdf(doc, path, today=TODAY)
    cover = _first_page(path)
    for head in heads:
        assert head in cover
    ranked = rank_pain_points(doc)
    top = [item.card.title for item in ranked[:5]]
    positions = [cover.index(title[:8]) for title in top]
    assert positions == sorted(positions), top  # in rank order
    assert ranked[5].card.title[:8] not in cover  # only the first five
    # the curves are a picture on the cover (the emotion section draws the same one)
    assert len(PdfReader(str(path)).pages[0]["/Resources"]["/XObject"]) == 1
    # before: the cover ended 45 % down the page and left the rest of it empty
    assert _lowest_ink(path, tmp_path) > 0.8


def test_without_pain_points_or_curves_the_cover_says_nothing_of_them(tmp_path, sample_map):
    sample_map.cards = [card for card in sample_map.cards if card.kind != "pain_point"]
    for persona in sample_map.personas:
        persona.as_is.clear()
        if persona.to_be:
            persona.to_be.clear()
    path = tmp_path / "plain.pdf"
    export_pdf(sample_map, path, today=TODAY, lang="en")
    cover = _first_page(path)
    assert "Fix first" not in cover and "Emotion curves at a glance" not in cover
    assert "/XObject" not in PdfReader(str(path)).pages[0]["/Resources"]


def test_curves_without_pain_points_take_the_width_that_is_left(tmp_path, sample_map):
    sample_map.cards = [card for card in sample_map.cards if card.kind != "pain_point"]
    path = tmp_path / "curves.pdf"
    export_pdf(sample_map, path, today=TODAY, lang="en")
    assert "Emotion curves at a glance" in _first_page(path)
    assert "Fix first" not in _first_page(path)


def test_a_crowded_cover_moves_its_last_band_whole_to_the_next_page(tmp_path):
    doc = load_file(SHOP)
    # twelve personas with long descriptions fill the first page before "Fix first"
    extra = [
        Persona(id=f"p-extra{i}", name=f"Persona {i}", description="A long description of who this is. " * 6)
        for i in range(12)
    ]
    doc.personas = [*doc.personas, *extra]
    path = tmp_path / "crowded.pdf"
    report = export_pdf(doc, path, today=TODAY)
    reader = PdfReader(str(path))
    first, second = (reader.pages[i].extract_text().replace("\n", "") for i in (0, 1))
    # the headings never stand alone at the foot of a page: the band is on one page
    band = first if "Fix first" in first else second
    assert "Fix first" in band and "Emotion curves at a glance" in band
    assert rank_pain_points(doc)[0].card.title in band
    assert report.pages == len(reader.pages)


def test_curves_that_need_several_panels_are_left_to_their_own_section(tmp_path, sample_map):
    # 40 steps: the emotion section draws the curves in several panels; a cover thumbnail
    # of one panel would tell half the story, so the cover lists the pain points alone.
    sample_map.stages = [
        *sample_map.stages,
        Stage(id="s-long", name="Long stage", steps=[Step(id=f"st-long{i}", name=f"Step {i}") for i in range(40)]),
    ]
    assert len(emotion_chart_figures(sample_map, sample_map.personas)) > 1
    path = tmp_path / "long.pdf"
    export_pdf(sample_map, path, today=TODAY, lang="en")
    cover = _first_page(path)
    assert "Fix first" in cover and "Emotion curves at a glance" not in cover


def test_pain_points_with_very_long_titles_still_make_the_report(tmp_path):
    # Found in review: the side-by-side band cannot split, and five 240-character titles
    # made it taller than a page: reportlab's LayoutError, no PDF at all. Taller than a
    # page, the list now takes the width and splits between rows, the chart after it.
    doc = load_file(BANK)
    cards = [
        card.model_copy(update={"title": f"{i} " + "排队太久" * 60}) if card.kind == "pain_point" else card
        for i, card in enumerate(doc.cards)
    ]
    doc = doc.model_copy(update={"cards": cards, "personas": doc.personas[:1]})
    path = tmp_path / "long.pdf"
    report = export_pdf(doc, path, today=TODAY)
    reader = PdfReader(str(path))
    assert report.pages == len(reader.pages)
    text = "".join((page.extract_text() or "").replace("\n", "") for page in reader.pages[:3])
    assert "优先解决" in text
    for item in rank_pain_points(doc)[:5]:
        assert item.card.title[:12] in text
