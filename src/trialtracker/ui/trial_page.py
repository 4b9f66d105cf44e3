"""The detail pane's body as HTML that *we* build from a service's view of a trial.

Every registry, catalog or user string passes through :func:`e` (``html.escape``)
first, so outside text is never markup (our own words come from ``TrialPage.tr``, escaped the same
way). Links are ``topic:KEY`` (open a topic), ``action:mark-reviewed``, ``unlink:KEY`` /
``relink:KEY`` / ``linktopic:`` (the user's own topic choices); the pane handles them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from trialtracker.domain.fields import FIRST_FETCH, STATUS_FIELD, change_value, date_label, field_label
from trialtracker.domain.geo import Place, distance_text
from trialtracker.domain.phases import phase_label
from trialtracker.domain.statuses import humanize_enum, status_label
from trialtracker.domain.team import shown_tags
from trialtracker.services.places import site_distances
from trialtracker.services.study_page import NOT_ADVICE
from trialtracker.services.topics import TopicLibrary
from trialtracker.services.views import CandidateView, Site, TrialDetail
from trialtracker.ui.join_page import (
    TrialPage,
    about_html,
    ask_html,
    contact_html,
    e,
    found_html,
    h3,
    join_html,
)

MAX_SITES_PER_COUNTRY = 25


def day(when: dt.datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d") if when is not None else ""


def facts_table(rows: list[tuple[str, str]]) -> str:
    """Rows of (label, value), both already-escaped HTML; empty values are skipped."""
    cells = "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows if v and v != e("—"))
    return f"<table cellspacing='0'>{cells}</table>" if cells else ""


def muted(words: str) -> str:
    """A muted paragraph of already-escaped ``words``."""
    return f"<p class='muted'>{words}</p>"


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
        caution, why = TrialPage.tr("⚠ Caution."), TrialPage.tr("Why this matters")
        parts.append(_box("caution", f"<b>{caution}</b> {e(cat.caution)} "
                                     f"<a href='topic:evidence-and-safety'>{why}</a>"))  # fmt: skip
    if d.sponsor_caution:
        link = (
            "<a href='topic:unregulated-clinics'>"
            + TrialPage.tr("What a registry listing tells you")
            + "</a>"
        )
        parts.append(_box("caution", f"{e(d.sponsor_caution)} {link}"))
    if page.status_note:
        parts.append(_box("caution", f"<b>{e(page.status_note)}</b>"))
    if d.aliases:
        also = TrialPage.tr("Also registered as {ids}.").format(ids=e(", ".join(d.aliases)))
        parts.append(f"<p class='muted'>{also}</p>")
    if d.not_found or d.last_error:
        error = e(d.last_error) if d.last_error else TrialPage.tr("not found in the registry")
        parts.append("<p><b>" + TrialPage.tr("Last refresh:") + "</b> " + error + "</p>")
    if d.unreviewed:
        items = "".join(
            f"<li>{e(field_label(c.field))}: {e(change_value(c.field, c.old))} → "
            f"<b>{e(change_value(c.field, c.new))}</b>"
            f" <span class='muted'>({e(day(c.detected_at))})</span></li>"
            for c in d.unreviewed
        )
        since = TrialPage.tr("%n change(s) since you last reviewed", "", len(d.unreviewed))
        mark = TrialPage.tr("Mark reviewed")
        parts.append(_box("changes", f"<b>{since}</b>"
                                     f"<ul style='margin-top:4px; margin-bottom:4px'>{items}</ul>"
                                     f"<a href='action:mark-reviewed'>{mark}</a>"))  # fmt: skip
    if d.official_title and d.official_title != d.title:
        parts.append(f"<p class='muted'>{e(d.official_title)}</p>")
    parts.append(about_html(page, expanded=expanded))
    parts.append(h3(TrialPage.tr("Key facts")) + facts_table(_key_facts(d)))
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
        parts.append(h3(TrialPage.tr("Interventions")) + f"<ul>{items}</ul>")
    catalog_rows = [
        (TrialPage.tr("Cell therapy"), e(cat.cell_type or "")),
        (TrialPage.tr("Route"), e(cat.route or "")),
        (TrialPage.tr("MS type"), e(cat.ms_type or "")),
        (TrialPage.tr("Country"), e(cat.country or "")),
        (TrialPage.tr("Note"), e(cat.note or "")),
    ]
    if any(v for _, v in catalog_rows):
        parts.append(h3(TrialPage.tr("From the Trial Tracker catalog")) + facts_table(catalog_rows))
    if d.sites:
        parts.append(sites_html(d.sites, unknown=bool(page.status_note), home=home, miles=miles))
    if page.fetched:
        parts.append(found_html(page))
    parts.append(topics_html(d, library))
    parts.append(_history_html(d))
    refreshed = e(day(d.last_refreshed)) or TrialPage.tr("never")
    tracked = TrialPage.tr("Tracked since {date} · last refreshed {refreshed}")
    shown = shown_tags(d.tags, d.personal_tags, TrialPage.tr("only you"))
    tags = TrialPage.tr(" · tags: {tags}").format(tags=e(shown)) if d.tags else ""
    parts.append(muted(tracked.format(date=e(day(d.tracked_since)), refreshed=refreshed) + tags))
    if d.last_refreshed is None:
        parts.append(muted(TrialPage.tr("Registry details appear after the first refresh (F5).")))
    elif not page.fetched:
        parts.append(
            muted(
                TrialPage.tr("Eligibility, contacts, design and outcomes appear after the next refresh (F5).")
            )
        )
    parts.append(f"<p class='muted'>{e(NOT_ADVICE)}</p>")
    return "".join(parts)


def _key_facts(d: TrialDetail) -> list[tuple[str, str]]:
    enrol = ""
    if d.enrollment_count is not None:
        kind = d.enrollment_type
        enrol = TrialPage.tr("%n participant(s)", "", d.enrollment_count) + (
            f" ({e(kind.lower())})" if kind else ""
        )
    results = d.has_results
    posted = "" if results is None else (TrialPage.tr("yes") if results else TrialPage.tr("no"))
    return [
        (TrialPage.tr("Status"), e(status_label(d.overall_status))),
        (TrialPage.tr("Why stopped"), e(d.why_stopped or "")),
        (TrialPage.tr("Phase"), e(phase_label(d.phases, d.catalog.phase))),
        (TrialPage.tr("Study type"), e(humanize_enum(d.study_type)) if d.study_type else ""),
        (TrialPage.tr("Enrollment"), enrol),
        *[(e(field_label(k)), e(date_label(v.date, v.type))) for k, v in d.dates.items()],
        (TrialPage.tr("First posted"), e(d.first_posted or "")),
        (TrialPage.tr("Last update posted"), e(d.last_update_posted or "")),
        (TrialPage.tr("Results posted"), posted),
        (TrialPage.tr("Sponsor"), e(d.lead_sponsor or "")),
        (TrialPage.tr("Conditions"), e(", ".join(d.conditions))),
    ]


def _history_html(d: TrialDetail) -> str:
    history = [c for c in d.changes if c.field in (STATUS_FIELD, FIRST_FETCH)]
    items = ""
    for c in reversed(history):
        when = e(day(c.detected_at))
        reg = ""
        if c.registry_update:
            update = TrialPage.tr("(registry update {date})").format(date=e(c.registry_update))
            reg = f" <span class='muted'>{update}</span>"
        if c.is_first_fetch:
            text = TrialPage.tr("First fetched: {status}").format(status=e(change_value(FIRST_FETCH, c.new)))
        else:
            text = f"{e(change_value(STATUS_FIELD, c.old))} → <b>{e(change_value(STATUS_FIELD, c.new))}</b>"
        items += f"<tr><td class='k'>{when}</td><td>{text}{reg}</td></tr>"
    return h3(TrialPage.tr("Status history")) + f"<table cellspacing='0'>{items}</table>" if items else ""


def topics_html(d: TrialDetail, library: TopicLibrary) -> str:
    """Linked topics, each removable; then "Link another topic…" and what the user removed."""

    def title(key: str) -> str:
        topic = library.get(key)
        return topic.title if topic else key

    items = ""
    stop, remove = TrialPage.tr("Stop linking this topic"), TrialPage.tr("remove")
    for link in d.active_links:
        key = e(link.topic)
        reason = f" <span class='muted'>— {e(link.reason)}</span>" if link.reason else ""
        items += (
            f"<li><a href='topic:{key}'>{e(title(link.topic))}</a>{reason}"
            f" <span class='muted'>·</span> <a href='unlink:{key}' title='{stop}'>"
            f"<small>{remove}</small></a></li>"
        )
    out = h3(TrialPage.tr("Background reading"))
    out += f"<ul>{items}</ul>" if items else muted(TrialPage.tr("No topic is linked to this trial."))
    out += "<p><a href='linktopic:'>" + TrialPage.tr("Link another topic…") + "</a></p>"
    if d.removed_topics:
        word = TrialPage.tr("restore")
        restore = ", ".join(f"{e(title(k))} (<a href='relink:{e(k)}'>{word}</a>)" for k in d.removed_topics)
        out += muted(TrialPage.tr("Removed by you: {topics}").format(topics=restore))
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
    not_given = QCoreApplication.translate("TrialPage", "Country not given")  # escaped where it is shown
    for i in order:
        by_country.setdefault(sites[i].country or not_given, []).append((i, sites[i]))
    recruiting = sum(1 for s in sites if s.recruiting)
    if unknown:
        heading = TrialPage.tr(
            "Sites ({sites} in %n countr(y|ies), {recruiting} listed as recruiting when last checked)",
            "",
            len(by_country),
        )
    else:
        heading = TrialPage.tr(
            "Sites ({sites} in %n countr(y|ies), {recruiting} recruiting)", "", len(by_country)
        )
    out = h3(heading.format(sites=len(sites), recruiting=recruiting))
    if home is not None:
        out += muted(
            TrialPage.tr("Distances as the crow flies from {place}, nearest first.").format(
                place=e(home.label)
            )
        )
    last_known, site_word = TrialPage.tr("{status} (last known)"), TrialPage.tr("Site")
    for country in by_country if home is not None else sorted(by_country):
        here = by_country[country]
        n_rec = sum(1 for _, s in here if s.recruiting)
        count = TrialPage.tr("%n site(s)", "", len(here)) + (
            TrialPage.tr(", {n} recruiting").format(n=n_rec) if n_rec else ""
        )
        out += (
            f"<p style='margin-bottom:2px'><b>{e(country)}</b> <span class='muted'>— {count}</span></p><ul>"
        )
        for index, site in here[:MAX_SITES_PER_COUNTRY]:
            place = ", ".join(x for x in (site.city, site.state, site.zip) if x)
            km = far.get(index)
            distance = f"<b>{e(distance_text(km, miles=miles))}</b> · " if km is not None else ""
            label = e(status_label(site.status))
            if unknown and site.recruiting:
                label = last_known.format(status=label)
            status = f" — <i>{label}</i>" if site.status else ""
            people = "".join(f"<br/><small>{contact_html(c)}</small>" for c in site.contacts)
            where = f" ({e(place)})" if place else ""
            facility = e(site.facility) if site.facility else site_word
            out += f"<li>{distance}{facility}{where}{status}{people}</li>"
        if len(here) > MAX_SITES_PER_COUNTRY:
            more = TrialPage.tr("… and %n more", "", len(here) - MAX_SITES_PER_COUNTRY)
            out += f"<li class='muted'>{more}</li>"
        out += "</ul>"
    return out


def candidate_html(c: CandidateView) -> str:
    found = TrialPage.tr(
        "A saved search found this study. It is not tracked yet: track it to follow its changes and "
        "keep notes, or dismiss it."
    )
    return f"<p>{found}</p>" + facts_table(
        [
            (TrialPage.tr("Status"), e(status_label(c.overall_status))),
            (TrialPage.tr("Found by"), e(c.watch)),
            (TrialPage.tr("First seen"), e(day(c.first_seen))),
        ]
    )
