"""SQLAlchemy 2 typed ORM models of the local trial store.

Design notes (why, not what):

* Personal notes are keyed by NCT ID, not by a foreign key to ``trial``: a
  note must outlive the removal of its trial and reappear when it is re-added.
* Change history and topic links belong to a tracked trial and go with it.
* List-shaped registry fields (phases, conditions, interventions, locations)
  are JSON columns: the registry shape drifts and we only ever read them whole.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    FetchedValue,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    false,
    func,
    or_,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, foreign, mapped_column, relationship
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import current_user
from sqlalchemy.types import TypeDecorator

#: The trial page's columns (schema 0004): loaded with one trial (``undefer_group(PAGE)``), not by bulk reads.
PAGE = "page"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Store aware UTC datetimes; SQLite drops tzinfo, so put it back on load."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


@compiles(current_user, "sqlite")
def _one_person(_element: current_user, _compiler: SQLCompiler, **_kw: Any) -> str:
    """``current_user`` in a personal library: its one person, "" (the member of its stars and reviews)."""
    return "''"


#: The person this connection writes as: their role in a team library, "" in a personal one.
ME = func.current_user()


class Star(Base):
    """One person's star on a trial (schema 0009): each member of a team stars for themselves."""

    __tablename__ = "star"
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), primary_key=True)
    member: Mapped[str] = mapped_column(String(63), primary_key=True, server_default=FetchedValue())


class ChangeReview(Base):
    """One person's "seen it" on a recorded change (schema 0009)."""

    __tablename__ = "change_review"
    change_id: Mapped[int] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), primary_key=True)
    member: Mapped[str] = mapped_column(String(63), primary_key=True, server_default=FetchedValue())


class Member(Base):
    """A team member's display name (schema 0011), set by the member: shown beside their login."""

    __tablename__ = "member"
    name: Mapped[str] = mapped_column(String(63), primary_key=True, server_default=FetchedValue())
    display_name: Mapped[str] = mapped_column(String(100))


class TrialTag(Base):
    __tablename__ = "trial_tag"
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)


