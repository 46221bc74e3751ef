"""The enum names: built once per language, and following a catalogue installed later."""

from __future__ import annotations

from cxmapper.model.document import CardKind, Curve, LaneKind
from cxmapper.ui import names
from cxmapper.ui.i18n import install_translators, remove_translators


def test_names_follow_the_catalogue_installed_and_removed(qapp):
    english = names.lane_kind_name(LaneKind.PAIN_POINTS)
    assert english == "Pain points" and names.card_kind_name(CardKind.ACTION) == "Action"
    translators = install_translators("zh_CN")
    try:
        assert translators
        chinese = names.lane_kind_name(LaneKind.PAIN_POINTS)
        assert chinese != english and not chinese.isascii()
        assert not names.curve_name(Curve.TO_BE).isascii()
    finally:
        remove_translators(translators)
    assert names.lane_kind_name(LaneKind.PAIN_POINTS) == english
    assert names.curve_name(Curve.TO_BE) == "To-be"


def test_a_table_is_built_once_per_language(qapp):
    names.lane_kind_name(LaneKind.NOTES)
    before = names._lane_kind_names.cache_info()
    for kind in LaneKind:
        names.lane_kind_name(kind)
    after = names._lane_kind_names.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + len(LaneKind)
