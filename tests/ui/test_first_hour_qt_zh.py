"""Under zh_CN, Qt's own dialogs read Chinese: the file dialog's labels and the
unsaved-changes buttons (issue 17, point 9)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton

from cxmapper.ui.i18n import install_translators, remove_translators

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    translators = install_translators("zh_CN")
    assert len(translators) == 3  # ours, Qt's, and the few Qt texts Qt's lacks
    yield
    remove_translators(translators)


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave])
def test_the_file_dialog_reads_chinese(chinese, qtbot, mode):
    dialog = QFileDialog(None, "", "", "CX Mapper (*.cxmap)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own: what Linux shows without a portal
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text()]
    assert len(texts) >= 5
    english = [t for t in texts if not CJK.search(t)]
    assert english == [], f"still English: {english}"
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts


def test_the_unsaved_changes_buttons_read_chinese(chinese, qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Warning, "", "",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    box.show()
    texts = [b.text() for b in box.findChild(QDialogButtonBox).buttons()]
    assert all(CJK.search(t) for t in texts), texts
