"""Keep a trial's topic links in step with its data, without overriding the user.

Rule links are recomputed from what is stored (after every add, seed and
refresh) by the :data:`~trialtracker.domain.topic_links.Linker` the caller
hands in. A manual link, or a manual removal (kept as a ``removed`` row), is
the user's choice and always wins over the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from trialtracker.domain.records import Intervention
from trialtracker.domain.topic_links import (
    ADDED_BY_YOU,
    ARTICLE_TRIAL,
    MANUAL,
    REMOVED_BY_YOU,
    RULE,
    SEED,
    Linker,
    RuleLink,
    TrialFacts,
)
from trialtracker.store.models import TopicLink, Trial


def facts_of(trial: Trial) -> TrialFacts:
    """What the rules may look at, taken from the stored trial."""
    return _facts(trial.nct_id, lambda name: getattr(trial, name))


def facts_of_row(row: Mapping[str, Any]) -> TrialFacts:
    """The same facts from the values of a trial row about to be inserted (bulk add: no ORM object)."""
    return _facts(row["nct_id"], row.get)


def _facts(nct_id: str, get: Callable[[str], Any]) -> TrialFacts:
    interventions = tuple(
        Intervention(
            name=i.get("name"),
            type=i.get("type"),
            description=i.get("description"),
            other_names=tuple(i.get("other_names") or ()),
        )
        for i in (get("interventions") or [])
        if isinstance(i, dict)
    )
    return TrialFacts(
        nct_id=nct_id,
        brief_title=get("brief_title"),
        official_title=get("official_title"),
        acronym=get("acronym"),
        conditions=tuple(get("conditions") or ()),
        keywords=tuple(get("keywords") or ()),
        interventions=interventions,
        brief_summary=get("brief_summary"),
        phases=tuple(get("phases") or ()),
        overall_status=get("overall_status"),
        study_type=get("study_type"),
        cell_type=get("cell_type"),
        route=get("route"),
        ms_type=get("ms_type"),
        article_trial=nct_id == ARTICLE_TRIAL,
        caution=get("caution"),
        lead_sponsor=get("lead_sponsor"),
        lead_sponsor_class=get("lead_sponsor_class"),
    )


def _how(trial: Trial, link: RuleLink) -> str:
    return how_of(bool(trial.in_catalog), link)


def how_of(in_catalog: bool, link: RuleLink) -> str:
    """``seed`` for a catalog trial's link the catalog itself gave reason for, else ``rule``."""
    return SEED if in_catalog and link.reason.lower().startswith(("catalog", "named in")) else RULE


def rule_link_rows(trial_id: int, row: Mapping[str, Any], linker: Linker) -> list[dict[str, Any]]:
    """The topic_link rows of a newly inserted trial (it has no links yet, so no manual choice to keep)."""
    in_catalog = bool(row.get("in_catalog"))
    computed = {link.topic_key: link for link in linker(facts_of_row(row))}
    return [
        {"trial_id": trial_id, "topic_key": key, "how": how_of(in_catalog, rule), "reason": rule.reason,
         "removed": False}
        for key, rule in computed.items()
    ]  # fmt: skip


def relink(session: Session, trial: Trial, linker: Linker) -> list[TopicLink]:
    """Recompute rule/seed links of ``trial``; manual choices are left as they are."""
    computed = {link.topic_key: link for link in linker(facts_of(trial))}
    current = {link.topic_key: link for link in trial.topic_links}
    for key, link in list(current.items()):
        if link.how == MANUAL:
            continue
        rule = computed.get(key)
        if rule is None:
            trial.topic_links.remove(link)
            session.delete(link)
        else:
            link.how, link.reason, link.removed = _how(trial, rule), rule.reason, False
    for key, rule in computed.items():
        if key not in current:
            trial.topic_links.append(TopicLink(topic_key=key, how=_how(trial, rule), reason=rule.reason))
    return [link for link in trial.topic_links if not link.removed]


def relink_many(session: Session, trials: Mapping[int, tuple[bool, TrialFacts]], linker: Linker) -> None:
    """:func:`relink` for a refresh batch (trial id -> in catalog, facts), in a few set-based statements.

    Same rules and same rows as :func:`relink`, without loading ORM objects: a batch of 100 changed
    trials costs one SELECT and at most one DELETE, one UPDATE and one INSERT."""
    if not trials:
        return
    current: dict[int, dict[str, Any]] = {trial_id: {} for trial_id in trials}
    query = select(TopicLink.id, TopicLink.trial_id, TopicLink.topic_key, TopicLink.how, TopicLink.reason,
                   TopicLink.removed).where(TopicLink.trial_id.in_(list(trials)))  # fmt: skip
    for row in session.execute(query):
        current[row.trial_id][row.topic_key] = row
    gone: list[int] = []
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    for trial_id, (in_catalog, facts) in trials.items():
        computed = {link.topic_key: link for link in linker(facts)}
        have = current[trial_id]
        for key, link in have.items():
            if link.how == MANUAL:
                continue
            rule = computed.get(key)
            if rule is None:
                gone.append(link.id)
                continue
            how = how_of(in_catalog, rule)
            if (link.how, link.reason, link.removed) != (how, rule.reason, False):
                updates.append({"link_id": link.id, "how": how, "reason": rule.reason, "removed": False})
        inserts += [
            {"trial_id": trial_id, "topic_key": key, "how": how_of(in_catalog, rule), "reason": rule.reason,
             "removed": False}
            for key, rule in computed.items()
            if key not in have
        ]  # fmt: skip
    # Core statements: executemany without per-row ORM bookkeeping.
    table = TopicLink.metadata.tables[TopicLink.__tablename__]
    if gone:
        session.execute(delete(table).where(table.c.id.in_(gone)))
    if updates:
        session.execute(update(table).where(table.c.id == bindparam("link_id")), updates)
    if inserts:
        session.execute(insert(table), inserts)


def set_manual_link(session: Session, trial: Trial, topic_key: str, *, linked: bool) -> TopicLink:
    """Link (or unlink) ``topic_key`` as the user's choice; rules will not undo it."""
    link = next((x for x in trial.topic_links if x.topic_key == topic_key), None)
    if link is None:
        link = TopicLink(topic_key=topic_key, how=MANUAL)
        trial.topic_links.append(link)
    link.how, link.reason, link.removed = MANUAL, ADDED_BY_YOU if linked else REMOVED_BY_YOU, not linked
    session.flush()
    return link


def linked_trials(session: Session, topic_key: str) -> list[tuple[str, str, str | None]]:
    """(NCT ID, title, reason) of every tracked trial linked to ``topic_key``."""
    query = (
        select(Trial, TopicLink.reason)
        .join(TopicLink, TopicLink.trial_id == Trial.id)
        .where(TopicLink.topic_key == topic_key, TopicLink.removed.is_(False))
        .order_by(Trial.nct_id)
    )
    return [(t.nct_id, t.title, reason) for t, reason in session.execute(query)]


def links_by_topic(session: Session) -> dict[str, list[str]]:
    """topic key -> NCT IDs linked to it (active links only)."""
    links: dict[str, list[str]] = {}
    for key, nct in session.execute(
        select(TopicLink.topic_key, Trial.nct_id)
        .join(Trial)
        .where(TopicLink.removed.is_(False))
        .order_by(Trial.nct_id)
    ):
        links.setdefault(key, []).append(nct)
    return links
