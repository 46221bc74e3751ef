"""New maps from the journey and blueprint templates."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from cxmapper.model import templates
from cxmapper.model.document import (
    BLUEPRINT_ORDER,
    DEFAULT_ANALYSIS,
    AnalysisSettings,
    EmotionScale,
    LaneKind,
    MapDocument,
    MapMeta,
)
from cxmapper.model.fileformat import dumps, loads
from cxmapper.model.templates import new_map
from cxmapper.model.validation import validate_references


def _all_ids(doc: MapDocument) -> list[str]:
    return (
        [s.id for s in doc.stages]
        + [step.id for step in doc.steps()]
        + [lane.id for lane in doc.lanes]
        + [p.id for p in doc.personas]
    )


def test_journey_template_in_english():
    doc = new_map("journey", title="Online returns")
    assert doc.meta.title == "Online returns" and doc.meta.locale == "en"
    assert [s.name for s in doc.stages] == ["Awareness", "Consideration", "Purchase", "Use", "Loyalty"]
    assert all(1 <= len(s.steps) <= 2 for s in doc.stages)
    assert all(step.name for step in doc.steps())
    assert [lane.kind for lane in doc.lanes] == [
        LaneKind.CUSTOMER_ACTIONS, LaneKind.TOUCHPOINTS, LaneKind.THOUGHTS,
        LaneKind.EMOTIONS, LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES,
    ]
    assert [lane.name for lane in doc.lanes][:2] == ["Customer actions", "Touchpoints"]
    assert [p.name for p in doc.personas] == ["Customer"]
    assert doc.cards == [] and doc.links == []
    assert doc.meta.created is not None and doc.meta.created == doc.meta.modified


@pytest.mark.parametrize("locale", ["zh_CN", "zh-Hant-TW", "ZH"])
def test_chinese_locale_gives_chinese_names(locale):
    doc = new_map("journey", locale=locale)
    assert doc.meta.locale == locale
    assert [s.name for s in doc.stages] == ["认知", "考虑", "决策", "使用", "忠诚"]
    assert doc.meta.title == "新的客户旅程图"
    assert doc.lanes[0].name == "顾客行为" and doc.personas[0].name == "顾客"


def test_blueprint_template_has_the_five_lanes_in_canonical_order_then_the_journey_extras():
    doc = new_map("blueprint", title="银行开户服务蓝图", locale="zh_CN")
    assert doc.meta.title == "银行开户服务蓝图"
    kinds = [lane.kind for lane in doc.lanes]
    assert tuple(kinds[:5]) == BLUEPRINT_ORDER
    assert kinds[5:] == [LaneKind.EMOTIONS, LaneKind.PAIN_POINTS, LaneKind.OPPORTUNITIES]
    assert [lane.name for lane in doc.lanes[:5]] == ["有形展示", "顾客行为", "前台行为", "后台行为", "支持过程"]
    assert len(doc.stages) == 5


def test_ids_are_fresh_uuid_hex_and_unique_within_and_across_maps():
    first, second = new_map("blueprint"), new_map("blueprint")
    ids = _all_ids(first)
    assert len(ids) == len(set(ids))
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert not set(ids) & set(_all_ids(second))


@pytest.mark.parametrize("template", ["journey", "blueprint"])
def test_a_template_is_a_valid_map_that_survives_the_file_format(template):
    doc = new_map(template, title="旅程 “双引号” & <标签>", locale="zh_CN")
    assert validate_references(doc) == []
    assert loads(dumps(doc)) == doc


def test_unknown_template_and_bad_locale_are_refused():
    with pytest.raises(ValueError, match="unknown template 'storyboard'"):
        new_map("storyboard")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        new_map("journey", locale="中文")


# --- built without validation (start-up) ----------------------------------------------------
# A map from the built-in names and a well-formed locale is put together with
# model_construct; it must be exactly what validating the same arguments gives.

_FRESH = {"id", "created", "modified"}  # a fresh uuid and the moment of the call


def _assert_same_objects(made, checked, where="map"):
    """Same types, set fields and values all the way down (fresh ids and times aside)."""
    assert type(made) is type(checked), where
    if isinstance(made, BaseModel):
        assert made.model_fields_set == checked.model_fields_set, where
        assert made.__pydantic_extra__ == checked.__pydantic_extra__, where
        assert made.__pydantic_private__ == checked.__pydantic_private__, where
        assert made.__dict__.keys() == checked.__dict__.keys(), where
        for name, value in made.__dict__.items():
            if name not in _FRESH:
                _assert_same_objects(value, checked.__dict__[name], f"{where}.{name}")
    elif isinstance(made, list):
        assert len(made) == len(checked), where
        for i, (a, b) in enumerate(zip(made, checked)):
            _assert_same_objects(a, b, f"{where}[{i}]")
    else:
        assert made == checked, where


@pytest.mark.parametrize("template", ["journey", "blueprint"])
@pytest.mark.parametrize("locale", ["en", "zh_CN", "pt-BR"])
def test_a_constructed_template_is_what_validation_gives(template, locale, monkeypatch):
    made = new_map(template, locale=locale)
    monkeypatch.setattr(templates, "_construct", templates._validate)
    checked = new_map(template, locale=locale)
    _assert_same_objects(made, checked)
    assert type(made.meta.created) is type(checked.meta.created)
    assert made.meta.created.tzinfo == checked.meta.created.tzinfo
    # and validating the made map's data gives the made map back
    assert MapDocument.model_validate(made.model_dump()) == made
    assert validate_references(made) == []
    assert loads(dumps(made)) == made


def test_constructed_maps_share_no_list_the_editor_mutates():
    # The editor mutates a document's top-level lists in place: each map has its own.
    first, second = new_map("journey"), new_map("journey")
    for name in ("cards", "links", "stages", "lanes", "personas"):
        assert getattr(first, name) is not getattr(second, name), name
        assert getattr(first, name) is not MapDocument.model_fields[name].default, name
    first.cards.append("x")
    assert second.cards == [] and MapDocument.model_fields["cards"].default == []


def test_defaults_made_without_validation_equal_the_validated_defaults():
    doc = MapDocument.model_construct()
    assert doc == MapDocument()
    assert doc.meta == MapMeta() and doc.scale == EmotionScale() and doc.analysis == AnalysisSettings()
    assert DEFAULT_ANALYSIS == AnalysisSettings()
    for made, checked in ((doc.meta, MapMeta()), (doc.scale, EmotionScale()), (DEFAULT_ANALYSIS, AnalysisSettings())):
        _assert_same_objects(made, checked)


def test_a_given_title_or_an_odd_locale_is_still_validated():
    with pytest.raises(ValidationError):
        new_map("journey", title="x" * 501)
    for bad in ("en\n", "e", "zh_CN_", "en us"):
        with pytest.raises(ValidationError):
            new_map("journey", locale=bad)
