"""The session's sentences from ``cxmapper/collab/`` in the window's language.

``collab`` has no Qt and speaks English: a refusal (``auth.refusal_sentence``), a
``SessionError`` ("Could not reach the session at HOST:PORT within 8 s."), a link that
is not a link. The window shows them in the dialogs and notices; ``in_words`` gives the
translated sentence for each one it knows (the exact sentence, or its pattern with the
host, port, seconds and details carried over) and the sentence itself otherwise, so
nothing is hidden when ``collab`` says something new.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from cxmapper.collab import auth


def _refusals() -> dict[str, str]:
    """The server's refusals (by their English sentence) in the window's language."""
    by_code = {
        auth.CLOSE_NO_SECRET: QCoreApplication.translate("SessionWords", "The join link has no secret: ask the host for the full link."),
        auth.CLOSE_WRONG_SECRET: QCoreApplication.translate("SessionWords", "The session refused the secret in this join link: ask the host for a new link."),
        auth.CLOSE_EXPIRED: QCoreApplication.translate("SessionWords", "This session has expired: ask the host to start a new one."),
        auth.CLOSE_BAD_ROOM: QCoreApplication.translate("SessionWords", "The join link names no valid room."),
        auth.CLOSE_MALFORMED: QCoreApplication.translate("SessionWords", "The server refused an update from this copy of the map as malformed."),
        auth.CLOSE_ROOM_FULL: QCoreApplication.translate("SessionWords", "The shared map has reached the server's size limit."),
        auth.CLOSE_RATE_LIMIT: QCoreApplication.translate("SessionWords", "Too many changes were sent too quickly; the server disconnected you."),
        auth.CLOSE_TOO_BIG: QCoreApplication.translate("SessionWords", "A change was larger than the server accepts in one message."),
        auth.CLOSE_TOO_SLOW: QCoreApplication.translate("SessionWords", "This copy of the map stopped keeping up with the session and was disconnected."),
        auth.CLOSE_SERVER_STOPPING: QCoreApplication.translate("SessionWords", "The session's server stopped."),
    }
    return {auth.refusal_sentence(code): words for code, words in by_code.items()}


# (pattern of collab's English sentence, its words here with the same {names}).
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[], str]], ...] = (
    (
        re.compile(r"Could not reach the session at (?P<where>.+) within (?P<seconds>[\d.]+) s\.$"),
        lambda: QCoreApplication.translate("SessionWords", "Could not reach the session at {where} within {seconds} s."),
    ),
    (re.compile(r"This is not a join link: (?P<detail>.+)$", re.S), lambda: QCoreApplication.translate("SessionWords", "This is not a join link: {detail}")),
    (
        re.compile(r"Could not start the session on (?P<where>[^ ]+): (?P<detail>.+)$", re.S),
        lambda: QCoreApplication.translate("SessionWords", "Could not start the session on {where}: {detail}"),
    ),
    (re.compile(r"Could not start the session: (?P<detail>.+)$", re.S), lambda: QCoreApplication.translate("SessionWords", "Could not start the session: {detail}")),
    (
        re.compile(r"The session did not receive this map within (?P<seconds>[\d.]+) s\.$"),
        lambda: QCoreApplication.translate("SessionWords", "The session did not receive this map within {seconds} s."),
    ),
    (re.compile(r"The server closed the session: (?P<detail>.+)\.$", re.S), lambda: QCoreApplication.translate("SessionWords", "The server closed the session: {detail}.")),
    (re.compile(r"The connection to the session closed \(code (?P<code>\d+)\)\.$"), lambda: QCoreApplication.translate("SessionWords", "The connection to the session closed (code {code}).")),
)


def in_words(sentence: str) -> str:
    """``sentence`` (from ``collab``) in the window's language; itself when unknown."""
    if not sentence:
        return sentence
    known = _refusals().get(sentence)
    if known is not None:
        return known
    for pattern, text in _PATTERNS:
        found = pattern.match(sentence)
        if found is not None:
            return text().format(**found.groupdict())
    return sentence
