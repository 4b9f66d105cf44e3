"""Keep a trial's topic links in step with its data, without overriding the user.

Rule links are recomputed from what is stored (after every add, seed and
refresh). A manual link, or a manual removal (kept as a ``removed`` row), is
the user's choice and always wins over the rules.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from trialtracker.domain.records import Intervention
from trialtracker.store.db import StoreError
from trialtracker.store.models import TopicLink, Trial
from trialtracker.domain.topic_links import RuleLink, TrialFacts
from trialtracker.topics.rules import link_rules

ARTICLE_TRIAL = "NCT00273364"
RULE = "rule"
SEED = "seed"
MANUAL = "manual"


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


def relink(session: Session, trial: Trial) -> list[TopicLink]:
    """Recompute rule/seed links of ``trial``; manual choices are left as they are."""
    computed = {link.topic_key: link for link in link_rules(facts_of(trial))}
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


def link_manually(session: Session, trial: Trial, topic_key: str) -> TopicLink:
    _check_topic(topic_key)
    link = next((x for x in trial.topic_links if x.topic_key == topic_key), None)
    if link is None:
        link = TopicLink(topic_key=topic_key, how=MANUAL, reason="added by you")
        trial.topic_links.append(link)
    link.how, link.reason, link.removed = MANUAL, "added by you", False
    session.flush()
    return link


def unlink_manually(session: Session, trial: Trial, topic_key: str) -> None:
    _check_topic(topic_key)
    link = next((x for x in trial.topic_links if x.topic_key == topic_key), None)
    if link is None:
        link = TopicLink(topic_key=topic_key, how=MANUAL)
        trial.topic_links.append(link)
    link.how, link.reason, link.removed = MANUAL, "removed by you", True
    session.flush()


def _check_topic(topic_key: str) -> None:
    from trialtracker.topics.library import load_library

    library = load_library()
    if topic_key not in library:
        raise StoreError(f"unknown topic {topic_key!r} (see: trialtracker topics)")
