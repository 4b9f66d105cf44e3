"""A company or private-clinic sponsor gets a neutral caution and the topic behind it (issue 16 item 4):
one rule for catalog and discovered trials, from the registry's sponsor class or the sponsor's name."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CliResult
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.domain.sponsors import CAUTIONS, COMPANY, PRIVATE_CLINIC, sponsor_caution, sponsor_kind
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.topics import topic_library
from trialtracker.ui.trial_page import trial_html


@pytest.mark.parametrize(
    ("name", "registry_class", "kind"),
    [
        ("Acme Research Group", "INDUSTRY", COMPANY),  # the registry's word decides
        ("Healeon Medical Inc", None, COMPANY),
        ("Shenzhen Beike Bio-Technology", None, COMPANY),
        ("Hope Biosciences Research Foundation", "OTHER", COMPANY),
        ("Atara Biotherapeutics", None, COMPANY),
        ("Clinica Ruiz, Puebla", None, PRIVATE_CLINIC),
        ("Stem Cells Arabia", None, PRIVATE_CLINIC),
        ("Cleveland Clinic", "OTHER", None),  # an academic medical centre, not a private clinic
        ("Hospital Clinic de Barcelona", None, None),
        ("Clinica Universidad de Navarra", None, None),
        ("University of Sheffield Stem Cell Centre", None, None),
        ("National Institute of Allergy and Infectious Diseases (NIAID)", "NIH", None),
        ("Acme Therapeutics", "OTHER_GOV", None),  # a public body by the registry's word
        (None, None, None),
    ],
)
def test_sponsor_kind(name: str | None, registry_class: str | None, kind: str | None) -> None:
    assert sponsor_kind(name, registry_class) == kind
    assert sponsor_caution(name, registry_class) == (CAUTIONS[kind] if kind else None)


def test_the_caution_is_neutral_and_asks_the_questions() -> None:
    for text in CAUTIONS.values():
        assert "who pays" in text and "oversee" in text and "published" in text
        assert not any(word in text.lower() for word in ("scam", "fraud", "unsafe", "avoid"))


def test_a_catalog_clinic_trial_has_the_caution_before_any_refresh(library: Library) -> None:
    detail = trials.detail(library, "NCT02939859")  # Healeon Medical Inc, from the catalog
    assert detail is not None and detail.sponsor_caution == CAUTIONS[COMPANY]
    assert "unregulated-clinics" in {link.topic for link in detail.active_links}
    html = trial_html(detail, topic_library())
    assert "Sponsored by a company." in html and "href='topic:unregulated-clinics'" in html
    academic = trials.detail(library, "NCT00273364")
    assert academic is not None and academic.sponsor_caution is None
    assert "unregulated-clinics" not in {link.topic for link in academic.active_links}


def test_a_discovered_company_trial_gets_it_from_the_registry_class(
    cli: object, ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = cli  # the CLI over a fresh library, pointed at the local registry
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    ctgov_server.add(make_study("NCT07100001", brief_title="Cells for MS", lead_sponsor="Acme Research Group",
                                lead_sponsor_class="INDUSTRY", overall_status="RECRUITING",
                                conditions=["Multiple Sclerosis"]))  # fmt: skip
    for step in (("add", "NCT07100001"), ("refresh",)):
        done: CliResult = run(*step)  # type: ignore[operator]
        assert done.code == 0, done.err
    shown: CliResult = run("show", "NCT07100001", "--json")  # type: ignore[operator]
    data = json.loads(shown.out)
    assert data["lead_sponsor_class"] == "INDUSTRY" and data["sponsor_caution"] == CAUTIONS[COMPANY]
    assert {"unregulated-clinics", "taking-part", "questions-to-ask"} <= set(data["topics"])
    text: CliResult = run("show", "NCT07100001")  # type: ignore[operator]
    assert "Sponsor caution" in text.out and "Sponsored by a company." in text.out
    requested = ctgov_server.studies_requests()[-1].params.get("fields", "")
    assert "LeadSponsorClass" in requested
