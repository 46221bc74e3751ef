"""The export and import-mermaid commands, run in-process on the bundled example maps."""

from __future__ import annotations

import csv
import json
import os

import pytest
from pypdf import PdfReader

from cxmapper.cli import main
from cxmapper.model.fileformat import load_file
from cxmapper.model.priority import rank_pain_points
from cxmapper.paths import EXAMPLES

BANK = EXAMPLES / "bank-account-opening.zh.cxmap"
SHOP = EXAMPLES / "online-order-and-return.en.cxmap"


@pytest.mark.parametrize("example", [BANK, SHOP], ids=["bank-zh", "shop-en"])
def test_export_every_format_of_an_example(tmp_path, capsys, example):
    doc = load_file(example)
    pdf, flat, mmd = tmp_path / "r.pdf", tmp_path / "f.json", tmp_path / "j.mmd"
    # English headings whatever the map's language (the Chinese report: test_report_language.py)
    code = main(["export", str(example), "--pdf", str(pdf), "--lang", "en", "--json", str(flat),
                 "--csv", str(tmp_path / "csv"), "--mermaid", str(mmd)])
    out = capsys.readouterr().out
    assert code == 0
    reader = PdfReader(str(pdf))
    assert f"({len(reader.pages)} pages, A4 landscape)" in out
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat_text = text.replace("\n", "")
    for stage in doc.stages:
        assert stage.name in text
    blueprint = "\n".join(p.extract_text() for p in reader.pages if "Blueprint — page" in p.extract_text())
    # every card title is on the blueprint, whole or cut with a reference to the appendix
    appendix = text[text.index("Appendix"):] if "Appendix: full text" in text else ""
    for card in doc.cards:
        if card.title:
            assert card.title[:6] in blueprint.replace("\n", "") or card.title in appendix, card.title
    ranked = [r.card.title for r in rank_pain_points(doc)]
    section = flat_text[flat_text.index("Pain points ranked: what to fix first"):]  # the cover names the section too
    positions = [section.index(title) for title in ranked]
    assert positions == sorted(positions)
    assert json.loads(flat.read_text(encoding="utf-8"))["format"] == "cxmapper-flat"
    with open(tmp_path / "csv" / "cards.csv", encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == len(doc.cards)
    assert mmd.read_text(encoding="utf-8").count("section ") == len(doc.stages)


def test_export_a3_fit_and_filters(tmp_path, capsys):
    doc = load_file(BANK)
    lane = doc.lanes[0].name
    persona = doc.personas[0].name
    a4 = main(["export", str(BANK), "--pdf", str(tmp_path / "a4.pdf")])
    a3 = main(["export", str(BANK), "--pdf", str(tmp_path / "a3.pdf"), "--paper", "a3",
               "--lanes", lane, "--personas", persona])
    assert a4 == a3 == 0
    assert len(PdfReader(str(tmp_path / "a3.pdf")).pages) < len(PdfReader(str(tmp_path / "a4.pdf")).pages)
    code = main(["export", str(BANK), "--pdf", str(tmp_path / "fit.pdf"), "--fit"])
    err = capsys.readouterr().err
    assert code == 0
    # 13 steps and 10 lanes do not fit one A4 page at a readable size: split, and said so
    # (in the report's language: the bank map is Chinese)
    assert "--fit" in err and "分页" in err


def test_export_errors(tmp_path, capsys):
    assert main(["export", str(BANK)]) == 2
    assert "nothing to do" in capsys.readouterr().err
    bad = tmp_path / "bad.cxmap"
    bad.write_text('{"format": "cxmapper", "schema_version": 1, "stages": [}', encoding="utf-8")
    out = tmp_path / "never.pdf"
    assert main(["export", str(bad), "--pdf", str(out)]) == 1
    assert "bad.cxmap" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export", str(BANK), "--pdf", str(out), "--lanes", "没有这条泳道"]) == 1
    assert "no lane named '没有这条泳道'" in capsys.readouterr().err
    assert main(["export", str(BANK), "--json", str(tmp_path / "missing-dir" / "x.json")]) == 1
    assert "cannot write JSON" in capsys.readouterr().err


def test_import_mermaid_round_trip(tmp_path, capsys):
    mmd, new = tmp_path / "j.mmd", tmp_path / "new.cxmap"
    assert main(["export", str(SHOP), "--mermaid", str(mmd)]) == 0
    assert main(["import-mermaid", str(mmd), str(new)]) == 0
    doc, original = load_file(new), load_file(SHOP)
    assert [s.name for s in doc.stages] == [s.name for s in original.stages]
    assert main(["import-mermaid", str(mmd), str(new)]) == 1
    assert "--force" in capsys.readouterr().err
    broken = tmp_path / "broken.mmd"
    broken.write_text("journey\n  section 认知\n    看广告 九\n", encoding="utf-8")
    assert main(["import-mermaid", str(broken), str(tmp_path / "b.cxmap")]) == 1
    assert "broken.mmd:3:5: the task '看广告 九' needs ': score'" in capsys.readouterr().err
    assert not (tmp_path / "b.cxmap").exists()


def test_export_pdf_paper_stages_sections_options(tmp_path, capsys):
    doc = load_file(SHOP)
    first, last = doc.stages[0], doc.stages[-1]
    poster = tmp_path / "poster.pdf"
    code = main(["export", str(SHOP), "--pdf", str(poster), "--paper", "poster",
                 "--stages", first.name, last.id, "--sections", "blueprint", "emotions"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "blueprint on one poster page" in captured.out
    reader = PdfReader(str(poster))
    blueprint = reader.pages[0].extract_text() or ""
    assert "Blueprint — page 1 of 1" in blueprint
    assert float(reader.pages[0].mediabox.width) > 842  # the poster, first (no cover)
    assert first.steps[0].name in blueprint and doc.stages[1].steps[0].name not in blueprint
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "Emotion curves" in text and "Pain points ranked" not in text

    letter = tmp_path / "letter.pdf"
    assert main(["export", str(SHOP), "--pdf", str(letter), "--paper", "letter", "--fit"]) == 0
    assert "Letter landscape" in capsys.readouterr().out
    assert round(float(PdfReader(str(letter)).pages[0].mediabox.width)) == 792

    code = main(["export", str(SHOP), "--pdf", str(tmp_path / "x.pdf"), "--stages", "Nowhere"])
    err = capsys.readouterr().err
    assert code == 1 and "no stage named 'Nowhere'" in err and first.name in err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit):
        main(["export", str(SHOP), "--pdf", str(tmp_path / "x.pdf"), "--sections", "index"])
    assert "invalid choice: 'index'" in capsys.readouterr().err


HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil"


def test_import_mermaid_prints_no_control_character_raw(tmp_path):
    """The text's own words in a note (a task name) reach the terminal escaped."""
    import subprocess
    import sys

    mmd = tmp_path / "j.mmd"
    mmd.write_text("journey\n  section S\n    \x1b[2J\x07\u202eevil: x: Ann\n", encoding="utf-8")  # no ';' (Mermaid refuses it)
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", "import-mermaid", str(mmd), str(tmp_path / "j.cxmap")],
        capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 0, out
    assert "not a number" in out and "\\u202e" in out
    assert not [ch for ch in ("\x1b", "\x07", "\u202e") if ch in out]


def test_kano_import_prints_no_control_character_raw(tmp_path):
    """A feature the map does not have is named on stderr, escaped; the map is unchanged."""
    import subprocess
    import sys

    answers = tmp_path / "a.csv"
    answers.write_text(f"feature,functional,dysfunctional\n{HOSTILE},like,dislike\n", encoding="utf-8")
    target = tmp_path / "m.cxmap"
    target.write_bytes(SHOP.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "cxmapper", "kano", "import", str(target), str(answers)],
        capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert "\\x1b]0;pwned" in out, out
    assert not [ch for ch in ("\x1b", "\x07", "\u202e") if ch in out]
    assert target.read_bytes() == SHOP.read_bytes()
