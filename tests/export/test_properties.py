"""Any valid map, however hostile its text, exports to every format without a crash,
and the text formats give back the facts they carry."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from cxmapper.export.flat import flat_json
from cxmapper.export.mermaid import from_mermaid, journey_tasks, to_mermaid
from cxmapper.export.pdf import export_pdf
from cxmapper.export.report_text import report_text
from cxmapper.export.tabular import export_csv, unguard
from tests.strategies import documents

# A PDF costs about a second: fewer examples than the profile's default.
pdf_settings = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generating a document dominates the text round trips: half the profile's examples.
text_settings = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pdf_settings
@given(documents(max_stages=4, max_cards=15))
def test_any_map_makes_a_pdf(doc):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.pdf"
        report = export_pdf(doc, path)
        reader = PdfReader(str(path))
        assert report.pages == len(reader.pages) >= 4
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        t = report_text(doc.meta.locale)  # generated maps have English and Chinese locales
        assert titles[:2] == [t("Cover"), t("Blueprint")]


@text_settings
@given(documents())
def test_any_map_round_trips_through_flat_json_and_csv(doc):
    flat = json.loads(flat_json(doc))
    assert [c["title"] for c in flat["cards"]] == [c.title for c in doc.cards]
    assert [c["description"] for c in flat["cards"]] == [c.description for c in doc.cards]
    with tempfile.TemporaryDirectory() as tmp:
        cards_path, _ = export_csv(doc, tmp)
        with open(cards_path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    # csv normalises no text: titles come back exactly (newlines, quotes, commas, emoji)
    assert [unguard(r["title"]) for r in rows] == [c.title for c in doc.cards]
    assert [unguard(r["owner"]) for r in rows] == [c.owner for c in doc.cards]


@text_settings
@given(documents())
def test_any_map_round_trips_through_mermaid(doc):
    exported = journey_tasks(doc)
    again = journey_tasks(from_mermaid(to_mermaid(doc)))
    key = [(t.section_number, t.section, t.name, t.score) for t in exported]
    assert [(t.section_number, t.section, t.name, t.score) for t in again] == key
    assert len({t.section_number for t in again}) == len(doc.stages)
