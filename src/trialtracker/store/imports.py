"""Merging a Trial Tracker bundle into the library: add what is missing, never overwrite or delete."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from trialtracker.domain import nctid
from trialtracker.domain.catalog import CatalogEntry
from trialtracker.domain.topic_links import ADDED_BY_YOU, MANUAL, REMOVED_BY_YOU, Linker
from trialtracker.store.models import ME, Note, Star, Tag, TopicLink, Trial, TrialTag, utcnow
from trialtracker.store.trials import IN_LIMIT, add_trials, clean_tag, trial_ids_of

#: Registry text fields a bundle may fill in where the library has nothing yet.
_FILLABLE = (
    "brief_title", "official_title", "acronym", "overall_status", "lead_sponsor", "lead_sponsor_class"
)  # fmt: skip


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
    *,
    tags_personal: bool = False,
) -> MergeResult:
    """Add missing trials, tags, stars, notes and manual topic choices from a checked bundle
    (``tags_personal``: every tag as the writer's own, as a copy into a team library makes them).

    Set-based (a handful of statements for any number of trials): the bundle's entries are folded
    in Python in file order, exactly as one-by-one merging would, then written with executemany.
    """
    entries = [(nctid.normalize(str(t["nct_id"])), t) for t in data["trials"]]
    added = add_trials(session, [nct for nct, _ in entries], catalog, linker)
    result = MergeResult(added.added, added.already)
    _merge_fields(session, entries)
    _merge_tags(session, entries, tags_personal)
    result.notes_added = _merge_notes(session, entries, _list(data.get("untracked_notes")))
    _merge_manual_links(session, _list(data.get("manual_topic_links")), known_topics)
    return result


def _merge_fields(session: Session, entries: list[tuple[str, Any]]) -> None:
    """Stars (the importing person's), and registry text where the library has none yet (the first bundle
    entry with text wins)."""
    columns = [getattr(Trial, key) for key in _FILLABLE]
    query = _tracked(select(Trial.id, Trial.nct_id, *columns), [nct for nct, _ in entries])
    current = {
        row.nct_id: {"id": row.id, **{key: getattr(row, key) for key in _FILLABLE}}
        for row in session.execute(query)
    }
    changed: dict[str, dict[str, Any]] = {}
    starred: set[int] = set()
    for nct, t in entries:
        values = current[nct]
        if t.get("starred") is True:
            starred.add(values["id"])
        for key in _FILLABLE:
            if values[key] is None and isinstance(t.get(key), str):
                values[key] = t[key]
                changed[nct] = values
    if changed:  # every row has the same keys: one executemany
        session.execute(update(Trial), list(changed.values()))
    if starred:
        new_stars = select(Trial.id, ME).where(Trial.id.in_(sorted(starred)), ~Trial.starred)
        session.execute(insert(Star).from_select(["trial_id", "member"], new_stars))


def _merge_tags(session: Session, entries: list[tuple[str, Any]], all_personal: bool) -> None:
    """Tag the trials as the bundle does: its ``personal_tags`` (or, ``all_personal``, every tag) as
    the writer's own tags, the rest as the team's; a name a trial already carries is left as it is."""
    wanted: dict[str, dict[str, bool]] = {}  # nct -> name -> personal
    for nct, t in entries:
        own = {clean_tag(str(x)) for x in _list(t.get("personal_tags")) if str(x).strip()}
        for name in (clean_tag(str(x)) for x in _list(t.get("tags")) if str(x).strip()):
            wanted.setdefault(nct, {}).setdefault(name, all_personal or name in own)
    if not wanted:
        return
    tag_ids: dict[bool, dict[str, int]] = {}
    for personal in (False, True):
        owner = ME if personal else ""
        names = list(dict.fromkeys(n for tags in wanted.values() for n, p in tags.items() if p is personal))
        named = select(Tag.name, Tag.id).where(Tag.owner == owner)
        have = {name: tid for name, tid in session.execute(named)}
        if new_names := [n for n in names if n not in have]:
            session.execute(insert(Tag).values(owner=owner), [{"name": name} for name in new_names])
            have = {name: tid for name, tid in session.execute(named)}
        tag_ids[personal] = have
    trial_ids = trial_ids_of(session, list(wanted))
    carried = {(tid, name) for tid, name in session.execute(select(TrialTag.trial_id, Tag.name).join(Tag))}
    pairs: dict[tuple[int, int], None] = {}
    for nct, tags in wanted.items():
        for name, personal in tags.items():
            if (trial_ids[nct], name) not in carried:
                carried.add((trial_ids[nct], name))
                pairs[(trial_ids[nct], tag_ids[personal][name])] = None
    if pairs:
        session.execute(insert(TrialTag), [{"trial_id": tid, "tag_id": gid} for tid, gid in pairs])


def _merge_notes(session: Session, entries: list[tuple[str, Any]], untracked: list[Any]) -> int:
    # Each note already stored stands for one note of the bundle: a second import adds nothing, and a
    # trial's two identical notes both come across (a set would keep one of them).
    existing = Counter(_note_key(nct, body) for nct, body in session.execute(select(Note.nct_id, Note.body)))
    incoming: list[tuple[str, Any]] = []
    for nct, t in entries:
        incoming += [(nct, n) for n in _list(t.get("notes")) if isinstance(n, dict)]
    incoming += [(str(n.get("nct_id")), n) for n in untracked if isinstance(n, dict)]
    rows: list[dict[str, Any]] = []
    for nct, note in incoming:
        body = note.get("body")
        if not isinstance(body, str) or not nctid.is_valid(nct):
            continue
        nct = nctid.normalize(nct)
        if existing[_note_key(nct, body)] > 0:
            existing[_note_key(nct, body)] -= 1
            continue
        created = _when(note.get("created_at")) or utcnow()
        updated = _when(note.get("updated_at")) or created
        rows.append({"nct_id": nct, "body": body, "created_at": created, "updated_at": updated})
    if rows:
        session.execute(insert(Note), rows)
    return len(rows)


def _merge_manual_links(session: Session, links: list[Any], known_topics: Container[str]) -> None:
    """The user's own topic choices from the bundle (the last one for a trial and topic wins; a new
    link keeps the place of its first mention, as one-by-one merging numbered it)."""
    chosen: dict[tuple[str, str], bool] = {}
    for link in links:
        if not isinstance(link, dict) or not nctid.is_valid(str(link.get("nct_id", ""))):
            continue
        topic = link.get("topic")
        if not isinstance(topic, str) or topic not in known_topics:
            continue  # a topic this version does not know; the link is not essential
        key = (nctid.normalize(str(link["nct_id"])), topic)
        chosen[key] = not link.get("removed")
    if not chosen:
        return
    trial_ids = trial_ids_of(session, {nct for nct, _ in chosen})
    rows = [
        {"trial_id": trial_ids[nct], "topic_key": topic, "how": MANUAL, "removed": not linked,
         "reason": ADDED_BY_YOU if linked else REMOVED_BY_YOU}
        for (nct, topic), linked in chosen.items()
        if nct in trial_ids
    ]  # fmt: skip
    if rows:
        on_server = session.get_bind().dialect.name == "postgresql"
        upsert = (postgresql_insert if on_server else sqlite_insert)(TopicLink)
        upsert = upsert.on_conflict_do_update(
            index_elements=["trial_id", "topic_key"],
            set_={"how": upsert.excluded.how, "reason": upsert.excluded.reason,
                  "removed": upsert.excluded.removed},
        )  # fmt: skip
        session.connection().execute(upsert, rows)


def _tracked(query: Select[Any], ncts: list[str]) -> Select[Any]:
    """``query`` narrowed to these NCT IDs (with ``IN`` only when that stays a short list)."""
    return query.where(Trial.nct_id.in_(ncts)) if len(ncts) <= IN_LIMIT else query
