"""The session's sentences from ``collab`` (English, no Qt) in the window's language.

In English every known sentence comes back exactly as ``collab`` wrote it (the patterns
carry host, port, seconds and details over); an unknown one comes back unchanged. In
Chinese, the Join dialog shows an expired link's refusal and an unreachable host's
sentence in Chinese, driven by keys.
"""

from __future__ import annotations

import time

import pytest

from cxmapper.collab import auth
from cxmapper.ui import session as session_module
from cxmapper.ui.i18n import install_translators, remove_translators
from cxmapper.ui.session_words import in_words
from tests.ui.test_session_window import WAIT_MS, join_session, pair, press_ok, type_into  # noqa: F401

COLLAB_SENTENCES = [
    *(auth.refusal_sentence(code) for code in (4401, 4403, 4410, 4400, 4422, 4413, 4429, 1009, 4408, 1001)),
    auth.refusal_sentence(4999, "maintenance"),
    auth.refusal_sentence(4998),
    "Could not reach the session at 127.0.0.1:8765 within 8 s.",
    "Could not reach the session at [::1]:9 within 0.5 s.",
    "This is not a join link: the join link has no secret (…#secret=…): ask the host for the full link",
    "Could not start the session on 127.0.0.1:80: [Errno 13] error while attempting to bind",
    "Could not start the session: 'x y' is not a room name",
    "The session did not receive this map within 15 s.",
]


def test_in_english_every_sentence_comes_back_as_collab_wrote_it(qapp):
    for sentence in COLLAB_SENTENCES:
        assert in_words(sentence) == sentence
    assert in_words("Something new the server says.") == "Something new the server says."
    assert in_words("") == ""


@pytest.fixture
def chinese(qapp):
    translators = install_translators("zh_CN")
    yield
    remove_translators(translators)


def test_in_chinese_every_known_sentence_is_translated_with_its_details(chinese):
    for sentence in COLLAB_SENTENCES:
        words = in_words(sentence)
        assert words != sentence and any("\u4e00" <= ch <= "\u9fff" for ch in words), sentence
    assert in_words("Could not reach the session at 127.0.0.1:8765 within 8 s.") == "8 秒内无法连接到位于 127.0.0.1:8765 的会话。"
    assert in_words(auth.refusal_sentence(4999, "maintenance")) == "服务器关闭了会话：maintenance。"


def test_the_join_dialog_refuses_in_chinese(qtbot, pair, chinese, monkeypatch):
    host, guest = pair
    link = host.session.start("李雷", "#d62728", ttl=0.3)
    time.sleep(0.5)
    dialog = join_session(qtbot, guest, str(link), "韩梅梅")
    assert dialog.error_label.text() == "此会话已过期：请主持人重新开始一个会话。"
    host.session.leave()
    monkeypatch.setattr(session_module, "JOIN_TIMEOUT_S", 1.0)
    type_into(dialog.link_edit, str(link))
    press_ok(dialog)
    assert dialog.error_label.text() == f"1 秒内无法连接到位于 127.0.0.1:{link.port} 的会话。"
    assert not guest.session.active


def test_the_expiry_sentence_before_and_after_the_time(qapp):
    from PySide6.QtCore import QDateTime, QLocale

    from cxmapper.ui.session_dialogs import expiry_sentence

    now = QDateTime.currentDateTime()
    later = now.addSecs(3600)
    same_day = later.date() == now.date()
    at = QLocale().toString(later.time() if same_day else later, QLocale.FormatType.ShortFormat)
    ahead = expiry_sentence(later.toSecsSinceEpoch(), now.toSecsSinceEpoch())
    assert ahead == f"This link admits people until {at}; after that it is refused (those already in stay)."
    gone = expiry_sentence(now.toSecsSinceEpoch() - 60, now.toSecsSinceEpoch())
    assert gone.startswith("This link expired at ") and "start a new one for a new link" in gone
    tomorrow = expiry_sentence(now.addDays(2).toSecsSinceEpoch(), now.toSecsSinceEpoch())
    assert QLocale().toString(now.addDays(2).date(), QLocale.FormatType.ShortFormat) in tomorrow
    assert expiry_sentence(None).startswith("This link does not expire")
