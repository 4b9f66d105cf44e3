"""The tolerant v2 parser: real recorded responses (tests/fixtures/ctgov, see its README) and edge cases."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ctgov_server import drift_study, make_study
from trialtracker.ctgov.parser import ParseError, parse_studies_page, parse_study, unescape_markdown
from trialtracker.domain.records import (
    ACTUAL,
    ESTIMATED,
    Contact,
    Design,
    Eligibility,
    PartialDate,
    Reference,
    StudyRecord,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
FIXTURE_FILES = sorted(FIXTURES.glob("*.json"))


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _records_of(data: Any) -> list[StudyRecord]:
    """Every fixture is genuine v2 study JSON: a /studies page or a /studies/{id} body."""
    if isinstance(data, dict) and "studies" in data:
        return parse_studies_page(data)[0]
    return [parse_study(data)]


# --------------------------------------------------------------------------- contract over every fixture


def test_fixtures_are_the_unchanged_copies_listed_in_the_readme() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([\w.-]+\.json)` \| [\d,]+ \| `([0-9a-f]{64})` \|$", readme, re.M))
    assert len(listed) == 12
    assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in FIXTURE_FILES} == listed


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_every_real_fixture_parses(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw_studies = data.get("studies", [data])
    records = _records_of(data)
    assert len(records) == len(raw_studies) > 0
    for record, raw in zip(records, raw_studies, strict=True):
        ident = raw["protocolSection"]["identificationModule"]
        assert record.nct_id == ident["nctId"]
        assert record.raw == raw
        assert record.brief_title and "\\[" not in record.brief_title
        status = raw["protocolSection"].get("statusModule", {})
        assert record.overall_status == status.get("overallStatus")
        for key, value in (
            ("startDateStruct", record.start_date),
            ("completionDateStruct", record.completion_date),
        ):
            if key in status:
                assert isinstance(value, PartialDate)
                assert value.value == status[key]["date"]
                assert value.type == status[key].get("type")
                assert value.as_date() is not None
        design = raw["protocolSection"].get("designModule", {})
        assert list(record.phases) == design.get("phases", [])
        if "count" in design.get("enrollmentInfo", {}):
            assert record.enrollment_count == design["enrollmentInfo"]["count"]
        if record.brief_summary is not None:
            assert "\\[" not in record.brief_summary and "\\>" not in record.brief_summary


def test_paged_fixtures_tokens_and_totals() -> None:
    studies, token, total = parse_studies_page(_load("biomcp_search_phelan_limit5_20260811.json"))
    assert (len(studies), token, total) == (5, "ZVt07cGHkvI2wRk2CJf6_LLq14bEL8swd7KrgP4dnDeTsPkw", 21)
    studies, token, total = parse_studies_page(_load("biomcp_search_phelan_next_20260811.json"))
    assert len(studies) == 5 and token is not None and total is None  # totalCount on the first page only
    studies, token, total = parse_studies_page(_load("biomcp_search_phelan_limit50_20260811.json"))
    assert token is None and total is not None  # last page


def test_projected_fixture_dates_have_no_type_and_markdown_is_unescaped() -> None:
    record = parse_study(_load("biomcp_get_nct02576665_20260811.json"))
    assert record.start_date == PartialDate("2016-07", None)  # `fields=StartDate` drops the type
    assert record.start_date.precision == "month"
    assert record.completion_date == PartialDate("2019-12-20", None)
    assert record.brief_summary is not None and "[rHGG]" in record.brief_summary
    assert "\\[" not in record.brief_summary
    assert record.locations and all(loc.facility for loc in record.locations)


def test_other_names_and_observational_fixture() -> None:
    record = parse_study(_load("biomcp_get_nct06382129_20260811.json"))
    assert record.interventions[0].other_names == ("iza-bren", "izalontamab brengitecan", "BMS-986507")
    observational = parse_study(_load("biomcp_get_nct06604689_20260811.json"))
    assert observational.study_type == "OBSERVATIONAL"
    assert observational.phases == ()


def test_full_2023_beta_study() -> None:
    record = parse_study(_load("mcode_NCT02513394.json"))
    assert record.nct_id == "NCT02513394"
    assert record.start_date == PartialDate("2015-08", None)  # old record: no type
    assert record.primary_completion_date == PartialDate("2020-11", ACTUAL)
    assert record.completion_date == PartialDate("2025-09", ESTIMATED)
    assert record.status_verified_date == "2023-04"
    assert record.first_posted == "2015-07-31"
    assert record.has_results is True
    assert record.enrollment_count == 5796 and record.enrollment_type == ACTUAL
    assert record.lead_sponsor == "Alliance Foundation Trials, LLC."
    assert record.keywords == ("HR+/HER2- breast cancer", "Palbociclib")
    assert len(record.locations) == 437
    assert any(loc.country == "Korea, Republic of" for loc in record.locations)


def test_full_study_parts_a_person_weighing_it_reads() -> None:
    """Eligibility, design, arms, outcomes, officials, sites with coordinates, publications."""
    record = parse_study(_load("mcode_NCT02513394.json"))
    assert record.eligibility is not None
    assert record.eligibility.criteria and record.eligibility.criteria.startswith("Inclusion Criteria:")
    assert (record.eligibility.minimum_age, record.eligibility.maximum_age) == ("18 Years", None)
    assert record.eligibility.sex == "ALL" and record.eligibility.healthy_volunteers is False
    assert record.eligibility.std_ages == ("ADULT", "OLDER_ADULT")
    assert record.design == Design("RANDOMIZED", "PARALLEL", "TREATMENT", "NONE", ())
    assert [(a.label, a.type) for a in record.arms] == [
        ("Arm A", "EXPERIMENTAL"),
        ("Arm B", "OTHER"),
    ]
    assert [o.kind for o in record.outcomes] == ["primary"] + ["secondary"] * 4
    assert record.outcomes[0].time_frame == "4 years"
    assert record.officials[0] == Contact(
        name="Suzanne George, MD",
        role="PRINCIPAL_INVESTIGATOR",
        affiliation="Alliance Foundation Trials, LLC.",
    )
    first = record.locations[0]
    assert (first.zip, first.lat, first.lon) == ("36604", 30.69436, -88.04305)
    assert len(record.references) == 4 and record.references[0].pmid == "34995105"
    assert record.references[0].type == "DERIVED" and record.references[0].citation


def test_contacts_coordinates_and_references_are_read_tolerantly() -> None:
    record = parse_study({"protocolSection": {
        "identificationModule": {"nctId": "NCT00000001"},
        "contactsLocationsModule": {
            "centralContacts": [{"name": "Study desk", "role": "CONTACT", "phone": 3125551234, "email": "a@b.org"},
                                {"role": "CONTACT"}, "not a contact"],
            "locations": [{"facility": "Site", "geoPoint": {"lat": "91", "lon": True}},
                          {"facility": "Other", "geoPoint": {"lat": "41.5", "lon": -87.6},
                           "contacts": [{"name": "Site nurse", "phone": "+1 312", "phoneExt": "12"}]}],
        },
        "referencesModule": {"references": [{"pmid": "12a", "citation": "A paper."}, {"type": "RESULT"}]},
        "eligibilityModule": {"healthyVolunteers": "No"},
    }})  # fmt: skip
    assert record.central_contacts == (
        Contact(name="Study desk", role="CONTACT", phone="3125551234", email="a@b.org"),
    )
    assert (record.locations[0].lat, record.locations[0].lon) == (None, None)  # out of range, not a number
    assert (record.locations[1].lat, record.locations[1].lon) == (41.5, -87.6)
    assert record.locations[1].contacts == (Contact(name="Site nurse", phone="+1 312", phone_ext="12"),)
    assert record.references == (
        Reference(citation="A paper.", pmid=None, type=None),
    )  # a bad PMID is dropped
    assert record.eligibility == Eligibility(healthy_volunteers=False)
    assert record.design is None and record.arms == () and record.outcomes == ()


# --------------------------------------------------------------------------- synthetic edge cases


def test_generated_study_round_trip() -> None:
    study = make_study(
        "NCT01234567",
        overall_status="RECRUITING",
        start_date=("2019-03-04", "ACTUAL"),
        primary_completion_date=("2027-06", "ESTIMATED"),
        completion_date="2028",
        aliases=["NCT00000042"],
        phases=["PHASE1", "PHASE2"],
        enrollment=60,
        lead_sponsor="Uppsala University",
    )
    record = parse_study(study)
    assert record.nct_id == "NCT01234567"
    assert record.aliases == ("NCT00000042",)
    assert record.start_date == PartialDate("2019-03-04", ACTUAL)
    assert record.primary_completion_date == PartialDate("2027-06", ESTIMATED)
    assert record.completion_date == PartialDate("2028", None)
    assert record.completion_date.precision == "year"
    assert record.phases == ("PHASE1", "PHASE2")
    assert record.enrollment_count == 60
    assert record.lead_sponsor == "Uppsala University"
    assert record.conditions[0] == "Multiple Sclerosis"
    assert record.interventions and record.interventions[0].type in {"PROCEDURE", "BIOLOGICAL"}
    assert record.locations and record.locations[0].status == "RECRUITING"
    assert (
        record.brief_summary is not None
        and "(MS)" in record.brief_summary
        and ">= 2.0" in record.brief_summary
    )


def test_missing_modules_give_empty_values() -> None:
    record = parse_study({"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}})
    assert record == StudyRecord(nct_id="NCT00000001")
    assert record.start_date is None and record.interventions == () and record.has_results is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"protocolSection": {}},
        {"protocolSection": {"identificationModule": {"nctId": "not an id"}}},
        {"protocolSection": {"identificationModule": {"nctId": None}}},
        {"protocolSection": "garbage"},
        [],
        None,
        "NCT00000001",
    ],
)
def test_no_usable_nct_id_raises(data: Any) -> None:
    with pytest.raises(ParseError):
        parse_study(data)


def test_unknown_enums_and_drift_are_kept_or_ignored() -> None:
    study = make_study("NCT00000002", overall_status="PAUSED_BY_REGULATOR", phases=["PHASE5"])
    study["protocolSection"]["designModule"]["studyType"] = "ROBOTIC"
    record = parse_study(study)
    assert record.overall_status == "PAUSED_BY_REGULATOR"
    assert record.phases == ("PHASE5",)
    assert record.study_type == "ROBOTIC"
    drifted = parse_study(drift_study(study))
    assert drifted.nct_id == "NCT00000002"
    assert drifted.overall_status is None  # statusModule renamed: treated as missing
    assert drifted.phases == () and drifted.enrollment_count is None


def test_type_oddities_are_tolerated() -> None:
    study = make_study("NCT00000003", enrollment="120", phases="PHASE2", has_results="true")
    ps = study["protocolSection"]
    ps["statusModule"]["startDateStruct"] = "2016-07"  # a bare string instead of a struct
    ps["statusModule"]["completionDateStruct"] = {"date": 2019}  # a number
    ps["statusModule"]["primaryCompletionDateStruct"] = {"type": "ACTUAL"}  # no date
    ps["conditionsModule"]["conditions"] = "Multiple Sclerosis"  # a string, not a list
    ps["conditionsModule"]["keywords"] = ["ok", 5, None, {"x": 1}, "  "]
    ps["armsInterventionsModule"]["interventions"] = [None, "Stem cells", {"name": 7, "otherNames": "aHSCT"}]
    ps["contactsLocationsModule"]["locations"] = {"not": "a list"}
    ps["sponsorCollaboratorsModule"]["leadSponsor"] = "Karolinska"
    ps["identificationModule"]["nctIdAliases"] = "nct00000099"
    ps["identificationModule"]["nctId"] = " nct00000003 "
    record = parse_study(study)
    assert record.nct_id == "NCT00000003"
    assert record.aliases == ("NCT00000099",)
    assert record.enrollment_count == 120
    assert record.phases == ("PHASE2",)
    assert record.has_results is True
    assert record.start_date == PartialDate("2016-07", None)
    assert record.completion_date == PartialDate("2019", None)
    assert record.primary_completion_date is None
    assert record.conditions == ("Multiple Sclerosis",)
    assert record.keywords == ("ok", "5")
    assert [i.name for i in record.interventions] == ["Stem cells", "7"]
    assert record.interventions[1].other_names == ("aHSCT",)
    assert record.locations == ()
    assert record.lead_sponsor == "Karolinska"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.0, 3), (3.5, None), (True, None), ("1,200", 1200), ("n/a", None), (None, None), ([1], None)],
)
def test_enrollment_count_coercion(value: Any, expected: int | None) -> None:
    study = make_study("NCT00000004", enrollment=value)
    assert parse_study(study).enrollment_count == expected


def test_lowercase_date_type_normalised() -> None:
    study = make_study("NCT00000005", start_date={"date": "2020-01", "type": "estimated"})
    assert parse_study(study).start_date == PartialDate("2020-01", ESTIMATED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recurrent high grade glioma \\[rHGG\\]", "recurrent high grade glioma [rHGG]"),
        ("EDSS \\>= 2.0 and \\<= 6", "EDSS >= 2.0 and <= 6"),
        ("a\\_b \\*c\\* \\#1 \\\\ d", "a_b *c* #1 \\ d"),
        ("C:\\path and \\d not escapes", "C:\\path and \\d not escapes"),
        ("plain", "plain"),
    ],
)
def test_markdown_unescape(text: str, expected: str) -> None:
    assert unescape_markdown(text) == expected


def test_page_shape_errors_and_skips() -> None:
    good = make_study("NCT00000006")
    studies, token, total = parse_studies_page(
        {"studies": [good, {"protocolSection": {}}, "junk"], "nextPageToken": "", "totalCount": "3"}
    )
    assert [s.nct_id for s in studies] == ["NCT00000006"]
    assert token is None and total == 3
    bad: Any
    for bad in ([], "x", {"error": "nope"}, {"studies": {"a": 1}}):
        with pytest.raises(ParseError):
            parse_studies_page(bad)


def test_raw_is_the_study_dict_and_not_compared() -> None:
    study = make_study("NCT00000008")
    record = parse_study(study)
    assert record.raw == study
    other = copy.deepcopy(study)
    other["derivedSection"] = {}
    assert parse_study(other) == record
