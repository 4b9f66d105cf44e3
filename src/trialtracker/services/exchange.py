"""Export to JSON/CSV/Markdown, and import our JSON bundle or any file of NCT IDs.

The JSON bundle is complete (trials with registry fields, notes, tags, stars,
topic links), so exporting and importing into a fresh data dir loses nothing.
Import merges: nothing already stored is overwritten or removed, and a broken
file is rejected before the library is touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialtracker import __version__
from trialtracker.domain import nctid
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.fields import date_label, field_label
from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import humanize_enum, status_label
from trialtracker.domain.topic_links import MANUAL
from trialtracker.services.bundle_entry import bundle_entry
from trialtracker.services.deferred import deferred
from trialtracker.services.files import write_atomically
from trialtracker.services.jsonsteps import decode_in_steps, loads_in_steps, release_in_steps, storable
from trialtracker.services.jsontext import pretty, record_lines
from trialtracker.services.library import Library
from trialtracker.services.topics import topic_library
from trialtracker.services.views import ChangeView, NoteView, TopicLinkView, TrialDetail, iso
from trialtracker.store.db import head_revision

if TYPE_CHECKING:
    from trialtracker.services.study_page import ContactView, StudyPage
    from trialtracker.store import export_rows as xstore
    from trialtracker.store import imports as istore
    from trialtracker.store import registry as rstore
    from trialtracker.store import trials as tstore
    from trialtracker.store.db import Session
    from trialtracker.store.export_rows import TrialRows

    TrialNotes = tuple[TrialRows, list[NoteView]]
else:
    istore = deferred("trialtracker.store.imports")
    xstore = deferred("trialtracker.store.export_rows")
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


def _everything_with_pages(s: Session) -> Iterator[TrialDetail]:
    """Every tracked trial in detail with its trial page (the Markdown report), read through the ORM
    as it is written out. The caller's transaction must stay open while the trials are iterated."""
    by_trial: dict[str, list[Any]] = {}
    for note in tstore.notes(s):
        by_trial.setdefault(note.nct_id, []).append(note)
    for full in tstore.iter_trials_in_full(s, page=True):
        yield TrialDetail.of(
            full.trial,
            by_trial.get(full.trial.nct_id, []),
            links=[TopicLinkView(*link) for link in full.links],
            changes=[ChangeView(*change) for change in full.changes],
        )


@contextmanager
def _reading_trials(
    lib: Library, *, raw: bool = False
) -> Iterator[tuple[Iterator[TrialNotes], list[NoteView]]]:
    """Every tracked trial's stored rows with its notes (and the registry's full record as stored when
    ``raw``), and the notes of trials no longer tracked; read with plain SQL in one read transaction
    (:mod:`trialtracker.store.export_rows`: a 10,000-trial bundle spent half its time building ORM
    objects). Iterate the trials inside the ``with`` block."""
    with lib.store.reading() as conn:
        tracked = xstore.tracked_ids(conn)
        by_trial: dict[str, list[NoteView]] = {}
        orphans: list[NoteView] = []
        for row in xstore.notes(conn):
            note = NoteView(*row)
            if note.nct_id in tracked:
                by_trial.setdefault(note.nct_id, []).append(note)
            else:
                orphans.append(note)
        rows = xstore.trials_in_full(conn, raw=raw)
        yield ((full, by_trial.get(full.trial.nct_id, [])) for full in rows), orphans


