"""Two languages: the zh_CN catalogue is complete and current, and the window uses it.

The catalogue is checked against a fresh ``pyside6-lupdate`` run over all of
``cxmapper/ui`` (into a temporary file): a ``tr`` string missing from the committed
catalogue, an unfinished or empty translation, a lost ``{placeholder}``, or a ``.qm``
older than the ``.ts`` fails. A scan of the UI source fails on a plain string literal
handed to a Qt text setter (it would never be translated).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator

from cxmapper.ui.i18n import CATALOGUE, TRANSLATIONS, choose_language, install_translators, remove_translators

from tests.ui.shell_support import open_window

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "cxmapper" / "ui"
TS = TRANSLATIONS / f"{CATALOGUE}_zh_CN.ts"
QM = TRANSLATIONS / f"{CATALOGUE}_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n|%\d")


def _lupdate() -> Path:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    if not exe.exists():
        found = shutil.which("pyside6-lupdate")
        assert found, "pyside6-lupdate is part of PySide6; it must be installed"
        exe = Path(found)
    return exe


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    result = subprocess.run([str(_lupdate()), *sources, "-ts", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return _messages(out)


def test_every_tr_string_is_in_the_catalogue(fresh):
    committed = _messages(TS)
    missing = sorted(f"{ctx}: {src!r}" for ctx, src in fresh.keys() - committed.keys())
    assert missing == [], "run pyside6-lupdate and translate:\n" + "\n".join(missing)


def test_the_catalogue_has_no_stale_entries(fresh):
    stale = sorted(f"{ctx}: {src!r}" for ctx, src in _messages(TS).keys() - fresh.keys())
    assert stale == [], "run pyside6-lupdate -no-obsolete:\n" + "\n".join(stale)


def test_every_translation_is_finished_and_keeps_its_placeholders():
    problems = []
    for (context, source), message in _messages(TS).items():
        translation = message.find("translation")
        texts = _translations(message)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders {wanted}")
        if "&" in source.replace("&&", "") and "&" not in "".join(texts):
            problems.append(f"{context}: {source!r} -> lost its keyboard accelerator")
    assert problems == []


def test_the_compiled_catalogue_matches_the_source():
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for (context, source), message in _messages(TS).items():
        if message.get("numerus") == "yes":
            got = translator.translate(context, source, None, 2)
        else:
            got = translator.translate(context, source)
        if got != _translations(message)[0]:
            stale.append(f"{context}: {source!r}")
    assert stale == [], "run pyside6-lrelease on the .ts:\n" + "\n".join(stale)


def test_usual_chinese_terms():
    translated = {src: _translations(msg)[0] for (_ctx, src), msg in _messages(TS).items()}
    for english, chinese in {
        "Frontstage": "前台", "Backstage": "后台", "Support processes": "支持流程",
        "Physical evidence": "有形展示", "Customer actions": "顾客行为", "Line of visibility": "可视分界线",
        "Line of interaction": "互动分界线", "Line of internal interaction": "内部互动分界线",
        "Must-be": "基本型", "One-dimensional": "期望型", "Attractive": "兴奋型",
        "Touchpoint": "触点", "Pain point": "痛点",
    }.items():
        assert translated[english] == chinese


# Qt calls whose string argument is shown to the user.
TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText", "addMenu",
    "addAction", "showMessage", "setTitle", "setSuffix", "setPrefix", "setSpecialValueText",
    "setEmptyLabel", "addItem", "setItemText", "setIconText", "setTabText", "addTab", "addRow",
    "QLabel", "QAction", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "QDockWidget", "QTreeWidgetItem", "QListWidgetItem", "information", "warning", "critical", "question",
}


def _shown_literals(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TEXT_CALLS:
            continue
        for arg in node.args:
            parts = [arg] if isinstance(arg, ast.Constant) else arg.elts if isinstance(arg, ast.List) else []
            if isinstance(arg, ast.JoinedStr):
                parts = [v for v in arg.values if isinstance(v, ast.Constant)]
            for part in parts:
                if isinstance(part, ast.Constant) and isinstance(part.value, str) and re.search(r"[A-Za-z]{2}", part.value):
                    yield node.lineno, part.value


def test_no_plain_string_reaches_the_screen():
    offenders = [
        f"{path.relative_to(REPO)}:{line}: {text!r}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in _shown_literals(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_language_follows_the_system_unless_chosen():
    assert choose_language("", QLocale("zh_CN")) == "zh_CN"
    assert choose_language("", QLocale("zh_TW")) == "zh_CN"
    assert choose_language("", QLocale("de_DE")) == "en"
    assert choose_language("en", QLocale("zh_CN")) == "en"
    assert choose_language("zh_CN", QLocale("en_US")) == "zh_CN"


def test_the_window_speaks_chinese(qtbot, monkeypatch, tmp_path):
    translators = install_translators("zh_CN")
    try:
        assert translators, "the zh_CN catalogue did not load"
        window, _ = open_window(qtbot, monkeypatch, tmp_path)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "共享(&S)", "帮助(&H)"]
        assert window.outline_dock.windowTitle() == "大纲"
        assert window.editor.doc.stages[0].name == "认知"  # a new map from the Chinese template
        assert "顾客行为" in [lane.name for lane in window.editor.doc.lanes]
    finally:
        remove_translators(translators)


def test_preferences_store_the_language(qtbot, monkeypatch, tmp_path):
    from cxmapper.ui.dialogs import PreferencesDialog

    window, _ = open_window(qtbot, monkeypatch, tmp_path)
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.apply() is True
    assert window.settings.language == "zh_CN"
    assert choose_language(window.settings.language) == "zh_CN"
    assert dialog.apply() is False  # unchanged the second time


def test_translate_is_never_called_through_an_alias():
    # ``tr = QCoreApplication.translate; tr("Ctx", "Text")`` runs fine, but lupdate reads
    # a bare ``tr(a, b)`` as (source, comment): the string lands in the catalogue under
    # the wrong context and is never translated on screen.
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Attribute):
                if node.value.attr in ("translate", "tr"):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_translate_is_never_wrapped_in_a_function():
    # ``def _tr(text): return translate("Ctx", text)`` also runs fine, and lupdate never
    # sees the literals passed to ``_tr``: the strings silently stay English. Mark
    # strings kept in tables with QT_TRANSLATE_NOOP and call translate with literals.
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = {a.arg for a in func.args.args + func.args.kwonlyargs}
            for call in ast.walk(func):
                if (
                    isinstance(call, ast.Call)
                    and getattr(call.func, "attr", getattr(call.func, "id", None)) in ("translate", "tr")
                    and any(isinstance(arg, ast.Name) and arg.id in params for arg in call.args)
                ):
                    offenders.append(f"{path.relative_to(REPO)}:{call.lineno} in {func.name}()")
    assert offenders == []
