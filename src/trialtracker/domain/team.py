"""The vocabulary of a team library: who a member is, and how their login name may be spelt."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from trialtracker.domain.errors import InvalidInput

__all__ = [
    "MEMBER_NAME_RULE", "check_display_name", "check_member_name", "members_role", "shown_member",
    "shown_tags",
]  # fmt: skip

DISPLAY_NAME_MAX = 100

#: A member's login name: what PostgreSQL accepts unquoted, so it reads the same in ``psql`` and in a URL.
_MEMBER = re.compile(r"[a-z][a-z0-9_]{0,47}")
MEMBER_NAME_RULE = "lowercase letters, digits and _, starting with a letter, at most 48 characters"
_RESERVED = frozenset({"postgres", "public", "pg_signal_backend", "none", "current_user", "session_user"})


def check_member_name(name: str) -> str:
    """The name, or a one-line :class:`InvalidInput` saying what a name may hold."""
    cleaned = name.strip()
    if not _MEMBER.fullmatch(cleaned) or cleaned.startswith("pg_") or cleaned in _RESERVED:
        raise InvalidInput(f"not a usable member name: {name.strip()[:60]!r} ({MEMBER_NAME_RULE})")
    return cleaned


def members_role(database: str) -> str:
    """The group role of one team library's members (roles are shared by every database of a server, so
    the name carries the database's)."""
    stem = re.sub(r"[^a-z0-9_]", "_", database.lower())[:48]
    return f"{stem}_members"


def check_display_name(text: str) -> str | None:
    """The display name as stored (spaces tidied; None: none), or a one-line :class:`InvalidInput`."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    if len(cleaned) > DISPLAY_NAME_MAX or any(not c.isprintable() for c in cleaned):
        raise InvalidInput(f"a display name is up to {DISPLAY_NAME_MAX} printable characters")
    return cleaned


def shown_member(login: str | None, display: str | None) -> str | None:
    """How a member is named to people: "Alice Smith (alice)" — the login always with it, so nobody can
    pass for someone else by choosing their display name — or just the login when no name is set."""
    if login is None:
        return None
    return f"{display} ({login})" if display else login


def shown_tags(tags: Sequence[str], personal: Collection[str], mark: str = "only you") -> str:
    """Tag names on one line, one's own (personal) tags marked: in a team library the rest are seen by all."""
    return ", ".join(f"{name} ({mark})" if name in personal else name for name in tags)
