"""Export to JSON/CSV/Markdown, and import our JSON bundle or any file of NCT IDs.

The JSON bundle is complete (trials with registry fields, notes, tags, stars,
topic links), so exporting and importing into a fresh data dir loses nothing.
Import merges: nothing already stored is overwritten or removed, and a broken
file is rejected before the library is touched.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialtracker import __version__
from trialtracker.domain import nctid
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.fields import date_label
from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import status_label
from trialtracker.services.deferred import deferred
from trialtracker.services.files import write_atomically
from trialtracker.services.jsontext import pretty
from trialtracker.services.library import Library
from trialtracker.services.topics import topic_library
from trialtracker.services.views import ChangeView, NoteView, TopicLinkView, TrialDetail, iso
from trialtracker.store.db import head_revision

if TYPE_CHECKING:
    from trialtracker.store import imports as istore
    from trialtracker.store import registry as rstore
    from trialtracker.store import trials as tstore
    from trialtracker.store.db import Session
else:
    istore = deferred("trialtracker.store.imports")
    rstore = deferred("trialtracker.store.registry")
    tstore = deferred("trialtracker.store.trials")

BUNDLE_FORMAT = "trialtracker-bundle"
BUNDLE_VERSION = 1
MAX_IMPORT_BYTES = 50 * 1024 * 1024
FORMATS = ("json", "csv", "md")
CSV_COLUMNS = [
    "nct_id", "acronym", "title", "overall_status", "phases", "enrollment", "start_date",
    "primary_completion_date", "completion_date", "last_update_posted", "has_results", "lead_sponsor",
    "cell_type", "route", "ms_type", "starred", "tags", "note_count", "topics", "last_refreshed",
]  # fmt: skip
REGISTRY_PAGE = "https://clinicaltrials.gov/study/{}"


class ImportFileError(InvalidInput):
    """The file cannot be imported; the library was not changed."""


def _everything(
    s: Session, *, raw: bool = False
) -> tuple[Iterator[tuple[TrialDetail, str | None]], list[NoteView]]:
    """Every tracked trial in detail (read as it is written out), with the registry's full record as
    stored when ``raw`` (else None), and the notes of trials no longer tracked. The caller's
    transaction must stay open while the trials are iterated."""
    tracked = set(tstore.tracked_ids(s))
    by_trial: dict[str, list[Any]] = {}
    orphans: list[NoteView] = []
    for note in tstore.notes(s):
        if note.nct_id in tracked:
            by_trial.setdefault(note.nct_id, []).append(note)
        else:
            orphans.append(NoteView.of(note))
    details = (
        (
            TrialDetail.of(
                full.trial,
                by_trial.get(full.trial.nct_id, []),
                links=[TopicLinkView(*link) for link in full.links],
                changes=[ChangeView(*change) for change in full.changes],
            ),
            rstore.unpack_raw(full.trial.raw_record) if raw else None,
        )
        for full in tstore.iter_trials_in_full(s, raw=raw)
    )
    return details, orphans


def export_json_chunks(lib: Library, *, raw: bool = False) -> Iterator[str]:
    """The bundle, one trial at a time: the same text as ``json.dumps(bundle, indent=2)``.

    The registry's full record of each trial is stored but left out: it is most of the size (about
    45 KB a trial) and the registry is its source. ``raw`` puts it in, under each trial's ``"raw"``
    (for research use; an import ignores it)."""
    with lib.transaction() as s:
        trials, orphans = _everything(s, raw=raw)
        header = {"format": BUNDLE_FORMAT, "bundle_version": BUNDLE_VERSION,
                  "schema_version": head_revision(), "app_version": __version__}  # fmt: skip
        yield "{" + "".join(f"\n  {pretty(k)}: {pretty(v)}," for k, v in header.items()) + '\n  "trials": ['
        manual: list[dict[str, Any]] = []
        sep = "\n    "
        for t, record in trials:
            data = t.as_json(split=False)
            if raw:
                data["raw"] = json.loads(record) if record else None
            yield sep + pretty(data, "\n    ")
            sep = ",\n    "
            manual += [{"nct_id": t.nct_id, "topic": link.topic, "removed": link.removed}
                       for link in t.links if link.manual]  # fmt: skip
        tail = {
            "untracked_notes": [
                {"nct_id": n.nct_id, "body": n.body, "created_at": iso(n.created_at)} for n in orphans
            ],
            "manual_topic_links": manual,
        }
        yield (
            ("]" if sep == "\n    " else "\n  ]")
            + "".join(f",\n  {pretty(k)}: {pretty(v, chr(10) + '  ')}" for k, v in tail.items())
            + "\n}\n"
        )


def export_json(lib: Library) -> str:
    return "".join(export_json_chunks(lib))


def _date(t: TrialDetail, name: str) -> str:
    fact = t.dates[name]
    return "" if fact.date is None else date_label(fact.date, fact.type)


def export_csv_chunks(lib: Library) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    with lib.transaction() as s:
        trials, _ = _everything(s)
        for t, _raw in trials:
            writer.writerow({
                "nct_id": t.nct_id, "acronym": t.acronym or "", "title": t.title,
                "overall_status": t.overall_status or "", "phases": "|".join(t.phases),
                "enrollment": "" if t.enrollment_count is None else t.enrollment_count,
                "start_date": _date(t, "start_date"),
                "primary_completion_date": _date(t, "primary_completion_date"),
                "completion_date": _date(t, "completion_date"),
                "last_update_posted": t.last_update_posted or "",
                "has_results": "" if t.has_results is None else ("yes" if t.has_results else "no"),
                "lead_sponsor": t.lead_sponsor or "", "cell_type": t.catalog.cell_type or "",
                "route": t.catalog.route or "", "ms_type": t.catalog.ms_type or "",
                "starred": "yes" if t.starred else "", "tags": "|".join(t.tags), "note_count": len(t.notes),
                "topics": "|".join(link.topic for link in t.active_links),
                "last_refreshed": iso(t.last_refreshed) or "",
            })  # fmt: skip
            if out.tell() > 65536:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
    yield out.getvalue()


def export_csv(lib: Library) -> str:
    return "".join(export_csv_chunks(lib))


def export_markdown_chunks(lib: Library) -> Iterator[str]:
    yield "\n".join(["# Trial Tracker report", "", f"Exported by Trial Tracker {__version__}.", ""])
    with lib.transaction() as s:
        trials, _ = _everything(s)
        for t, _raw in trials:
            lines = [""]
            star = " ★" if t.starred else ""
            lines.append(f"## {t.nct_id}{' (' + t.acronym + ')' if t.acronym else ''}: {t.title}{star}")
            lines.append("")
            facts = [
                ("Status", status_label(t.overall_status) if t.overall_status else "not yet refreshed"),
                ("Phase", phase_label(t.phases, t.catalog.phase)),
                ("Cell therapy", t.catalog.cell_type or "—"),
                ("Route", t.catalog.route or "—"),
                ("MS type", t.catalog.ms_type or "—"),
                ("Sponsor", t.lead_sponsor or "—"),
                ("Tags", ", ".join(t.tags) or "—"),
                ("Link", REGISTRY_PAGE.format(t.nct_id)),
            ]
            lines += [f"- **{k}:** {v}" for k, v in facts]
            if t.catalog.caution:
                lines.append(f"- **Caution:** {t.catalog.caution}")
            for note in t.notes:
                lines += ["", f"### Note ({note.updated_at:%Y-%m-%d %H:%M} UTC)", "", note.body.rstrip()]
            lines.append("")
            yield "\n".join(lines)


def export_markdown(lib: Library) -> str:
    return "".join(export_markdown_chunks(lib))


EXPORTERS: dict[str, Callable[[Library], Iterator[str]]] = {
    "json": export_json_chunks,
    "csv": export_csv_chunks,
    "md": export_markdown_chunks,
}


def export_chunks(lib: Library, fmt: str, *, raw: bool = False) -> Iterator[str]:
    """The export as consecutive pieces of text, read and written a trial at a time (streamed: a
    10,000-trial bundle is never built in memory). The read is one transaction."""
    if fmt not in EXPORTERS:
        raise InvalidInput(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if raw:
        if fmt != "json":
            raise InvalidInput(
                "the registry's full records (--raw) go only into a JSON export (--format json)"
            )
        return export_json_chunks(lib, raw=True)
    return EXPORTERS[fmt](lib)


def export(lib: Library, fmt: str, *, raw: bool = False) -> str:
    return "".join(export_chunks(lib, fmt, raw=raw))


def export_to_file(lib: Library, fmt: str, target: Path, *, raw: bool = False) -> Path:
    """Write an export to ``target`` atomically (see :func:`write_atomically`), streamed."""
    chunks = export_chunks(lib, fmt, raw=raw)
    return write_atomically(target, (chunk.encode("utf-8") for chunk in chunks))


# --- import ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportFile:
    """A checked import file: our bundle, or the NCT IDs found in any other text."""

    path: Path
    bundle: dict[str, Any] | None
    ids: list[str]

    @property
    def kind(self) -> str:
        return "bundle" if self.bundle is not None else "ids"

    @property
    def trial_ids(self) -> list[str]:
        if self.bundle is not None:
            return [str(t["nct_id"]) for t in self.bundle["trials"]]
        return self.ids


@dataclass(frozen=True)
class ImportOutcome:
    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    notes_added: int = 0
    kind: str = "ids"


def read_import_file(path: Path) -> ImportFile:
    """Read and check a file before anything is stored; raise :class:`ImportFileError` on bad input."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from exc
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path} is too large to import ({size // (1024 * 1024)} MB; limit 50 MB)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from exc
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
        except (ValueError, RecursionError):  # a number of over 4300 digits, absurdly deep nesting
            raise ImportFileError(
                f"{path} is not JSON this app can read (a huge number or deep nesting); nothing was imported"
            ) from None
        if isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT:
            _check_bundle(path, data)
            return ImportFile(path, data, [])
    ids = nctid.extract(text)
    if not ids:
        raise ImportFileError(
            f"{path} holds no NCT IDs and is not a Trial Tracker bundle; nothing was imported"
        )
    return ImportFile(path, None, ids)


def _check_bundle(path: Path, data: dict[str, Any]) -> None:
    try:  # a "\\ud800" escape decodes to a lone surrogate, which the database cannot store
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise ImportFileError(
            f"{path} is a damaged bundle (text that is not valid Unicode); nothing was imported"
        ) from None
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


def import_file(lib: Library, source: Path | ImportFile) -> ImportOutcome:
    """Merge a bundle, or track every NCT ID found in the file (one transaction)."""
    checked = source if isinstance(source, ImportFile) else read_import_file(source)
    with lib.transaction(immediate=True) as s:  # reads the notes it must not duplicate, then writes
        if checked.bundle is None:
            added = tstore.add_trials(s, checked.ids, lib.catalog, lib.linker)
            return ImportOutcome(added.added, added.already, 0, "ids")
        merged = istore.merge_bundle(s, checked.bundle, lib.catalog, lib.linker, topic_library())
        return ImportOutcome(merged.added, merged.already, merged.notes_added, "bundle")
