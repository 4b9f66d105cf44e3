"""Human-readable words for registry values, shared by the CLI and the window."""

from __future__ import annotations

from typing import Any

STATUS_LABELS = {
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "RECRUITING": "Recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "COMPLETED": "Completed",
    "WITHDRAWN": "Withdrawn",
    "UNKNOWN": "Unknown status",
    "WITHHELD": "Withheld",
    "NO_LONGER_AVAILABLE": "No longer available",
    "AVAILABLE": "Available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
}
PHASE_LABELS = {
    "EARLY_PHASE1": "Early phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not applicable",
}
FIELD_LABELS = {
    "overall_status": "Status",
    "why_stopped": "Why stopped",
    "phases": "Phases",
    "enrollment_count": "Enrollment",
    "enrollment_type": "Enrollment type",
    "start_date": "Start date",
    "start_date_type": "Start date type",
    "primary_completion_date": "Primary completion",
    "primary_completion_date_type": "Primary completion type",
    "completion_date": "Completion date",
    "completion_date_type": "Completion date type",
    "has_results": "Results posted",
    "last_update_posted": "Last update posted",
    "site_count": "Number of sites",
    "recruiting_sites": "Recruiting sites",
    "first_fetch": "First fetched from the registry",
}


def humanize_enum(value: str | None) -> str:
    """``ACTIVE_NOT_RECRUITING`` -> ``Active not recruiting`` for values we have no label for."""
    if not value:
        return "—"
    return value.replace("_", " ").capitalize()


def status_label(value: str | None) -> str:
    if value is None:
        return "Not refreshed yet"
    return STATUS_LABELS.get(value, humanize_enum(value))


def phase_label(phases: list[str] | tuple[str, ...] | None, fallback: str | None = None) -> str:
    if not phases:
        return fallback or "—"
    return " / ".join(PHASE_LABELS.get(p, humanize_enum(p)) for p in phases)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, humanize_enum(field))


def date_label(value: str | None, kind: str | None) -> str:
    if not value:
        return "—"
    return f"{value} ({kind.lower()})" if kind else value


def trial_as_text(data: dict[str, Any]) -> str:
    """Plain-text rendering of ``trial_details`` for ``trialtracker show``."""
    lines = [f"{data['nct_id']}{' (' + data['acronym'] + ')' if data['acronym'] else ''}", data["title"]]
    if data.get("official_title") and data["official_title"] != data["title"]:
        lines.append(data["official_title"])
    lines.append("")
    cat = data["catalog"]
    facts = [
        ("Status", status_label(data["overall_status"])),
        ("Why stopped", data.get("why_stopped")),
        ("Phase", phase_label(data["phases"], cat.get("phase"))),
        ("Study type", humanize_enum(data.get("study_type")) if data.get("study_type") else None),
        ("Enrollment", _enrollment(data["enrollment"])),
        *[(field_label(k), date_label(v["date"], v["type"])) for k, v in data["dates"].items()],
        ("Results posted", None if data["has_results"] is None else ("yes" if data["has_results"] else "no")),
        ("Last update posted", data.get("last_update_posted")),
        ("Sponsor", data.get("lead_sponsor")),
        ("Conditions", ", ".join(data["conditions"]) or None),
        ("Interventions", ", ".join(i.get("name") or "?" for i in data["interventions"]) or None),
        ("Sites", _sites(data["locations"])),
        ("Cell therapy", cat.get("cell_type")),
        ("Route", cat.get("route")),
        ("MS type", cat.get("ms_type")),
        ("Caution", cat.get("caution")),
        ("Note", cat.get("note")),
        ("Starred", "yes" if data["starred"] else None),
        ("Tags", ", ".join(data["tags"]) or None),
        ("Last refreshed", data.get("last_refreshed") or "never"),
        ("Last error", data.get("last_error")),
        ("Registry page", f"https://clinicaltrials.gov/study/{data['nct_id']}"),
    ]
    lines += [f"{k + ':':<20} {v}" for k, v in facts if v not in (None, "", "—")]
    if data["topic_links"]:
        from trialtracker.topics.library import load_library

        library = load_library()
        lines += ["", "Topics (trialtracker topics KEY to read one):"]
        for t in data["topic_links"]:
            topic = library.get(t["topic"])
            title = topic.title if topic else t["topic"]
            lines.append(f"  {t['topic']:<22} {title}")
            lines.append(f"  {'':<22} why: {t['reason'] or '—'}")
    unreviewed = [c for c in data["changes"] if not c["reviewed"]]
    if unreviewed:
        lines += ["", f"Unreviewed changes ({len(unreviewed)}):"]
        lines += [f"  {field_label(c['field'])}: {c['old']} -> {c['new']}" for c in unreviewed]
    if data["notes"]:
        lines += ["", "Notes:"]
        for note in data["notes"]:
            lines.append(f"  --- {note['updated_at'][:16].replace('T', ' ')} UTC")
            lines += ["  " + line for line in note["body"].rstrip().splitlines()]
    return "\n".join(lines)


def _enrollment(enrollment: dict[str, Any]) -> str | None:
    if enrollment.get("count") is None:
        return None
    kind = enrollment.get("type")
    return f"{enrollment['count']} ({kind.lower()})" if kind else str(enrollment["count"])


def _sites(locations: list[dict[str, Any]]) -> str | None:
    if not locations:
        return None
    countries = sorted({loc.get("country") or "?" for loc in locations})
    recruiting = sum(1 for loc in locations if loc.get("status") == "RECRUITING")
    return f"{len(locations)} in {', '.join(countries)} ({recruiting} recruiting)"
