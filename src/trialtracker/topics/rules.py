"""Rules that link a trial to the explanatory topics worth reading next to it.

Pure functions over :class:`TrialFacts` (registry fields plus our catalog's free-text columns);
no database, no Qt. Each rule gives a human-readable reason, e.g. ``catalog route: intrathecal``.
Matching uses word-boundary regexes so that, for example, ``IVIg`` is not read as ``IV``.

Changing a rule? Bump ``catalog_version`` in the catalog file too: a newer catalog links every trial of
an existing library again (:func:`trialtracker.store.seeding.seed_catalog`).
"""

from __future__ import annotations

import re

from trialtracker.domain import therapy
from trialtracker.domain.sponsors import COMPANY, sponsor_kind
from trialtracker.domain.statuses import StatusGroup, status_group
from trialtracker.domain.therapy import word_pattern as _rx
from trialtracker.domain.topic_links import RuleLink, TrialFacts

ARTICLE_TRIAL_TITLE = "Need to Know: What Are Stem Cells?"


# --- therapy patterns (shared with the table's cell-type column) ---------------------------------
_HSCT, _MSC, _SVF, _MIXED, _NEURAL, _PLURIPOTENT = (
    therapy.HSCT,
    therapy.MSC,
    therapy.SVF,
    therapy.MIXED,
    therapy.NEURAL,
    therapy.PLURIPOTENT,
)
_REPAIR = _rx(r"\bremyelinat\w*|\boligodendrocyt\w*|\bopcs?\b|\bmyelin\s+repair\b")
_NEUROTROPHIC = _rx(r"\bneuroprotect\w*|\bneurotrophic\b|\bmsc-ntf\b|\bnurown\b")
_SOURCE = _rx(
    r"\bautologo?us\b|\ballogen(?:e)?ic\b|\bdonors?\b|\bumbilical\b|\bplacenta\w*|\bsyngeneic\b|\bwharton"
    r"|\bfetal\b"
)
_MANUFACTURE = _rx(r"\bexpanded\b(?!\s+access)|\bculture[d]?\b|\bcryopreserved\b|\bmanufactur\w*")
_MYELIN = _rx(r"\bremyelinat\w*|\bmyelin\s+(?:repair|regeneration)\b|\brepair\w*")
_CCSVI = _rx(r"\bccsvi\b|\bliberation\b|\bvenoplasty\b|\bcerebrospinal\s+venous\s+insufficiency\b")

# --- route and MS type patterns ---------------------------------------------------------------
_ROUTES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intrathecal", _rx(r"\bintrathecal\w*")),
    ("intracerebroventricular", _rx(r"\bintra-?cerebro-?ventricular\w*|\bintraventricular\w*")),
    ("intravenous", _rx(r"\bintravenous\w*|\bi\.v\.")),
    ("intra-arterial or intravascular", _rx(r"\bintra-?arterial\w*|\bintravascular\w*")),
)
_IV_ABBREV = re.compile(r"\bIV\b")  # case-sensitive, and only in the catalog route column
_PROGRESSIVE = _rx(r"\bprogressive\b|\bspms\b|\bppms\b|\bprms\b")
_RELAPSING = _rx(r"\brelapsing\b|\brrms\b|\bremitting\b")
_MS_TYPE = _rx(f"{_PROGRESSIVE.pattern}|{_RELAPSING.pattern}")
_MS = _rx(r"\bmultiple\s+sclerosis\b|\bms\b|\brrms\b|\bspms\b|\bppms\b")


def _join(*parts: str | None) -> str:
    return " \n ".join(part for part in parts if part)


def _intervention_text(facts: TrialFacts) -> str:
    parts: list[str] = []
    for item in facts.interventions:
        parts.extend(p for p in (item.name, item.description) if p)
        parts.extend(item.other_names)
    return _join(*parts)


def _find(
    pattern: re.Pattern[str], sources: list[tuple[str, str]], fmt: str = "{label} mentions '{word}'"
) -> str | None:
    """Reason text for the first (label, text) source the pattern matches, else None."""
    for label, text in sources:
        match = pattern.search(text)
        if match:
            found = match.group(0).strip()
            return fmt.format(label=label, word=found.lower(), raw=found)
    return None


class _Links:
    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def add(self, key: str, reason: str | None) -> None:
        if reason and key not in self._items:
            self._items[key] = reason

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def result(self) -> list[RuleLink]:
        return [RuleLink(key, reason) for key, reason in self._items.items()]


