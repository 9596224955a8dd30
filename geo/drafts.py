"""The draft store: pack drafts saved as the author works, in an embedded SQLite database.

Each draft is one row, found only by its token: a random 144-bit string that
is the draft's private link (``?draft=…``). Nothing lists drafts, so an author
sees a draft only by having its link. The database file lives in the user's
data folder (:func:`geo.paths.drafts_database`); it and its folder are private
to the user and never reached through a link.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import sqlite3
import stat
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.i18n import DEFAULT_LANGUAGE, texts

TOKEN = re.compile(r"[A-Za-z0-9_-]{24}", re.ASCII)
MAX_DRAFT_BYTES = 8_000_000  # a draft of 40 full-resolution islands is under 2 MB
_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    token TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
)
"""


class DraftStoreError(RuntimeError):
    """The store cannot be used (its file is a link, not private, or too large a draft)."""


@dataclass(frozen=True)
class SavedDraft:
    """A draft as saved: its body, how many times it was saved, and when last."""

    token: str
    body: dict[str, Any]
    revision: int
    updated: str


def is_token(text: object) -> bool:
    """Whether a value from a link has the form of a draft's token."""
    return isinstance(text, str) and TOKEN.fullmatch(text) is not None


class DraftStore:
    """Drafts in one SQLite file; every call opens its own connection (thread-safe).

    Parameters
    ----------
    path : pathlib.Path
        The database file; its folder is made (private) when missing.

    Notes
    -----
    Each call takes the ``language`` its :class:`DraftStoreError` is written in (the
    author reads it on the page); a code of :data:`geo.i18n.LANGUAGES`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self, language: str = DEFAULT_LANGUAGE) -> sqlite3.Connection:
        """A connection to the database, made safe to open first."""
        _ = texts(language).gettext
        folder = self.path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for place in (folder, self.path):
            try:
                info = os.lstat(place)
            except FileNotFoundError:
                continue
            if stat.S_ISLNK(info.st_mode):
                raise DraftStoreError(
                    _("{place} is a link; drafts are not saved through links").format(place=place)
                )
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                raise DraftStoreError(_("{place} belongs to another user").format(place=place))
        connection = sqlite3.connect(self.path, timeout=10.0)
        if hasattr(os, "getuid"):
            self.path.chmod(0o600)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(_SCHEMA)
        return connection

    def create(self, body: dict[str, Any], language: str = DEFAULT_LANGUAGE) -> SavedDraft:
        """Save a new draft and return it with its token."""
        token = secrets.token_urlsafe(18)
        text = _encoded(body, language)
        now = _now()
        with closing(self._connect(language)) as connection, connection:
            connection.execute("INSERT INTO drafts VALUES (?, ?, ?, 1, ?)", (token, now, now, text))
        return SavedDraft(token, body, 1, now)

    def load(self, token: str, language: str = DEFAULT_LANGUAGE) -> SavedDraft | None:
        """The draft with this token, or ``None`` (a malformed token finds nothing)."""
        if not is_token(token):
            return None
        with closing(self._connect(language)) as connection:
            row = connection.execute(
                "SELECT body, revision, updated FROM drafts WHERE token = ?", (token,)
            ).fetchone()
        if row is None:
            return None
        return SavedDraft(token, json.loads(row[0]), int(row[1]), str(row[2]))

    def save(
        self, token: str, body: dict[str, Any], language: str = DEFAULT_LANGUAGE
    ) -> SavedDraft:
        """Replace a draft's body; its revision goes up by one.

        Raises
        ------
        KeyError
            When no draft has this token.
        """
        text = _encoded(body, language)
        now = _now()
        with closing(self._connect(language)) as connection, connection:
            cursor = connection.execute(
                "UPDATE drafts SET body = ?, updated = ?, revision = revision + 1 WHERE token = ?",
                (text, now, token),
            )
            if cursor.rowcount != 1:
                raise KeyError(token)
            revision = connection.execute(
                "SELECT revision FROM drafts WHERE token = ?", (token,)
            ).fetchone()[0]
        return SavedDraft(token, body, int(revision), now)


def _encoded(body: dict[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """A draft as JSON text, refused (in words of ``language``) when larger than
    :data:`MAX_DRAFT_BYTES`."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_DRAFT_BYTES:
        raise DraftStoreError(
            texts(language)
            .gettext("the draft is larger than {megabytes} MB; remove some islands")
            .format(megabytes=MAX_DRAFT_BYTES // 1_000_000)
        )
    return text


def _now() -> str:
    """The time now, in UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
