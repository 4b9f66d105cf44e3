"""The detail pane's body as HTML that *we* build from a service's view of a trial.

Every registry, catalog or user string passes through :func:`e` (``html.escape``)
first, so outside text is never markup. Links are ``topic:KEY`` (open a topic),
``action:mark-reviewed``, ``unlink:KEY`` / ``relink:KEY`` / ``linktopic:`` (the
user's own topic choices); the pane handles them.
"""

from __future__ import annotations

import datetime as dt

from trialtracker.domain.fields import FIRST_FETCH, STATUS_FIELD, change_value, date_label, field_label
from trialtracker.domain.geo import Place, distance_text
from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import humanize_enum, status_label
from trialtracker.services.places import site_distances
from trialtracker.services.study_page import NOT_ADVICE
from trialtracker.services.topics import TopicLibrary
from trialtracker.services.views import CandidateView, Site, TrialDetail
from trialtracker.ui.join_page import about_html, ask_html, contact_html, e, found_html, join_html

MAX_SITES_PER_COUNTRY = 25


def day(when: dt.datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d") if when is not None else ""


def facts_table(rows: list[tuple[str, str]]) -> str:
    """Rows of (label, already-escaped value HTML); empty values are skipped."""
    cells = "".join(f"<tr><td class='k'>{e(k)}</td><td>{v}</td></tr>" for k, v in rows if v and v != e("—"))
    return f"<table cellspacing='0'>{cells}</table>" if cells else ""


def _box(css_class: str, inner: str) -> str:
    table = f"<table class='{css_class}' width='100%' cellpadding='8' cellspacing='0'>"
    return f"{table}<tr><td>{inner}</td></tr></table>"


def trial_html(
    d: TrialDetail, library: TopicLibrary, *, expanded: bool = False, home: Place | None = None,
    miles: bool = False,
) -> str:  # fmt: skip
    """The whole page; ``expanded`` unfolds the long description; with ``home``, sites nearest first."""
    parts: list[str] = []
    cat = d.catalog
    page = d.page
    if cat.caution:
        parts.append(_box("caution", f"<b>⚠ Caution.</b> {e(cat.caution)} "
                                     "<a href='topic:evidence-and-safety'>Why this matters</a>"))  # fmt: skip
    if page.status_note:
        parts.append(_box("caution", f"<b>{e(page.status_note)}</b>"))
    if d.aliases:
        parts.append(f"<p class='muted'>Also registered as {e(', '.join(d.aliases))}.</p>")
    if d.not_found or d.last_error:
        parts.append("<p><b>Last refresh:</b> " + e(d.last_error or "not found in the registry") + "</p>")
    if d.unreviewed:
        items = "".join(
            f"<li>{e(field_label(c.field))}: {e(change_value(c.field, c.old))} → "
            f"<b>{e(change_value(c.field, c.new))}</b>"
            f" <span class='muted'>({e(day(c.detected_at))})</span></li>"
            for c in d.unreviewed
        )
        n = len(d.unreviewed)
        parts.append(_box("changes", f"<b>{n} change{'s' if n != 1 else ''} since you last reviewed</b>"
                                     f"<ul style='margin-top:4px; margin-bottom:4px'>{items}</ul>"
                                     "<a href='action:mark-reviewed'>Mark reviewed</a>"))  # fmt: skip
    if d.official_title and d.official_title != d.title:
        parts.append(f"<p class='muted'>{e(d.official_title)}</p>")
    parts.append(about_html(page, expanded=expanded))
    parts.append("<h3>Key facts</h3>" + facts_table(_key_facts(d)))
    parts.append(join_html(page))
    parts.append(ask_html(page))
    if d.interventions:
        items = "".join(
            f"<li><b>{e(i.name or '?')}</b>"
            + (f" <span class='muted'>({e(humanize_enum(i.type))})</span>" if i.type else "")
            + (f"<br/>{e(i.description)}" if i.description else "")
            + "</li>"
            for i in d.interventions
        )
        parts.append(f"<h3>Interventions</h3><ul>{items}</ul>")
    catalog_rows = [("Cell therapy", e(cat.cell_type or "")), ("Route", e(cat.route or "")),
                    ("MS type", e(cat.ms_type or "")), ("Country", e(cat.country or "")),
                    ("Note", e(cat.note or ""))]  # fmt: skip
    if any(v for _, v in catalog_rows):
        parts.append("<h3>From the Trial Tracker catalog</h3>" + facts_table(catalog_rows))
    if d.sites:
        parts.append(sites_html(d.sites, unknown=bool(page.status_note), home=home, miles=miles))
    if page.fetched:
        parts.append(found_html(page))
    parts.append(topics_html(d, library))
    parts.append(_history_html(d))
    refreshed = day(d.last_refreshed) or "never"
    parts.append(
        f"<p class='muted'>Tracked since {e(day(d.tracked_since))} · last refreshed {e(refreshed)}"
        + (f" · tags: {e(', '.join(d.tags))}" if d.tags else "")
        + "</p>"
    )
    if d.last_refreshed is None:
        parts.append("<p class='muted'>Registry details appear after the first refresh (F5).</p>")
    elif not page.fetched:
        parts.append("<p class='muted'>Eligibility, contacts, design and outcomes appear after the next "
                     "refresh (F5).</p>")  # fmt: skip
    parts.append(f"<p class='muted'>{e(NOT_ADVICE)}</p>")
    return "".join(parts)


def _key_facts(d: TrialDetail) -> list[tuple[str, str]]:
    enrol = ""
    if d.enrollment_count is not None:
        kind = d.enrollment_type
        enrol = e(f"{d.enrollment_count} participants" + (f" ({kind.lower()})" if kind else ""))
    results = d.has_results
    return [
        ("Status", e(status_label(d.overall_status))),
        ("Why stopped", e(d.why_stopped or "")),
        ("Phase", e(phase_label(d.phases, d.catalog.phase))),
        ("Study type", e(humanize_enum(d.study_type)) if d.study_type else ""),
        ("Enrollment", enrol),
        *[(field_label(k), e(date_label(v.date, v.type))) for k, v in d.dates.items()],
        ("First posted", e(d.first_posted or "")),
        ("Last update posted", e(d.last_update_posted or "")),
        ("Results posted", "" if results is None else ("yes" if results else "no")),
        ("Sponsor", e(d.lead_sponsor or "")),
        ("Conditions", e(", ".join(d.conditions))),
    ]


def _history_html(d: TrialDetail) -> str:
    history = [c for c in d.changes if c.field in (STATUS_FIELD, FIRST_FETCH)]
    items = ""
    for c in reversed(history):
        when = e(day(c.detected_at))
        reg = ""
        if c.registry_update:
            reg = f" <span class='muted'>(registry update {e(c.registry_update)})</span>"
        if c.is_first_fetch:
            text = f"First fetched: {e(change_value(FIRST_FETCH, c.new))}"
        else:
            text = f"{e(change_value(STATUS_FIELD, c.old))} → <b>{e(change_value(STATUS_FIELD, c.new))}</b>"
        items += f"<tr><td class='k'>{when}</td><td>{text}{reg}</td></tr>"
    return f"<h3>Status history</h3><table cellspacing='0'>{items}</table>" if items else ""


def topics_html(d: TrialDetail, library: TopicLibrary) -> str:
    """Linked topics, each removable; then "Link another topic…" and what the user removed."""

    def title(key: str) -> str:
        topic = library.get(key)
        return topic.title if topic else key

    items = ""
    for link in d.active_links:
        key = e(link.topic)
        reason = f" <span class='muted'>— {e(link.reason)}</span>" if link.reason else ""
        items += (
            f"<li><a href='topic:{key}'>{e(title(link.topic))}</a>{reason}"
            f" <span class='muted'>·</span> <a href='unlink:{key}' title='Stop linking this topic'>"
            "<small>remove</small></a></li>"
        )
    out = "<h3>Background reading</h3>"
    out += f"<ul>{items}</ul>" if items else "<p class='muted'>No topic is linked to this trial.</p>"
    out += "<p><a href='linktopic:'>Link another topic…</a></p>"
    if d.removed_topics:
        restore = ", ".join(f"{e(title(k))} (<a href='relink:{e(k)}'>restore</a>)" for k in d.removed_topics)
        out += f"<p class='muted'>Removed by you: {restore}</p>"
    return out


def sites_html(
    sites: tuple[Site, ...], *, unknown: bool = False, home: Place | None = None, miles: bool = False
) -> str:
    """Sites by country with their contacts; for a trial whose status is unknown, a site's
    "recruiting" is said to be the last known status, never as a fact. With ``home``: each site's
    distance, nearest first (countries in the order of their nearest site)."""
    far: dict[int, float] = {}
    order = list(range(len(sites)))
    if home is not None:
        found = site_distances(home, [(s.lat, s.lon, s.status) for s in sites], trial_open=not unknown)
        order = [d.index for d in found]
        far = {d.index: d.km for d in found if d.km is not None}
    by_country: dict[str, list[tuple[int, Site]]] = {}
    for i in order:
        by_country.setdefault(sites[i].country or "Country not given", []).append((i, sites[i]))
    recruiting = sum(1 for s in sites if s.recruiting)
    n_countries = len(by_country)
    said = "listed as recruiting when last checked" if unknown else "recruiting"
    out = (
        f"<h3>Sites ({len(sites)} in {n_countries} {'country' if n_countries == 1 else 'countries'}, "
        f"{recruiting} {said})</h3>"
    )
    if home is not None:
        out += f"<p class='muted'>Distances as the crow flies from {e(home.label)}, nearest first.</p>"
    for country in by_country if home is not None else sorted(by_country):
        here = by_country[country]
        n_rec = sum(1 for _, s in here if s.recruiting)
        out += f"<p style='margin-bottom:2px'><b>{e(country)}</b> <span class='muted'>— {len(here)} site"
        out += f"{'s' if len(here) != 1 else ''}{f', {n_rec} recruiting' if n_rec else ''}</span></p><ul>"
        for index, site in here[:MAX_SITES_PER_COUNTRY]:
            place = ", ".join(x for x in (site.city, site.state, site.zip) if x)
            km = far.get(index)
            distance = f"<b>{e(distance_text(km, miles=miles))}</b> · " if km is not None else ""
            label = status_label(site.status) + (" (last known)" if unknown and site.recruiting else "")
            status = f" — <i>{e(label)}</i>" if site.status else ""
            people = "".join(f"<br/><small>{contact_html(c)}</small>" for c in site.contacts)
            where = f" ({e(place)})" if place else ""
            out += f"<li>{distance}{e(site.facility or 'Site')}{where}{status}{people}</li>"
        if len(here) > MAX_SITES_PER_COUNTRY:
            out += f"<li class='muted'>… and {len(here) - MAX_SITES_PER_COUNTRY} more</li>"
        out += "</ul>"
    return out


def candidate_html(c: CandidateView) -> str:
    return (
        "<p>A saved search found this study. It is not tracked yet: track it to follow its changes and "
        "keep notes, or dismiss it.</p>"
        + facts_table(
            [
                ("Status", e(status_label(c.overall_status))),
                ("Found by", e(c.watch)),
                ("First seen", e(day(c.first_seen))),
            ]
        )
    )
