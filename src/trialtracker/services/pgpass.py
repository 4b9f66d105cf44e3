"""libpq's password file: where a team library's password goes, so our settings never hold one.

libpq (and so psycopg) reads ``~/.pgpass`` — ``%APPDATA%\\postgresql\\pgpass.conf`` on Windows, or the file
``$PGPASSFILE`` names — and ignores it unless only its owner can read it. One line per server, database
and user: ``host:port:database:user:password``, with ``:`` and ``\\`` escaped by a backslash.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from trialtracker.services.files import write_atomically
from trialtracker.store.server import ServerAddress

__all__ = ["pgpass_line", "pgpass_path", "remember_password"]


def pgpass_path() -> Path:
    """The password file libpq reads on this computer."""
    named = os.environ.get("PGPASSFILE")
    if named:
        return Path(named).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _field(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def _key(where: ServerAddress, user: str) -> str:
    return ":".join(_field(str(f)) for f in (where.host, where.port, where.database, user)) + ":"


def pgpass_line(where: ServerAddress, user: str, password: str) -> str:
    """The line that gives ``user`` their password for the library at ``where``."""
    return _key(where, user) + _field(password)


def remember_password(where: ServerAddress, user: str, password: str) -> Path:
    """Put ``user``'s password for ``where`` in the password file (replacing an older one for the same
    server, database and user; other lines kept as they were). Written whole, readable only by its owner."""
    path = pgpass_path()
    key = _key(where, user)
    try:
        old = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        old = []
    kept = [line for line in old if not line.startswith(key)]
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join([*kept, pgpass_line(where, user, password)]) + "\n"
    write_atomically(path, text.encode("utf-8"))  # a new file of mode 0600, renamed over the old one
    return path
