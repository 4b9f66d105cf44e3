"""Medical content a neurologist would sign (issue 16): every topic cites its sources and ends with them,
the date of its review and "not medical advice"; links and citations resolve; the prose reads at school
grade 8 or lower; abbreviations are spelt out; the linking rules give each topic the trials it should."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.topic_prose import GRADE_LIMIT, grade, prose
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.topic_links import ARTICLE_TRIAL, TrialFacts
from trialtracker.topics.library import (
    DISCLAIMER,
    OWN_CONTEXT_HEADING,
    REVIEWED_PREFIX,
    SOURCES_HEADING,
    SOURCES_KEY,
    Topic,
    TopicLibrary,
    anchors,
    heading_anchor,
    topic_as_text,
)
from trialtracker.topics.rules import link_rules

REVIEW = Path(__file__).parent / "fixtures" / "content-review.md"
_LINK = re.compile(r"\[([^\]]+)\]\(topic:([a-z0-9-]+)(?:#([a-z0-9-]+))?\)")
_CITATION = re.compile(r"\(?\[[^\]]+\]\(topic:sources#[a-z0-9-]+\)\)?")
_URL = re.compile(r"https?://\S+")
_REVIEWED = re.compile(r"^\*Last reviewed: (\d{4}-\d{2}-\d{2})\.\*$")
#: Abbreviations the topics use, and words of their expansion that must come at (or before) the first use.
ABBREVIATIONS = {
    "MS": "multiple sclerosis", "MSC": "mesenchymal", "MSCs": "mesenchymal", "HSCT": "haematopoietic",
    "EDSS": "expanded disability status scale", "DMT": "disease-modifying", "DMTs": "disease-modifying",
    "RRMS": "relapsing", "SPMS": "secondary progressive", "PPMS": "primary progressive",
    "MRI": "magnetic resonance", "CSF": "cerebrospinal fluid", "CNS": "central nervous system",
    "ATG": "anti-thymocyte", "ITP": "thrombocytopenia", "EBV": "epstein", "CAR-T": "chimeric antigen",
    "CCSVI": "chronic cerebrospinal venous insufficiency",
    "FDA": "food and drug administration", "EBMT": "european society for blood and marrow",
    "ASTCT": "american society for transplantation", "NIH": "national institutes of health",
}  # fmt: skip


@pytest.fixture(scope="module")
def topic_lib() -> TopicLibrary:
    return TopicLibrary()


def _closing(topic: Topic) -> list[str]:
    """The body's lines after its ``## Sources`` heading (empty lines dropped)."""
    lines = [line for line in topic.body.splitlines() if line.strip()]
    return lines[lines.index(SOURCES_HEADING) + 1 :] if SOURCES_HEADING in lines else []


def test_every_topic_ends_with_its_sources_its_review_date_and_not_medical_advice(
    topic_lib: TopicLibrary,
) -> None:
    for topic in topic_lib:
        lines = [line for line in topic.body.splitlines() if line.strip()]
        assert lines[-1] == DISCLAIMER and topic.body.count("Not medical advice") == 1, topic.key
        reviewed = _REVIEWED.match(lines[-2])
        assert reviewed and lines[-2].startswith(REVIEWED_PREFIX), f"{topic.key}: no review date"
        if topic.key == SOURCES_KEY:
            continue
        listed = _closing(topic)[:-2]
        assert [h for level, h in _headings(topic) if level == 2][-1] == "Sources", topic.key
        expected = [f"- [{s}](topic:{SOURCES_KEY}#{heading_anchor(s)})" for s in topic.sources]
        assert listed == expected, f"{topic.key}: the closing list differs from the header's sources"


def _headings(topic: Topic) -> list[tuple[int, str]]:
    from trialtracker.topics.library import headings

    return headings(topic.body)


