"""Fonts for the exports: one CJK-capable font for the PDF and for matplotlib.

This module owns finding a font that draws Chinese as well as Latin text, registering it
with reportlab (embedded as a subset, reportlab's default for TrueType) and with
matplotlib, and making user text printable in that font.

Discovery order: fontconfig (``fc-list :lang=zh``), then known Debian paths. Only
TrueType-outlined fonts qualify: reportlab refuses CFF-outlined OpenType ("postscript
outlines are not supported"), which is what ``fonts-noto-cjk`` ships, so every candidate
is tried and the refusals are skipped.

Without any such font the PDF falls back to reportlab's built-in CID font
``STSong-Light`` (not embedded: the reader's viewer supplies it) and a
:class:`CJKFontWarning` says so. The trap: a CID font cannot be measured or drawn for
characters outside its character collection, so :meth:`PdfFonts.runs` draws those with
the symbol font or substitutes them instead of letting reportlab write garbage.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: What replaces a character the font cannot draw (emoji, rare symbols).
REPLACEMENT = "?"

CID_FALLBACK = "STSong-Light"

#: Code points :meth:`PdfFonts.runs` drops or changes (controls, surrogates, emoji
#: variation selectors and joiners; tab becomes a space).
_DROPPED_CODES = frozenset(
    [*range(32), *range(0x7F, 0xA0), *range(0xD800, 0xE000), *range(0xFE00, 0xFE10), 0x200D]
)

#: Characters drawn with the symbol font even when the CJK font has them.
_PREFER_SYMBOL = frozenset("…")

#: Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
#: forms): a text holding one is shaped and put in visual order before it is drawn.
_RTL = frozenset(
    chr(c) for c in [*range(0x0590, 0x0900), *range(0xFB1D, 0xFE00), *range(0xFE70, 0xFF00)]
)
_ARABIC_FORMS = range(0xFB50, 0xFF00)


def visual_order(text: str) -> str:
    """``text`` as it is drawn left to right: Arabic letters joined (their contextual
    presentation forms) and right-to-left runs reversed by the Unicode bidirectional
    algorithm, Latin, digits and Chinese inside staying left to right. Text without a
    right-to-left letter is returned unchanged (the usual case, and cheap to test).

    One line at a time: wrapping works on the logical text, then each line is put in
    visual order (the bidi algorithm reorders within a line, never across lines).
    """
    if _RTL.isdisjoint(text):
        return text
    # A lone surrogate (never drawn: ``runs`` drops it) cannot pass to the bidi library.
    return _bidi(pdf_string(text))


def starts_right_to_left(text: str) -> bool:
    """Whether a line's first strong character is right-to-left (its paragraph
    direction under the bidi algorithm): such a line is aligned to the right."""
    if _RTL.isdisjoint(text):
        return False
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def _bidi(text: str) -> str:
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def pdf_string(text: str) -> str:
    """``text`` for the PDF's own strings (metadata, bookmarks), which reportlab encodes
    as UTF-8/UTF-16: lone surrogates, which cannot be encoded, are left out."""
    if not any(0xD800 <= ord(c) < 0xE000 for c in text):
        return text
    return "".join(c for c in text if not 0xD800 <= ord(c) < 0xE000)


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap of a TrueType subset, right for every character.

    reportlab writes each code point as ``<%04X>``: outside the Basic Multilingual Plane
    that is five hex digits, which viewers read as another character (an emoji 😀,
    U+1F600, extracted as U+1F60 "ὠ"). A CMap's destination is UTF-16BE, so those are
    written as a surrogate pair. An Arabic presentation form (the joined shapes
    :func:`visual_order` draws) maps back to its letter, so copied or searched text
    reads as the letters typed.
    """
    import unicodedata

    def utf16(code: int) -> str:
        text = chr(code)
        if code in _ARABIC_FORMS:
            text = unicodedata.normalize("NFKC", text) or text
        return text.encode("utf-16-be").hex().upper()

    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname,
        "/Ordering (%s)" % fontname,
        "/Supplement 0",
        ">> def",
        "/CMapName /%s def" % fontname,
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
        "%d beginbfchar" % len(subset),
        *("<%02X> <%s>" % (i, utf16(code)) for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def _patch_reportlab() -> None:
    """Put :func:`_to_unicode_cmap` in place of reportlab's (looked up at each save)."""
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts.makeToUnicodeCMap, "__name__", "") != _to_unicode_cmap.__name__:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap

#: Known TrueType CJK fonts, best first: (path, face index in the collection).
KNOWN_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),  # CFF: usually refused
)

# A Latin font used for glyphs the CJK font lacks (arrows, dingbats): DejaVu covers
# many symbols the WenQuanYi fonts do not.
SYMBOL_FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


