"""Text in the PowerPoint deck: what may be written, in which fonts, how big it gets.

Every string the deck shows goes through :func:`deck_text` and reaches python-pptx
only through :func:`add_runs`, so that

- no character XML 1.0 refuses (C0 controls, U+FFFE/U+FFFF, lone surrogates) can
  make a file PowerPoint has to repair: controls are shown as their Unicode control
  pictures (ESC → ␛), the others as U+FFFD; C1 controls the same way;
- every run names a Latin typeface *and* an East Asian one (``a:ea``), and a run
  with Chinese text says ``lang="zh-CN"``: without ``a:ea`` PowerPoint draws Han
  characters with the theme's Latin font (boxes or a fallback of its choosing), and
  LibreOffice picks its fallback from the language.

``wrap_lines`` estimates how a text wraps in a box of a given width, by display
width (a Han character is two columns, about one em): the deck is laid out before
PowerPoint ever measures it, so estimates err on the wide side.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

from cxmapper.textwidth import display_width

#: The Latin and East Asian typefaces of every run. Microsoft YaHei ships with
#: Windows and Office for Mac; LibreOffice substitutes a Han font it has (WenQuanYi
#: on Debian) when a run is marked zh-CN.
LATIN_FONT = "Calibri"
EA_FONT = "Microsoft YaHei"

_CONTROL = {c: chr(0x2400 + c) for c in range(0x20)}  # ␀ … ␟
_CONTROL[0x7F] = "\u2421"  # ␡
_CONTROL.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_CONTROL.update({0xFFFE: "\ufffd", 0xFFFF: "\ufffd"})
_CONTROL[0x09] = " "
_CONTROL_BUT_NEWLINE = {c: v for c, v in _CONTROL.items() if c != 0x0A}
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HAN = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def deck_text(text: str, *, lines: bool = False) -> str:
    """``text`` as the deck may hold it. With ``lines`` newlines are kept (the caller
    splits paragraphs on them); without, every run of whitespace is one space (kept
    at the ends: runs of one paragraph are joined as they are)."""
    if lines:
        text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL_BUT_NEWLINE)
    else:
        text = _SPACES.sub(" ", text).translate(_CONTROL)
    return _SURROGATE.sub("\ufffd", text)


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def set_fonts(run, text: str, *, zh: bool = False) -> None:
    """Name the Latin and East Asian typefaces of ``run``; zh-CN where Chinese is."""
    r_pr = run._r.get_or_add_rPr()
    run.font.name = LATIN_FONT
    latin = r_pr.find(qn("a:latin"))
    ea = r_pr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(r_pr, qn("a:ea"))
        latin.addnext(ea)  # schema order: latin, ea, cs, sym
    ea.set("typeface", EA_FONT)
    if zh or has_han(text):
        r_pr.set("lang", "zh-CN")
        r_pr.set("altLang", "en-US")


def add_runs(paragraph, text: str, *, size: float, bold: bool = False, color=None, zh: bool = False):
    """One run of ``text`` (made safe) at the end of ``paragraph``; returns the run."""
    run = paragraph.add_run()
    run.text = deck_text(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    set_fonts(run, run.text, zh=zh)
    return run


def write(frame, paragraphs, *, size: float, bold: bool = False, color=None, zh: bool = False, align=None) -> None:
    """Replace ``frame``'s text with ``paragraphs`` (strings, or lists of
    ``(text, size, bold, color)`` runs), each made safe and set in both fonts."""
    frame.clear()
    first = True
    for para in paragraphs:
        p = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        if align is not None:
            p.alignment = align
        runs = [(para, size, bold, color)] if isinstance(para, str) else para
        for text, run_size, run_bold, run_color in runs:
            add_runs(p, text, size=run_size, bold=run_bold, color=run_color, zh=zh)


def wrap_lines(text: str, width_pt: float, size: float) -> list[str]:
    """``text`` wrapped to lines of at most ``width_pt`` at ``size`` points.

    A display column is taken as 0.55 em (Latin text averages ~0.5 em; a Han
    character, two columns, is 1 em), so the estimate errs on the side of more lines.
    Breaks at spaces where it can, anywhere in a word or a run of Han characters.
    """
    cols = max(1, int(width_pt / (0.55 * size)))
    out: list[str] = []
    for para in deck_text(text, lines=True).split("\n"):
        line, used = "", 0
        for token in re.findall(r"\S+\s*|\s+", para):
            w = display_width(token.rstrip())
            if used + w <= cols:
                line, used = line + token, used + display_width(token)
                continue
            if line.strip():
                out.append(line.rstrip())
                line, used = "", 0
            for ch in token:
                cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
                if used + cw > cols and line.strip():
                    out.append(line.rstrip())
                    line, used = "", 0
                if line or not ch.isspace():
                    line, used = line + ch, used + cw
        out.append(line.rstrip())
    return out or [""]
