"""Export to JSON/CSV/Markdown and import our JSON bundle or any file of NCT IDs.

The JSON bundle is complete (trials with registry fields, notes, tags, stars,
topic links), so exporting and importing into a fresh data dir loses nothing.
Import merges: nothing already stored is overwritten or removed, and a broken
file is rejected before the store is touched.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trialtracker import __version__, nctid
from trialtracker.store.db import StoreError, head_revision
from trialtracker.store.models import Note, Trial
from trialtracker.store.trials import (
    add_tags,
    add_trials,
    get_trial,
    list_trials,
    note_counts,
    notes,
    trial_details,
)
from trialtracker.topics.linking import MANUAL, link_manually, unlink_manually

BUNDLE_FORMAT = "trialtracker-bundle"
BUNDLE_VERSION = 1
MAX_IMPORT_BYTES = 50 * 1024 * 1024
CSV_COLUMNS = [
    "nct_id", "acronym", "title", "overall_status", "phases", "enrollment", "start_date",
    "primary_completion_date", "completion_date", "last_update_posted", "has_results", "lead_sponsor",
    "cell_type", "route", "ms_type", "starred", "tags", "note_count", "topics", "last_refreshed",
]  # fmt: skip


class ImportFileError(StoreError):
    """The file cannot be imported; the store was not changed."""


def export_json(session: Session) -> str:
    trials = list_trials(session)
    by_trial = {t.nct_id: notes(session, t.nct_id) for t in trials}
    tracked = set(by_trial)
    orphan_notes = [n for n in notes(session) if n.nct_id not in tracked]
    data = {
        "format": BUNDLE_FORMAT,
        "bundle_version": BUNDLE_VERSION,
        "schema_version": head_revision(),
        "app_version": __version__,
        "trials": [trial_details(t, by_trial[t.nct_id]) for t in trials],
        "untracked_notes": [
            {"nct_id": n.nct_id, "body": n.body, "created_at": n.created_at.isoformat()} for n in orphan_notes
        ],
        "manual_topic_links": [
            {"nct_id": t.nct_id, "topic": link.topic_key, "removed": link.removed}
            for t in trials
            for link in t.topic_links
            if link.how == MANUAL
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _date(trial: Trial, name: str) -> str:
    value = getattr(trial, name)
    kind = getattr(trial, name + "_type")
    return "" if value is None else f"{value} ({kind.lower()})" if kind else value


def export_csv(session: Session) -> str:
    counts = note_counts(session)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for t in list_trials(session):
        writer.writerow(
            {
                "nct_id": t.nct_id,
                "acronym": t.acronym or "",
                "title": t.title,
                "overall_status": t.overall_status or "",
                "phases": "|".join(t.phases or []),
                "enrollment": "" if t.enrollment_count is None else t.enrollment_count,
                "start_date": _date(t, "start_date"),
                "primary_completion_date": _date(t, "primary_completion_date"),
                "completion_date": _date(t, "completion_date"),
                "last_update_posted": t.last_update_posted or "",
                "has_results": "" if t.has_results is None else ("yes" if t.has_results else "no"),
                "lead_sponsor": t.lead_sponsor or "",
                "cell_type": t.cell_type or "",
                "route": t.route or "",
                "ms_type": t.ms_type or "",
                "starred": "yes" if t.starred else "",
                "tags": "|".join(tag.name for tag in t.tags),
                "note_count": counts.get(t.nct_id, 0),
                "topics": "|".join(t.active_topic_keys),
                "last_refreshed": t.last_refreshed.isoformat() if t.last_refreshed else "",
            }
        )
    return out.getvalue()


def export_markdown(session: Session) -> str:
    lines = ["# Trial Tracker report", "", f"Exported by Trial Tracker {__version__}.", ""]
    for t in list_trials(session):
        star = " ★" if t.starred else ""
        lines.append(f"## {t.nct_id}{' (' + t.acronym + ')' if t.acronym else ''}: {t.title}{star}")
        lines.append("")
        facts = [
            ("Status", t.overall_status or "not yet refreshed"),
            ("Phase", ", ".join(t.phases or []) or t.catalog_phase or "—"),
            ("Cell therapy", t.cell_type or "—"),
            ("Route", t.route or "—"),
            ("MS type", t.ms_type or "—"),
            ("Sponsor", t.lead_sponsor or "—"),
            ("Tags", ", ".join(tag.name for tag in t.tags) or "—"),
            ("Link", f"https://clinicaltrials.gov/study/{t.nct_id}"),
        ]
        lines += [f"- **{k}:** {v}" for k, v in facts]
        if t.caution:
            lines.append(f"- **Caution:** {t.caution}")
        for note in notes(session, t.nct_id):
            lines += ["", f"### Note ({note.updated_at:%Y-%m-%d %H:%M} UTC)", "", note.body.rstrip()]
        lines.append("")
    return "\n".join(lines)


EXPORTERS = {"json": export_json, "csv": export_csv, "md": export_markdown}


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    notes_added: int = 0
    kind: str = "ids"


def read_import_file(path: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """Return (bundle, []) for our bundle or (None, ids) for any other text; raise on bad input."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path} is too large to import ({size // (1024 * 1024)} MB; limit 50 MB)")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise ImportFileError(f"{path} is a binary file, not text, JSON or CSV; nothing was imported")
    text = raw.decode("utf-8", errors="replace")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}); nothing was imported"
            ) from None
        if isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT:
            _check_bundle(path, data)
            return data, []
    ids = nctid.extract(text)
    if not ids:
        raise ImportFileError(
            f"{path} holds no NCT IDs and is not a Trial Tracker bundle; nothing was imported"
        )
    return None, ids


