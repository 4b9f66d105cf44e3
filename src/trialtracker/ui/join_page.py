"""The trial page's "could I join?" sections as HTML that *we* build from a
:class:`~trialtracker.services.study_page.StudyPage`.

Every registry string passes through :func:`~trialtracker.ui.trial_page.e` first. Links are
built by us from checked values only: ``mailto:`` for a well-formed address, ``tel:`` for the
digits of a number, ``copy:`` to put a value on the clipboard, ``https:`` for PubMed and the
registry's results page, ``action:more-description`` to unfold the long description.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from trialtracker.services.study_page import ContactView, StudyPage

_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}")
_MIN_PHONE_DIGITS = 6
#: The long description is folded after this many characters until the reader asks for more.
DESCRIPTION_FOLD = 600


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def mailto(email: str | None) -> str | None:
    """``mailto:`` for a plain address (nothing that could add headers or a second recipient)."""
    if not email or not _EMAIL.fullmatch(email.strip()):
        return None
    return "mailto:" + quote(email.strip(), safe="@.+-_")


def tel(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = re.sub(r"[^\d+]", "", phone)
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if sum(c.isdigit() for c in digits) >= _MIN_PHONE_DIGITS else None


def copy_link(value: str) -> str:
    return f" <a href='copy:{e(quote(value, safe=''))}' title='Copy'><small>copy</small></a>"


def contact_html(c: ContactView) -> str:
    head = " ".join(x for x in (f"<b>{e(c.name)}</b>" if c.name else "", e(c.role_label)) if x)
    parts = [head] if head else []
    if c.affiliation:
        parts.append(e(c.affiliation))
    phone, mail = tel(c.phone), mailto(c.email)
    if c.phone_text:
        shown = e(c.phone_text)
        parts.append((f"<a href='{e(phone)}'>{shown}</a>" if phone else shown) + copy_link(c.phone_text))
    if c.email:
        shown = e(c.email)
        parts.append((f"<a href='{e(mail)}'>{shown}</a>" if mail else shown) + copy_link(c.email))
    return " · ".join(parts)


def _items(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{e(p.strip())}</p>" for p in text.split("\n") if p.strip())


def about_html(page: StudyPage, *, expanded: bool) -> str:
    """What it is: the summary (always shown), the long description (folded), design, arms, outcomes."""
    out = ""
    if page.brief_summary:
        out += "<h3>What it is</h3>" + _paragraphs(page.brief_summary)
    if page.detailed_description:
        text = page.detailed_description
        if expanded or len(text) <= DESCRIPTION_FOLD:
            out += "<h3>More detail</h3>" + _paragraphs(text)
        else:
            cut = text[:DESCRIPTION_FOLD].rsplit(" ", 1)[0]
            out += ("<h3>More detail</h3>" + _paragraphs(cut + " …")
                    + "<p><a href='action:more-description'>Show the full description</a></p>")  # fmt: skip
    if page.design:
        out += "<h3>How the study is designed</h3>" + _items(page.design)
    if page.arms:
        rows = ""
        for arm in page.arms:
            what = f"<b>{e(arm.label or 'Group')}</b>" + (f" <span class='muted'>— {e(arm.type_label)}</span>"
                                                         if arm.type_label else "")  # fmt: skip
            if arm.description:
                what += f"<br/>{e(arm.description)}"
            if arm.interventions:
                what += f"<br/><span class='muted'>{e('; '.join(arm.interventions))}</span>"
            rows += f"<li>{what}</li>"
        out += f"<h3>Groups in the study</h3><ul>{rows}</ul>"
    if page.outcomes:
        rows = "".join(
            f"<tr><td class='k'>{e(o.kind_label)}</td><td>{e(o.measure or '—')}"
            + (f" <span class='muted'>— over {e(o.time_frame)}</span>" if o.time_frame else "")
            + "</td></tr>"
            for o in page.outcomes
        )
        out += f"<h3>What is measured, and for how long</h3><table cellspacing='0'>{rows}</table>"
    return out


def join_html(page: StudyPage) -> str:
    """Could I join: the one-line summary, then who can and cannot take part, as the registry lists it."""
    rules = page.eligibility
    if rules is None:
        return ""
    out = ("<h3>Could I join?</h3><p><b>" + e(rules.summary) + "</b></p>"
           "<p class='muted'>As the registry lists it. Only the study team can say whether you can "
           "take part; this is not medical advice.</p>")  # fmt: skip
    if rules.inclusion:
        out += "<p><b>Who can take part</b></p>" + _items(rules.inclusion)
    if rules.exclusion:
        out += "<p><b>Who cannot take part</b></p>" + _items(rules.exclusion)
    if rules.other:
        out += _paragraphs(rules.other)
    return out


def ask_html(page: StudyPage) -> str:
    people = [*page.central_contacts, *page.officials]
    if not people:
        return ""
    return "<h3>Whom to ask</h3><ul>" + "".join(f"<li>{contact_html(c)}</li>" for c in people) + "</ul>"


def found_html(page: StudyPage) -> str:
    """What it found: results posted or not (with the link), then publications, results first."""
    if page.results_url:
        out = (f"<h3>What it found</h3><p>Results are posted on the registry: "
               f"<a href='{e(page.results_url)}'>see the results</a></p>")  # fmt: skip
    else:
        out = "<h3>What it found</h3><p class='muted'>No results are posted on the registry.</p>"
    if page.references:
        rows = ""
        for ref in page.references:
            label = f"<span class='muted'>{e(ref.type_label)}:</span> " if ref.type_label else ""
            link = f" <a href='{e(ref.pubmed_url)}'>PubMed</a>" if ref.pubmed_url else ""
            rows += f"<li>{label}{e(ref.citation or 'PMID ' + (ref.pmid or '?'))}{link}</li>"
        out += f"<p><b>Publications</b></p><ul>{rows}</ul>"
    return out