def link_rules(facts: TrialFacts) -> list[RuleLink]:
    """Topics to show next to one trial, best first, at most one link (the first reason) per topic."""
    titles = _join(facts.brief_title, facts.official_title, facts.acronym)
    therapy_sources = [
        ("catalog cell type", facts.cell_type or ""),
        ("intervention", _intervention_text(facts)),
        ("title", titles),
        ("keywords", _join(*facts.keywords)),
    ]
    links = _Links()

    if facts.article_trial:
        links.add("hsct", f"named in the article '{ARTICLE_TRIAL_TITLE}'")

    hsct = _find(_HSCT, therapy_sources)
    msc = _find(_MSC, therapy_sources)
    neural = _find(_NEURAL, therapy_sources)
    pluripotent = _find(_PLURIPOTENT, therapy_sources)
    svf = _find(_SVF, therapy_sources)
    mixed = _find(_MIXED, therapy_sources)
    other_catalog = (
        "catalog cell type: other"
        if (facts.cell_type or "").strip().lower().startswith(("other", "msc/other"))
        else None
    )
    if not any((hsct, msc, neural, pluripotent, svf, mixed, other_catalog, facts.article_trial)) and (
        facts.brief_summary
    ):
        # Last resort: the summary, which can mention other therapies only in passing.
        summary = [("summary", facts.brief_summary)]
        hsct, msc, neural = _find(_HSCT, summary), _find(_MSC, summary), _find(_NEURAL, summary)

    links.add("hsct", hsct)
    if hsct or facts.article_trial:
        links.add("guidelines", "HSCT: what professional bodies recommend, and where it should be done")
    links.add("msc", msc)
    links.add("other-cell-therapies", neural or pluripotent or svf or mixed or other_catalog)
    cell_therapy = bool(hsct or msc or neural or pluripotent or svf or mixed or other_catalog)
    cell_therapy = cell_therapy or facts.article_trial

    text_sources = [*therapy_sources, ("summary", facts.brief_summary or "")]
    ms_sources = [
        ("catalog MS type", facts.ms_type or ""),
        ("conditions", _join(*facts.conditions)),
        ("title", titles),
        ("keywords", _join(*facts.keywords)),
    ]
    progressive = _find(_PROGRESSIVE, ms_sources, "{label}: {word}")
    relapsing = _find(_RELAPSING, ms_sources, "{label}: {word}")

    # Mechanism topics, only where they fit the therapy.
    if msc:
        links.add("immunomodulation", "MSCs are mainly studied for their effects on the immune system")
    links.add("neuroprotection", _find(_NEUROTROPHIC, therapy_sources))
    if msc and progressive:
        links.add("neuroprotection", "MSC trial in progressive MS, where protecting nerves is a main aim")
    links.add("remyelination", _find(_REPAIR, therapy_sources))
    if neural or pluripotent:
        links.add("remyelination", "nerve-cell precursors are studied for repairing myelin")
    if msc:
        links.add("remyelination", _find(_MYELIN, text_sources))
        made = _find(_MANUFACTURE, text_sources)
        links.add("msc-manufacturing", made or "MSCs are grown in a laboratory before they are given")

    # Where the cells come from.
    if msc or neural or pluripotent or svf or mixed or other_catalog:
        links.add("autologous-vs-donor", _find(_SOURCE, therapy_sources))
    if hsct:
        links.add("autologous-vs-donor", _find(_SOURCE, therapy_sources))

    # Route: the delivery-routes topic is about giving MSCs and other repair cells; in HSCT the cells
    # only go back into a vein after the chemotherapy.
    route = (facts.route or "").strip() if not hsct or msc or neural or other_catalog else ""
    if route and route.lower() not in {"not seen", "unknown", "n/a", "na"}:
        for name, pattern in _ROUTES:
            if pattern.search(route):
                links.add("delivery-routes", f"catalog route: {name}")
        if _IV_ABBREV.search(route):
            links.add("delivery-routes", "catalog route: intravenous")
    for _name, pattern in _ROUTES if route or not hsct else ():
        found = _find(pattern, [("intervention", _intervention_text(facts)), ("title", titles)])
        if found:
            links.add("delivery-routes", found)

    # MS type.
    if progressive or relapsing:
        links.add("ms-types", _find(_MS_TYPE, ms_sources, "{label}: {raw}"))

    # CCSVI "liberation" procedures, and any other catalog caution.
    ccsvi = _find(_CCSVI, [*text_sources, ("catalog caution", facts.caution or "")])
    if ccsvi:
        links.add("ccsvi", ccsvi)
        links.add("evidence-and-safety", "paired with CCSVI venoplasty, not an established MS treatment")
    elif facts.caution:
        links.add("evidence-and-safety", f"catalog caution: {facts.caution}")

    if cell_therapy:
        links.add("evidence-and-safety", "cell therapy for MS: the evidence is still early")
    elif _find(_MS, ms_sources):
        links.add("ms-basics", "an MS trial with no recognised cell therapy")

    # Who runs it: a company or a private clinic gets the neutral caution and the topic behind it.
    kind = sponsor_kind(facts.lead_sponsor, facts.lead_sponsor_class)
    if kind:
        who = "sponsored by a company" if kind == COMPANY else "run by a private clinic"
        links.add("unregulated-clinics", f"{who}: ask who pays and who oversees it")

    # A trial someone could join: what taking part means, and what to ask.
    if status_group(facts.overall_status) in (StatusGroup.OPEN, StatusGroup.OPENING_SOON):
        links.add("taking-part", "open to new participants: what taking part involves")
        links.add("questions-to-ask", "open to new participants: questions to ask before joining")

    links.add("reading-a-trial", "every trial record")
    return links.result()
