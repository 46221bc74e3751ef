"""The inspector: the fields of the selected card, stage, step, lane, persona or map.

Every edit goes through the window's ``EditChannel`` (``ui/edit_channel.py``), as a
named edit (``ui/edits.py``) wherever another place makes the same edit (a card's
title, a name, the map's title). Typing in one field merges into one undo step (merge
key: the object and the field, ``edits.field_key``), the same key the canvas's title
editor uses. The panel refreshes from change records, like Anki's operation handlers:
it refreshes only when the change touched the object it shows, and not at all when it
made the change itself, so the text cursor stays where the person is typing. A widget
is only written when its value differs, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cxmapper.model import editor as ops
from cxmapper.model.document import (
    KANO_KINDS,
    CardKind,
    CesConvention,
    Channel,
    CsatConvention,
    Evidence,
    KanoCategory,
    KanoRule,
    KanoTable,
    LaneKind,
    LinkKind,
    Metrics,
)
from cxmapper.ui import edits, names
from cxmapper.ui.edits import Edit

NONE_TEXT = "—"

# Targets the inspector can show; "cards" is a multi-selection.
TARGET_KINDS = ("map", "card", "cards", "stage", "step", "lane", "persona")


def split_tags(text: str) -> list[str]:
    """Tags typed as one line: separated by commas (ASCII or full-width) or semicolons."""
    for sep in ("，", ";", "；", "、"):
        text = text.replace(sep, ",")
    seen: list[str] = []
    for tag in (part.strip() for part in text.split(",")):
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class _PlainText(QPlainTextEdit):
    """A multi-line field with a modest height (descriptions are usually a few lines)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(110)


class _ColorButton(QWidget):
    def __init__(self, on_pick: Callable[[str | None], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_pick = on_pick
        self._color: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self)
        self.button.clicked.connect(self._choose)
        self.clear = QPushButton(self.tr("Default"), self)
        self.clear.clicked.connect(lambda: self._on_pick(None))
        layout.addWidget(self.button, 1)
        layout.addWidget(self.clear)

    def set_color(self, color: str | None) -> None:
        self._color = color
        self.button.setText(color or self.tr("Default colour"))
        self.button.setStyleSheet(f"background-color: {color};" if color else "")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color or "#ffffff"), self, self.tr("Choose a colour"))
        if chosen.isValid():
            self._on_pick(chosen.name())


def _optional_spin(low: float, high: float, decimals: int, parent: QWidget) -> QDoubleSpinBox:
    """A spin box whose lowest value (one step below ``low``) means "not set"."""
    spin = QDoubleSpinBox(parent)
    spin.setDecimals(decimals)
    step = 10 ** -decimals if decimals else 1
    spin.setRange(low - step, high)
    spin.setSingleStep(step)
    spin.setSpecialValueText(NONE_TEXT)
    spin.setKeyboardTracking(False)
    return spin


def _optional_value(spin: QDoubleSpinBox, low: float, integer: bool = False):
    value = spin.value()
    if value < low:
        return None
    return int(round(value)) if integer else value


