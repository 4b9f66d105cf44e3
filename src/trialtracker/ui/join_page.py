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
from trialtracker.ui.i18n import Words

_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}")
_MIN_PHONE_DIGITS = 6
#: The long description is folded after this many characters until the reader asks for more.
DESCRIPTION_FOLD = 600


def e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


class TrialPage(Words):
    """The trial page's words: a translation context whose ``tr()`` answers HTML-escaped text, as every
    other string on the page is: ``TrialPage.tr("Key facts")``, and for a count
    ``TrialPage.tr("%n site(s)", "", n)`` (never inside an f-string, where lupdate cannot see it)."""

    @classmethod
    def tr(cls, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return e(super().tr(source, disambiguation, n))


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
    title, word = TrialPage.tr("Copy"), TrialPage.tr("copy")
    return f" <a href='copy:{e(quote(value, safe=''))}' title='{title}'><small>{word}</small></a>"


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


def h3(words: str) -> str:
    """A section heading of already-escaped ``words``."""
    return f"<h3>{words}</h3>"


def bold(words: str) -> str:
    """A paragraph of already-escaped ``words`` in bold."""
    return f"<p><b>{words}</b></p>"


def about_html(page: StudyPage, *, expanded: bool) -> str:
    """What it is: the summary (always shown), the long description (folded), design, arms, outcomes."""
    out = ""
    if page.brief_summary:
        out += h3(TrialPage.tr("What it is")) + _paragraphs(page.brief_summary)
    if page.detailed_description:
        text = page.detailed_description
        more = h3(TrialPage.tr("More detail"))
        if expanded or len(text) <= DESCRIPTION_FOLD:
            out += more + _paragraphs(text)
        else:
            cut = text[:DESCRIPTION_FOLD].rsplit(" ", 1)[0]
            out += (more + _paragraphs(cut + " …") + "<p><a href='action:more-description'>"
                    + TrialPage.tr("Show the full description") + "</a></p>")  # fmt: skip
    if page.design:
        out += h3(TrialPage.tr("How the study is designed")) + _items(page.design)
    if page.arms:
        rows = ""
        for arm in page.arms:
            label = e(arm.label) if arm.label else TrialPage.tr("Group")
            what = f"<b>{label}</b>" + (f" <span class='muted'>— {e(arm.type_label)}</span>"
                                        if arm.type_label else "")  # fmt: skip
            if arm.description:
                what += f"<br/>{e(arm.description)}"
            if arm.interventions:
                what += f"<br/><span class='muted'>{e('; '.join(arm.interventions))}</span>"
            rows += f"<li>{what}</li>"
        out += h3(TrialPage.tr("Groups in the study")) + f"<ul>{rows}</ul>"
    if page.outcomes:
        over = TrialPage.tr("over {time}")
        rows = "".join(
            f"<tr><td class='k'>{e(o.kind_label)}</td><td>{e(o.measure or '—')}"
            + (f" <span class='muted'>— {over.format(time=e(o.time_frame))}</span>" if o.time_frame else "")
            + "</td></tr>"
            for o in page.outcomes
        )
        out += (
            h3(TrialPage.tr("What is measured, and for how long")) + f"<table cellspacing='0'>{rows}</table>"
        )
    return out


def join_html(page: StudyPage) -> str:
    """Could I join: the one-line summary, then who can and cannot take part, as the registry lists it."""
    rules = page.eligibility
    if rules is None:
        return ""
    caveat = TrialPage.tr(
        "As the registry lists it. Only the study team can say whether you can take part; "
        "this is not medical advice."
    )
    out = h3(TrialPage.tr("Could I join?")) + bold(e(rules.summary)) + f"<p class='muted'>{caveat}</p>"
    if rules.inclusion:
        out += bold(TrialPage.tr("Who can take part")) + _items(rules.inclusion)
    if rules.exclusion:
        out += bold(TrialPage.tr("Who cannot take part")) + _items(rules.exclusion)
    if rules.other:
        out += _paragraphs(rules.other)
    return out


def ask_html(page: StudyPage) -> str:
    people = [*page.central_contacts, *page.officials]
    if not people:
        return ""
    rows = "".join(f"<li>{contact_html(c)}</li>" for c in people)
    return h3(TrialPage.tr("Whom to ask")) + f"<ul>{rows}</ul>"


def found_html(page: StudyPage) -> str:
    """What it found: results posted or not (with the link), then publications, results first."""
    out = h3(TrialPage.tr("What it found"))
    if page.results_url:
        posted, see = TrialPage.tr("Results are posted on the registry:"), TrialPage.tr("see the results")
        out += f"<p>{posted} <a href='{e(page.results_url)}'>{see}</a></p>"
    else:
        out += "<p class='muted'>" + TrialPage.tr("No results are posted on the registry.") + "</p>"
    if page.references:
        rows = ""
        for ref in page.references:
            label = f"<span class='muted'>{e(ref.type_label)}:</span> " if ref.type_label else ""
            link = f" <a href='{e(ref.pubmed_url)}'>PubMed</a>" if ref.pubmed_url else ""
            rows += f"<li>{label}{e(ref.citation or 'PMID ' + (ref.pmid or '?'))}{link}</li>"
        out += bold(TrialPage.tr("Publications")) + f"<ul>{rows}</ul>"
    return out