class CJKFontWarning(UserWarning):
    """No TrueType CJK font was found: the PDF uses a non-embedded CID font."""


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0


@dataclass
class PdfFonts:
    """The reportlab font names an export uses, and how to make text printable in them.

    ``regular`` draws everything; ``symbol`` (optional) draws the glyphs ``regular``
    lacks. ``embedded`` is False on the CID fallback. ``note`` explains a fallback to the
    person running the export (the CLI prints it).
    """

    regular: str
    embedded: bool
    source: str
    symbol: str | None = None
    note: str | None = None
    _covered: frozenset[int] | None = field(default=None, repr=False)
    _symbol_covered: frozenset[int] = field(default=frozenset(), repr=False)
    _runs_cache: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _widths: dict[str, float] = field(default_factory=dict, repr=False)
    _plain_chars: frozenset[str] | None = field(default=None, repr=False)
    _wide: frozenset[str] | None = field(default=None, repr=False)
    _special: frozenset[str] | None = field(default=None, repr=False)

    def has_glyph(self, char: str) -> bool:
        code = ord(char)
        if self._covered is not None:
            return code in self._covered
        return _cid_can_draw(char)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, text) runs that the fonts can draw.

        Characters neither font has become :data:`REPLACEMENT`; control characters
        other than newline and tab are dropped.
        """
        cached = self._runs_cache.get(text)
        if cached is not None:
            return cached
        if text and self._plain().issuperset(text):
            return [(self.regular, text)]  # the usual case: the whole text in one font
        key, text = text, visual_order(text)
        wide = self._wide_latin()
        out: list[tuple[str, str]] = []
        for k, char in enumerate(text):
            if char in "\n\t":
                font, char = self.regular, " " if char == "\t" else char
            elif ord(char) < 32 or 0x7F <= ord(char) < 0xA0 or 0xD800 <= ord(char) < 0xE000:
                continue
            elif 0xFE00 <= ord(char) <= 0xFE0F or ord(char) == 0x200D:
                continue  # emoji variation selectors / joiners: nothing to draw
            elif char in wide and not _next_to_cjk(text, k):
                # Curly quotes, dashes, accented letters: full-width in a CJK font, so
                # in Latin text they take the Latin font; beside Chinese they stay wide.
                font = self.symbol
            elif self._prefer_symbol(char):
                # CJK fonts centre "…" vertically, odd in Latin text; the CID fallback's
                # Latin glyphs are full-width-ish, DejaVu's read better.
                font = self.symbol
            elif self.has_glyph(char):
                font = self.regular
            elif self.symbol and ord(char) in self._symbol_covered:
                font = self.symbol
            else:
                font, char = self.regular, REPLACEMENT
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + char)
            else:
                out.append((font, char))
        if len(self._runs_cache) > 100_000:  # a bound, not a policy: exports are finite
            self._runs_cache.clear()
        self._runs_cache[key] = out
        return out

    def _wide_latin(self) -> frozenset[str]:
        """Characters below the CJK blocks that the regular (CJK) font sets full-width
        and the symbol (Latin) font sets much narrower: “ ” ‘ ’ and pinyin vowels
        (é, ü) in WenQuanYi."""
        if self._wide is None:
            wide: set[str] = set()
            if self.symbol and self._covered is not None:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                for code in self._covered & self._symbol_covered:
                    if 0xA0 <= code < 0x2E80 and chr(code) not in _RTL and chr(code) not in _PREFER_SYMBOL:
                        cjk = stringWidth(chr(code), self.regular, 1.0)
                        # Only where the Latin glyph is much narrower: an em dash is
                        # one em in both fonts and stays in the regular one.
                        if cjk >= 0.9 and stringWidth(chr(code), self.symbol, 1.0) < 0.75 * cjk:
                            wide.add(chr(code))
            self._wide = frozenset(wide)
        return self._wide

    def _plain(self) -> frozenset[str]:
        """Characters :meth:`runs` passes unchanged to the regular font (computed once)."""
        if self._plain_chars is None:
            if self._covered is None:  # CID: per character rules, no shortcut
                self._plain_chars = frozenset()
            else:
                codes = (self._covered - _DROPPED_CODES) | {ord("\n")}
                chars = set(map(chr, codes)) - self._wide_latin() - _RTL
                self._plain_chars = frozenset(chars - {c for c in _PREFER_SYMBOL if self._prefer_symbol(c)})
        return self._plain_chars

    def text_width(self, text: str, size: float) -> float:
        """Width of ``text`` drawn run by run at ``size``, from a per-character table.

        reportlab applies no kerning, so a text's width is the sum of its characters'
        (each in the font :meth:`runs` picks for it, which depends on the character
        alone): one dict lookup per character instead of splitting runs and calling
        ``stringWidth`` every time (wrapping 5,000 cards measured each character ~6×).
        """
        widths = self._widths
        special = self._special
        if special is None:
            special = self._special = _RTL | self._wide_latin()
        if not special.isdisjoint(text):
            # Right-to-left text (joined Arabic forms have widths of their own) or a
            # character whose font depends on its neighbours: measured run by run.
            return size * sum(self._run_widths(text))
        try:
            return size * sum(map(widths.__getitem__, text))
        except KeyError:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            for char in set(text) - widths.keys():
                widths[char] = sum(stringWidth(run, font, 1.0) for font, run in self.runs(char))
            return size * sum(map(widths.__getitem__, text))

    def _run_widths(self, text: str):
        """Widths (at size 1) of ``text``'s runs: for text whose fonts depend on context."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return [stringWidth(run, font, 1.0) for font, run in self.runs(text)]

    def _prefer_symbol(self, char: str) -> bool:
        if not self.symbol or ord(char) not in self._symbol_covered:
            return False
        return char in _PREFER_SYMBOL or (self._covered is None and ord(char) < 0x2E80)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code < 0xA000 or 0xF900 <= code < 0xFB00 or 0xFF00 <= code < 0xFFF0 or 0x20000 <= code < 0x32000