def test_every_link_and_citation_resolves_and_every_citation_is_listed(topic_lib: TopicLibrary) -> None:
    cited_anywhere: set[str] = set()
    for topic in topic_lib:
        own_sources = {heading_anchor(s) for s in topic.sources}
        for label, key, anchor in _LINK.findall(topic.body):
            assert key in topic_lib, f"{topic.key}: link to unknown topic {key!r}"
            if anchor:
                assert anchor in anchors(topic_lib[key].body), f"{topic.key}: no heading {key}#{anchor}"
            if key == SOURCES_KEY and anchor:
                cited_anywhere.add(anchor)
                if topic.key != SOURCES_KEY:
                    assert anchor in own_sources, f"{topic.key}: cites {label!r} but does not list it"
    unused = {heading_anchor(h) for h in topic_lib.source_headings()} - cited_anywhere
    assert not unused, f"sources no topic cites: {sorted(unused)}"


def test_each_outside_source_has_a_full_citation(topic_lib: TopicLibrary) -> None:
    body = topic_lib.sources_page().body
    sections = re.split(r"^## ", body, flags=re.MULTILINE)[1:]
    for section in sections:
        heading, _, text = section.partition("\n")
        year = re.search(r"\b(19|20)\d\d\b", heading)
        if year:  # a dated outside source: a year in its citation, and where we read it
            assert year.group(0) in text and re.search(r"https?://", text), f"no full citation: {heading}"


def test_plain_language_every_topic_at_grade_8_or_lower(topic_lib: TopicLibrary) -> None:
    grades = {topic.key: grade(topic.body) for topic in topic_lib}
    print("\nFlesch-Kincaid grade of each topic's prose:")
    for key, value in grades.items():
        print(f"  {key:22} {value:4.1f}")
    too_hard = {key: value for key, value in grades.items() if value > GRADE_LIMIT}
    assert not too_hard, f"above grade {GRADE_LIMIT}: {too_hard}"


def test_prose_measure_leaves_out_headings_tables_links_and_the_closing_parts() -> None:
    body = "## Heading words\n\n| a | b |\n|---|---|\n| c | d |\n\nA [short](topic:x) line\n\n## Sources\n\n- [X](y)"
    assert prose(body) == "A short line."


def test_every_abbreviation_is_spelt_out_at_its_first_use(topic_lib: TopicLibrary) -> None:
    """At its first use in running text (citations aside), or before it, each abbreviation's long form is
    there too; the glossary instead gives each one an entry of its own."""
    glossary = set(anchors(topic_lib["glossary"].body))
    problems = []
    for topic in topic_lib:
        text = prose(_CITATION.sub("", topic.body))
        for abbreviation, expansion in ABBREVIATIONS.items():
            first = re.search(rf"(?<![\w-]){re.escape(abbreviation)}(?![\w-])", text)
            if first is None:
                continue
            if topic.key == "glossary":
                if heading_anchor(abbreviation.removesuffix("s")) not in glossary:
                    problems.append(f"glossary: no entry for {abbreviation}")
                continue
            window = text[: first.end() + 160].lower()
            if expansion not in window and expansion.replace("haem", "hem") not in window:
                problems.append(f"{topic.key}: {abbreviation} (…{text[first.start():first.end() + 40]!r})")
    assert not problems, "abbreviations not spelt out at first use:\n" + "\n".join(problems)


def test_the_projects_own_context_is_marked_and_cites_nothing(topic_lib: TopicLibrary) -> None:
    marked = 0
    for topic in topic_lib:
        if OWN_CONTEXT_HEADING not in topic.body:
            continue
        marked += 1
        section = topic.body.split(OWN_CONTEXT_HEADING, 1)[1].split("\n## ", 1)[0]
        assert f"topic:{SOURCES_KEY}#" not in section, f"{topic.key}: our own context cites a source"
    assert marked >= 10