class _PageStack(QStackedWidget):
    """Pages as tall and wide as the page shown.

    A QStackedWidget asks for the size of its largest page (and its layout for the
    largest height for a width: see ``_Page``): the short map page scrolled into the
    blank height of the card page. Pages are also built on first use, so "the
    largest" would change as they come.
    """

    def sizeHint(self):  # noqa: N802 (Qt override)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 (Qt override)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class _Page(QWidget):
    """One page of ``_PageStack``: a hidden page asks for no height (see there)."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return -1 if self.isHidden() else super().heightForWidth(width)


class InspectorPanel(QWidget):
    """Shows and edits one target, through ``channel`` (the window's ``EditChannel``)."""

    #: Link to… was pressed on a card's page (the card id): the window opens the dialog.
    link_requested = Signal(str)

    def __init__(self, channel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.target_kind = "map"
        self.target_ids: tuple[str, ...] = ()
        self._refreshing = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setContentsMargins(6, 6, 6, 0)
        outer.addWidget(self.heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        self.pages = _PageStack()
        # The scroll range follows the page shown (setWidgetResizable recomputes it).
        self.pages.currentChanged.connect(lambda _index: scroll.setWidgetResizable(True))
        scroll.setWidget(self.pages)
        self._page: dict[str, QWidget] = {}
        self._text_fields: dict[QWidget, str] = {}  # typed fields by widget (presence: typing_at)
        # A page is built the first time it is shown: the first window shows only the
        # map's, and building all seven took about a fifth of the window's construction.
        self._builders: dict[str, Callable[[], None]] = {
            "map": self._build_map_page,
            "card": self._build_card_page,
            "cards": self._build_cards_page,
            "stage": self._build_stage_page,
            "step": self._build_step_page,
            "lane": self._build_lane_page,
            "persona": self._build_persona_page,
        }
        self.show_target("map", ())

    # -- plumbing ----------------------------------------------------------------

    @property
    def editor(self):
        return self.channel.editor

    def _form(self, kind: str) -> QFormLayout:
        page = _Page()
        column = QVBoxLayout(page)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # rows stay together at the top of a tall dock
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.pages.addWidget(page)
        self._page[kind] = page
        return form

    def _push(self, op, text: str, merge_key=None) -> bool:
        """An edit only the inspector makes (its own label)."""
        return self._push_edit(Edit(op, text, merge_key))

    def _push_edit(self, edit: Edit) -> bool:
        ok = self.channel.push_edit(edit, initiator=self)
        if not ok:
            self.refresh()  # show the model's value again, not the refused one
        return ok

    def _update(self, field: str, value: Any, label: str | None = None, *, merge: bool = False) -> bool:
        """Change one field (or several, when ``field`` is "*" and ``value`` a dict) of
        the target: the map (no ids), or the card, stage, step, lane or persona shown."""
        if self._refreshing or (not self.target_ids and self.target_kind != "map"):
            return False
        target = self.target_ids[0] if self.target_ids else "meta"
        if field == "*":
            return self._push_edit(edits.set_fields(self.target_kind, target, value, label))
        return self._push_edit(edits.set_field(self.target_kind, target, field, value, label, merge=merge))

    def _line(self, form: QFormLayout, label: str, field: str, undo_text: str | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.textEdited.connect(lambda text: self._update(field, text, undo_text, merge=True))
        form.addRow(label, edit)
        self._text_fields[edit] = field
        return edit

    def _text(self, form: QFormLayout, label: str, field: str, undo_text: str | None = None) -> _PlainText:
        edit = _PlainText()
        edit.textChanged.connect(lambda: self._update(field, edit.toPlainText(), undo_text, merge=True))
        form.addRow(label, edit)
        self._text_fields[edit] = field
        return edit

    def _combo(self, form: QFormLayout, label: str, items: list[tuple[str, Any]], on_pick) -> QComboBox:
        combo = QComboBox()
        for text, value in items:
            combo.addItem(text, value)
        combo.activated.connect(lambda index: on_pick(combo.itemData(index)))
        form.addRow(label, combo)
        return combo

    # -- pages -------------------------------------------------------------------

    def _build_map_page(self) -> None:
        form = self._form("map")
        self.map_title = self._line(form, self.tr("Title"), "title")
        self.map_description = self._text(form, self.tr("Description"), "description")
        self.map_authors = QLineEdit()
        self.map_authors.textEdited.connect(
            lambda text: self._update("authors", split_tags(text), merge=True)
        )
        form.addRow(self.tr("Authors"), self.map_authors)
        self._text_fields[self.map_authors] = "authors"
        scale = QWidget()
        row = QHBoxLayout(scale)
        row.setContentsMargins(0, 0, 0, 0)
        self.scale_min = QSpinBox()
        self.scale_max = QSpinBox()
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(-100, 100)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._set_scale)
            row.addWidget(spin)
        form.addRow(self.tr("Emotion scale"), scale)
        # How this map's Kano answers and metrics are read (printed on every report).
        self.analysis: dict[str, QComboBox] = {}
        for field, label, choices in (
            ("kano_table", self.tr("Kano table"), [
                (self.tr("Standard (Berger et al.)"), KanoTable.STANDARD.value),
                (self.tr("Pouliot"), KanoTable.POULIOT.value),
            ]),
            ("kano_rule", self.tr("Kano category from"), [
                (self.tr("Most frequent answer"), KanoRule.MODE.value),
                (self.tr("A+O+M against I+R+Q"), KanoRule.AOM.value),
            ]),
            ("csat", self.tr("CSAT is"), [
                (self.tr("Share of 4 and 5, in %"), CsatConvention.TOP2_PERCENT.value),
                (self.tr("Mean on 1–5"), CsatConvention.MEAN.value),
            ]),
            ("ces", self.tr("CES is"), [
                (self.tr("Mean on 1–7"), CesConvention.MEAN.value),
                (self.tr("Share of 5–7, in %"), CesConvention.AGREE_PERCENT.value),
            ]),
        ):
            self.analysis[field] = self._combo(
                form, label, choices,
                lambda value, f=field: self._push_edit(edits.change_analysis({f: value})),
            )
        self.map_counts = QLabel()
        self.map_counts.setWordWrap(True)
        form.addRow(self.map_counts)

    def _set_scale(self) -> None:
        if self._refreshing:
            return
        self._push_edit(edits.set_scale(self.scale_min.value(), self.scale_max.value()))

    def _build_card_page(self) -> None:
        form = self._form("card")
        self.card_kind = self._combo(
            form,
            self.tr("Kind"),
            [(names.card_kind_name(kind), kind.value) for kind in CardKind],
            lambda kind: self._update("kind", kind, self.tr("Change card kind")),
        )
        self.card_title = self._line(form, self.tr("Title"), "title")
        self.card_description = self._text(form, self.tr("Description"), "description", self.tr("Edit card description"))
        self.card_owner = self._line(form, self.tr("Owner"), "owner", self.tr("Edit card owner"))
        self.card_tags = QLineEdit()
        self.card_tags.setPlaceholderText(self.tr("comma-separated"))
        self.card_tags.textEdited.connect(
            lambda text: self._update("tags", split_tags(text), self.tr("Edit card tags"), merge=True)
        )
        form.addRow(self.tr("Tags"), self.card_tags)
        self._text_fields[self.card_tags] = "tags"
        self.card_evidence = self._combo(
            form,
            self.tr("Evidence"),
            [(names.evidence_name(e), e.value) for e in Evidence],
            lambda value: self._update("evidence", value, self.tr("Change evidence")),
        )
        self.card_channel_label = QLabel(self.tr("Channel"))
        self.card_channel = QComboBox()
        for channel in Channel:
            self.card_channel.addItem(names.channel_name(channel), channel.value)
        self.card_channel.activated.connect(
            lambda i: self._update("channel", self.card_channel.itemData(i), self.tr("Change channel"))
        )
        form.addRow(self.card_channel_label, self.card_channel)
        markers = QWidget()
        column = QVBoxLayout(markers)
        column.setContentsMargins(0, 0, 0, 0)
        self.card_fail = QCheckBox(self.tr("Fail point"))
        self.card_fail.clicked.connect(lambda on: self._update("fail_point", on, self.tr("Change fail point")))
        self.card_decision = QCheckBox(self.tr("Decision point"))
        self.card_decision.clicked.connect(
            lambda on: self._update("decision_point", on, self.tr("Change decision point"))
        )
        wait_row = QWidget()
        wait_layout = QHBoxLayout(wait_row)
        wait_layout.setContentsMargins(0, 0, 0, 0)
        self.card_wait = QCheckBox(self.tr("Wait point"))
        self.card_wait.clicked.connect(
            lambda on: self._update(
                "*", {"wait_point": on} if on else {"wait_point": False, "wait_minutes": None}, self.tr("Change wait point")
            )
        )
        self.card_wait_minutes = _optional_spin(0, 10_000_000, 0, self)
        self.card_wait_minutes.setSuffix(self.tr(" min"))
        self.card_wait_minutes.valueChanged.connect(
            lambda _v: self._update(
                "wait_minutes", _optional_value(self.card_wait_minutes, 0), self.tr("Change waiting time"), merge=True
            )
        )
        wait_layout.addWidget(self.card_wait)
        wait_layout.addWidget(self.card_wait_minutes, 1)
        for widget in (self.card_fail, self.card_decision, wait_row):
            column.addWidget(widget)
        form.addRow(self.tr("Markers"), markers)
        # Kano fields: pain points and opportunities only.
        self.card_kano_label = QLabel(self.tr("Kano category"))
        self.card_kano = QComboBox()
        self.card_kano.addItem(NONE_TEXT, None)
        for category in KanoCategory:
            self.card_kano.addItem(names.kano_name(category), category.value)
        self.card_kano.activated.connect(
            lambda i: self._update("kano", self.card_kano.itemData(i), self.tr("Change Kano category"))
        )
        form.addRow(self.card_kano_label, self.card_kano)
        self.card_severity_label = QLabel(self.tr("Severity (1–5)"))
        self.card_severity = _optional_spin(1, 5, 0, self)
        self.card_severity.valueChanged.connect(
            lambda _v: self._update(
                "severity", _optional_value(self.card_severity, 1, True), self.tr("Change severity"), merge=True
            )
        )
        form.addRow(self.card_severity_label, self.card_severity)
        self.card_frequency_label = QLabel(self.tr("Frequency (1–5)"))
        self.card_frequency = _optional_spin(1, 5, 0, self)
        self.card_frequency.valueChanged.connect(
            lambda _v: self._update(
                "frequency", _optional_value(self.card_frequency, 1, True), self.tr("Change frequency"), merge=True
            )
        )
        form.addRow(self.card_frequency_label, self.card_frequency)
        self._text_fields[self.card_severity] = "severity"  # typed in: presence in a live session
        self._text_fields[self.card_frequency] = "frequency"
        self.card_nps = _optional_spin(-100, 100, 0, self)
        self.card_csat = _optional_spin(0, 100, 1, self)
        self.card_csat.setSuffix(" %")
        self.card_ces = _optional_spin(0, 100, 2, self)  # mean 1–7 or percent, per the map's convention
        self.card_sample = _optional_spin(1, 100_000_000, 0, self)
        for spin, label, field in (
            (self.card_nps, self.tr("NPS"), "nps"),
            (self.card_csat, self.tr("CSAT"), "csat"),
            (self.card_ces, self.tr("CES"), "ces"),
            (self.card_sample, self.tr("Sample size"), "sample_size"),
        ):
            spin.valueChanged.connect(lambda _v: self._set_metrics())
            form.addRow(label, spin)
            self._text_fields[spin] = field  # typed in: presence in a live session
        # Links are drawn on the canvas but not selectable there: they are edited here.
        self.card_links = QListWidget()
        self.card_links.setMaximumHeight(120)
        self.card_links.currentRowChanged.connect(self._link_chosen)
        form.addRow(self.tr("Links"), self.card_links)
        link_row = QWidget()
        link_layout = QHBoxLayout(link_row)
        link_layout.setContentsMargins(0, 0, 0, 0)
        self.link_kind = QComboBox()
        for kind in LinkKind:
            self.link_kind.addItem(names.link_kind_name(kind), kind.value)
        self.link_kind.activated.connect(self._set_link_kind)
        self.link_remove = QPushButton(self.tr("Remove link"))
        self.link_remove.clicked.connect(self._remove_link)
        self.link_add = QPushButton(self.tr("Link to…"))
        self.link_add.setToolTip(self.tr("Link this card to another card"))
        self.link_add.clicked.connect(lambda: self.target_ids and self.link_requested.emit(self.target_ids[0]))
        link_layout.addWidget(self.link_kind, 1)
        link_layout.addWidget(self.link_remove)
        link_layout.addWidget(self.link_add)
        form.addRow(link_row)

    def _current_link_id(self) -> str | None:
        item = self.card_links.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _link_chosen(self, _row: int) -> None:
        link_id = self._current_link_id()
        self.link_kind.setEnabled(link_id is not None)
        self.link_remove.setEnabled(link_id is not None)
        if link_id is not None:
            _set_combo(self.link_kind, self.editor.link(link_id).kind.value)

    def _set_link_kind(self, index: int) -> None:
        link_id = self._current_link_id()
        if link_id is not None and not self._refreshing:
            self._push_edit(edits.change_link_kind(link_id, self.link_kind.itemData(index)))
            self._refresh_links(self.target_ids[0])

    def _remove_link(self) -> None:
        link_id = self._current_link_id()
        if link_id is not None:
            self._push_edit(edits.remove_link(link_id))
            self._refresh_links(self.target_ids[0])

    def _refresh_links(self, card_id: str) -> None:
        """List the card's links: "→ target (kind)" for outgoing, "← source (kind)" incoming."""
        keep = self._current_link_id()
        self.card_links.blockSignals(True)
        self.card_links.clear()
        for link in self.editor.links_of(card_id):
            outgoing = link.source == card_id
            other = self.editor.card(link.target if outgoing else link.source)
            text = "{arrow} {title} ({kind})".format(
                arrow="→" if outgoing else "←", title=other.title or NONE_TEXT, kind=names.link_kind_name(link.kind)
            )
            item = QListWidgetItem(text + (f" — {link.label}" if link.label else ""))
            item.setData(Qt.ItemDataRole.UserRole, link.id)
            self.card_links.addItem(item)
            if link.id == keep:
                self.card_links.setCurrentItem(item)
        self.card_links.blockSignals(False)
        self._link_chosen(self.card_links.currentRow())

    def _set_metrics(self) -> None:
        if self._refreshing or self.target_kind != "card":
            return
        values = {
            "nps": _optional_value(self.card_nps, -100),
            "csat": _optional_value(self.card_csat, 0),
            "ces": _optional_value(self.card_ces, 0),
            "sample_size": _optional_value(self.card_sample, 1, True),
        }
        old = self.editor.card(self.target_ids[0]).metrics
        # Keep what the panel does not show (answer distributions): never drop data.
        metrics = old.model_copy(update=values) if old is not None else Metrics(**values)
        if metrics == Metrics():
            metrics = None
        self._update("metrics", metrics, self.tr("Change metrics"), merge=True)

    def _build_cards_page(self) -> None:
        form = self._form("cards")
        self.cards_evidence = QComboBox()
        self.cards_evidence.addItem(NONE_TEXT, None)
        for evidence in Evidence:
            self.cards_evidence.addItem(names.evidence_name(evidence), evidence.value)
        self.cards_evidence.activated.connect(
            lambda i: self._update_all({"evidence": self.cards_evidence.itemData(i)}, self.tr("Change evidence"))
        )
        form.addRow(self.tr("Evidence"), self.cards_evidence)
        self.cards_summary = QLabel()
        self.cards_summary.setWordWrap(True)
        form.addRow(self.cards_summary)

    def _update_all(self, changes: dict, label: str) -> bool:
        """One change to every selected card, as one undo step."""
        if self._refreshing or self.target_kind != "cards" or None in changes.values():
            return False
        batch = ops.Batch([ops.UpdateCard(card_id, changes) for card_id in self.target_ids], label)
        return self._push(batch, label)

    def _build_stage_page(self) -> None:
        form = self._form("stage")
        self.stage_name = self._line(form, self.tr("Name"), "name")
        self.stage_description = self._text(form, self.tr("Description"), "description", self.tr("Edit stage description"))
        self.stage_color = _ColorButton(lambda c: self._update("color", c, self.tr("Change stage colour")))
        form.addRow(self.tr("Colour"), self.stage_color)

    def _build_step_page(self) -> None:
        form = self._form("step")
        self.step_name = self._line(form, self.tr("Name"), "name")
        self.step_description = self._text(form, self.tr("Description"), "description", self.tr("Edit step description"))
        self.step_emotions_label = QLabel(self.tr("Emotions at this step (as-is)"))
        form.addRow(self.step_emotions_label)
        self.step_emotions = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.step_emotions)
        form.addRow(holder)
        self._emotion_spins: dict[str, QSpinBox] = {}

    def _build_lane_page(self) -> None:
        form = self._form("lane")
        self.lane_name = self._line(form, self.tr("Name"), "name")
        self.lane_kind = self._combo(
            form,
            self.tr("Kind"),
            [(names.lane_kind_name(kind), kind.value) for kind in LaneKind],
            lambda kind: self._update("kind", kind, self.tr("Change lane kind")),
        )
        self.lane_description = self._text(form, self.tr("Description"), "description", self.tr("Edit lane description"))

    def _build_persona_page(self) -> None:
        form = self._form("persona")
        self.persona_name = self._line(form, self.tr("Name"), "name")
        self.persona_description = self._text(
            form, self.tr("Description"), "description", self.tr("Edit persona description")
        )
        self.persona_color = _ColorButton(lambda c: self._update("color", c, self.tr("Change persona colour")))
        form.addRow(self.tr("Colour"), self.persona_color)

    # -- showing -----------------------------------------------------------------

    def show_target(self, kind: str, ids) -> None:
        """Show ``kind`` ("card", "cards", "stage", "step", "lane", "persona" or "map")."""
        ids = tuple(ids)
        if kind == "card" and len(ids) > 1:
            kind = "cards"
        if kind not in TARGET_KINDS or (kind != "map" and not ids):
            kind, ids = "map", ()
        self.target_kind, self.target_ids = kind, ids
        self.pages.setCurrentWidget(self.page(kind))
        self.refresh()

    def typing_at(self, widget: QWidget | None) -> dict[str, str] | None:
        """Where a person types when ``widget`` has the focus: ``{kind: id, "field": name}``
        of the one target shown (``{"map": "meta", ...}`` for the map), or None (not a
        text field of this panel, or several cards). A live session's presence."""
        while widget is not None and widget not in self._text_fields:
            if self.target_kind == "step" and self.target_ids:  # a persona's score at this step
                for persona_id, spin in getattr(self, "_emotion_spins", {}).items():
                    if widget is spin:
                        return {"persona": persona_id, "step": self.target_ids[0], "field": "score", "curve": "as_is"}
            widget = widget.parentWidget() if widget is not self else None
        if widget is None or self.target_kind == "cards":
            return None
        field = self._text_fields[widget]
        if self.target_kind == "map":
            return {"map": "meta", "field": field}
        return {self.target_kind: self.target_ids[0], "field": field} if self.target_ids else None

    def page(self, kind: str) -> QWidget:
        """The page that shows ``kind``, built on first use."""
        if kind not in self._page:
            self._builders[kind]()
        return self._page[kind]

    def changes_applied(self, record, initiator) -> None:
        """Refresh for a change record unless we made it or it does not concern us."""
        if self.target_kind != "map" and self.target_ids and not self._target_exists():
            self.show_target("map", ())
            return
        if initiator is self:
            return
        if self._concerns(record):
            self.refresh()

    def _concerns(self, record) -> bool:
        kind = self.target_kind
        if kind == "map":
            return True  # counts and meta: cheap
        if kind == "cards":
            return bool(record.ids("card") & set(self.target_ids))
        if kind == "step":
            return bool(record.ids("step") & set(self.target_ids)) or bool(record.emotions) or bool(
                record.ids("persona")
            )
        if kind == "card" and record.ids("link"):
            return True  # a link of this card may have come or gone
        return bool(record.ids(kind) & set(self.target_ids))

    def _target_exists(self) -> bool:
        lookup = {
            "card": self.editor.card,
            "cards": self.editor.card,
            "stage": self.editor.stage,
            "step": self.editor.step,
            "lane": self.editor.lane,
            "persona": self.editor.persona,
        }[self.target_kind]
        try:
            for target in self.target_ids:
                if lookup(target) is None:
                    return False
        except KeyError:
            return False
        return True

    def refresh(self) -> None:
        """Write the target's values into the widgets (only those that differ)."""
        self._refreshing = True
        try:
            getattr(self, f"_refresh_{self.target_kind}")()
        finally:
            self._refreshing = False

    def _refresh_map(self) -> None:
        doc = self.editor.doc
        self.heading.setText(self.tr("Map"))
        _set_text(self.map_title, doc.meta.title)
        _set_text(self.map_description, doc.meta.description)
        if split_tags(self.map_authors.text()) != list(doc.meta.authors):
            _set_text(self.map_authors, ", ".join(doc.meta.authors))
        for field, combo in self.analysis.items():
            _set_combo(combo, getattr(doc.analysis, field).value)
        self.scale_min.setValue(doc.scale.min)
        self.scale_max.setValue(doc.scale.max)
        self.map_counts.setText(
            self.tr("{stages} stages, {steps} steps, {lanes} lanes, {cards} cards, {personas} personas").format(
                stages=len(doc.stages),
                steps=len(doc.steps()),
                lanes=len(doc.lanes),
                cards=len(doc.cards),
                personas=len(doc.personas),
            )
        )

    def _refresh_cards(self) -> None:
        self.heading.setText(self.tr("%n card(s) selected", "", len(self.target_ids)))
        cards = [self.editor.card(i) for i in self.target_ids]
        shared = {card.evidence.value for card in cards}
        _set_combo(self.cards_evidence, shared.pop() if len(shared) == 1 else None)
        titles = [card.title or NONE_TEXT for card in cards[:12]]
        self.cards_summary.setText("\n".join(titles) + ("\n…" if len(self.target_ids) > 12 else ""))

    def _refresh_card(self) -> None:
        card = self.editor.card(self.target_ids[0])
        self.heading.setText(self.tr("Card: {kind}").format(kind=names.card_kind_name(card.kind)))
        _set_combo(self.card_kind, card.kind.value)
        _set_text(self.card_title, card.title)
        _set_text(self.card_description, card.description)
        _set_text(self.card_owner, card.owner)
        if split_tags(self.card_tags.text()) != list(card.tags):
            _set_text(self.card_tags, ", ".join(card.tags))
        _set_combo(self.card_evidence, card.evidence.value)
        is_touchpoint = card.kind == CardKind.TOUCHPOINT
        self.card_channel.setVisible(is_touchpoint)
        self.card_channel_label.setVisible(is_touchpoint)
        if is_touchpoint:
            _set_combo(self.card_channel, card.channel.value)
        self.card_fail.setChecked(card.fail_point)
        self.card_decision.setChecked(card.decision_point)
        self.card_wait.setChecked(card.wait_point)
        self.card_wait_minutes.setEnabled(card.wait_point)
        _set_optional(self.card_wait_minutes, card.wait_minutes)
        kano = card.kind in KANO_KINDS
        for widget in (
            self.card_kano,
            self.card_kano_label,
            self.card_severity,
            self.card_severity_label,
            self.card_frequency,
            self.card_frequency_label,
        ):
            widget.setVisible(kano)
        if kano:
            _set_combo(self.card_kano, card.kano.value if card.kano else None)
            _set_optional(self.card_severity, card.severity)
            _set_optional(self.card_frequency, card.frequency)
        metrics = card.metrics
        for spin, name in (
            (self.card_nps, "nps"),
            (self.card_csat, "csat"),
            (self.card_ces, "ces"),
            (self.card_sample, "sample_size"),
        ):
            _set_optional(spin, getattr(metrics, name) if metrics else None)
        # A value computed from an answer distribution is not typed over.
        for spin, answers in ((self.card_nps, "nps_answers"), (self.card_csat, "csat_answers"), (self.card_ces, "ces_answers")):
            computed = metrics is not None and getattr(metrics, answers) is not None
            spin.setEnabled(not computed)
            spin.setToolTip(self.tr("Computed from the answer counts in the file") if computed else "")
        self._refresh_links(card.id)

    def _refresh_stage(self) -> None:
        stage = self.editor.stage(self.target_ids[0])
        self.heading.setText(self.tr("Stage"))
        _set_text(self.stage_name, stage.name)
        _set_text(self.stage_description, stage.description)
        self.stage_color.set_color(stage.color)

    def _refresh_step(self) -> None:
        stage, step = self.editor.step(self.target_ids[0])
        self.heading.setText(self.tr("Step in {stage}").format(stage=stage.name or NONE_TEXT))
        _set_text(self.step_name, step.name)
        _set_text(self.step_description, step.description)
        self._refresh_step_emotions(step.id)

    def _refresh_step_emotions(self, step_id: str) -> None:
        doc = self.editor.doc
        personas = [p.id for p in doc.personas]
        if list(self._emotion_spins) != personas:
            while self.step_emotions.rowCount():
                self.step_emotions.removeRow(0)
            self._emotion_spins = {}
            for persona in doc.personas:
                spin = QSpinBox()
                spin.setKeyboardTracking(False)
                spin.setSpecialValueText(NONE_TEXT)
                spin.valueChanged.connect(lambda value, pid=persona.id: self._set_emotion(pid, value))
                self.step_emotions.addRow(persona.name or NONE_TEXT, spin)
                self._emotion_spins[persona.id] = spin
        self.step_emotions_label.setVisible(bool(personas))
        for persona in doc.personas:
            spin = self._emotion_spins[persona.id]
            label = self.step_emotions.labelForField(spin)
            if isinstance(label, QLabel):
                label.setText(persona.name or NONE_TEXT)
            spin.setRange(doc.scale.min - 1, doc.scale.max)
            point = next((p for p in persona.as_is if p.step == step_id), None)
            spin.setValue(point.score if point else doc.scale.min - 1)

    def _set_emotion(self, persona_id: str, value: int) -> None:
        if self._refreshing or self.target_kind != "step":
            return
        score = None if value < self.editor.doc.scale.min else value
        self._push(
            ops.SetEmotion(persona_id, self.target_ids[0], score),
            self.tr("Set emotion"),
            merge_key=("emotion", persona_id, self.target_ids[0]),
        )

    def _refresh_lane(self) -> None:
        lane = self.editor.lane(self.target_ids[0])
        self.heading.setText(self.tr("Lane"))
        _set_text(self.lane_name, lane.name)
        _set_combo(self.lane_kind, lane.kind.value)
        _set_text(self.lane_description, lane.description)

    def _refresh_persona(self) -> None:
        persona = self.editor.persona(self.target_ids[0])
        self.heading.setText(self.tr("Persona"))
        _set_text(self.persona_name, persona.name)
        _set_text(self.persona_description, persona.description)
        self.persona_color.set_color(persona.color)


def _set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    current = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    if current != text:
        # The field the cursor is in (its window may be inactive: the person looks away).
        typing = widget is widget.window().focusWidget()
        if isinstance(widget, QPlainTextEdit):
            position = widget.textCursor().position()
            widget.setPlainText(text)
            if typing:  # someone else's change (a live session) arrived while I type here
                cursor = widget.textCursor()
                cursor.setPosition(min(cursor_after_change(current, text, position), len(text)))
                widget.setTextCursor(cursor)
        else:
            position = widget.cursorPosition()
            widget.setText(text)
            if typing:
                widget.setCursorPosition(cursor_after_change(current, text, position))
            else:
                widget.setCursorPosition(0)  # show the start of a long value, not its end


def cursor_after_change(old: str, new: str, position: int) -> int:
    """Where a text cursor at ``position`` in ``old`` belongs in ``new``: it stays before
    a change made after it and moves with a change made before it, so a person typing
    while someone else edits the same field goes on where they were."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if position <= prefix:
        return position
    if position >= len(old) - suffix:
        return position + len(new) - len(old)
    return len(new) - suffix  # inside what was replaced: after the new text


def _set_combo(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index != combo.currentIndex():
        combo.setCurrentIndex(index)


def _set_optional(spin: QDoubleSpinBox, value) -> None:
    target = spin.minimum() if value is None else float(value)
    if spin.value() != target:
        spin.setValue(target)


__all__ = ["InspectorPanel", "split_tags"]