_OPENING, _CLOSING = frozenset("“‘"), frozenset("”’")


def _next_to_cjk(text: str, k: int) -> bool:
    """Whether the nearest letters beside ``text[k]`` (past spaces and other
    punctuation) are Chinese, Japanese or Korean: for an opening quote the quoted text
    after it, for a closing one the text before it, else either side."""
    char = text[k]
    for step in (1,) if char in _OPENING else (-1,) if char in _CLOSING else (-1, 1):
        i = k + step
        while 0 <= i < len(text) and not text[i].isalnum():
            i += step
        if 0 <= i < len(text) and _is_cjk(text[i]):
            return True
    return False


def _cid_can_draw(char: str) -> bool:
    # STSong-Light covers Adobe-GB1: roughly what GBK encodes. Outside the BMP nothing.
    if ord(char) > 0xFFFF:
        return False
    try:
        char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def _fc_list_candidates() -> list[FontFile]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "--format", "%{file}|%{index}|%{style}|%{family}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[int, FontFile]] = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) < 4 or not parts[0]:
            continue
        path, index, style, family = parts[0], parts[1], parts[2], parts[3]
        try:
            face = int(index or 0)
        except ValueError:
            face = 0
        # Prefer a proportional regular face: "Mono" and bold faces make poor body text.
        rank = (2 if "mono" in family.lower() else 0) + (1 if "bold" in style.lower() else 0)
        if "microhei" in path.lower().replace("-", ""):
            rank -= 1
        found.append((rank, FontFile(path, face)))
    found.sort(key=lambda item: item[0])
    return [ff for _, ff in found]


def candidate_fonts() -> list[FontFile]:
    """Font files that may draw Chinese, best first (fontconfig, then known paths)."""
    seen: set[tuple[str, int]] = set()
    out: list[FontFile] = []
    for ff in [*_fc_list_candidates(), *(FontFile(p, i) for p, i in KNOWN_FONTS)]:
        key = (os.path.realpath(ff.path), ff.index)
        if key in seen or not os.path.isfile(ff.path):
            continue
        seen.add(key)
        out.append(ff)
    return out


def _pdf_name(ff: FontFile) -> str:
    return f"CXM-{Path(ff.path).stem}-{ff.index}"


