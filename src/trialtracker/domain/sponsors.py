"""Who runs a trial, as far as a neutral caution needs to know: a company, a private clinic, or neither.

A rule, not a list, so that trials found by Discover or added by hand get the same treatment as the
catalog's. The registry's own sponsor class (``INDUSTRY``) decides where we have it; otherwise the
sponsor's name does: a company's legal form or trade words ("Inc", "Ltd", "Biosciences",
"Therapeutics"…), or a private clinic's ("Clínica …", "… Stem Cells …") in a name with no university,
hospital or public body in it. The caution asks the questions every such trial deserves; it says
nothing about whether a trial is good or bad.
"""

from __future__ import annotations

from trialtracker.domain.therapy import word_pattern

COMPANY, PRIVATE_CLINIC = "company", "private clinic"

#: Registry sponsor classes (``leadSponsor.class``): a company, and public bodies whose word we trust.
INDUSTRY = "INDUSTRY"
PUBLIC_CLASSES = frozenset({"NIH", "FED", "OTHER_GOV", "NETWORK"})

_COMPANY = word_pattern(
    r"\b(?:inc|llc|ltd|limited|gmbh|corp|corporation|plc|pty)\b\.?|\bco\.,?\s+ltd\b|\bs\.a\.(?:\s|$|,)"
    r"|\bbio-?(?:tech\w*|sciences?|pharma\w*|logics)\b|therapeutics\b|\bpharma(?:ceuticals?)?\b"
)
_CLINIC = word_pattern(r"\bcl[ií]nica\b|\bstem\s+cells?\b")
_PUBLIC_WORDS = word_pattern(
    r"\bunivers\w*|\bhospital\w*|\bh[oô]pital\w*|\bospedale\b|\bnhs\b|\binstitutet\b|\birccs\b"
    r"|\bmedical\s+(?:center|centre|school|college)\b|\bcollege\b|\bnational\b|\bministry\b|\bcouncil\b"
)

_QUESTIONS = (
    "Ask who pays for the treatment and the travel, which ethics committee and medicines regulator "
    "oversee the study, and whether the results will be published."
)
CAUTIONS = {
    COMPANY: f"Sponsored by a company. {_QUESTIONS}",
    PRIVATE_CLINIC: f"Run by a private clinic. {_QUESTIONS}",
}


def sponsor_kind(name: str | None, registry_class: str | None = None) -> str | None:
    """:data:`COMPANY`, :data:`PRIVATE_CLINIC` or None (academic, public, or not known)."""
    cls = (registry_class or "").strip().upper()
    if cls == INDUSTRY:
        return COMPANY
    if cls in PUBLIC_CLASSES or not name:
        return None
    if _COMPANY.search(name):
        return COMPANY
    if _CLINIC.search(name) and not _PUBLIC_WORDS.search(name):
        return PRIVATE_CLINIC
    return None


def sponsor_caution(name: str | None, registry_class: str | None = None) -> str | None:
    """The neutral caution for a company or private-clinic sponsor, else None."""
    kind = sponsor_kind(name, registry_class)
    return CAUTIONS[kind] if kind else None
