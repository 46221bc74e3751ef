"""Font discovery, glyph runs and the text helpers that keep user text intact."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxmapper.export import fonts
from cxmapper.export.pdf_text import TextMeasure


@pytest.fixture
def ttf():
    return fonts.pdf_fonts()


@pytest.fixture
def cid(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    with pytest.warns(fonts.CJKFontWarning):
        return fonts.pdf_fonts()


def test_discovery_finds_a_truetype_cjk_font():
    found = fonts.find_cjk_font()
    assert found is not None and "wqy" in found.path
    assert all(f.path.endswith((".ttc", ".ttf", ".otf", ".otc")) for f in fonts.candidate_fonts())


def test_cff_outlined_fonts_are_skipped(tmp_path):
    fake = tmp_path / "NotoSansCJK-Regular.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 200)  # a CFF OpenType header: reportlab refuses it
    assert fonts._register_truetype(fonts.FontFile(str(fake))) is None


def test_runs_route_missing_glyphs_to_the_symbol_font_or_substitute(ttf):
    runs = ttf.runs("登录 ⚠ ok\x07\u200d")
    assert runs[0] == (ttf.regular, "登录 ")
    assert (ttf.symbol, "⚠") in runs
    assert "".join(t for _, t in runs) == "登录 ⚠ ok"  # control characters dropped
    assert ttf.runs("\U000f0000") == [(ttf.regular, fonts.REPLACEMENT)]  # no font has it


def test_cid_fallback_draws_latin_with_the_embedded_symbol_font(cid):
    assert cid.regular == fonts.CID_FALLBACK and not cid.embedded and cid.note
    runs = dict((t, f) for f, t in cid.runs("中文abc"))
    assert runs == {"中文": fonts.CID_FALLBACK, "abc": cid.symbol}


@pytest.mark.parametrize(
    "text",
    ["验证码收不到，用户需要等待很久很久很久很久很久很久很久", "Searches for reviews online before buying", "x" * 200, "a\n\nb"],
)
def test_wrap_never_exceeds_the_width_and_keeps_every_character(ttf, text):
    measure = TextMeasure(ttf, 8)
    lines = measure.wrap(text, 80)
    assert all(measure.width(line) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_wrap_breaks_between_words_and_keeps_punctuation_attached(ttf):
    measure = TextMeasure(ttf, 8)
    width = max(measure.width("alpha beta"), measure.width("gamma delta"))
    assert measure.wrap("alpha beta gamma delta", width) == ["alpha beta", "gamma delta"]
    lines = measure.wrap("一二三四五，六七", measure.width("一二三四五"))
    assert not any(line.startswith("，") for line in lines)
    assert measure.wrap("", 50) == []


def test_wrap_of_mixed_chinese_and_english_never_splits_a_word_that_fits(ttf):
    measure = TextMeasure(ttf, 8)
    text = "密码取号老人老人、Helpful courier delivery、Store confusing voucher、风控"
    for width in range(60, 200, 7):
        lines = measure.wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        words = set(re.findall(r"[A-Za-z]+", text))
        assert set(re.findall(r"[A-Za-z]+", " ".join(lines))) == words, (width, lines)
        assert not any(line.startswith("、") for line in lines), (width, lines)


@pytest.mark.parametrize("which", ["ttf", "cid"])
def test_table_widths_match_reportlab_run_by_run(which, request):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    f = request.getfixturevalue(which)
    for text in ["", "Hello, world", "客户旅程 journey → ✓ 😀", "tab\there\x01", "…末尾"]:
        expected = sum(stringWidth(run, font, 7.2) for font, run in f.runs(text))
        assert f.text_width(text, 7.2) == pytest.approx(expected, abs=1e-9)


def test_shorten_keeps_the_longest_prefix_that_fits(ttf):
    measure = TextMeasure(ttf, 7)
    line = "网点海报：新开户存款送好礼 and more words"
    for width in (5, 30, 60, 90, 400):
        short = measure.shorten(line, width, " A12")
        assert short.endswith("… A12")
        kept = short[: -len("… A12")]
        assert line.startswith(kept)
        if kept:
            assert measure.width(short) <= width
        longer = line[: len(kept) + 1]
        if len(longer) > len(kept) and longer != line:
            assert measure.width(longer.rstrip() + "… A12") > width or longer.rstrip() == kept


_MIXED = st.text(alphabet=st.sampled_from(list("ab 中文…\n\t\x01\u200d\ufe0f→✓😀\u0301é")), max_size=30)


@given(text=_MIXED)
def test_runs_shortcut_agrees_with_the_character_rules(text):
    from dataclasses import replace

    f = fonts.pdf_fonts()
    slow = replace(f, _plain_chars=frozenset(), _runs_cache={}, _widths={})
    assert f.runs(text) == slow.runs(text)


def test_configuring_matplotlib_again_adds_no_font_twice():
    from matplotlib import font_manager

    first = fonts.configure_matplotlib()
    count = len(font_manager.fontManager.ttflist)
    again = fonts.configure_matplotlib()
    assert len(font_manager.fontManager.ttflist) == count
    assert again == first and again.cjk
