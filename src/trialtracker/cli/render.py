"""Plain-text pictures of services' results for the terminal."""

from __future__ import annotations

from trialtracker.cli.page_text import page_lines
from trialtracker.domain.fields import change_value, date_label, field_label
from trialtracker.domain.geo import Place
from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import humanize_enum, status_label
from trialtracker.domain.team import shown_tags
from trialtracker.services.study_page import NOT_ADVICE
from trialtracker.services.topics import topic_library
from trialtracker.services.views import ChangeView, Site, TrialDetail

REGISTRY_PAGE = "https://clinicaltrials.gov/study/{}"


def when(value: object) -> str:
    """``2026-12-03 14:05`` from a datetime (UTC), for one-line listings."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:16].replace("T", " ")


def change_line(change: ChangeView) -> str:
    mark = " " if change.reviewed else "*"
    if change.is_first_fetch:
        return (
            f"{mark} {when(change.detected_at)}  first fetched from the registry (status {change.new or '—'})"
        )
    return (
        f"{mark} {when(change.detected_at)}  {field_label(change.field)}: "
        f"{change_value(change.field, change.old)} -> {change_value(change.field, change.new)}"
    )


def _enrollment(t: TrialDetail) -> str | None:
    if t.enrollment_count is None:
        return None
    kind = t.enrollment_type
    return f"{t.enrollment_count} ({kind.lower()})" if kind else str(t.enrollment_count)


def _sites(sites: tuple[Site, ...], *, unknown: bool = False) -> str | None:
    if not sites:
        return None
    countries = sorted({s.country or "?" for s in sites})
    recruiting = sum(1 for s in sites if s.recruiting)
    said = "listed as recruiting when last checked" if unknown else "recruiting"
    return f"{len(sites)} in {', '.join(countries)} ({recruiting} {said})"


def trial_as_text(t: TrialDetail, *, home: Place | None = None, miles: bool = False) -> str:
    """Everything stored about a trial, for ``trialtracker show``; with ``home``, sites nearest first."""
    lines = [f"{t.nct_id}{' (' + t.acronym + ')' if t.acronym else ''}", t.title]
    if t.official_title and t.official_title != t.title:
        lines.append(t.official_title)
    if t.aliases:
        lines.append(f"Also registered as: {', '.join(t.aliases)}")
    lines.append(NOT_ADVICE)
    if t.page.status_note:
        lines += ["", t.page.status_note]
    lines.append("")
    cat = t.catalog
    facts = [
        ("Status", status_label(t.overall_status)),
        ("Why stopped", t.why_stopped),
        ("Phase", phase_label(t.phases, cat.phase)),
        ("Study type", humanize_enum(t.study_type) if t.study_type else None),
        ("Enrollment", _enrollment(t)),
        *[(field_label(k), date_label(v.date, v.type)) for k, v in t.dates.items()],
        ("Results posted", None if t.has_results is None else ("yes" if t.has_results else "no")),
        ("Last update posted", t.last_update_posted),
        ("Sponsor", t.lead_sponsor),
        ("Conditions", ", ".join(t.conditions) or None),
        ("Interventions", ", ".join(i.name or "?" for i in t.interventions) or None),
        ("Sites", _sites(t.sites, unknown=bool(t.page.status_note))),
        ("Cell therapy", cat.cell_type),
        ("Route", cat.route),
        ("MS type", cat.ms_type),
        ("Caution", cat.caution),
        ("Sponsor caution", t.sponsor_caution),
        ("Note", cat.note),
        ("Starred", "yes" if t.starred else None),
        ("Tags", shown_tags(t.tags, t.personal_tags) or None),
        ("Last refreshed", t.last_refreshed.isoformat() if t.last_refreshed else "never"),
        ("Last error", t.last_error),
        ("Registry page", REGISTRY_PAGE.format(t.nct_id)),
    ]
    lines += [f"{k + ':':<20} {v}" for k, v in facts if v not in (None, "", "—")]
    lines += page_lines(t.page, t.sites, home=home, miles=miles)
    if t.active_links:
        library = topic_library()
        lines += ["", "Topics (trialtracker topics KEY to read one):"]
        for link in t.active_links:
            topic = library.get(link.topic)
            lines.append(f"  {link.topic:<22} {topic.title if topic else link.topic}")
            lines.append(f"  {'':<22} why: {link.reason or '—'}")
    if t.unreviewed:
        lines += ["", f"Unreviewed changes ({len(t.unreviewed)}):"]
        lines += [
            f"  {field_label(c.field)}: {change_value(c.field, c.old)} -> {change_value(c.field, c.new)}"
            for c in t.unreviewed
        ]
    if t.notes:
        lines += ["", "Notes:"]
        for note in t.notes:
            lines.append(f"  --- {when(note.updated_at)} UTC")
            lines += ["  " + line for line in note.body.rstrip().splitlines()]
    return "\n".join(lines)
