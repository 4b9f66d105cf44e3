"""The "Could I join?" page: criteria split into lists, ages and sexes in one plain line.

The split is checked on real registry texts (``fixtures/eligibility_texts.json``, credited in
``fixtures/README.md``, and the recorded records in ``fixtures/ctgov/``) with their exact first and
last items and counts, and with Hypothesis on generated texts: nothing is lost, no item is empty,
and a generated list comes back with every item in the list it was written under.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from trialtracker.domain.eligibility import (
    NESTED,
    Criteria,
    age_text,
    eligibility_summary,
    split_criteria,
)

FIXTURES = Path(__file__).parent / "fixtures"
REAL: list[dict[str, str]] = json.loads((FIXTURES / "eligibility_texts.json").read_text(encoding="utf-8"))


def _recorded() -> dict[str, str]:
    """Criteria texts of the recorded API records in fixtures/ctgov, by NCT ID."""
    found: dict[str, str] = {}
    for path in sorted((FIXTURES / "ctgov").glob("*.json")):
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        for study in data.get("studies") or [data]:
            section = study.get("protocolSection", {})
            text = section.get("eligibilityModule", {}).get("eligibilityCriteria")
            if text:
                found[section["identificationModule"]["nctId"]] = text
    return found


TEXTS = {row["nct_id"]: row["text"] for row in REAL} | _recorded()

# fmt: off
# nct_id -> (inclusion count, first, last, exclusion count, first, last, start of other)
EXPECTED: dict[str, tuple[int, str | None, str | None, int, str | None, str | None, str]] = {
    # systemic sclerosis CAR-T (recorded beside BEAT-MS): a numbered item with three nested bullets
    "NCT06655896": (7, "Participant must fulfill the 2013 American College of Rheumatology/ European League Against Rheumatism classification criteria for systemic sclerosis and meet the diffuse cutaneous SSc (dcSSc) subset classification according to LeRoy.", "All recommended vaccinations received according to institutional, local or global guidelines for immuno-compromised patients.",
                    9, "Any condition during Screening that could prevent a complete washout of medications as required per protocol or could otherwise make the participant ineligible for anti-CD19 CAR-T therapy and further participation in the study, as judged by the Investigator.", "Vaccination with live attenuated vaccines within 6 weeks prior to randomization.", "Other protocol-defined inclusion/exclusion criteria may apply."),
    # ENABLE, ublituximab in MS: short numbered lists, a registered-trademark sign
    "NCT06433752": (2, "Confirmed Multiple Sclerosis (MS) diagnosis.", "Participants who have not received any BRIUMVI® (ublituximab-xiiy) infusion prior to study start. Participants who have been prescribed BRIUMVI® (ublituximab-xiiy) but have not yet received their first infusion on Day 1 of 150 milligrams (mg) can be included.",
                    3, "Have received any live or live-attenuated vaccines (including for varicella-zoster virus or measles) within 4 weeks prior to first BRIUMVI® (ublituximab-xiiy) administration or any non-live vaccines within 2 weeks prior to first BRIUMVI® (ublituximab-xiiy) administration.", "Concurrent participation in any interventional MS trials, or planned concurrent treatment with other Multiple Sclerosis Disease Modifying Therapy (MS DMT) during the study period.", ""),
    # BEAT-MS, AHSCT for MS: numbers, escaped "6\.", nested lists, numbers indented by the sponsor
    "NCT04047628": (20, "Age 18 to 55 years, inclusive, at the time of the screening Visit -2.", NESTED + "For participants who use medicinal or recreational marijuana, willingness to substitute MARINOL® if randomized to AHSCT (Section 5.4.2.6).",
                    44, "Diagnosis of primary progressive MS according to the 2017 McDonald criteria.", "Presence of any other concomitant medical condition that the investigator deems incompatible with trial participation.", ""),
    # paediatric RRMS: "  i)" nested, "ii)" unindented, an escaped "\-" bullet
    "NCT06408259": (6, "Has a diagnosis of multiple sclerosis (MS) as defined by the 2017 revision of the McDonald Criteria with a relapsing remitting course of disease.", "Has an Expanded Disability Status Scale (EDSS) score of 0 to 5.5, both inclusive.",
                    4, "Diagnosis of progressive forms of MS.", "Other protocol-defined Inclusion/Exclusion criteria apply.", ""),
    "NCT06441617": (10, "Informed consent by person with MS", "No disease-modifying therapeutic (DMT) started in the 4 weeks prior to answering the screening questionnaire (self-reported)",
                    3, "Unwilling or unable to consent", "Concurrent participation in another interventional trial", ""),
    # "* INCLUSION CRITERIA:" as a bullet, "EXCLUSION CRITERIA:", a lone "OR", "--Measured"
    "NCT06096870": (21, "Participant must provide documentation of histologic or cytological confirmation of prostate cancer or tumor sample for diagnosis confirmation. Note: in the absence of pathology or documentation, participant must have a rising PSA, PSMA+ disease, and his history consistent with prostate cancer as documented by the investigator.", "Participants must be able to understand and willing to sign a written informed consent document.",
                    8, "Evidence of soft tissue disease on CT scan (or magnetic resonance imaging (MRI) if assessment cannot be done by CT scan) per RECIST 1.1 criteria (lymph nodes up to 2.0 cm in the shortest dimension are allowed).", "Uncontrolled intercurrent illness that would limit compliance with study requirements.", ""),
    # two groups: "Inclusion Criteria, cases:" ... "Exclusion Criteria, controls:"
    "NCT01271491": (7, "Inclusion Criteria, cases:", "age less than 2 years",
                    14, "Exclusion Criteria, cases:", "requiring intubation and mechanical ventilation during the hospitalization", ""),
    # a sentence under the heading, "1\." numbers, a nested numbered list
    "NCT06737159": (10, "Children eligible for the trial must fulfil all of the following criteria:", "Crackles and/or wheezing. 2. Aged 5 weeks - 24 months old.",
                    1, "Diagnosis or suspicion of asthma.", "Diagnosis or suspicion of asthma.", ""),
    "NCT00113191": (4, "Written informed consent obtained from parent or legal guardian", "Expected to require IV access for medical care through day of life 14",
                    10, "Already received or likely to receive prior to first infusion of Study Drug:", "Evidence of abnormal renal function as measured by serum creatinine > 1.6 mg/dL", ""),
    # "Key Inclusion Criteria:", and a closing disclaimer about both lists
    "NCT02210780": (5, "Male or female adults ages 18 to 64 years with Chronic AD (according to the American Academy of Dermatology Consensus Criteria, [Eichenfeld 2004])that has been present for at least 3 years before the screening visit", "≥10% body surface area (BSA) of AD involvement at the screening and baseline visits",
                    7, "Prior treatment with dupilumab (REGN668/ SAR231893)", "Chronic or acute infection requiring treatment with antibiotics, antivirals, antiparasitics, antifungals within 4 weeks before screening visit or superficial skin infections within 1 week of screening visit",
                    "The information listed above is not intended to contain all considerations"),
    # "Eligibility criteria:" then "Exclusion criteria:", with sub-groups
    "NCT03630471": (11, "For adolescent participants:", "Proficient in spoken English or Hindi",
                    10, "For adolescent participants:", "Intoxicated at the point of consent or assessment", ""),
    # an old record without inclusion/exclusion headings: all of it stays in `other`
    "NCT00023673": (0, None, None, 0, None, None, "DISEASE CHARACTERISTICS:\n\nHistologically or cytologically confirmed"),
    # the recorded API records in fixtures/ctgov
    "NCT02576665": (16, "Patient has given written informed consent.", "Patients with GBM or anaplastic astrocytoma must be at first or second recurrence (including this recurrence) or have progressed following initial definitive multimodal therapy with surgery, temozolomide, and radiation (confirmed by diagnostic biopsy with local pathology review or contrast-enhanced magnetic resonance imaging [MRI]). If first recurrence is documented by MRI, an interval of at least 12 weeks after the end of prior radiation therapy is required, unless there is either histopathologic confirmation of recurrent tumor or new enhancement on MRI outside the radiotherapy treatment field.",
                    15, "Patient has a history of other malignancy, unless the patient has been disease free for at least 5 years. Adequately treated basal cell carcinoma or squamous cell skin cancer is acceptable regardless of time, as well as localized prostate carcinoma or cervical carcinoma in situ, after curative treatment.", "Patient has previously participated in the Toca 5 trial (Tg 511-15-01).", ""),
    "NCT06382129": (12, "Voluntarily sign the informed consent and follow the requirements of the protocol;", "For premenopausal women with childbearing potential, a pregnancy test must be performed within 7 days before the initiation of treatment, serum pregnancy must be negative, and must be non-lactating; All enrolled patients (male or female) were advised to use adequate barrier contraception throughout the treatment cycle and for 6 months after the end of treatment.",
                    26, "Previous histological or cytological evidence of small cell or mixed small/non-small cell components;", "Any other circumstances in which the investigator considered it inappropriate to participate in the trial because of complications or other circumstances.", ""),
    "NCT06604689": (10, "Pathologically confirmed non-small cell lung cancer;", "informed consent of the patient.",
                    4, "Multiple primary or metastatic tumors (except early skin cancer, cervical carcinoma in situ that has been treated radically, with no recurrence or progression for more than 5 years);", "Uncontrolled epilepsy, central nervous system disease, or history of mental disorders, judged by the researcher to potentially interfere with the signing of the informed consent form or affect patient compliance.", ""),
    "NCT02513394": (21, "Signed informed consent prior to study specific procedures.", "Serum creatinine below the upper limit of the institutional normal range (ULN) or creatinine clearance ≥ 60 mL/min/1.73 m2 for patients with serum creatinine levels above institutional ULN.",
                    13, "Concurrent therapy with other Investigational Products.", "Patients receiving concurrent exogenous hormone therapy (topical vaginal estrogen therapy is allowable).", ""),
}
# fmt: on

# Words a recognised heading stands for: the field carries them, so they are not repeated.
_HEADING_WORDS = frozenset({"key", "inclusion", "exclusion", "eligibility", "criteria", "criterion"})
# A list mark at the start of a line, written more loosely than the module's: any 1-6 letters/digits.
_LOOSE_MARK = re.compile(r"^\s*#*\s*(?:(?:\\?[-*•+·▪◦‣])+\s*|\(?\w{1,6}\\?[.)](?=\s|$))?")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W_]+", text)}


def _lost(text: str, got: Criteria) -> set[str]:
    """Words of ``text`` (marks and bare heading words aside) that are in none of the outputs."""
    written = set().union(*(_words(_LOOSE_MARK.sub("", line, count=1)) for line in text.splitlines()))
    kept = _words(" ".join((*got.inclusion, *got.exclusion, got.other)))
    return written - _HEADING_WORDS - kept


def _check_invariants(text: str | None, got: Criteria) -> None:
    assert got.text == (text or "")
    assert not _lost(text or "", got)
    assert all(item.strip() and item == item.strip() for item in (*got.inclusion, *got.exclusion))
    assert all(item != NESTED.strip() for item in (*got.inclusion, *got.exclusion))
    assert split_criteria(got.text) == got


def test_every_real_text_is_credited_and_has_expectations() -> None:
    assert 6 <= len(REAL) <= 10
    for row in REAL:
        assert set(row) == {"nct_id", "source_repo", "source_path", "text"}
        assert re.fullmatch(r"NCT\d{8}", row["nct_id"]) and "/" in row["source_repo"] and row["source_path"]
    assert "eligibility_texts.json" in (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert set(TEXTS) == set(EXPECTED)


@pytest.mark.parametrize("nct_id", sorted(EXPECTED))
def test_real_texts_split_into_the_expected_lists(nct_id: str) -> None:
    text = TEXTS[nct_id]
    got = split_criteria(text)
    n_inc, first_inc, last_inc, n_exc, first_exc, last_exc, other = EXPECTED[nct_id]
    assert len(got.inclusion) == n_inc
    assert (got.inclusion[:1] or (None,))[0] == first_inc
    assert (got.inclusion[-1:] or (None,))[0] == last_inc
    assert len(got.exclusion) == n_exc
    assert (got.exclusion[:1] or (None,))[0] == first_exc
    assert (got.exclusion[-1:] or (None,))[0] == last_exc
    assert got.other.startswith(other) and bool(got.other) == bool(other)
    _check_invariants(text, got)


def test_real_texts_nested_items_and_escapes() -> None:
    beat_ms = split_criteria(TEXTS["NCT04047628"])
    assert beat_ms.inclusion[5].startswith(NESTED + "At least one episode of disease activity must occur")
    assert beat_ms.exclusion[4:6] == (NESTED + "Onset of acute MS relapse, or", NESTED + "Treatment with intravenous methylprednisolone 1000 mg/day for 3 days or equivalent.")  # fmt: skip
    assert "Left ventricular ejection fraction (LVEF) < 50%." in beat_ms.exclusion
    prostate = split_criteria(TEXTS["NCT06096870"])
    assert "Testosterone >100 ng/dL." in prostate.inclusion and "OR" in prostate.inclusion
    assert prostate.inclusion[9] == NESTED + "Absolute neutrophil count (ANC) >=1,500/microliter, without granulocyte colony-stimulating factor (G-CSF) support"  # fmt: skip
    infants = split_criteria(TEXTS["NCT00113191"])
    assert infants.exclusion[1] == NESTED + "IGIV or *immune globulin for prevention of Hepatitis B"
    old = split_criteria(TEXTS["NCT00023673"])
    assert old.other == TEXTS["NCT00023673"].strip()


# (text, inclusion, exclusion, other): each heading style, mark and placement rule once
# fmt: off
CASES: list[tuple[str | None, tuple[str, ...], tuple[str, ...], str]] = [
    (None, (), (), ""),
    ("   \n\n", (), (), ""),
    ("Just some words, no lists.", (), (), "Just some words, no lists."),
    ("**Inclusion Criteria:**\n\n* a\n* b\n\n**Exclusion Criteria:**\n\n* c", ("a", "b"), ("c",), ""),
    ("# Inclusion\n- one\n# Exclusion\n- two", ("one",), ("two",), ""),
    ("INCLUSION CRITERIA\n1) one\n2) two\nEXCLUSION CRITERIA\na. three", ("one", "two"), ("three",), ""),
    ("Exclusion Criteria:\n\n* smoker\n\nInclusion Criteria:\n\n* adult", ("adult",), ("smoker",), ""),
    ("Key Inclusion Criteria:\n(a) x \\< 5\n(b) y \\> 2 \\* z", ("x < 5", "y > 2 * z"), (), ""),
    ("Inclusion Criteria for all participants:\n• aged 18", ("Inclusion Criteria for all participants:", "aged 18"), (), ""),
    ("Key inclusion criteria for part B\n* b1", ("Key inclusion criteria for part B", "b1"), (), ""),
    ("Inclusion Criteria: Adults >= 18 years.", ("Adults >= 18 years.",), (), ""),
    ("Note first.\n\nInclusion Criteria:\n* a\n  * a1\n    more of a1\n* b", ("a", NESTED + "a1 more of a1", "b"), (), "Note first."),
    ("Inclusion Criteria:\n\n1. begins here\n   and goes on\nlazily too\n\nOR\n\n2. next", ("begins here and goes on lazily too", "OR", "next"), (), ""),
    ("Inclusion Criteria:\n* a\n\\- still a\n\n\\- b", ("a - still a", "b"), (), ""),
    ("Eligibility criteria:\n* a\nExclusion criteria:\n* b", ("a",), ("b",), ""),
    ("Eligibility criteria:\n* a", (), (), "Eligibility criteria:\n* a"),
    ("Inclusion Criteria:\n* a\n\nOther inclusion/exclusion criteria may apply.", ("a",), (), "Other inclusion/exclusion criteria may apply."),
    ("Inclusion Criteria:\n* Patients who meet exclusion criteria\n* Exclusion criteria apply to all arms", ("Patients who meet exclusion criteria", "Exclusion criteria apply to all arms"), (), ""),
    ("Exclusion Criteria:\n\n-", (), (), ""),
]
# fmt: on


@pytest.mark.parametrize(("text", "inclusion", "exclusion", "other"), CASES)
def test_headings_marks_and_rules(
    text: str | None, inclusion: tuple[str, ...], exclusion: tuple[str, ...], other: str
) -> None:
    got = split_criteria(text)
    assert (got.inclusion, got.exclusion, got.other) == (inclusion, exclusion, other)
    _check_invariants(text, got)


# --- Hypothesis -------------------------------------------------------------------------------

_INC = ["adult", "consent", "walking", "relapse", "lesion", "ambulatory", "diagnosed", "stable"]
_EXC = ["pregnant", "infection", "cancer", "transplant", "allergy", "hepatitis", "smoker", "steroids"]
_PRE = ["sponsor", "protocol", "version", "summary"]
_INC_HEADS = ["Inclusion Criteria:", "Inclusion criteria", "INCLUSION CRITERIA", "Key Inclusion Criteria:", "**Inclusion Criteria:**", "# Inclusion", "* INCLUSION CRITERIA:"]  # fmt: skip
_EXC_HEADS = ["Exclusion Criteria:", "Exclusion criteria", "EXCLUSION CRITERIA:", "Key Exclusion Criteria", "**Exclusion Criteria:**", "## Exclusion", "- Exclusion criteria:"]  # fmt: skip
_MARKS = ["* ", "- ", "• ", "+ ", "1. ", "12) ", "a. ", "(b) ", "iii) ", "3\\. ", "\\- ", "2a. "]
_ESCAPES = ["\\<", "\\>", "\\*", "\\[", "\\]", "\\_"]


def _phrase(vocab: list[str]) -> st.SearchStrategy[str]:
    token = st.sampled_from(vocab) | st.sampled_from(_ESCAPES) | st.integers(0, 999).map(str)
    return st.lists(token, min_size=1, max_size=5).map(" ".join).filter(lambda s: any(w in s for w in vocab))


@st.composite
def _section(draw: st.DrawFn, heads: list[str], vocab: list[str]) -> tuple[str, int]:
    """A heading and its list, and how many items (nested ones included) it holds."""
    lines, count = [draw(st.sampled_from(heads)), ""], 0
    for _ in range(draw(st.integers(1, 5))):
        mark = draw(st.sampled_from(_MARKS))
        if "\\" in mark and lines[-1]:
            lines.append("")  # an escaped mark starts an item only where a paragraph starts
        lines.append(mark + draw(_phrase(vocab)))
        count += 1
        for _ in range(draw(st.integers(0, 2))):  # the item goes on, indented or lazily
            lines.append(draw(st.sampled_from(["   ", "  ", ""])) + draw(_phrase(vocab)))
        for _ in range(draw(st.integers(0, 3))):
            lines.append("   " + draw(st.sampled_from(["* ", "- ", "1. ", "a) "])) + draw(_phrase(vocab)))
            count += 1
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines), count


@st.composite
def _document(draw: st.DrawFn) -> tuple[str, int, int, str]:
    inc, n_inc = draw(_section(_INC_HEADS, _INC))
    exc, n_exc = draw(_section(_EXC_HEADS, _EXC))
    preamble = draw(st.one_of(st.just(""), _phrase(_PRE)))
    body = [inc, exc] if draw(st.booleans()) else [exc, inc]
    return "\n\n".join([preamble, *body] if preamble else body), n_inc, n_exc, preamble


@given(_document())
def test_generated_lists_come_back_whole_and_in_their_own_list(doc: tuple[str, int, int, str]) -> None:
    text, n_inc, n_exc, preamble = doc
    got = split_criteria(text)
    assert (len(got.inclusion), len(got.exclusion)) == (n_inc, n_exc)
    inc_words, exc_words = _words(" ".join(got.inclusion)), _words(" ".join(got.exclusion))
    assert not inc_words & set(_EXC + _PRE) and not exc_words & set(_INC + _PRE)
    assert _words(got.other) == _words(preamble.replace("\\", ""))
    assert not any("\\" in item for item in (*got.inclusion, *got.exclusion))
    _check_invariants(text, got)


_SNIPPETS = ["Inclusion Criteria:", "Exclusion criteria", "INCLUSION CRITERIA", "Key ", "Eligibility criteria:",
             "**", "# ", "\n", "\n\n", "   ", "* ", "- ", "• ", "1. ", "2) ", "a. ", "(iv) ", "\\<", "\\*", "\\",
             "--", "OR", "inclusion/exclusion", ", cases:", " for part B", ":", "word", "ii", "\t", "\r\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_SNIPPETS) | st.text(max_size=12), max_size=40).map("".join))
@example("Inclusion Criteria:\n\n* a\\_b \\<c")
@example("* \n1.\n\\-\n(a)")
def test_any_text_loses_nothing_and_gives_no_empty_items(text: str) -> None:
    _check_invariants(text, split_criteria(text))


@given(st.text())
def test_arbitrary_unicode_is_safe(text: str) -> None:
    _check_invariants(text, split_criteria(text))


# --- ages and the summary line ----------------------------------------------------------------


# fmt: off
AGES = [("18 Years", "18 years"), ("6 Months", "6 months"), ("1 Year", "1 year"), ("1 Month", "1 month"),
        ("5 Weeks", "5 weeks"), ("3 Days", "3 days"), ("72 Hours", "72 hours"), ("30 Minutes", "30 minutes"),
        (None, None), ("", None), ("N/A", None), ("eighteen", "eighteen"), ("18", "18")]
SUMMARIES = [
    (("18 Years", "55 Years", "ALL", False), "Ages 18–55 years · all sexes · no healthy volunteers"),
    (("18 Years", None, "FEMALE", True), "Ages 18 years and older · women only · healthy volunteers accepted"),
    ((None, "17 Years", "MALE", None), "Up to 17 years · men only"),
    ((None, None, None, None), "Any age"),
    (("6 Months", "17 Years", "ALL", None), "Ages 6 months to 17 years · all sexes"),
    (("5 Weeks", "24 Months", None, False), "Ages 5 weeks to 24 months · no healthy volunteers"),
    (("3 Days", "5 Days", "ALL", None), "Ages 3–5 days · all sexes"),
    (("1 Year", None, "all", None), "Ages 1 year and older · all sexes"),
    (("18 Years", "18 Years", None, None), "Age 18 years"),
    (("about 18", None, "UNKNOWN", None), "Ages about 18 and older"),
]
# fmt: on


@pytest.mark.parametrize(("value", "expected"), AGES)
def test_age_text(value: str | None, expected: str | None) -> None:
    assert age_text(value) == expected


@pytest.mark.parametrize(("args", "expected"), SUMMARIES)
def test_eligibility_summary(args: tuple[str | None, str | None, str | None, bool | None], expected: str) -> None:  # fmt: skip
    assert eligibility_summary(*args) == expected


@given(st.text(max_size=30) | st.none(), st.text(max_size=30) | st.none(), st.text(max_size=8) | st.none(), st.booleans() | st.none())  # fmt: skip
def test_summary_is_always_one_line(low: str | None, high: str | None, sex: str | None, hv: bool | None) -> None:  # fmt: skip
    line = eligibility_summary(low, high, sex, hv)
    assert line == " ".join(line.split())  # one line, single spaces, even around odd registry values
    assert line.startswith(("Ages ", "Age ", "Up to ", "Any age"))
