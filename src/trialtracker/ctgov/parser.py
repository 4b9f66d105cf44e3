"""Tolerant parser: ClinicalTrials.gov API v2 study JSON -> :class:`StudyRecord`.

The registry marks every property optional, drifts over time (renamed or
missing modules, new enum values, beta-era records) and answers ``fields=``
projections with partial objects. So this parser never trusts a key or a type:

* missing modules/keys give ``None`` or an empty tuple;
* partial dates (``yyyy``, ``yyyy-MM``, ``yyyy-MM-dd``) keep their precision and
  their ``ACTUAL``/``ESTIMATED`` type, or ``None`` when the registry omitted it;
* unknown enum values are kept verbatim;
* CommonMark backslash escapes in text (``\\[rHGG\\]``, ``\\>``) are removed;
* odd types are coerced where the meaning is clear (``"120"`` enrollment -> 120);
* whatever is returned can be stored: lone surrogates become U+FFFD and
  integers past SQLite's 64 bits become ``None``.

Only a study without a usable ``nctId`` raises :class:`ParseError`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from trialtracker.ctgov import details
from trialtracker.ctgov.values import as_bool as _bool
from trialtracker.ctgov.values import as_dict as _dict
from trialtracker.ctgov.values import as_enum as _enum
from trialtracker.ctgov.values import as_int as _int
from trialtracker.ctgov.values import as_str as _str
from trialtracker.ctgov.values import as_strings as _strings
from trialtracker.ctgov.values import as_text as _text
from trialtracker.ctgov.values import unescape_markdown
from trialtracker.domain.nctid import InvalidNctId, normalize
from trialtracker.domain.records import Intervention, PartialDate, StudyRecord

log = logging.getLogger(__name__)

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

__all__ = ["ParseError", "parse_studies_page", "parse_study", "unescape_markdown"]


class ParseError(ValueError):
    """The JSON is not a usable v2 study (no nctId) or not a v2 studies page."""


def _partial_date(value: Any) -> PartialDate | None:
    """``{"date": "2016-07", "type": "ACTUAL"}`` (type optional) or a bare date string."""
    if isinstance(value, Mapping):
        date = _str(value.get("date"))
        kind = _enum(value.get("type"))
    else:
        date, kind = _str(value), None
    if date is None:
        return None
    if not _PARTIAL_DATE.match(date):
        # e.g. "2016-07-01T00:00" or "July 2016": keep the ISO prefix when there is one.
        prefix = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", date)
        if prefix is None:
            log.debug("unparseable registry date kept verbatim (%d characters)", len(date))
        else:
            date = prefix.group(0)
    return PartialDate(date, kind.upper() if kind is not None else None)


def _date_string(value: Any) -> str | None:
    """A date struct or string -> the date string (for first/last posted)."""
    parsed = _partial_date(value)
    return parsed.value if parsed is not None else None


def _nct(value: Any) -> str | None:
    text = _str(value)
    if text is None:
        return None
    try:
        return normalize(text)
    except InvalidNctId:
        return None


def _interventions(value: Any) -> tuple[Intervention, ...]:
    if not isinstance(value, list):
        return ()
    out: list[Intervention] = []
    for item in value:
        if isinstance(item, str):
            out.append(Intervention(name=_text(item)))
            continue
        if not isinstance(item, Mapping):
            continue
        out.append(
            Intervention(
                name=_text(item.get("name")),
                type=_enum(item.get("type")),
                description=_text(item.get("description")),
                other_names=_strings(item.get("otherNames"), markdown=True),
            )
        )
    return tuple(out)


def _lead_sponsor(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return _text(value.get("name"))
    return _text(value)


def parse_study(data: Any) -> StudyRecord:
    """Parse one v2 study object (``studies[i]`` or a ``/studies/{id}`` body)."""
    if not isinstance(data, Mapping):
        raise ParseError(f"study is a {type(data).__name__}, not a JSON object")
    ps = _dict(data.get("protocolSection"))
    ident = _dict(ps.get("identificationModule"))
    nct_id = _nct(ident.get("nctId"))
    if nct_id is None:
        shown = ident.get("nctId")
        raise ParseError(f"study has no usable nctId (got {shown!r})")

    status = _dict(ps.get("statusModule"))
    design = _dict(ps.get("designModule"))
    enrollment = design.get("enrollmentInfo")
    if isinstance(enrollment, Mapping):
        enrollment_count = _int(enrollment.get("count"))
        enrollment_type = _enum(enrollment.get("type"))
    else:  # a bare number/string where a struct was expected
        enrollment_count, enrollment_type = _int(enrollment), None
    conditions = _dict(ps.get("conditionsModule"))
    arms = _dict(ps.get("armsInterventionsModule"))
    contacts = _dict(ps.get("contactsLocationsModule"))
    sponsors = _dict(ps.get("sponsorCollaboratorsModule"))
    description = _dict(ps.get("descriptionModule"))

    aliases: list[str] = []
    raw_aliases = ident.get("nctIdAliases")
    for alias in raw_aliases if isinstance(raw_aliases, list) else [raw_aliases]:
        parsed = _nct(alias)
        if parsed is not None and parsed != nct_id and parsed not in aliases:
            aliases.append(parsed)

    verified = _partial_date(status.get("statusVerifiedDate"))
    return StudyRecord(
        nct_id=nct_id,
        aliases=tuple(aliases),
        brief_title=_text(ident.get("briefTitle")),
        official_title=_text(ident.get("officialTitle")),
        acronym=_text(ident.get("acronym")),
        overall_status=_enum(status.get("overallStatus")),
        last_known_status=_enum(status.get("lastKnownStatus")),
        why_stopped=_text(status.get("whyStopped")),
        status_verified_date=verified.value if verified is not None else None,
        phases=_strings(design.get("phases")),
        study_type=_enum(design.get("studyType")),
        enrollment_count=enrollment_count,
        enrollment_type=enrollment_type,
        start_date=_partial_date(status.get("startDateStruct")),
        primary_completion_date=_partial_date(status.get("primaryCompletionDateStruct")),
        completion_date=_partial_date(status.get("completionDateStruct")),
        first_posted=_date_string(status.get("studyFirstPostDateStruct")),
        last_update_posted=_date_string(status.get("lastUpdatePostDateStruct")),
        has_results=_bool(data.get("hasResults")),
        lead_sponsor=_lead_sponsor(sponsors.get("leadSponsor")),
        lead_sponsor_class=_enum(_dict(sponsors.get("leadSponsor")).get("class")),
        conditions=_strings(conditions.get("conditions"), markdown=True),
        keywords=_strings(conditions.get("keywords"), markdown=True),
        interventions=_interventions(arms.get("interventions")),
        locations=details.locations(contacts.get("locations")),
        brief_summary=_text(description.get("briefSummary")),
        detailed_description=_text(description.get("detailedDescription")),
        eligibility=details.eligibility(ps.get("eligibilityModule")),
        design=details.design(ps.get("designModule")),
        arms=details.arms(arms.get("armGroups")),
        outcomes=details.outcomes(ps.get("outcomesModule")),
        central_contacts=details.contacts(contacts.get("centralContacts")),
        officials=details.contacts(contacts.get("overallOfficials")),
        references=details.references(ps.get("referencesModule")),
        raw=dict(data),
    )


def parse_studies_page(data: Any) -> tuple[list[StudyRecord], str | None, int | None]:
    """Parse a ``/studies`` page: (studies, nextPageToken or None, totalCount or None).

    Studies without a usable nctId are skipped (logged), not fatal; a body
    that is not a ``{"studies": [...]}`` object raises :class:`ParseError`.
    """
    if not isinstance(data, Mapping):
        raise ParseError(f"studies page is a {type(data).__name__}, not a JSON object")
    if "studies" not in data:
        raise ParseError(f"no 'studies' in page (keys: {', '.join(sorted(map(str, data))[:8]) or 'none'})")
    studies = data["studies"]
    if not isinstance(studies, list):
        raise ParseError(f"'studies' is a {type(studies).__name__}, not a list")
    records: list[StudyRecord] = []
    for index, item in enumerate(studies):
        try:
            records.append(parse_study(item))
        except ParseError as exc:
            log.warning("skipping study #%d of page: %s", index, exc)
    token = data.get("nextPageToken")
    next_token = token if isinstance(token, str) and token.strip() else None
    return records, next_token, _int(data.get("totalCount"))
