"""Idle preparation (issue 6): once a map is open and the person leaves the canvas alone,
the scene builds what the first detailed paint of each card (plan, title layout) and
link (path) would build, so a jump to a part of a big map not seen yet costs what a
second visit costs. What is drawn must not change, the work must wait while the person
scrolls, zooms or edits, and a rebuild must start it over."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from bench.generate import generate_map
from cxmapper.model.editor import Editor
from cxmapper.ui import activity
from cxmapper.ui.canvas import JourneyScene
from cxmapper.ui.canvas.view import JourneyView


def open_map(qtbot, cards: int = 300, seed: int = 4):
    editor = Editor(generate_map(cards, seed=seed))
    scene = JourneyScene(editor, QUndoStack())
    view = JourneyView(scene)
    view.resize(900, 650)
    qtbot.addWidget(view)
    view.show()
    QApplication.processEvents()
    return scene, view


def unprepared(scene) -> tuple[int, int]:
    """(cards without a plan or title layout, links without a path)."""
    cards = sum(item._plan is None or (item.card.title and item._text._layout is None) for item in scene.card_items())
    links = sum(link._path_stale for link in scene.link_items())
    return cards, links


def wait_prepared(qtbot, scene) -> None:
    qtbot.waitUntil(lambda: scene.stats["prepared"] > 0 and scene.prepared, timeout=10_000)


@pytest.fixture
def quiet(monkeypatch):
    """No pause needed before preparing (the tests drive the activity clock themselves)."""
    monkeypatch.setattr(JourneyScene, "PREBUILD_DELAY_MS", 0)


def test_cards_and_links_are_prepared_in_idle_time_and_draw_the_same(qtbot, quiet):
    scene, view = open_map(qtbot)
    try:
        assert unprepared(scene)[0] > 100  # only what the first paint showed is built
        wait_prepared(qtbot, scene)
        assert unprepared(scene) == (0, 0)
        fresh, fresh_view = open_map(qtbot)  # the same map, nothing prepared
        try:
            for zoom in (1.0, 0.5):
                for fraction in (0.0, 0.5, 1.0):
                    frames = []
                    for v in (view, fresh_view):
                        v.set_zoom(zoom)
                        v.horizontalScrollBar().setValue(round(v.horizontalScrollBar().maximum() * fraction))
                        v.verticalScrollBar().setValue(round(v.verticalScrollBar().maximum() * fraction))
                        frames.append(v.viewport().grab().toImage())
                    assert frames[0] == frames[1], (zoom, fraction)
        finally:
            fresh.detach()
    finally:
        scene.detach()


def test_preparation_waits_while_the_person_works_the_canvas(qtbot, quiet):
    scene, view = open_map(qtbot)
    try:
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:  # scrolling without a pause
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 3)
            assert not activity.idle_for(scene.PREPARE_QUIET_S)
            QApplication.processEvents()
            time.sleep(0.01)
        assert scene.stats["prepared"] == 0 and unprepared(scene)[0] > 100
        wait_prepared(qtbot, scene)  # then the pause comes
        assert unprepared(scene) == (0, 0)
    finally:
        scene.detach()


def test_a_rebuild_starts_the_preparation_over_and_a_scene_without_a_view_has_none(qtbot, quiet, monkeypatch):
    monkeypatch.setattr(JourneyScene, "PREPARE_TURN_S", 0.0)  # one item a turn
    original = JourneyScene._prepare_items
    rebuilt_at: list[tuple[int, int]] = []

    def turn(self) -> None:  # the fifth turn ends with a rebuild, as an edit may cause
        original(self)
        if self.stats["rebuilds"] == 1 and self._prepare_queue is not None and not rebuilt_at:
            if self.stats["prepare_turns"] >= 5:
                rebuilt_at.append(unprepared(self))
                self.rebuild()  # mid-way: the old items are gone (Qt deleted them)
            self.stats["prepare_turns"] += 1

    monkeypatch.setattr(JourneyScene, "_prepare_items", turn)
    scene, view = open_map(qtbot)
    try:
        qtbot.waitUntil(lambda: bool(rebuilt_at), timeout=5_000)
        assert rebuilt_at[0][0] > 0  # some cards were still waiting
        wait_prepared(qtbot, scene)
        assert scene.stats["rebuilds"] == 2
        assert unprepared(scene) == (0, 0)
    finally:
        scene.detach()
    picture = JourneyScene(Editor(generate_map(60, seed=2)), QUndoStack())  # never shown
    try:
        qtbot.wait(300)
        assert picture.stats["prepared"] == 0 and picture.prepared
    finally:
        picture.detach()