def _register_truetype(ff: FontFile):
    """Register one TrueType file with reportlab; None when reportlab refuses it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = _pdf_name(ff)
    # getFont() of an unknown name first searches the disk for Type 1 metrics (seconds).
    if name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(name)
    try:
        kwargs = {"subfontIndex": ff.index} if ff.path.lower().endswith((".ttc", ".otc")) else {}
        font = TTFont(name, ff.path, **kwargs)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None  # CFF outlines, a broken file, a missing face
    pdfmetrics.registerFont(font)
    return font


def _with_cjk(font) -> bool:
    chars = font.face.charToGlyph
    return all(ord(c) in chars for c in "中文旅程客户")


@lru_cache(maxsize=1)
def _discover() -> FontFile | None:
    for ff in candidate_fonts():
        font = _register_truetype(ff)
        if font is not None and _with_cjk(font):
            return ff
    return None


def find_cjk_font() -> FontFile | None:
    """The first TrueType font file that reportlab accepts and that has Chinese glyphs."""
    return _discover()


_TRUETYPE_FONTS: dict[tuple[str, str | None], PdfFonts] = {}


def pdf_fonts() -> PdfFonts:
    """Register and return the fonts a PDF export uses.

    Warns with :class:`CJKFontWarning` (and fills ``note``) when no TrueType CJK font
    exists and the non-embedded ``STSong-Light`` CID font is used instead.
    """
    _patch_reportlab()
    ff = find_cjk_font()
    symbol_name, symbol_covered = None, frozenset()
    for path in SYMBOL_FONTS:
        if os.path.isfile(path):
            symbol = _register_truetype(FontFile(path))
            if symbol is not None:
                symbol_name, symbol_covered = symbol.fontName, frozenset(symbol.face.charToGlyph)
                break
    if ff is not None:
        font = _register_truetype(ff)
        # One object per font pair, kept: its run, width and character tables then
        # serve every later export instead of being rebuilt each time.
        key = (font.fontName, symbol_name)
        fonts = _TRUETYPE_FONTS.get(key)
        if fonts is None:
            fonts = _TRUETYPE_FONTS[key] = PdfFonts(
                regular=font.fontName,
                embedded=True,
                source=f"{ff.path}#{ff.index}",
                symbol=symbol_name,
                _covered=frozenset(font.face.charToGlyph),
                _symbol_covered=symbol_covered,
            )
        return fonts
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    note = (
        "no TrueType CJK font found (install fonts-wqy-microhei): the PDF uses the "
        f"built-in CID font {CID_FALLBACK}, which is not embedded; the reader's viewer "
        "must supply it"
    )
    warnings.warn(note, CJKFontWarning, stacklevel=2)
    return PdfFonts(
        regular=CID_FALLBACK,
        embedded=False,
        source=CID_FALLBACK,
        symbol=symbol_name,
        note=note,
        _covered=None,
        _symbol_covered=symbol_covered,
    )


@dataclass(frozen=True)
class MatplotlibFonts:
    """What :func:`configure_matplotlib` set up: the family list and glyph coverage."""

    families: tuple[str, ...]
    cjk: bool
    _covered: frozenset[int]

    def printable(self, text: str) -> str:
        """``text`` with characters no configured font has replaced (no "Glyph missing"),
        "$" escaped (two of them would start matplotlib's math mode: "$$" raised), and
        right-to-left lines shaped and in visual order (matplotlib draws as given)."""
        text = "\n".join(map(visual_order, text.split("\n")))
        return "".join(
            c if ord(c) in self._covered or c == "\n" else REPLACEMENT
            for c in text
            if not (0xFE00 <= ord(c) <= 0xFE0F or ord(c) == 0x200D)
        ).replace("$", "\\$")


def configure_matplotlib() -> MatplotlibFonts:
    """Make matplotlib draw Chinese: add the CJK font and put it first.

    Sets ``font.family`` to the CJK family then DejaVu Sans, the fallback for glyphs it
    lacks (matplotlib ≥ 3.6 falls back per glyph along that list). Without a CJK
    font only DejaVu Sans is used, and ``printable`` replaces Chinese characters.
    Call before creating a figure; safe to call repeatedly.
    """
    import matplotlib
    ff = find_cjk_font()
    families, covered = _matplotlib_faces(ff, tuple(SYMBOL_FONTS))
    # Per-glyph fallback runs along font.family's *concrete* names; the generic
    # "sans-serif" resolves to one font only, and "ƀ" would be a missing glyph.
    matplotlib.rcParams["font.family"] = list(families)
    rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in families]
    matplotlib.rcParams["font.sans-serif"] = [*families, *rest]
    return MatplotlibFonts(families, ff is not None, covered)


@lru_cache(maxsize=8)
def _matplotlib_faces(ff: FontFile | None, symbol_paths: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[int]]:
    """Add the fonts to matplotlib once; their family names and covered code points.

    Kept per font choice: reading the CJK font's character map took ~17 ms for every
    chart, and ``addfont`` appended the same font to matplotlib's list again each time.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    families: list[str] = []
    covered: set[int] = set()
    if ff is not None:
        font_manager.fontManager.addfont(ff.path)
        face = FT2Font(ff.path)
        families.append(face.family_name)
        covered.update(face.get_charmap())
    for path in symbol_paths:
        if os.path.isfile(path):
            font_manager.fontManager.addfont(path)
            face = FT2Font(path)
            families.append(face.family_name)
            covered.update(face.get_charmap())
    if not families:  # matplotlib's bundled DejaVu Sans
        families.append("DejaVu Sans")
        path = font_manager.findfont("DejaVu Sans")
        covered.update(FT2Font(path).get_charmap())
    return tuple(families), frozenset(covered)
