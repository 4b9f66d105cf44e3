"""The trial page answers "what is it, could I join, where, whom do I ask, what did it find" in both
faces, from the registry's own fields (issue 14): fetched, stored, shown, and watched for changes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.conftest import CliResult, open_test_library, show_trial
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.services import topics, trials
from trialtracker.ui.detail_pane import DetailPane
from trialtracker.ui.trial_page import trial_html

NCT = "NCT00288626"
CRITERIA = (
    "Inclusion Criteria:\n\n* Age 18-50 years\n* Relapsing MS with EDSS \\>= 2.0\n\n"
    "Exclusion Criteria:\n\n* Pregnancy\n* Active infection"
)
LONG = " ".join(["Participants are followed with MRI scans and clinic visits."] * 20)


def study(**changes: Any) -> dict[str, Any]:
    """A generated study with everything the page reads, as the registry would send it."""
    made = make_study(NCT, overall_status=changes.pop("status", "UNKNOWN"), last_known_status="RECRUITING",
                      status_verified_date="2019-03")  # fmt: skip
    ps = made["protocolSection"]
    ps["eligibilityModule"].update(eligibilityCriteria=changes.pop("criteria", CRITERIA),
                                   maximumAge=changes.pop("max_age", "50 Years"))  # fmt: skip
    ps["descriptionModule"]["detailedDescription"] = LONG
    where = ps["contactsLocationsModule"]
    where["centralContacts"] = [{"name": "Trial desk", "role": "CONTACT", "phone": "+1 (312) 555-0142",
                                 "phoneExt": "12", "email": "ms.trials@example.org"}]  # fmt: skip
    where["locations"][0]["status"] = "RECRUITING"  # as last known: the trial's status is unknown
    where["locations"][0]["contacts"] = [
        {"name": "Site <b>nurse</b>", "phone": "555", "email": "x@y<script>"}
    ]
    ps["outcomesModule"] = {"primaryOutcomes": [{"measure": "Relapse-free survival", "timeFrame": "2 years"}]}
    ps["referencesModule"] = {"references": [
        {"pmid": "12345678", "type": "BACKGROUND", "citation": "A background paper."},
        {"pmid": "23456789", "type": "RESULT", "citation": "The results of this trial."},
    ]}  # fmt: skip
    assert not changes, changes
    return made


@pytest.fixture(name="server")
def page_server(ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch) -> CtGovServer:
    ctgov_server.add(study())
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    return ctgov_server


Cli = Callable[..., CliResult]


def test_show_json_carries_everything_the_page_shows(server: CtGovServer, cli: Cli) -> None:
    assert cli("refresh", NCT).code == 0
    data = json.loads(cli("show", NCT, "--json").out)
    assert data["details_fetched"] is True
    rules = data["eligibility"]
    assert rules["summary"] == "Ages 18–50 years · all sexes · no healthy volunteers"
    assert rules["inclusion"] == ["Age 18-50 years", "Relapsing MS with EDSS >= 2.0"]
    assert rules["exclusion"] == ["Pregnancy", "Active infection"]
    assert rules["criteria"].startswith("Inclusion Criteria:")
    assert data["central_contacts"][0]["email"] == "ms.trials@example.org"
    site = data["locations"][0]
    assert isinstance(site["lat"], float) and site["contacts"][0]["name"] == "Site <b>nurse</b>"
    assert [r["pmid"] for r in data["references"]] == ["23456789", "12345678"]  # results first
    assert data["references"][0]["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/23456789/"
    assert data["outcomes"] == [{"kind": "primary", "measure": "Relapse-free survival", "description": None,
                                 "time_frame": "2 years"}]  # fmt: skip
    assert any(line.startswith("Randomised") for line in data["design"])
    assert "last known status was “Recruiting” (last checked 2019-03)" in data["status_note"]


def test_show_text_answers_could_i_join(server: CtGovServer, cli: Cli) -> None:
    assert cli("refresh", NCT).code == 0
    out = cli("show", NCT).out
    for expected in ("Not medical advice", "Status unknown:", "Could I join?", "Who can take part:",
                     "- Pregnancy", "Whom to ask:", "ms.trials@example.org", "ext. 12",
                     "Recruiting (last known; may be out of date)", "listed as recruiting when last checked",
                     "What is measured", "over 2 years", "No results are posted",
                     "https://pubmed.ncbi.nlm.nih.gov/23456789/"):  # fmt: skip
        assert expected in out, expected


def test_a_change_in_eligibility_is_recorded_as_a_change(server: CtGovServer, cli: Cli) -> None:
    assert cli("refresh", NCT).code == 0
    server.add(study(criteria=CRITERIA + "\n* Previous stem-cell transplant", max_age="55 Years"))
    server.data_timestamp = "2031-01-01T00:00:00"
    assert cli("refresh", NCT).code == 0
    changes = {c["field"]: c for c in json.loads(cli("history", NCT, "--json").out)}
    assert changes["eligibility"]["old"].startswith("Ages 18–50 years")
    assert changes["eligibility"]["new"].startswith("Ages 18–55 years")
    assert changes["eligibility_criteria"]["new"].endswith("Previous stem-cell transplant")
    assert "Who can join: Ages 18–50 years" in cli("history", NCT).out


def test_details_filled_in_after_an_upgrade_are_not_changes(
    server: CtGovServer, cli: Cli, data_dir: Path
) -> None:
    """A library upgraded to schema 0004 has no eligibility to compare with until its next refresh."""
    assert cli("refresh", NCT).code == 0
    db = sqlite3.connect(data_dir / "trialtracker.sqlite3")
    db.execute("UPDATE trial SET eligibility = NULL, arm_groups = NULL, raw_hash = 'before-0004' WHERE nct_id = ?",
               (NCT,))  # fmt: skip
    db.commit()
    db.close()
    assert json.loads(cli("show", NCT, "--json").out)["details_fetched"] is False
    assert "appear after the next" in cli("show", NCT).out
    server.data_timestamp = "2031-01-01T00:00:00"
    assert cli("refresh", NCT).code == 0
    fields = {c["field"] for c in json.loads(cli("history", NCT, "--json").out)}
    assert not fields & {"eligibility", "eligibility_criteria"}
    assert json.loads(cli("show", NCT, "--json").out)["details_fetched"] is True


def test_page_links_come_only_from_checked_values_and_outside_text_stays_text(
    server: CtGovServer, data_dir: Path, qtbot: QtBot
) -> None:
    lib = open_test_library(data_dir, api_url=server.url, pace=0)
    try:
        from trialtracker.services.refresh import run_refresh
        from trialtracker.services.registry import registry_client

        with registry_client(lib.settings) as client:
            assert run_refresh(lib, client, ids=[NCT], watches=False).ok
        detail = trials.detail(lib, NCT)
        assert detail is not None
        page = trial_html(detail, topics.topic_library())
        assert "href='mailto:ms.trials@example.org'" in page
        assert "href='tel:+13125550142'" in page
        assert "Site &lt;b&gt;nurse&lt;/b&gt;" in page and "<b>nurse</b>" not in page
        assert "x@y&lt;script&gt;" in page and "mailto:x@y" not in page  # not an address: no link
        assert "href='tel:555'" not in page  # too short to be a phone number
        assert "Recruiting (last known)" in page and "listed as recruiting when last checked" in page
        assert "Show the full description" in page and LONG not in page
        assert LONG in trial_html(detail, topics.topic_library(), expanded=True)
        assert "Not medical advice" in page

        pane = DetailPane(lib)
        show_trial(qtbot, pane, NCT)
        pane._on_anchor(QUrl("copy:%2B1%20(312)%20555-0142%20ext.%2012"))
        assert QGuiApplication.clipboard().text() == "+1 (312) 555-0142 ext. 12"
        pane._on_anchor(QUrl("action:more-description"))
        assert LONG in pane.browser.toPlainText().replace("\u2029", "\n")
        show_trial(qtbot, pane, None)
        show_trial(qtbot, pane, NCT)  # another trial shown and back: folded again
        assert "Show the full description" in pane.browser.toPlainText()
    finally:
        lib.close()
