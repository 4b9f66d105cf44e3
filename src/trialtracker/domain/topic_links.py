"""What the topic rules look at, what they give back, and how a link came to be.

The rules themselves live in :mod:`trialtracker.topics.rules`; the store only
needs these shapes to apply them (it is handed a :data:`Linker`), so it never
imports the topic library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trialtracker.domain.records import Intervention

#: How a link came to be: computed by a rule, from the catalog, or the user's own choice (which wins).
RULE, SEED, MANUAL = "rule", "seed", "manual"
#: The trial named in the seed article "Need to Know: What Are Stem Cells?".
ARTICLE_TRIAL = "NCT00273364"
ADDED_BY_YOU, REMOVED_BY_YOU = "added by you", "removed by you"


@dataclass(frozen=True)
class TrialFacts:
    """What the rules look at. Catalog fields are the free-text columns of our trial catalog."""

    nct_id: str
    brief_title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    brief_summary: str | None = None
    phases: tuple[str, ...] = ()
    overall_status: str | None = None
    study_type: str | None = None
    cell_type: str | None = None  # catalog, e.g. "MSC (autologous bone marrow)"
    route: str | None = None  # catalog, e.g. "Intrathecal x3"; "not seen" means unknown
    ms_type: str | None = None  # catalog, e.g. "Progressive (SPMS/PPMS)"
    article_trial: bool = False  # named in a source article (NCT00273364)
    caution: str | None = None  # catalog caution, e.g. about CCSVI venoplasty
    lead_sponsor: str | None = None
    lead_sponsor_class: str | None = None  # the registry's, e.g. INDUSTRY


@dataclass(frozen=True)
class RuleLink:
    topic_key: str
    reason: str


#: The rules as the store receives them: facts in, links (best first) out.
Linker = Callable[[TrialFacts], Sequence[RuleLink]]
