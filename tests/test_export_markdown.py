"""`export --format md` is a report a person with MS, an MS nurse or an advocate can read and share
(issue 14, item 7): labels in words, not registry codes; could I join, whom to ask, what it found; and
outside text (titles, criteria, contacts, the user's own notes) stays text, never Markdown structure."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import CliResult
from tests.ctgov_server import CtGovServer, make_study
from trialtracker.domain.catalog import load_catalog
from trialtracker.services.exchange import export_markdown_chunks, md_block, md_text
from trialtracker.services.library import Library


@pytest.fixture
def cli(either_cli):  # type: ignore[no-untyped-def]
    """Every command here runs on the local file and on a team library (PostgreSQL)."""
    return either_cli


@pytest.fixture
def library(either_library):  # type: ignore[no-untyped-def]
    return either_library


Cli = Callable[..., CliResult]
CATALOG_IDS = [e.nct_id for e in load_catalog().entries]
NCT = "NCT00288626"  # HALT-MS: the trial made rich below
SOON, UNKNOWN, HOSTILE = CATALOG_IDS[2], CATALOG_IDS[3], CATALOG_IDS[4]
CRITERIA = (
    "Inclusion Criteria:\n\n* Age 18-50 years\n* Relapsing MS with EDSS \\>= 2.0\n\n"
    "Exclusion Criteria:\n\n* Pregnancy\n* Active infection\n* \\| table \\| cell \\|"
)
HOSTILE_TITLE = "# Evil | title <b>bold</b> [click](javascript:alert(1)) `code` *em*"
HOSTILE_NOTE = "# heading\n| a | b |\n|---|---|\n<script>x</script>\n[link](javascript:alert(1))\n1. one\n    indented\n==="
ENUMS = ("RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED", "UNKNOWN", "PHASE1",
         "PHASE2", "PHASE3", "INTERVENTIONAL", "ESTIMATED", "ACTUAL", "CONTACT", "PRINCIPAL_INVESTIGATOR",
         "RESULT", "BACKGROUND")  # fmt: skip


def rich_study() -> dict[str, Any]:
    """Everything the report reads, as the registry sends it."""
    made = make_study(NCT, overall_status="RECRUITING", phases=["PHASE1", "PHASE2"], acronym="HALT-MS",
                      start_date=("2019-03", "ACTUAL"), primary_completion_date=("2027-06", "ESTIMATED"),
                      enrollment=40, enrollment_type="ESTIMATED", study_type="INTERVENTIONAL",
                      lead_sponsor="National Institute of Allergy and Infectious Diseases (NIAID)")  # fmt: skip
    ps = made["protocolSection"]
    ps["eligibilityModule"]["eligibilityCriteria"] = CRITERIA
    where = ps["contactsLocationsModule"]
    where["centralContacts"] = [{"name": "Trial desk", "role": "CONTACT", "phone": "+1 (312) 555-0142",
                                 "phoneExt": "12", "email": "ms.trials@example.org"}]  # fmt: skip
    where["overallOfficials"] = [{"name": "Dr <b>A</b> Investigator", "role": "PRINCIPAL_INVESTIGATOR",
                                  "affiliation": "Northwestern University"}]  # fmt: skip
    ps["referencesModule"] = {"references": [
        {"pmid": "12345678", "type": "BACKGROUND", "citation": "A background paper."},
        {"pmid": "23456789", "type": "RESULT", "citation": "The results of this trial."},
    ]}  # fmt: skip
    return made


@pytest.fixture(name="server")
def report_server(ctgov_server: CtGovServer, monkeypatch: pytest.MonkeyPatch) -> CtGovServer:
    """The test registry serving every catalog trial (one rich, one opening soon, one of unknown status, one
    with a hostile title), and the CLI pointed at it."""
    ctgov_server.add_generated(*CATALOG_IDS)
    ctgov_server.add(
        rich_study(),
        make_study(SOON, overall_status="NOT_YET_RECRUITING", phases=["PHASE2"]),
        make_study(UNKNOWN, overall_status="UNKNOWN", last_known_status="ACTIVE_NOT_RECRUITING",
                   status_verified_date="2019-03"),
        make_study(HOSTILE, has_results=True, brief_title=HOSTILE_TITLE, acronym="<i>X</i>", lead_sponsor="| Sponsor | Inc |",
                   brief_summary="# Not a heading\n\n- not a list\n> not a quote\n<div>not html</div>"),
    )  # fmt: skip
    monkeypatch.setenv("TRIALTRACKER_API_URL", ctgov_server.url)
    monkeypatch.setenv("TRIALTRACKER_PACE", "0")
    return ctgov_server


def section(report: str, nct: str) -> str:
    """The part of the report about one trial (its heading to the next trial's)."""
    parts = re.split(r"(?m)^(?=## )", report)
    (found,) = [p for p in parts if p.splitlines()[0].endswith(f"({nct})") or p.startswith(f"## {nct}\n")]
    return found


@pytest.fixture(name="report")
def refreshed_report(server: CtGovServer, cli: Cli) -> str:
    assert cli("refresh").code == 0
    assert cli("note", HOSTILE, "--add", HOSTILE_NOTE).code == 0
    assert cli("note", NCT, "--add", "Ask about travel costs.\nAnd about the waiting list.").code == 0
    assert cli("star", NCT).code == 0
    assert cli("tag", NCT, "hsct", "chicago").code == 0
    result = cli("export", "--format", "md")
    assert result.code == 0, result.err
    return result.out


def test_labels_are_words_not_registry_codes(report: str) -> None:
    for code in ENUMS:
        assert not re.search(rf"\b{code}\b", report), code
    rich = section(report, NCT)
    for expected in ("- **Status:** Recruiting", "- **Phase:** Phase 1 / Phase 2",
                     "- **Study type:** Interventional", "- **Enrollment:** 40 participants (estimated)",
                     "- **Start date:** 2019-03 (actual)", "- **Primary completion:** 2027-06 (estimated)",
                     "- **Sponsor:** National Institute of Allergy and Infectious Diseases (NIAID)",
                     "- **Registry page:** <https://clinicaltrials.gov/study/NCT00288626>"):  # fmt: skip
        assert expected in rich, expected
    assert "- **Status:** Not yet recruiting" in section(report, SOON)
    assert "- **Phase:** Phase 2" in section(report, SOON)


def test_the_report_reads_in_order_for_a_person_weighing_the_trial(report: str) -> None:
    assert report.startswith("# Trial Tracker report\n\n**Not medical advice.**")
    assert report.count("Not medical advice") == 1
    assert re.search(r"Exported on \d{4}-\d{2}-\d{2} by Trial Tracker", report)
    assert report.count("\n## ") == len(CATALOG_IDS)  # one section a trial
    rich = section(report, NCT)
    assert rich.startswith("## HALT-MS: ")  # "## ACRONYM: Title (NCT…)"
    order = ["- **Status:**", "### What it is", "### Could I join?", "#### Who can take part",
             "#### Who cannot take part", "### Whom to ask", "### Sites", "### Publications",
             "★ **Starred** · **Your tags:** chicago, hsct", "### Your notes"]  # fmt: skip
    places = [rich.index(x) for x in order]
    assert places == sorted(places)
    assert "Ages 18–50 years · all sexes · no healthy volunteers" in rich
    assert "- Age 18-50 years\n- Relapsing MS with EDSS \\>= 2.0\n" in rich
    assert "- Pregnancy\n- Active infection\n- \\| table \\| cell \\|\n" in rich
    assert "- Trial desk (Contact) — phone +1 (312) 555-0142 ext. 12, email ms.trials@example.org" in rich
    assert "- Dr \\<b\\>A\\</b\\> Investigator (Principal investigator), Northwestern University" in rich
    results = rich.index("https://pubmed.ncbi.nlm.nih.gov/23456789/")
    assert results < rich.index("https://pubmed.ncbi.nlm.nih.gov/12345678/")  # the results first
    assert "- Reports this study's results: The results of this trial. PubMed: <https://pubmed" in rich
    assert re.search(r"### Sites\n\n\d+ sites? in \d+ countr(y|ies): ", rich)
    assert "> Ask about travel costs.  \n> And about the waiting list." in rich
    unknown = section(report, UNKNOWN)
    assert unknown.index("> Status unknown: this trial has passed") < unknown.index(
        "- **Status:** Unknown status"
    )
    assert "last known status was “Active, not recruiting” (last checked 2019-03)" in unknown
    assert "Status unknown" not in rich


def test_outside_text_stays_text(report: str) -> None:
    hostile = section(report, HOSTILE)
    results = f"<https://clinicaltrials.gov/study/{HOSTILE}?tab=results>"
    assert f"- **Results posted:** Yes {results}" in hostile
    assert f"### Publications\n\n- Results are posted on the registry: {results}\n" in hostile
    heading = hostile.splitlines()[0]
    assert heading == (
        "## \\<i\\>X\\</i\\>: \\# Evil \\| title \\<b\\>bold\\</b\\> \\[click\\](javascript:alert(1)) "
        f"\\`code\\` \\*em\\* ({HOSTILE})"
    )
    assert "- **Sponsor:** \\| Sponsor \\| Inc \\|" in hostile
    assert "\\# Not a heading\n\n\\- not a list  \n\\> not a quote  \n\\<div\\>not html\\</div\\>" in hostile
    note = hostile[hostile.index("### Your notes") :]
    quoted = [line for line in note.splitlines() if line.startswith(">")]
    assert quoted == ["> \\# heading  ", "> \\| a \\| b \\|  ", "> \\|---\\|---\\|  ",
                      "> \\<script\\>x\\</script\\>  ", "> \\[link\\](javascript:alert(1))  ", "> 1\\. one  ",
                      "> indented  ", "> \\==="]  # fmt: skip
    # Nowhere in the report does outside text open structure: every heading is one of ours, and every
    # `<`, `|`, backtick and bracket is escaped, but for our own links and the refresh hint.
    ours = {"# Trial Tracker report", "### What it is", "### Could I join?", "#### Who can take part",
            "#### Who cannot take part", "### Whom to ask", "### Sites", "### Publications", "### Your notes"}  # fmt: skip
    for line in report.splitlines():
        if line.startswith("#"):
            assert line in ours or (line.startswith("## ") and line.endswith(")")), line
        bare = re.sub(r"<https://[\w./?=-]+>|`trialtracker refresh`", "", line)
        assert not re.search(r"(?<!\\)(?:\\\\)*[<>|`\[\]]", bare.lstrip(">")), line


def test_an_unrefreshed_catalog_library_exports(cli: Cli) -> None:
    result = cli("export", "--format", "md")
    assert result.code == 0, result.err
    report = result.out
    assert report.count("\n## ") == len(CATALOG_IDS)
    assert report.count("- **Status:** Not refreshed yet") == len(CATALOG_IDS)
    assert "appear after the next `trialtracker refresh`" in report
    assert "- **Phase:** Phase 2" in report  # the catalog's phase until the registry's is known
    assert "> **Caution:** " in report and "CCSVI" in report


def test_the_report_is_streamed_a_trial_at_a_time(library: Library) -> None:
    chunks = list(export_markdown_chunks(library))
    assert len(chunks) == 1 + len(CATALOG_IDS)
    assert chunks[0].startswith("# Trial Tracker report") and "## " not in chunks[0]
    assert all(chunk.count("\n## ") == 1 for chunk in chunks[1:])


def test_an_empty_library_says_so(cli: Cli) -> None:
    assert cli("remove", *CATALOG_IDS).code == 0
    report = cli("export", "--format", "md").out
    assert report.startswith("# Trial Tracker report") and "No trials are tracked." in report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("# h", "\\# h"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("2) item", "2\\) item"),
        ("3.5 mg", "3.5 mg"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("    code", "code"),
        ("> quote", "\\> quote"),
        ("a | b", "a \\| b"),
        (
            "<b>x</b> &amp; `c` [l](u) *e* _u_ ~s~ $m$ \\",
            "\\<b\\>x\\</b\\> \\&amp; \\`c\\` \\[l\\](u) \\*e\\* \\_u\\_ \\~s\\~ \\$m\\$ \\\\",
        ),
        ("two\nlines\u2028and\x00more", "two lines and more"),
    ],
)
def test_md_text_escapes_what_could_be_structure(text: str, expected: str) -> None:
    assert md_text(text) == expected


def test_md_text_mid_line_leaves_leading_marks() -> None:
    assert md_text("- 5 years", at_start=False) == "- 5 years"
    assert md_text("# 5", at_start=False) == "\\# 5"


def test_md_block_keeps_lines_and_paragraphs() -> None:
    assert md_block("a\nb\n\n\n  \nc\n") == ["a  ", "b", "", "c"]
    assert md_block("# a\n\nb", "> ") == ["> \\# a", ">", "> b"]
    assert md_block("\n\n") == []