def test_no_working_notes_or_copied_review_sentences_in_the_topics(topic_lib: TopicLibrary) -> None:
    review_words = re.findall(r"[a-z0-9]+", _URL.sub(" ", REVIEW.read_text(encoding="utf-8")).lower())
    runs = {tuple(review_words[i : i + 10]) for i in range(len(review_words) - 9)}
    for topic in topic_lib:
        assert not re.search(r"check registry|inferred|not seen|TODO|\?\?", topic.body), topic.key
        words = re.findall(r"[a-z0-9]+", _URL.sub(" ", topic.body).lower())  # an address is not wording
        copied = [" ".join(words[i : i + 10]) for i in range(len(words) - 9) if tuple(words[i : i + 10]) in runs]
        assert not copied, f"{topic.key} copies the review: {copied[:2]}"


def test_the_terminal_shows_lists_tables_and_headings_plainly(topic_lib: TopicLibrary) -> None:
    text = topic_as_text(topic_lib["hsct"])
    assert "**" not in text and "](" not in text and "|---" not in text
    bullets = [line for line in text.splitlines() if line.lstrip().startswith("•")]
    assert bullets and all("*" not in line for line in bullets)
    sample = Topic("t", "T", "S", (), ("x",), "- **not** approved\n1. first\n\n| a | b |\n|---|---|\n| c | d |")
    assert topic_as_text(sample).splitlines()[5:] == ["  • not approved", "  1. first", "", "  a  |  b",
                                                       "  c  |  d"]  # fmt: skip


def _catalog_facts() -> list[TrialFacts]:
    return [
        TrialFacts(nct_id=e.nct_id, brief_title=e.title, acronym=e.acronym, cell_type=e.cell_type,
                   route=e.route, ms_type=e.ms_type, caution=e.caution, lead_sponsor=e.sponsor,
                   article_trial=e.nct_id == ARTICLE_TRIAL)
        for e in load_catalog().entries
    ]


def test_linking_rules_give_each_topic_its_catalog_trials(topic_lib: TopicLibrary) -> None:
    links = {f.nct_id: {link.topic_key for link in link_rules(f)} for f in _catalog_facts()}
    counts = Counter(key for keys in links.values() for key in keys)
    print("\nCatalog trials linked to each topic:")
    for topic in topic_lib:
        print(f"  {topic.key:22} {counts.get(topic.key, 0)}")
    hsct = {n for n, keys in links.items() if "hsct" in keys}
    assert len(hsct) >= 15 and all("guidelines" in links[n] for n in hsct)
    assert not any("delivery-routes" in links[n] for n in hsct if "msc" not in links[n])
    # Company and private-clinic sponsors (content-review section 4), by the rule, not a list.
    for nct in ("NCT02939859", "NCT02034188", "NCT01364246", "NCT02674217", "NCT05116540", "NCT03069170"):
        assert "unregulated-clinics" in links[nct], nct
    assert "unregulated-clinics" not in links["NCT00273364"]
    assert counts["remyelination"] >= 5 and counts["msc-manufacturing"] >= counts["msc"]
    assert counts["autologous-vs-donor"] >= 50
    cart = {"NCT06451159", "NCT06384976", "NCT06220201", "NCT07006805", "NCT03283826"}
    assert all("other-cell-therapies" in links[n] and "msc" not in links[n] for n in cart)
    for key in ("glossary", "sources"):
        assert counts.get(key, 0) == 0  # reference pages, not about a trial


def test_open_trials_link_taking_part_and_questions_to_ask() -> None:
    open_trial = TrialFacts(nct_id="NCT07000001", overall_status="RECRUITING", cell_type="MSC")
    closed = TrialFacts(nct_id="NCT07000002", overall_status="COMPLETED", cell_type="MSC")
    soon = TrialFacts(nct_id="NCT07000003", overall_status="NOT_YET_RECRUITING", cell_type="MSC")
    for facts in (open_trial, soon):
        assert {"taking-part", "questions-to-ask"} <= {link.topic_key for link in link_rules(facts)}
    assert not {"taking-part", "questions-to-ask"} & {link.topic_key for link in link_rules(closed)}


def test_the_review_fixture_is_the_shared_research_note() -> None:
    text = REVIEW.read_text(encoding="utf-8")
    assert text.startswith("# Content review") and "Appendix: facts checked" in text
    assert json.dumps(text)  # plain text, readable in the repository