def export_json_chunks(lib: Library, *, raw: bool = False) -> Iterator[str]:
    """The bundle, one trial at a time: each field of a trial on a line, and each record of a list (a
    site, a change, a note) on a line of its own (:func:`~trialtracker.services.jsontext.record_lines`).

    The registry's full record of each trial is stored but left out: it is most of the size (about
    45 KB a trial) and the registry is its source. ``raw`` puts it in, under each trial's ``"raw"``
    (for research use; an import ignores it)."""
    with _reading_trials(lib, raw=raw) as (trials, orphans):
        header = {"format": BUNDLE_FORMAT, "bundle_version": BUNDLE_VERSION,
                  "schema_version": head_revision(), "app_version": __version__}  # fmt: skip
        yield "{" + "".join(f"\n  {pretty(k)}: {pretty(v)}," for k, v in header.items()) + '\n  "trials": ['
        manual: list[dict[str, Any]] = []
        sep = "\n    "
        for full, notes in trials:
            data = bundle_entry(full.trial, notes, full.tags, full.links, full.changes, full.personal_tags)
            if raw:
                record = rstore.unpack_raw(full.raw_record)
                data["raw"] = json.loads(record) if record else None
            yield sep + record_lines(data, "\n    ")
            sep = ",\n    "
            manual += [{"nct_id": data["nct_id"], "topic": key, "removed": removed}
                       for key, how, _reason, removed in full.links if how == MANUAL]  # fmt: skip
        tail = {
            "untracked_notes": [
                {"nct_id": n.nct_id, "body": n.body, "created_at": iso(n.created_at)} for n in orphans
            ],
            "manual_topic_links": manual,
        }
        yield (
            ("]" if sep == "\n    " else "\n  ]")
            + "".join(f",\n  {pretty(k)}: {record_lines(v, chr(10) + '  ')}" for k, v in tail.items())
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
    with _reading_trials(lib) as (trials, _):
        for full, notes in trials:
            t = TrialDetail.of(full.trial, notes, tags=full.tags, personal_tags=full.personal_tags,
                               page=False, links=[TopicLinkView(*link) for link in full.links],
                               changes=[ChangeView(*change) for change in full.changes])  # fmt: skip
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


# --- Markdown ----------------------------------------------------------------------------

#: Characters that open or close Markdown structure wherever they are in a line: code, emphasis,
#: links and images, HTML and autolinks, entities, table cells, strikethrough, math, heading marks
#: (a closing ``#`` sequence too) and the backslash itself. Each is escaped in outside text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
#: What else makes a line a block where it starts (the rest is escaped by ``_MD_SPECIAL``): a list
#: item ("- x", "+ x", "1. x", "2) x"), a thematic break ("---") or a setext underline ("===").
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=\s|$))")
_MD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
PUBLICATIONS_SHOWN = 10
AS_LISTED = "As the registry lists them; the study team decides who can join."
NOT_ADVICE = (
    "**Not medical advice.** Talk to your neurologist or MS nurse, and to the study team, before "
    "deciding anything. Registry entries can be out of date or incomplete: each trial says the date of "
    "its registry data. Exported on {date} by Trial Tracker {version}."
)
NOT_FETCHED_MD = (
    "*Who can take part, whom to ask, sites and publications appear after the next `trialtracker refresh`.*"
)


