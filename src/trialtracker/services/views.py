"""Plain, frozen pictures of stored data that the services hand to both faces.

No ORM object ever leaves the services: these are built inside the
transaction that read them, so a face can keep them as long as it likes and a
background refresh can never change them under a paint. ``as_json()`` gives
the stable shapes of ``--json`` output and of the export bundle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trialtracker.domain.fields import DATE_FIELDS, FIRST_FETCH
from trialtracker.domain.sponsors import sponsor_caution
from trialtracker.domain.statuses import is_recruiting, site_recruiting
from trialtracker.domain.team import shown_member
from trialtracker.domain.topic_links import MANUAL
from trialtracker.services.deferred import deferred
from trialtracker.store.export_rows import StoredTrial

if TYPE_CHECKING:
    from trialtracker.services import study_page
    from trialtracker.services.study_page import ContactView, StudyPage
    from trialtracker.store.models import Candidate, Change, Note, RefreshRun, TopicLink, Trial, Watch
else:  # the trial page's views (and the criteria splitter) load with the first trial shown
    study_page = deferred("trialtracker.services.study_page")

JsonDict = dict[str, Any]


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class NoteView:
    id: int
    nct_id: str
    body: str
    created_at: dt.datetime
    updated_at: dt.datetime
    #: Who wrote it, in a team library (None in a personal one).
    author: str | None = None
    #: Readable by the whole team (a team library only).
    shared: bool = False
    #: One more with each save of its text: what an editor checks before it saves over it.
    version: int = 1
    #: The note this one is a conflict copy of (saved while that one changed elsewhere), if it is one.
    conflict_of: int | None = None

    #: The author's display name, when they set one (a team library).
    author_name: str | None = None

    @classmethod
    def of(cls, note: Note, names: Mapping[str, str] | None = None) -> NoteView:
        n = note
        named = names.get(n.author) if names and n.author else None
        return cls(n.id, n.nct_id, n.body, n.created_at, n.updated_at, n.author, n.shared, n.version,
                   n.conflict_of, named)  # fmt: skip

    @property
    def by(self) -> str | None:
        """The author as people read it: "Alice Smith (alice)", or the login alone."""
        return shown_member(self.author, self.author_name)

    def as_json(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "nct_id": self.nct_id, "body": self.body,
                          "created_at": iso(self.created_at), "updated_at": iso(self.updated_at)}  # fmt: skip
        if self.author is not None or self.shared:  # a team library's note; a personal one stays as it was
            data |= {"author": self.author, "shared": self.shared}
            if self.author_name:
                data["author_name"] = self.author_name
        data["version"] = self.version
        if self.conflict_of is not None:
            data["conflict_of"] = self.conflict_of
        return data


@dataclass(frozen=True, slots=True)
class ChangeView:
    id: int
    field: str
    old: str | None
    new: str | None
    detected_at: dt.datetime
    registry_update: str | None
    reviewed: bool

    @classmethod
    def of(cls, change: Change) -> ChangeView:
        return cls(change.id, change.field, change.old, change.new, change.detected_at,
                   change.registry_update, change.reviewed)  # fmt: skip

    @property
    def is_first_fetch(self) -> bool:
        return self.field == FIRST_FETCH

    def as_json(self) -> JsonDict:
        return {"field": self.field, "old": self.old, "new": self.new, "detected_at": iso(self.detected_at),
                "registry_update": self.registry_update, "reviewed": self.reviewed}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TopicLinkView:
    topic: str
    how: str
    reason: str | None
    removed: bool = False

    @property
    def manual(self) -> bool:
        return self.how == MANUAL

    def as_json(self) -> JsonDict:
        return {"topic": self.topic, "how": self.how, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class DateFact:
    date: str | None
    type: str | None


@dataclass(frozen=True, slots=True)
class Site:
    facility: str | None
    city: str | None
    state: str | None
    country: str | None
    status: str | None
    zip: str | None = None
    lat: float | None = None
    lon: float | None = None
    contacts: tuple[ContactView, ...] = ()

    @property
    def recruiting(self) -> bool:
        return site_recruiting(self.status)

    def as_json(self, *, contacts: bool = True) -> JsonDict:
        data: JsonDict = {"facility": self.facility, "city": self.city, "state": self.state,
                          "country": self.country, "status": self.status, "zip": self.zip, "lat": self.lat,
                          "lon": self.lon}  # fmt: skip
        if contacts:
            data["contacts"] = [c.as_json() for c in self.contacts]
        return data

    @classmethod
    def of(cls, data: Any, *, contacts: bool = True) -> Site | None:
        """A stored site, its texts as text and its coordinates only if numbers (a bundle of 10,000
        trials reads 25,000 sites through here: no generators, one lookup per key)."""
        if not isinstance(data, dict):
            return None
        get = data.get
        return cls(
            opt_str(get("facility")), opt_str(get("city")), opt_str(get("state")),
            opt_str(get("country")), opt_str(get("status")), opt_str(get("zip")),
            coordinate(get("lat")), coordinate(get("lon")),
            study_page.contacts_of(get("contacts")) if contacts else (),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class InterventionView:
    name: str | None
    type: str | None
    description: str | None
    other_names: tuple[str, ...] = ()

    def as_json(self) -> JsonDict:
        return {"name": self.name, "type": self.type, "description": self.description,
                "other_names": list(self.other_names)}  # fmt: skip

    @classmethod
    def of(cls, data: Any) -> InterventionView | None:
        if not isinstance(data, dict):
            return None
        get = data.get
        others = get("other_names")
        return cls(opt_str(get("name")), opt_str(get("type")), opt_str(get("description")),
                   tuple(str(x) for x in others if x) if others else ())  # fmt: skip


def opt_str(value: Any) -> str | None:
    return value if type(value) is str or value is None else str(value)


def coordinate(value: Any) -> float | None:
    """A number as a float; anything else (text, a bool, None) as None."""
    kind = type(value)
    return float(value) if kind is float or kind is int else None


@dataclass(frozen=True, slots=True)
class CatalogFacts:
    in_catalog: bool
    cell_type: str | None
    route: str | None
    ms_type: str | None
    phase: str | None
    country: str | None
    source: str | None
    note: str | None
    caution: str | None

    def as_json(self) -> JsonDict:
        return {"in_catalog": self.in_catalog, "cell_type": self.cell_type, "route": self.route,
                "ms_type": self.ms_type, "phase": self.phase, "country": self.country, "source": self.source,
                "note": self.note, "caution": self.caution}  # fmt: skip


def _page_of(trial: Trial | StoredTrial) -> StudyPage:
    if isinstance(trial, StoredTrial):  # read without the page's columns (a bundle, the CSV)
        raise TypeError("a plain stored trial has no trial page")
    return study_page.StudyPage.of(trial)


@dataclass(frozen=True, slots=True)
class TrialDetail:
    """Everything stored about one tracked trial (``show``, the detail pane, the export bundle)."""

    nct_id: str
    title: str
    brief_title: str | None
    official_title: str | None
    acronym: str | None
    aliases: tuple[str, ...]
    overall_status: str | None
    last_known_status: str | None
    why_stopped: str | None
    phases: tuple[str, ...]
    study_type: str | None
    enrollment_count: int | None
    enrollment_type: str | None
    dates: dict[str, DateFact]
    first_posted: str | None
    last_update_posted: str | None
    has_results: bool | None
    lead_sponsor: str | None
    lead_sponsor_class: str | None
    conditions: tuple[str, ...]
    keywords: tuple[str, ...]
    interventions: tuple[InterventionView, ...]
    sites: tuple[Site, ...]
    catalog: CatalogFacts
    tracked_since: dt.datetime | None
    last_refreshed: dt.datetime | None
    last_error: str | None
    not_found: bool
    starred: bool
    tags: tuple[str, ...]
    personal_tags: tuple[str, ...]  # the names in ``tags`` that are only the reader's own
    links: tuple[TopicLinkView, ...]
    changes: tuple[ChangeView, ...]
    notes: tuple[NoteView, ...]
    page: StudyPage

    @classmethod
    def of(
        cls,
        trial: Trial | StoredTrial,
        notes: Sequence[Note | NoteView],
        *,
        tags: Sequence[str] | None = None,
        personal_tags: Sequence[str] = (),
        links: Sequence[TopicLinkView] | None = None,
        changes: Sequence[ChangeView] | None = None,
        page: bool = True,
    ) -> TrialDetail:
        """``tags`` (with ``personal_tags``)/``links``/``changes``: already read (a bulk export, where
        ``trial`` is a plain :class:`StoredTrial`), else taken from the ORM trial's relations.
        ``page=False``: without the trial page (a bundle writes none of it; its columns are not read)."""
        if tags is None:
            tags = list(dict.fromkeys(t.name for t in trial.tags))  # the team's and one's own "x": one "x"
            team = {t.name for t in trial.tags if not t.owner}
            personal_tags = [name for name in tags if name not in team]
        if links is None:
            links = [_link_view(x) for x in trial.topic_links]
        if changes is None:
            changes = [ChangeView.of(c) for c in trial.changes]
        sites = tuple(s for s in (Site.of(x, contacts=page) for x in trial.locations or []) if s is not None)
        interventions = tuple(
            i for i in (InterventionView.of(x) for x in trial.interventions or []) if i is not None
        )
        return cls(
            nct_id=trial.nct_id, title=trial.title, brief_title=trial.brief_title,
            official_title=trial.official_title, acronym=trial.acronym, aliases=tuple(trial.aliases or ()),
            overall_status=trial.overall_status, last_known_status=trial.last_known_status,
            why_stopped=trial.why_stopped, phases=tuple(trial.phases or ()), study_type=trial.study_type,
            enrollment_count=trial.enrollment_count, enrollment_type=trial.enrollment_type,
            dates={n: DateFact(getattr(trial, n), getattr(trial, n + "_type")) for n in DATE_FIELDS},
            first_posted=trial.first_posted, last_update_posted=trial.last_update_posted,
            has_results=trial.has_results, lead_sponsor=trial.lead_sponsor,
            lead_sponsor_class=trial.lead_sponsor_class,
            conditions=tuple(str(c) for c in trial.conditions or ()),
            keywords=tuple(str(k) for k in trial.keywords or ()), interventions=interventions, sites=sites,
            catalog=CatalogFacts(trial.in_catalog, trial.cell_type, trial.route, trial.ms_type,
                                 trial.catalog_phase, trial.catalog_country, trial.catalog_source,
                                 trial.catalog_note, trial.caution),
            tracked_since=trial.tracked_since, last_refreshed=trial.last_refreshed,
            last_error=trial.last_error, not_found=trial.not_found, starred=trial.starred,
            tags=tuple(tags), personal_tags=tuple(personal_tags), links=tuple(links), changes=tuple(changes),
            notes=tuple(n if isinstance(n, NoteView) else NoteView.of(n) for n in notes),
            page=_page_of(trial) if page else study_page.StudyPage.left_out(),
        )  # fmt: skip

    @property
    def active_links(self) -> tuple[TopicLinkView, ...]:
        return tuple(link for link in self.links if not link.removed)

    @property
    def removed_topics(self) -> tuple[str, ...]:
        return tuple(link.topic for link in self.links if link.removed)

    @property
    def unreviewed(self) -> tuple[ChangeView, ...]:
        return tuple(c for c in self.changes if not c.reviewed and not c.is_first_fetch)

    @property
    def recruiting(self) -> bool:
        return is_recruiting(self.overall_status)

    @property
    def sponsor_caution(self) -> str | None:
        """The neutral caution for a company or private-clinic sponsor (see domain.sponsors)."""
        return sponsor_caution(self.lead_sponsor, self.lead_sponsor_class)

    def summary_json(self) -> JsonDict:
        """The ``list --json`` shape: stable keys scripts can rely on."""
        return {
            "nct_id": self.nct_id, "title": self.title, "acronym": self.acronym,
            "overall_status": self.overall_status, "phases": list(self.phases),
            "last_update_posted": self.last_update_posted, "last_refreshed": iso(self.last_refreshed),
            "tags": list(self.tags), "personal_tags": list(self.personal_tags), "starred": self.starred,
            "note_count": len(self.notes),
            "topics": [link.topic for link in self.active_links], "not_found": self.not_found,
            "last_error": self.last_error,
        }  # fmt: skip

    def as_json(self, *, page: bool = True) -> JsonDict:
        """Everything stored about the trial (the ``show --json`` shape). ``page=False``: one entry of
        a bundle, without the trial page's registry details (eligibility, contacts, design, outcomes,
        publications): the registry is their source, and with them 10,000 trials passed 60 MB."""
        data = self.summary_json()
        data.update({
            "brief_title": self.brief_title, "official_title": self.official_title,
            "aliases": list(self.aliases),
            "last_known_status": self.last_known_status, "why_stopped": self.why_stopped,
            "study_type": self.study_type,
            "enrollment": {"count": self.enrollment_count, "type": self.enrollment_type},
            "dates": {n: {"date": d.date, "type": d.type} for n, d in self.dates.items()},
            "first_posted": self.first_posted, "has_results": self.has_results,
            "lead_sponsor": self.lead_sponsor, "lead_sponsor_class": self.lead_sponsor_class,
            "sponsor_caution": self.sponsor_caution,
            "conditions": list(self.conditions), "keywords": list(self.keywords),
            "interventions": [i.as_json() for i in self.interventions],
            "locations": [s.as_json(contacts=page) for s in self.sites],
            "catalog": self.catalog.as_json(), "tracked_since": iso(self.tracked_since),
            "topic_links": [link.as_json() for link in self.active_links],
            "changes": [c.as_json() for c in self.changes], "notes": [n.as_json() for n in self.notes],
        })  # fmt: skip
        if page:
            details = self.page.as_json()
            details["details_fetched"] = details.pop("fetched")
            data.update(details)
        return data


def _link_view(link: TopicLink) -> TopicLinkView:
    return TopicLinkView(link.topic_key, link.how, link.reason, link.removed)


@dataclass(frozen=True)
class CandidateView:
    """A study a saved search found that is not tracked yet."""

    nct_id: str
    title: str
    overall_status: str | None
    watch: str
    first_seen: dt.datetime

    @classmethod
    def of(cls, c: Candidate) -> CandidateView:
        return cls(c.nct_id, c.title or c.nct_id, c.overall_status, c.watch.name, c.first_seen)

    def as_json(self) -> JsonDict:
        return {"nct_id": self.nct_id, "title": self.title, "overall_status": self.overall_status,
                "watch": self.watch}  # fmt: skip


@dataclass(frozen=True)
class WatchView:
    id: int
    name: str
    cond: str | None
    intr: str | None
    statuses: tuple[str, ...]
    last_run_at: dt.datetime | None
    last_total: int | None
    last_error: str | None
    new_candidates: int

    @classmethod
    def of(cls, w: Watch) -> WatchView:
        return cls(w.id, w.name, w.cond, w.intr, tuple(str(x) for x in w.statuses or ()), w.last_run_at,
                   w.last_total, w.last_error, sum(c.state == "new" for c in w.candidates))  # fmt: skip

    def as_json(self) -> JsonDict:
        return {"id": self.id, "name": self.name, "cond": self.cond, "intr": self.intr,
                "statuses": list(self.statuses), "last_run_at": iso(self.last_run_at),
                "last_total": self.last_total, "new_candidates": self.new_candidates}  # fmt: skip


@dataclass(frozen=True)
class RunView:
    """One finished refresh, for "Last refresh …" lines."""

    finished_at: dt.datetime | None
    updated: int
    changed: int
    error: str | None
    #: The team member who ran it (a team library); None in a personal one.
    by: str | None = None

    @classmethod
    def of(cls, run: RefreshRun) -> RunView:
        return cls(run.finished_at, run.updated, run.changed, run.error, run.started_by)


def note_heading(body: str, limit: int = 60) -> str:
    """First non-empty line of a note, without Markdown heading marks: how both faces name a note."""
    for line in body.splitlines():
        text = line.strip().lstrip("#>*- ").strip()
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return "(empty note)"
