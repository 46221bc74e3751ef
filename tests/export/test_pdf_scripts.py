"""Scripts in the PDF: right-to-left text shaped and ordered, characters outside the
BMP extracted as themselves, Latin punctuation in a Latin font inside Chinese text."""

from __future__ import annotations

import subprocess
from datetime import date

from pypdf import PdfReader

from cxmapper.export import fonts
from cxmapper.export.pdf import export_pdf

TODAY = date(2026, 11, 25)
TITLE = "Bank 银行 مرحبا بالعالم שלום עולם 😀 “quoted”"


def _retitled(doc, title):
    return doc.model_copy(update={"meta": doc.meta.model_copy(update={"title": title})})


def test_arabic_is_joined_and_right_to_left_runs_are_in_visual_order():
    shown = fonts.visual_order("Bank مرحبا שלום 中文")
    # Hebrew and Arabic reversed as one right-to-left run; Latin and Chinese stay put.
    assert shown.startswith("Bank ") and shown.endswith(" 中文")
    assert "םולש" in shown
    # Arabic letters in their joined presentation forms (U+FExx), not the bare letters.
    arabic = [c for c in shown if 0xFE70 <= ord(c) < 0xFF00]
    assert len(arabic) == 5 and not any(0x0600 <= ord(c) < 0x0700 for c in shown)
    assert shown.index("ם") < shown.index("ﺎ")  # the later word (Hebrew) is drawn left of the first
    assert fonts.visual_order("plain 文本") == "plain 文本"


def test_rtl_title_in_the_pdf_extracts_in_reading_order_and_the_emoji_as_itself(tmp_path, sample_map):
    path = tmp_path / "rtl.pdf"
    export_pdf(_retitled(sample_map, TITLE), path, sections=["cover"], today=TODAY)
    words = (PdfReader(str(path)).pages[0].extract_text() or "").split()
    # pypdf reads the drawn (visual) order: the right-to-left words from last to first.
    start = words.index("עולם")
    assert words[start : start + 4] == ["עולם", "שלום", "بالعالم", "مرحبا"]
    assert "😀" in words  # U+1F600, not U+1F60 "ὠ"
    assert "ὠ" not in " ".join(words)
    # pdftotext applies the bidi algorithm back: the title in logical order.
    text = subprocess.run(["pdftotext", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "مرحبا بالعالم שלום עולם" in text
    assert "😀" in text


def test_to_unicode_cmap_writes_surrogate_pairs_outside_the_bmp():
    cmap = fonts._to_unicode_cmap("X", [0x41, 0x4E2D, 0x1F600, 0xFE8F])
    assert "<00> <0041>" in cmap and "<01> <4E2D>" in cmap
    assert "<02> <D83DDE00>" in cmap  # UTF-16BE surrogate pair
    assert "<03> <0628>" in cmap  # ﺏ (isolated beh) maps back to the letter ب
    assert "<1F600>" not in cmap


def test_curly_quotes_in_latin_text_take_the_latin_font_and_stay_wide_in_chinese():
    f = fonts.pdf_fonts()
    assert f.symbol is not None
    latin = dict((run, font) for font, run in f.runs("He said “hello” ‘ok’"))
    assert latin["“"] == latin["”"] == latin["‘"] == latin["’"] == f.symbol
    assert f.runs("他说“你好”") == [(f.regular, "他说“你好”")]
    # Measured as drawn: the Latin quote is narrow, the Chinese one full-width.
    wide_quotes = f.text_width("“中”", 10) - f.text_width("中", 10)
    assert wide_quotes == 20  # two full-width quotes beside Chinese
    assert f.text_width("“a”", 10) - f.text_width("a", 10) < 0.6 * wide_quotes


def test_chinese_report_sets_english_quotes_in_the_latin_font(tmp_path, sample_map):
    path = tmp_path / "quotes.pdf"
    export_pdf(_retitled(sample_map, "网购 “Online” shopping"), path, sections=["cover"], today=TODAY, lang="zh")
    page = PdfReader(str(path)).pages[0]
    used = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in name for name in used) and any("DejaVu" not in name for name in used)
    assert "网购 “Online” shopping" in (page.extract_text() or "").replace("\n", "")
    runs = fonts.pdf_fonts().runs("网购 “Online” shopping “中文”")
    assert [font for font, run in runs if "“" in run or "”" in run] == [fonts.pdf_fonts().symbol] * 2 + [fonts.pdf_fonts().regular]


def test_hostile_right_to_left_text_is_drawn_without_error(tmp_path, sample_map):
    # A lone surrogate, controls, bidi overrides, a long line: dropped or drawn, never raised.
    assert "\udfff" not in fonts.visual_order("مرحبا\udfff x")
    title = "ab\u202eשלום\u202c مرحبا\x00\udfff " + "كلمة " * 2000
    path = tmp_path / "hostile.pdf"
    export_pdf(_retitled(sample_map, title), path, sections=["cover"], today=TODAY)
    text = PdfReader(str(path)).pages[0].extract_text() or ""
    assert "ab" in text and "שלום" in text


def test_right_to_left_card_text_on_the_blueprint(tmp_path, sample_map):
    card = next(c for c in sample_map.cards if c.title)
    arabic = "الدفع عبر التطبيق فشل مرتين"
    cards = [c.model_copy(update={"title": arabic + " — Pay 支付"}) if c is card else c for c in sample_map.cards]
    path = tmp_path / "cards.pdf"
    export_pdf(sample_map.model_copy(update={"cards": cards}), path, sections=["blueprint"], today=TODAY)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    # Wrapped in logical order, each line reordered: every word is there, letters joined
    # forms mapped back to letters (pdftotext reads them in reading order).
    for word in arabic.split():
        assert word in flat, word
    assert "Pay" in flat and "支付" in flat


def test_chart_labels_are_shaped_and_ordered_too():
    info = fonts.configure_matplotlib()
    shown = info.printable("Amira أميرة\nשרה")
    first, second = shown.split("\n")
    assert first.startswith("Amira ") and all(0xFE70 <= ord(c) < 0xFF00 for c in first[6:])
    assert second == "הרש"


def test_a_right_to_left_line_starts_on_the_right(tmp_path, sample_map):
    assert fonts.starts_right_to_left("שלום world") and fonts.starts_right_to_left("123 مرحبا")
    assert not fonts.starts_right_to_left("Pay مرحبا") and not fonts.starts_right_to_left("— 支付")
    path = tmp_path / "align.pdf"
    description = "وصف الخريطة"
    meta = sample_map.meta.model_copy(update={"description": description})
    export_pdf(sample_map.model_copy(update={"meta": meta}), path, sections=["cover"], today=TODAY)
    page = PdfReader(str(path)).pages[0]
    xs = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.setdefault(text.strip(), tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    arabic = [x for text, x in xs.items() if any(0x0600 <= ord(c) < 0x0700 or 0xFE70 <= ord(c) < 0xFF00 for c in text)]
    title = [x for text, x in xs.items() if "网购" in text]
    assert arabic and title
    assert min(arabic) > title[0] + 300  # the description's line ends at the right margin, not the left
