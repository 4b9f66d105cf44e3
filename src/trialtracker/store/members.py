"""Team members' display names (schema 0011): each member writes only their own (the server sees to it)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from trialtracker.store.models import ME, Member

__all__ = ["display_names", "set_display_name"]


def display_names(session: Session) -> dict[str, str]:
    """Login -> display name, for every member who set one."""
    return {name: shown for name, shown in session.execute(select(Member.name, Member.display_name))}


def set_display_name(session: Session, text: str | None) -> None:
    """Set (or, with None, clear) the display name of the member writing."""
    session.execute(delete(Member).where(Member.name == ME))
    if text is not None:
        session.execute(insert(Member).values(name=ME, display_name=text))
