"""``trialtracker show``'s answers to "what is it, could I join, whom do I ask, what did it find"
as plain text, from the same :class:`~trialtracker.services.study_page.StudyPage` the window shows."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from trialtracker.domain.geo import Place, distance_text
from trialtracker.domain.statuses import status_label
from trialtracker.services.places import site_distances
from trialtracker.services.views import Site

if TYPE_CHECKING:
    from trialtracker.services.study_page import ContactView, StudyPage

WIDTH = 100
INDENT = "  "
SITES_SHOWN = 12
NOT_FETCHED = "Eligibility, contacts, design and outcomes appear after the next `trialtracker refresh`."


def _wrap(text: str, indent: str = INDENT, first: str | None = None) -> list[str]:
    """Paragraphs kept apart, each wrapped; blank lines inside the text are kept once."""
    out: list[str] = []
    lead = indent if first is None else first
    for paragraph in text.strip().split("\n"):
        if not paragraph.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        wrapped = textwrap.wrap(paragraph.strip(), WIDTH, initial_indent=lead, subsequent_indent=indent)
        out += wrapped or [lead]
        lead = indent
    return out


def _bullets(items: tuple[str, ...]) -> list[str]:
    return [line for item in items for line in _wrap(item, INDENT + "  ", INDENT + "- ")]


def contact_text(c: ContactView) -> str:
    parts = [c.name or "", f"({c.role_label})" if c.role_label else "", c.affiliation or ""]
    reach = [x for x in (c.phone_text, c.email) if x]
    return " ".join(p for p in parts if p) + (f" — {', '.join(reach)}" if reach else "")


def _section(title: str, body: list[str]) -> list[str]:
    return ["", title, *body] if body else []


def page_lines(
    page: StudyPage, sites: tuple[Site, ...], *, home: Place | None = None, miles: bool = False
) -> list[str]:
    """The page's sections in reading order; a section without data is left out."""
    if not page.fetched:
        return ["", NOT_FETCHED]
    lines: list[str] = []
    if page.brief_summary:
        lines += _section("What it is:", _wrap(page.brief_summary))
    lines += _section("Design:", _bullets(page.design))
    arms = [
        " — ".join(x for x in (arm.label, arm.type_label, arm.description) if x)
        + (f" [{'; '.join(arm.interventions)}]" if arm.interventions else "")
        for arm in page.arms
    ]
    lines += _section("Groups (arms):", _bullets(tuple(arms)))
    outcomes = [
        f"{o.kind_label}: {o.measure or '?'}" + (f" — over {o.time_frame}" if o.time_frame else "")
        for o in page.outcomes
    ]
    lines += _section("What is measured (and for how long):", _bullets(tuple(outcomes)))
    if page.eligibility is not None:
        e = page.eligibility
        body = [INDENT + e.summary]
        if e.inclusion:
            body += ["", INDENT + "Who can take part:", *_bullets(e.inclusion)]
        if e.exclusion:
            body += ["", INDENT + "Who cannot take part:", *_bullets(e.exclusion)]
        if e.other:
            body += ["", *_wrap(e.other)]
        lines += _section("Could I join? (as the registry lists it; ask the study team)", body)
    ask = [INDENT + contact_text(c) for c in page.central_contacts]
    ask += [INDENT + contact_text(c) for c in page.officials]
    lines += _section("Whom to ask:", ask)
    title = f"Sites (nearest first, as the crow flies from {home.label}):" if home else "Sites:"
    lines += _section(title, _site_lines(sites, page, home, miles))
    found = [INDENT + (f"Results are posted: {page.results_url}" if page.results_url
                       else "No results are posted on the registry.")]  # fmt: skip
    for ref in page.references:
        label = f"[{ref.type_label}] " if ref.type_label else ""
        link = f" {ref.pubmed_url}" if ref.pubmed_url else ""
        found += _wrap(
            f"{label}{ref.citation or 'PMID ' + (ref.pmid or '?')}{link}", INDENT + "  ", INDENT + "- "
        )
    lines += _section("What it found:", found)
    if page.detailed_description:
        lines += _section("More detail:", _wrap(page.detailed_description))
    return lines


def _site_lines(sites: tuple[Site, ...], page: StudyPage, home: Place | None, miles: bool) -> list[str]:
    out: list[str] = []
    order = list(enumerate(sites))
    far: dict[int, str] = {}
    if home is not None:
        found = site_distances(
            home, [(s.lat, s.lon, s.status) for s in sites], trial_open=not page.status_note
        )
        order = [(d.index, sites[d.index]) for d in found]
        far = {d.index: distance_text(d.km, miles=miles) for d in found if d.km is not None}
    for index, site in order[:SITES_SHOWN]:
        place = ", ".join(x for x in (site.city, site.state, site.zip, site.country) if x)
        status = status_label(site.status) if site.status else ""
        if status and page.status_note and site.recruiting:
            status += " (last known; may be out of date)"
        lead = f"{far.get(index, '—'):>9}  " if home is not None else ""
        out.append(INDENT + lead + " — ".join(x for x in (site.facility or "Site", place, status) if x))
        out += [INDENT + "    " + contact_text(c) for c in site.contacts]
    if len(sites) > SITES_SHOWN:
        out.append(
            INDENT + f"… and {len(sites) - SITES_SHOWN} more (trialtracker show --json lists every site)"
        )
    return out
