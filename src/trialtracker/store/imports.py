"""Merging a Trial Tracker bundle into the library: add what is missing, never overwrite or delete."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker.domain import nctid
from trialtracker.domain.catalog import CatalogEntry
from trialtracker.domain.topic_links import Linker
from trialtracker.store.links import set_manual_link
from trialtracker.store.models import Note, utcnow
from trialtracker.store.trials import add_tags, add_trials, get_trial

#: Registry text fields a bundle may fill in where the library has nothing yet.
_FILLABLE = ("brief_title", "official_title", "acronym", "overall_status", "lead_sponsor")


@dataclass
class MergeResult:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    notes_added: int = 0


def _list(value: Any) -> list[Any]:
    """A bundle's list, or nothing: a damaged bundle may hold any JSON where a list belongs."""
    return value if isinstance(value, list) else []


def _when(value: Any) -> dt.datetime | None:
    """A bundle's ISO timestamp (UTC when it names no offset), so notes keep their dates; else None."""
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
        return when.astimezone(dt.UTC) if when.tzinfo else when.replace(tzinfo=dt.UTC)
    except (ValueError, OverflowError):  # not a date, or one that leaves the calendar in UTC
        return None


def _note_key(nct: str, body: str) -> tuple[str, str]:
    return nct, body.strip()


def merge_bundle(
    session: Session,
    data: Mapping[str, Any],
    catalog: Mapping[str, CatalogEntry],
    linker: Linker,
    known_topics: Container[str],
) -> MergeResult:
    """Add missing trials, tags, stars, notes and manual topic choices from a checked bundle."""
    ids = [nctid.normalize(str(t["nct_id"])) for t in data["trials"]]
    added = add_trials(session, ids, catalog, linker)
    result = MergeResult(added.added, added.already)
    # Each note already stored stands for one note of the bundle: a second import adds nothing, and a
    # trial's two identical notes both come across (a set would keep one of them).
    existing = Counter(_note_key(n.nct_id, n.body) for n in session.scalars(select(Note)))
    incoming: list[tuple[str, Any]] = []
    for t in data["trials"]:
        nct = nctid.normalize(str(t["nct_id"]))
        trial = get_trial(session, nct)
        assert trial is not None
        if t.get("starred") is True:
            trial.starred = True
        tags = [str(x) for x in _list(t.get("tags")) if str(x).strip()]
        if tags:
            add_tags(session, nct, tags)
        for key in _FILLABLE:
            if getattr(trial, key) is None and isinstance(t.get(key), str):
                setattr(trial, key, t[key])
        incoming += [(nct, n) for n in _list(t.get("notes")) if isinstance(n, dict)]
    incoming += [(str(n.get("nct_id")), n) for n in _list(data.get("untracked_notes")) if isinstance(n, dict)]
    for nct, note in incoming:
        body = note.get("body")
        if not isinstance(body, str) or not nctid.is_valid(nct):
            continue
        nct = nctid.normalize(nct)
        if existing[_note_key(nct, body)] > 0:
            existing[_note_key(nct, body)] -= 1
            continue
        created = _when(note.get("created_at")) or utcnow()
        session.add(
            Note(
                nct_id=nct, body=body, created_at=created, updated_at=_when(note.get("updated_at")) or created
            )
        )
        result.notes_added += 1
    for link in _list(data.get("manual_topic_links")):
        if not isinstance(link, dict) or not nctid.is_valid(str(link.get("nct_id", ""))):
            continue
        trial = get_trial(session, nctid.normalize(str(link["nct_id"])))
        topic = link.get("topic")
        if trial is None or not isinstance(topic, str) or topic not in known_topics:
            continue  # a topic this version does not know; the link is not essential
        set_manual_link(session, trial, topic, linked=not link.get("removed"))
    session.flush()
    return result
