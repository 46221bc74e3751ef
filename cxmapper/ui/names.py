"""Translated display names of the model's enums: the one place the UI gets them from.

Every name is written out as a literal ``QCoreApplication.translate("names", ...)`` call
so that ``pyside6-lupdate`` finds it. A table is built once per language: it is kept
under the translation of its first name (``_language``), so a catalogue installed or
removed later (the window's at start, a Chinese picture drawn without a window) is
honoured, for one ``translate`` call a lookup instead of a table's worth (the canvas's
tooltips, legend and overview, the inspector and the outline look names up often). The
canvas, the inspector, the legend and the presentation filter all call these functions,
never ``str(enum)``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication

from cxmapper.model.document import (
    BlueprintLine,
    CardKind,
    Channel,
    Curve,
    Evidence,
    KanoCategory,
    LaneKind,
    LinkKind,
)


@cache
def _lane_kind_names(_language: str) -> dict:
    return {
        LaneKind.CUSTOMER_ACTIONS: QCoreApplication.translate("names", "Customer actions"),
        LaneKind.TOUCHPOINTS: QCoreApplication.translate("names", "Touchpoints"),
        LaneKind.THOUGHTS: QCoreApplication.translate("names", "Thoughts"),
        LaneKind.EMOTIONS: QCoreApplication.translate("names", "Emotions"),
        LaneKind.PAIN_POINTS: QCoreApplication.translate("names", "Pain points"),
        LaneKind.OPPORTUNITIES: QCoreApplication.translate("names", "Opportunities"),
        LaneKind.CHANNELS: QCoreApplication.translate("names", "Channels"),
        LaneKind.METRICS: QCoreApplication.translate("names", "Metrics"),
        LaneKind.NOTES: QCoreApplication.translate("names", "Notes"),
        LaneKind.PHYSICAL_EVIDENCE: QCoreApplication.translate("names", "Physical evidence"),
        LaneKind.FRONTSTAGE: QCoreApplication.translate("names", "Frontstage"),
        LaneKind.BACKSTAGE: QCoreApplication.translate("names", "Backstage"),
        LaneKind.SUPPORT_PROCESSES: QCoreApplication.translate("names", "Support processes"),
    }


def lane_kind_name(kind: LaneKind) -> str:
    return _lane_kind_names(QCoreApplication.translate("names", "Customer actions"))[LaneKind(kind)]


@cache
def _card_kind_names(_language: str) -> dict:
    return {
        CardKind.TOUCHPOINT: QCoreApplication.translate("names", "Touchpoint"),
        CardKind.ACTION: QCoreApplication.translate("names", "Action"),
        CardKind.EVIDENCE: QCoreApplication.translate("names", "Physical evidence"),
        CardKind.PROCESS: QCoreApplication.translate("names", "Process"),
        CardKind.PAIN_POINT: QCoreApplication.translate("names", "Pain point"),
        CardKind.OPPORTUNITY: QCoreApplication.translate("names", "Opportunity"),
        CardKind.THOUGHT: QCoreApplication.translate("names", "Thought"),
        CardKind.NOTE: QCoreApplication.translate("names", "Note"),
    }


def card_kind_name(kind: CardKind) -> str:
    return _card_kind_names(QCoreApplication.translate("names", "Touchpoint"))[CardKind(kind)]


@cache
def _kano_names(_language: str) -> dict:
    return {
        KanoCategory.MUST_BE: QCoreApplication.translate("names", "Must-be"),
        KanoCategory.ONE_DIMENSIONAL: QCoreApplication.translate("names", "One-dimensional"),
        KanoCategory.ATTRACTIVE: QCoreApplication.translate("names", "Attractive"),
        KanoCategory.INDIFFERENT: QCoreApplication.translate("names", "Indifferent"),
        KanoCategory.REVERSE: QCoreApplication.translate("names", "Reverse"),
        KanoCategory.QUESTIONABLE: QCoreApplication.translate("names", "Questionable"),
    }


def kano_name(category: KanoCategory) -> str:
    return _kano_names(QCoreApplication.translate("names", "Must-be"))[KanoCategory(category)]


@cache
def _channel_names(_language: str) -> dict:
    return {
        Channel.WEB: QCoreApplication.translate("names", "Web"),
        Channel.APP: QCoreApplication.translate("names", "App"),
        Channel.STORE: QCoreApplication.translate("names", "Store"),
        Channel.PHONE: QCoreApplication.translate("names", "Phone"),
        Channel.EMAIL: QCoreApplication.translate("names", "Email"),
        Channel.CHAT: QCoreApplication.translate("names", "Chat"),
        Channel.SOCIAL: QCoreApplication.translate("names", "Social media"),
        Channel.OTHER: QCoreApplication.translate("names", "Other channel"),
    }


def channel_name(channel: Channel) -> str:
    return _channel_names(QCoreApplication.translate("names", "Web"))[Channel(channel)]


@cache
def _evidence_names(_language: str) -> dict:
    return {
        Evidence.OBSERVED: QCoreApplication.translate("names", "Observed"),
        Evidence.ASSUMED: QCoreApplication.translate("names", "Assumed"),
        Evidence.PROPOSED: QCoreApplication.translate("names", "Proposed"),
    }


def evidence_name(evidence: Evidence) -> str:
    return _evidence_names(QCoreApplication.translate("names", "Observed"))[Evidence(evidence)]


@cache
def _link_kind_names(_language: str) -> dict:
    return {
        LinkKind.FLOW: QCoreApplication.translate("names", "Flow"),
        LinkKind.SUPPORTS: QCoreApplication.translate("names", "Supports"),
        LinkKind.CAUSES: QCoreApplication.translate("names", "Causes"),
        LinkKind.ADDRESSES: QCoreApplication.translate("names", "Addresses"),
    }


def link_kind_name(kind: LinkKind) -> str:
    return _link_kind_names(QCoreApplication.translate("names", "Flow"))[LinkKind(kind)]


@cache
def _blueprint_line_names(_language: str) -> dict:
    return {
        BlueprintLine.INTERACTION: QCoreApplication.translate("names", "Line of interaction"),
        BlueprintLine.VISIBILITY: QCoreApplication.translate("names", "Line of visibility"),
        BlueprintLine.INTERNAL_INTERACTION: QCoreApplication.translate(
            "names", "Line of internal interaction"
        ),
    }


def blueprint_line_name(line: BlueprintLine) -> str:
    return _blueprint_line_names(QCoreApplication.translate("names", "Line of interaction"))[BlueprintLine(line)]


@cache
def _curve_names(_language: str) -> dict:
    return {
        Curve.AS_IS: QCoreApplication.translate("names", "As-is"),
        Curve.TO_BE: QCoreApplication.translate("names", "To-be"),
    }


def curve_name(curve: Curve) -> str:
    return _curve_names(QCoreApplication.translate("names", "As-is"))[Curve(curve)]
