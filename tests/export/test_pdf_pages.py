"""The blueprint's pages: filled (measured on the rendered pages), paper sizes, the
poster page, ``fit`` on A3, and the stage, lane and section choices."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from cxmapper.export import pdf
from cxmapper.export.pdf import export_pdf
from cxmapper.export.pdf_blueprint import LEGEND_HEIGHT, PAGE_TITLE_HEIGHT
from cxmapper.model.fileformat import load_file

TODAY = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
BANK = EXAMPLES / "bank-account-opening.zh.cxmap"
SHOP = EXAMPLES / "online-order-and-return.en.cxmap"
DPI = 36


def _blueprint_pages(path: Path) -> list[int]:
    reader = PdfReader(str(path))
    return [i for i, page in enumerate(reader.pages) if "Blueprint — page" in (page.extract_text() or "")
            or "服务蓝图 — 第" in (page.extract_text() or "")]


def _tallest_blank_band(path: Path, page_index: int, out: Path) -> float:
    """The tallest run of blank pixel rows between the page title and the legend of a
    rendered page, as a share of the page's height."""
    prefix = out / f"p{page_index}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page_index + 1), "-l", str(page_index + 1),
         "-singlefile", "-png", str(path), str(prefix)],
        check=True, timeout=60,
    )
    image = Image.open(f"{prefix}.png").convert("L")
    width, height = image.size
    px_per_pt = DPI / 72
    top = int((pdf.MARGIN + PAGE_TITLE_HEIGHT) * px_per_pt)
    bottom = int(height - (pdf.FOOTER + 8 + LEGEND_HEIGHT) * px_per_pt)
    data = image.load()
    run = tallest = 0
    for y in range(top, bottom):
        if all(data[x, y] > 245 for x in range(0, width, 2)):
            run += 1
            tallest = max(tallest, run)
        else:
            run = 0
    return tallest / height


@pytest.mark.parametrize("example", [BANK, SHOP], ids=["bank-zh", "shop-en"])
@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_blueprint_pages_are_filled_but_the_last(tmp_path, example, paper):
    doc = load_file(example)
    path = tmp_path / "report.pdf"
    report = export_pdf(doc, path, paper=paper, today=TODAY)
    pages = _blueprint_pages(path)
    shares = [_tallest_blank_band(path, i, tmp_path) for i in pages]
    print(f"{example.name} {paper}: {len(pages)} blueprint pages, tallest blank band per page",
          " ".join(f"{s:.0%}" for s in shares))
    assert len(pages) >= 2
    assert all(share <= 0.25 for share in shares[:-1]), shares
    # Before: 7 A4 pages (3 on A3) with bands of 31–38 % of the page.
    assert len(pages) <= (5 if paper == "a4" else 3)
    assert report.pages == len(PdfReader(str(path)).pages)


def test_blank_shares_of_the_plan_agree_with_the_rendered_page(tmp_path):
    from cxmapper.export.fonts import pdf_fonts
    from cxmapper.export.pdf_blueprint import plan_blueprint
    from cxmapper.export.report_text import report_text
    from reportlab.lib.pagesizes import A4, landscape

    doc = load_file(BANK)
    page_w, page_h = landscape(A4)
    frame = (page_w - 2 * pdf.MARGIN, page_h - pdf.MARGIN - pdf.FOOTER - 8)
    planned = plan_blueprint(doc, pdf_fonts(), frame, text=report_text(doc.meta.locale, None)).blank_shares(page_h)
    path = tmp_path / "bank.pdf"
    export_pdf(doc, path, today=TODAY)
    measured = [_tallest_blank_band(path, i, tmp_path) for i in _blueprint_pages(path)]
    assert len(planned) == len(measured)
    for plan, seen in zip(planned, measured):
        assert abs(plan - seen) < 0.03, (planned, measured)


def test_fit_on_a3_puts_the_thirteen_step_bank_example_on_one_page(tmp_path):
    doc = load_file(BANK)
    path = tmp_path / "fit.pdf"
    report = export_pdf(doc, path, paper="a3", fit=True, today=TODAY)
    assert len(_blueprint_pages(path)) == 1
    assert not any("split" in note or "分页" in note for note in report.notes)
    assert any("--fit" in note for note in report.notes)  # cards shortened: says so
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    for step in doc.steps():
        assert step.name in text.replace("\n", "")


@pytest.mark.parametrize("example", [BANK, SHOP], ids=["bank-zh", "shop-en"])
def test_poster_page_holds_the_whole_blueprint_at_full_size(tmp_path, example):
    doc = load_file(example)
    path = tmp_path / "poster.pdf"
    report = export_pdf(doc, path, paper="poster", today=TODAY)
    reader = PdfReader(str(path))
    pages = _blueprint_pages(path)
    assert len(pages) == 1
    poster = reader.pages[pages[0]]
    width, height = float(poster.mediabox.width), float(poster.mediabox.height)
    a3_w, a3_h = 1190.55, 841.89
    assert width > a3_w and height > a3_h  # sized to the map, not to a paper
    others = [reader.pages[i] for i in range(len(reader.pages)) if i != pages[0]]
    assert all(round(float(p.mediabox.width)) == round(a3_w) for p in others)
    text = (poster.extract_text() or "").replace("\n", "")
    for step in doc.steps():
        assert step.name.replace(" ", "") in text.replace(" ", "")
    for lane in doc.lanes:
        assert lane.name.replace(" ", "") in text.replace(" ", "")
    assert "scaled" not in text and report.notes == []
    assert report.pages == len(reader.pages)


def test_letter_paper_and_unknown_paper(tmp_path, sample_map):
    path = tmp_path / "letter.pdf"
    export_pdf(sample_map, path, paper="letter", today=TODAY)
    first = PdfReader(str(path)).pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (792, 612)
    with pytest.raises(ValueError, match="unknown paper size 'b5'.*a4, a3, letter, poster"):
        export_pdf(sample_map, tmp_path / "x.pdf", paper="b5")
    assert not (tmp_path / "x.pdf").exists()


def test_stage_and_section_choices(tmp_path, sample_map):
    path = tmp_path / "chosen.pdf"
    report = export_pdf(sample_map, path, stages=["考虑", "s-use"], sections=["blueprint", "pain-points"], today=TODAY)
    pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    blueprint = "\n".join(t for t in pages if "Blueprint — page" in t)
    assert "比较价格" in blueprint and "收货" in blueprint
    assert "看到广告" not in blueprint and "登录" not in blueprint
    joined = "\n".join(pages)
    assert "Pain points ranked" in joined
    assert "Emotion curves" not in joined and "Metrics per stage" not in joined
    assert "Report date" not in joined  # no cover
    assert report.pages == len(pages)
    with pytest.raises(ValueError, match="no stage named 'nope'.*'考虑'"):
        export_pdf(sample_map, tmp_path / "y.pdf", stages=["nope"])
    with pytest.raises(ValueError, match="no report section named 'index'"):
        export_pdf(sample_map, tmp_path / "y.pdf", sections=["index"])
    with pytest.raises(ValueError, match="no report section chosen"):
        export_pdf(sample_map, tmp_path / "y.pdf", sections=[])


def test_poster_first_when_there_is_no_cover(tmp_path, sample_map):
    path = tmp_path / "poster-only.pdf"
    report = export_pdf(sample_map, path, paper="poster", sections=["blueprint"], today=TODAY)
    reader = PdfReader(str(path))
    assert report.pages == len(reader.pages) == 1
    assert "Blueprint — page 1 of 1" in (reader.pages[0].extract_text() or "")