def _check_bundle(path: Path, data: dict[str, Any]) -> None:
    version = data.get("bundle_version")
    if not isinstance(version, int) or version > BUNDLE_VERSION:
        raise ImportFileError(
            f"{path} is a bundle from a newer Trial Tracker (bundle version {version}); update the app"
        )
    trials = data.get("trials")
    if not isinstance(trials, list) or not all(isinstance(t, dict) and "nct_id" in t for t in trials):
        raise ImportFileError(
            f"{path} is a damaged bundle (its 'trials' list is malformed); nothing was imported"
        )
    for t in trials:
        if not nctid.is_valid(str(t["nct_id"])):
            raise ImportFileError(
                f"{path} is a damaged bundle (bad NCT ID {t['nct_id']!r}); nothing was imported"
            )


def import_file(session: Session, path: Path) -> ImportResult:
    bundle, ids = read_import_file(path)
    if bundle is None:
        added = add_trials(session, ids)
        return ImportResult(added.added, added.already, 0, "ids")
    return _import_bundle(session, bundle)


def _note_key(nct: str, body: str) -> tuple[str, str]:
    return nct, body.strip()


def _import_bundle(session: Session, data: dict[str, Any]) -> ImportResult:
    """Merge a bundle: add missing trials, tags, stars, notes; never overwrite or delete."""
    result = ImportResult(kind="bundle")
    ids = [nctid.normalize(str(t["nct_id"])) for t in data["trials"]]
    added = add_trials(session, ids)
    result.added, result.already = added.added, added.already
    existing = {_note_key(n.nct_id, n.body) for n in session.scalars(select(Note))}
    incoming: list[tuple[str, dict[str, Any]]] = []
    for t in data["trials"]:
        nct = nctid.normalize(str(t["nct_id"]))
        trial = get_trial(session, nct)
        assert trial is not None
        if t.get("starred") is True:
            trial.starred = True
        tags = [str(x) for x in t.get("tags") or [] if str(x).strip()]
        if tags:
            add_tags(session, nct, tags)
        for key in ("brief_title", "official_title", "acronym", "overall_status", "lead_sponsor"):
            if getattr(trial, key) is None and isinstance(t.get(key), str):
                setattr(trial, key, t[key])
        incoming += [(nct, n) for n in t.get("notes") or [] if isinstance(n, dict)]
    incoming += [(str(n.get("nct_id")), n) for n in data.get("untracked_notes") or [] if isinstance(n, dict)]
    for nct, note in incoming:
        body = note.get("body")
        if not isinstance(body, str) or not nctid.is_valid(nct):
            continue
        nct = nctid.normalize(nct)
        if _note_key(nct, body) in existing:
            continue
        existing.add(_note_key(nct, body))
        session.add(Note(nct_id=nct, body=body))
        result.notes_added += 1
    for link in data.get("manual_topic_links") or []:
        trial = get_trial(session, nctid.normalize(str(link.get("nct_id", ""))))
        topic = link.get("topic")
        if trial is None or not isinstance(topic, str):
            continue
        try:
            (unlink_manually if link.get("removed") else link_manually)(session, trial, topic)
        except StoreError:
            continue  # a topic this version does not know; the link is not essential
    session.flush()
    return result