class Tag(Base):
    """A tag: the team's (``owner`` "") or one member's own (schema 0012; unseen by the others)."""

    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("owner", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    owner: Mapped[str] = mapped_column(String(63), server_default="", default="")


class Trial(Base):
    """A tracked trial: registry fields, catalog facts and the user's flags."""

    __tablename__ = "trial"

    id: Mapped[int] = mapped_column(primary_key=True)
    nct_id: Mapped[str] = mapped_column(String(11), unique=True, index=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)

    # Registry fields
    brief_title: Mapped[str | None] = mapped_column(Text)
    official_title: Mapped[str | None] = mapped_column(Text)
    acronym: Mapped[str | None] = mapped_column(String(100))
    overall_status: Mapped[str | None] = mapped_column(String(40), index=True)
    last_known_status: Mapped[str | None] = mapped_column(String(40))
    why_stopped: Mapped[str | None] = mapped_column(Text)
    status_verified_date: Mapped[str | None] = mapped_column(String(10))
    phases: Mapped[list[Any]] = mapped_column(default=list)
    study_type: Mapped[str | None] = mapped_column(String(40))
    enrollment_count: Mapped[int | None] = mapped_column(Integer)
    enrollment_type: Mapped[str | None] = mapped_column(String(20))
    start_date: Mapped[str | None] = mapped_column(String(10))
    start_date_type: Mapped[str | None] = mapped_column(String(20))
    primary_completion_date: Mapped[str | None] = mapped_column(String(10))
    primary_completion_date_type: Mapped[str | None] = mapped_column(String(20))
    completion_date: Mapped[str | None] = mapped_column(String(10))
    completion_date_type: Mapped[str | None] = mapped_column(String(20))
    first_posted: Mapped[str | None] = mapped_column(String(10))
    last_update_posted: Mapped[str | None] = mapped_column(String(10))
    has_results: Mapped[bool | None] = mapped_column(Boolean)
    lead_sponsor: Mapped[str | None] = mapped_column(Text)
    lead_sponsor_class: Mapped[str | None] = mapped_column(String(20))  # schema 0005
    conditions: Mapped[list[Any]] = mapped_column(default=list)
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    interventions: Mapped[list[Any]] = mapped_column(default=list)
    locations: Mapped[list[Any]] = mapped_column(default=list)
    brief_summary: Mapped[str | None] = mapped_column(Text)
    # "Could I join?" (schema 0004): NULL until the first refresh after the upgrade; then the lists
    # are [] when the registry gives none, so "not fetched yet" and "none" stay apart.
    detailed_description: Mapped[str | None] = mapped_column(Text, deferred=True, deferred_group=PAGE)
    eligibility: Mapped[dict[str, Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    design_info: Mapped[dict[str, Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    arm_groups: Mapped[list[Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    outcomes: Mapped[list[Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    central_contacts: Mapped[list[Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    officials: Mapped[list[Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    publications: Mapped[list[Any] | None] = mapped_column(deferred=True, deferred_group=PAGE)
    #: The registry's full record as zlib-compressed JSON text (``registry.pack_raw``); large, so
    #: read only on demand.
    raw_record: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    raw_hash: Mapped[str | None] = mapped_column(String(64))

    # Catalog facts (from the embedded catalog; None for trials the user added)
    in_catalog: Mapped[bool] = mapped_column(Boolean, default=False)
    cell_type: Mapped[str | None] = mapped_column(Text)
    route: Mapped[str | None] = mapped_column(Text)
    ms_type: Mapped[str | None] = mapped_column(Text)
    catalog_phase: Mapped[str | None] = mapped_column(Text)
    catalog_country: Mapped[str | None] = mapped_column(Text)
    catalog_source: Mapped[str | None] = mapped_column(Text)
    catalog_note: Mapped[str | None] = mapped_column(Text)
    caution: Mapped[str | None] = mapped_column(Text)

    # Tracking state
    tracked_since: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_refreshed: Mapped[dt.datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    not_found: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Starred by the person reading (a :class:`Star` of theirs); written through ``trials.set_starred``.
    starred: Mapped[bool] = column_property(
        exists().where(Star.trial_id == id, Star.member == ME).correlate_except(Star)
    )

    tags: Mapped[list[Tag]] = relationship(secondary="trial_tag", order_by="Tag.name", lazy="selectin")
    changes: Mapped[list[Change]] = relationship(
        back_populates="trial", cascade="all, delete-orphan", passive_deletes=True, order_by="Change.id"
    )
    topic_links: Mapped[list[TopicLink]] = relationship(
        back_populates="trial",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TopicLink.topic_key",
    )
    notes: Mapped[list[Note]] = relationship(
        primaryjoin=lambda: and_(foreign(Note.nct_id) == Trial.nct_id),
        viewonly=True,
        order_by="Note.created_at",
    )

    @property
    def title(self) -> str:
        return self.brief_title or self.official_title or self.nct_id

    @property
    def active_topic_keys(self) -> list[str]:
        return [link.topic_key for link in self.topic_links if not link.removed]


class Change(Base):
    """One watched field that changed between two registry fetches."""

    __tablename__ = "change"

    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    registry_update: Mapped[str | None] = mapped_column(String(10))
    #: Needs nobody's review: a trial's first fetch, or a change reviewed before schema 0009.
    settled: Mapped[bool] = mapped_column("reviewed", Boolean, default=False, index=True)
    #: Reviewed by the person reading: settled, or a :class:`ChangeReview` of theirs.
    reviewed: Mapped[bool] = column_property(
        or_(settled, exists().where(ChangeReview.change_id == id, ChangeReview.member == ME))
    )
    run_id: Mapped[int | None] = mapped_column(ForeignKey("refresh_run.id", ondelete="SET NULL"))

    trial: Mapped[Trial] = relationship(back_populates="changes")


class Note(Base):
    """A personal Markdown note. Keyed by NCT ID so it survives removal of the trial."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(primary_key=True)
    nct_id: Mapped[str] = mapped_column(String(11), index=True)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    #: The team member who wrote it (filled in by the server); None in a personal library.
    author: Mapped[str | None] = mapped_column(String(63), server_default=FetchedValue())
    #: Readable by the whole team (a team library only); private to its author otherwise.
    shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: One more with each save of the text (schema 0010): an editor that started from an older one
    #: stores its text as a conflict copy instead of over the newer change.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    #: The note this one is a conflict copy of (its text was saved while that one changed elsewhere).
    conflict_of: Mapped[int | None] = mapped_column(Integer)


class TopicLink(Base):
    """A link from a trial to an explanatory topic.

    ``how`` is ``rule`` (computed, recomputed after refresh), ``seed`` (from the
    catalog) or ``manual`` (the user's choice, which wins over rules). A manual
    removal is kept as a row with ``removed=True`` so rules cannot bring it back.
    """

    __tablename__ = "topic_link"
    __table_args__ = (UniqueConstraint("trial_id", "topic_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trial.id", ondelete="CASCADE"), index=True)
    topic_key: Mapped[str] = mapped_column(String(60))
    how: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)

    trial: Mapped[Trial] = relationship(back_populates="topic_links")


class RefreshRun(Base):
    """One refresh against the registry, with its counts and error."""

    __tablename__ = "refresh_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    requested: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    not_found: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    data_timestamp: Mapped[str | None] = mapped_column(String(40))
    #: The team member who ran it (filled in by the server); None in a personal library.
    started_by: Mapped[str | None] = mapped_column(String(63), server_default=FetchedValue())
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)


class RemovedTrial(Base):
    """NCT IDs the user removed: a newer catalog must never bring them back."""

    __tablename__ = "removed_trial"

    nct_id: Mapped[str] = mapped_column(String(11), primary_key=True)
    removed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """Small key/value facts about the store (catalog version seeded, last data timestamp)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class Watch(Base):
    """A saved registry search, re-run on refresh to spot new trials."""

    __tablename__ = "watch"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    cond: Mapped[str | None] = mapped_column(Text)
    intr: Mapped[str | None] = mapped_column(Text)
    statuses: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_run_at: Mapped[dt.datetime | None] = mapped_column()
    last_total: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)

    candidates: Mapped[list[Candidate]] = relationship(
        back_populates="watch", cascade="all, delete-orphan", passive_deletes=True, order_by="Candidate.id"
    )


class Candidate(Base):
    """A study a watch found that the user does not track yet: new, dismissed or tracked."""

    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("watch_id", "nct_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watch.id", ondelete="CASCADE"), index=True)
    nct_id: Mapped[str] = mapped_column(String(11), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    overall_status: Mapped[str | None] = mapped_column(String(40))
    first_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="new")

    watch: Mapped[Watch] = relationship(back_populates="candidates")
