"""Keep a trial's topic links in step with its data, without overriding the user.

Rule links are recomputed from what is stored (after every add, seed and
refresh) by the :data:`~trialtracker.domain.topic_links.Linker` the caller
hands in. A manual link, or a manual removal (kept as a ``removed`` row), is
the user's choice and always wins over the rules.
"""

from __future__ import annotations

from sqlalchemy import select
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
    interventions = tuple(
        Intervention(
            name=i.get("name"),
            type=i.get("type"),
            description=i.get("description"),
            other_names=tuple(i.get("other_names") or ()),
        )
        for i in (trial.interventions or [])
        if isinstance(i, dict)
    )
    return TrialFacts(
        nct_id=trial.nct_id,
        brief_title=trial.brief_title,
        official_title=trial.official_title,
        acronym=trial.acronym,
        conditions=tuple(trial.conditions or ()),
        keywords=tuple(trial.keywords or ()),
        interventions=interventions,
        brief_summary=trial.brief_summary,
        phases=tuple(trial.phases or ()),
        overall_status=trial.overall_status,
        study_type=trial.study_type,
        cell_type=trial.cell_type,
        route=trial.route,
        ms_type=trial.ms_type,
        article_trial=trial.nct_id == ARTICLE_TRIAL,
        caution=trial.caution,
    )


def _how(trial: Trial, link: RuleLink) -> str:
    return SEED if trial.in_catalog and link.reason.lower().startswith(("catalog", "named in")) else RULE


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
