"""Conversations and feedback in SQLite beside the index (<index>/app.sqlite3), each owned by a user (the
signed-in user, or "local" in a single-user chat)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

from app.answer.serialize import answer_from_dict, answer_to_dict
from app.answer.types import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, title TEXT, created REAL, updated REAL,
    owner TEXT NOT NULL DEFAULT 'local');
CREATE TABLE IF NOT EXISTS turns (conversation TEXT, idx INTEGER, answer TEXT, PRIMARY KEY (conversation, idx));
CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation TEXT, turn INTEGER,
    rating TEXT, comment TEXT, question TEXT, standalone_question TEXT, answer TEXT, citations TEXT,
    settings TEXT, created REAL, user TEXT NOT NULL DEFAULT 'local', UNIQUE (conversation, turn));
"""
_ADDED_COLUMNS = {"conversations": ("owner", "TEXT NOT NULL DEFAULT 'local'"),
                  "feedback": ("user", "TEXT NOT NULL DEFAULT 'local'")}  # stores made before users existed
LOCAL = "local"


class ConversationStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        for table, (column, kind) in _ADDED_COLUMNS.items():
            if column not in {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex[:12]

    def append(self, conversation: str, answer: Answer, owner: str = LOCAL) -> int:
        """Store a turn; the first question names the conversation and makes `owner` its owner. Returns the turn
        index. Another user's conversation is refused (ForeignConversation)."""
        now = time.time()
        with self._lock:
            found = self.db.execute("SELECT owner FROM conversations WHERE id = ?", (conversation,)).fetchone()
            if found and found[0] != owner:
                raise ForeignConversation(conversation)
            idx = self.db.execute("SELECT count(*) FROM turns WHERE conversation = ?", (conversation,)).fetchone()[0]
            self.db.execute("INSERT OR IGNORE INTO conversations (id, title, created, updated, owner) "
                            "VALUES (?, ?, ?, ?, ?)", (conversation, answer.question[:80], now, now, owner))
            self.db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation))
            self.db.execute("INSERT INTO turns VALUES (?, ?, ?)", (conversation, idx, json.dumps(answer_to_dict(answer))))
        return idx

    def owner_of(self, conversation: str) -> str | None:
        """Who the conversation belongs to; None for one not stored yet."""
        with self._lock:
            row = self.db.execute("SELECT owner FROM conversations WHERE id = ?", (conversation,)).fetchone()
        return row[0] if row else None

    def turns(self, conversation: str) -> list[Answer]:
        with self._lock:
            rows = self.db.execute("SELECT answer FROM turns WHERE conversation = ? ORDER BY idx",
                                   (conversation,)).fetchall()
        return [answer_from_dict(json.loads(r[0])) for r in rows]

    def conversations(self, owner: str = LOCAL, limit: int = 30) -> list[tuple[str, str, float]]:
        """One user's (id, title, updated), newest first."""
        with self._lock:
            return self.db.execute("SELECT id, title, updated FROM conversations WHERE owner = ? "
                                   "ORDER BY updated DESC LIMIT ?", (owner, limit)).fetchall()

    def save_feedback(self, conversation: str, turn: int, answer: Answer, rating: str, comment: str,
                      settings: dict, user: str = LOCAL) -> None:
        citations = [{"n": c.n, "chunk_id": c.passage.chunk_id, "title": c.passage.title,
                      "section": c.passage.section} for c in answer.citations]
        with self._lock:
            self.db.execute(
                "INSERT INTO feedback (conversation, turn, rating, comment, question, standalone_question, answer,"
                " citations, settings, created, user) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (conversation, turn)"
                " DO UPDATE SET rating = excluded.rating, comment = excluded.comment, created = excluded.created, "
                "user = excluded.user",
                (conversation, turn, rating, comment, answer.question, answer.standalone_question, answer.text,
                 json.dumps(citations), json.dumps(settings), time.time(), user))

    def feedback_for(self, conversation: str, turn: int) -> tuple[str, str] | None:
        """The stored (rating, comment) of one turn, or None when it has none."""
        with self._lock:
            row = self.db.execute("SELECT rating, comment FROM feedback WHERE conversation = ? AND turn = ?",
                                  (conversation, turn)).fetchone()
        return (row[0], row[1] or "") if row else None

    def feedback(self) -> list[dict]:
        with self._lock:
            cur = self.db.execute("SELECT conversation, turn, user, rating, comment, question, standalone_question, "
                                  "answer, citations, settings, created FROM feedback ORDER BY id")
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        out = []
        for row in rows:
            item = dict(zip(names, row))
            item["citations"], item["settings"] = json.loads(item["citations"]), json.loads(item["settings"])
            out.append(item)
        return out


class ForeignConversation(Exception):
    """A conversation that belongs to another user."""


def store_path(index_dir: Path) -> Path:
    return index_dir / "app.sqlite3"