def md_text(text: str, *, at_start: bool = True) -> str:
    """Outside text (a title, a name, a criterion) as one line of inert Markdown: runs of whitespace
    (line breaks too) become one space and every character that could start structure is
    backslash-escaped, so it reads as the same words wherever it is put. ``at_start``: the text may
    begin a line or a list item, so a leading list, break or underline mark is escaped too."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(_MD_CONTROL.sub(" ", text).split()))
    if not at_start:
        return line
    return _MD_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], line)


def md_block(text: str, prefix: str = "") -> list[str]:
    """Outside text of several lines (a summary, a note) as inert Markdown lines: each line escaped as
    by :func:`md_text`, the writer's lines kept (hard breaks), paragraphs apart by one blank line.
    ``prefix`` (``"> "``) starts every line, blank ones too, so a quote cannot end inside the text."""
    out: list[str] = []
    for raw in text.splitlines():
        line = md_text(raw)
        if not line:
            if out and out[-1]:
                out.append("")
        else:
            if out and out[-1]:
                out[-1] += "  "  # a hard line break: the writer's lines stay lines
            out.append(line)
    if out and not out[-1]:
        out.pop()
    return [prefix + line if line else prefix.rstrip() for line in out]


def _md_section(title: str, body: list[str]) -> list[str]:
    return ["", f"### {title}", "", *body] if body else []


def _md_bullets(items: Iterable[str]) -> list[str]:
    return ["- " + md_text(item) for item in items]


def _md_facts(t: TrialDetail) -> list[str]:
    status = status_label(t.overall_status)
    if t.not_found:
        status += " (not found in the registry at the last refresh)"
    enrollment = None
    if t.enrollment_count is not None:
        kind = f" ({humanize_enum(t.enrollment_type).lower()})" if t.enrollment_type else ""
        enrollment = f"{t.enrollment_count} participants{kind}"
    results = None if t.has_results is None else ("Yes" if t.has_results else "No")
    facts = [
        ("Status", status),
        ("Why stopped", t.why_stopped),
        ("Phase", phase_label(t.phases, t.catalog.phase)),
        ("Study type", humanize_enum(t.study_type) if t.study_type else None),
        ("Therapy", t.catalog.cell_type),
        ("MS type", t.catalog.ms_type),
        ("Enrollment", enrollment),
        *[(field_label(k), date_label(v.date, v.type) if v.date else None) for k, v in t.dates.items()],
        ("Results posted", results),
        ("Sponsor", t.lead_sponsor),
        ("Conditions", ", ".join(t.conditions)),
        ("Registry data as of", f"{t.last_refreshed:%Y-%m-%d}" if t.last_refreshed else None),
    ]
    links = {"Results posted": t.page.results_url}
    lines = [f"- **{k}:** {md_text(v, at_start=False)}" + (f" <{links[k]}>" if links.get(k) else "")
             for k, v in facts if v and v != "—"]  # fmt: skip
    return [*lines, f"- **Registry page:** <{REGISTRY_PAGE.format(t.nct_id)}>"]


def _md_contact(c: ContactView) -> str:
    who = " ".join(x for x in (c.name, f"({c.role_label})" if c.role_label else "") if x)
    who = ", ".join(x for x in (who, c.affiliation) if x)
    reach = [f"phone {c.phone_text}" if c.phone_text else "", f"email {c.email}" if c.email else ""]
    return " — ".join(x for x in (who, ", ".join(x for x in reach if x)) if x)


def _md_sites(t: TrialDetail) -> list[str]:
    if not t.sites:
        return []
    countries = sorted({s.country for s in t.sites if s.country})
    n, k = len(t.sites), len(countries)
    text = f"{n} site{'s' if n != 1 else ''}"
    if countries:
        text += f" in {k} {'country' if k == 1 else 'countries'}: {', '.join(countries)}"
    recruiting = sum(1 for s in t.sites if s.recruiting)
    if recruiting and t.page.status_note:
        text += f"; {recruiting} listed as recruiting when last checked (they may no longer be)"
    elif recruiting:
        text += f"; {recruiting} recruiting"
    return [md_text(text + ".")]


def _md_publications(page: StudyPage) -> list[str]:
    lines = [f"- Results are posted on the registry: <{page.results_url}>"] if page.results_url else []
    for ref in page.references[:PUBLICATIONS_SHOWN]:
        text = ref.citation or f"PMID {ref.pmid or '?'}"
        line = "- " + md_text(f"{ref.type_label}: {text}" if ref.type_label else text)
        lines.append(line + (f" PubMed: <{ref.pubmed_url}>" if ref.pubmed_url else ""))
    if len(page.references) > PUBLICATIONS_SHOWN:
        lines.append(f"- … and {len(page.references) - PUBLICATIONS_SHOWN} more on the registry page.")
    return lines


def trial_markdown(t: TrialDetail) -> str:
    """One trial's section of the Markdown report, in the order a person weighing it reads: what it
    is and where it stands, could I join, whom to ask, where, what it found, then the user's own tags
    and notes. Sections without data are left out; all outside text is escaped (:func:`md_text`)."""
    page = t.page
    title = t.title if t.title != t.nct_id else ""
    heading = f"{t.acronym}: {title}" if t.acronym and title else title or t.acronym or ""
    lines = ["", "## " + md_text(f"{heading} ({t.nct_id})" if heading else t.nct_id, at_start=False), ""]
    if page.status_note:
        lines += ["> " + md_text(page.status_note), ""]
    if t.catalog.caution:
        lines += ["> **Caution:** " + md_text(t.catalog.caution, at_start=False), ""]
    if t.sponsor_caution:
        lines += ["> " + md_text(t.sponsor_caution), ""]
    lines += _md_facts(t)
    if not page.fetched:
        lines += ["", NOT_FETCHED_MD]
    if page.brief_summary:
        lines += _md_section("What it is", md_block(page.brief_summary))
    rules = page.eligibility
    if rules is not None:
        join = [md_text(rules.summary), "", AS_LISTED]
        if rules.inclusion:
            join += ["", "#### Who can take part", "", *_md_bullets(rules.inclusion)]
        if rules.exclusion:
            join += ["", "#### Who cannot take part", "", *_md_bullets(rules.exclusion)]
        if rules.other:
            join += ["", *md_block(rules.other)]
        lines += _md_section("Could I join?", join)
    lines += _md_section("Whom to ask", _md_bullets(map(_md_contact, page.central_contacts + page.officials)))
    lines += _md_section("Sites", _md_sites(t))
    lines += _md_section("Publications", _md_publications(page))
    mine = ["★ **Starred**"] if t.starred else []
    if t.tags:
        mine.append("**Your tags:** " + md_text(", ".join(t.tags), at_start=False))
    if mine:
        lines += ["", " · ".join(mine)]
    if t.notes:
        lines += ["", "### Your notes"]
        for note in t.notes:
            lines += ["", f"*{note.updated_at:%Y-%m-%d %H:%M} UTC*", "", *md_block(note.body, "> ")]
    lines.append("")
    return "\n".join(lines)


def export_markdown_chunks(lib: Library) -> Iterator[str]:
    """The report a person can share (with an MS nurse, an advocate), one trial at a time."""
    advice = NOT_ADVICE.format(date=dt.date.today().isoformat(), version=__version__)
    yield "\n".join(["# Trial Tracker report", "", advice, ""])
    with lib.transaction() as s:
        empty = True
        for t in _everything_with_pages(s):
            empty = False
            yield trial_markdown(t)
        if empty:
            yield "\nNo trials are tracked.\n"


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
    pieces = decode_in_steps(raw)  # never joined for a bundle: one 18 MB join stopped the window
    stripped = _lstrip(pieces, "\ufeff \t\r\n")
    if stripped and stripped[0].startswith("{"):
        try:
            data = loads_in_steps(stripped)  # on a worker thread: json.loads would stop the window meanwhile
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}); nothing was imported"
            ) from None
        except (ValueError, RecursionError):  # a number of over 4300 digits, absurdly deep nesting
            raise ImportFileError(
                f"{path} is not JSON this app can read (a huge number or deep nesting); nothing was imported"
            ) from None
        if isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT:
            _check_bundle(path, data, stripped)
            return ImportFile(path, data, [])
    ids = nctid.extract("".join(pieces))
    if not ids:
        raise ImportFileError(
            f"{path} holds no NCT IDs and is not a Trial Tracker bundle; nothing was imported"
        )
    return ImportFile(path, None, ids)


def _lstrip(pieces: list[str], chars: str) -> list[str]:
    """The pieces of a text without the ``chars`` it starts with."""
    for i, piece in enumerate(pieces):
        rest = piece.lstrip(chars)
        if rest:
            return [rest, *pieces[i + 1 :]]
    return []


def _check_bundle(path: Path, data: dict[str, Any], pieces: list[str]) -> None:
    try:  # a "\\ud800" escape decodes to a lone surrogate, which the database cannot store
        damaged = not storable(pieces, data)
    except RecursionError:
        damaged = True
    if damaged:
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


def import_file(lib: Library, source: Path | ImportFile, *, tags_personal: bool = False) -> ImportOutcome:
    """Merge a bundle, or track every NCT ID found in the file (one transaction). ``tags_personal``: the
    bundle's tags become the member's own (a copy into a team library)."""
    checked = source if isinstance(source, ImportFile) else read_import_file(source)
    try:
        with lib.transaction(immediate=True) as s:  # reads the notes it must not duplicate, then writes
            if checked.bundle is None:
                added = tstore.add_trials(s, checked.ids, lib.catalog, lib.linker)
                return ImportOutcome(added.added, added.already, 0, "ids")
            merged = istore.merge_bundle(
                s, checked.bundle, lib.catalog, lib.linker, topic_library(), tags_personal=tags_personal
            )
            return ImportOutcome(merged.added, merged.already, merged.notes_added, "bundle")
    finally:
        if checked is not source:  # read here, so no one else holds it: freed in steps (see jsonsteps)
            release_in_steps(checked.bundle)
