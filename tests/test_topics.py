"""The explanatory topic library (resources/topics) and the trial-to-topic linking rules."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.fixtures.make_seed_fingerprint import (
    DEFAULT_SEEDS,
    HASH,
    NGRAM,
    fingerprint,
    read_articles,
    run_hash,
    runs,
    words,
)
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.records import Intervention
from trialtracker.domain.topic_links import ADDED_BY_YOU, MANUAL, REMOVED_BY_YOU, SEED, RuleLink, TrialFacts
from trialtracker.services import topics, trials
from trialtracker.services.library import Library
from trialtracker.store import trials as tstore
from trialtracker.store.links import relink, set_manual_link
from trialtracker.topics.library import (
    ORDER,
    SOURCE_TITLES,
    SOURCES_KEY,
    Topic,
    TopicFormatError,
    TopicLibrary,
    load_library,
    parse_topic,
    topic_as_text,
)
from trialtracker.topics.rules import link_rules

FIXTURES = Path(__file__).parent / "fixtures"
SEED_FINGERPRINT = FIXTURES / "seed_fingerprint.json"  # the articles' 12-word runs, hashed (no text)
CATALOG_CSV = FIXTURES / "ms-stemcell-trials.csv"

REQUIRED_KEYS = {
    "ms-basics",
    "ms-types",
    "msc",
    "immunomodulation",
    "neuroprotection",
    "remyelination",
    "msc-manufacturing",
    "autologous-vs-donor",
    "delivery-routes",
    "hsct",
    "other-cell-therapies",
    "evidence-and-safety",
    "unregulated-clinics",
    "reading-a-trial",
    "ccsvi",
    "guidelines",
    "taking-part",
    "questions-to-ask",
    "glossary",
    "sources",
}
THERAPY_TOPICS = {"msc", "hsct", "other-cell-therapies"}


@pytest.fixture(scope="module")
def topic_lib() -> TopicLibrary:
    """The shipped topics (named so as not to hide the ``library`` fixture of conftest)."""
    return TopicLibrary()


def _topics(topic_lib: TopicLibrary) -> list[Topic]:
    return list(topic_lib)


# --- the topic files ----------------------------------------------------------------------------


def test_all_required_topics_exist_in_reading_order(topic_lib: TopicLibrary) -> None:
    assert set(topic_lib.keys()) >= REQUIRED_KEYS
    assert set(ORDER) == REQUIRED_KEYS
    assert list(topic_lib.keys())[: len(ORDER)] == list(ORDER)
    assert topic_lib.sources_page().key == SOURCES_KEY
    assert load_library() is load_library()


def test_every_topic_has_metadata(topic_lib: TopicLibrary) -> None:
    on_the_sources_page = set(topic_lib.source_headings())
    for topic in topic_lib:
        assert topic.title.strip(), topic.key
        assert topic.summary.strip(), topic.key
        assert topic.sources, topic.key
        for source in topic.sources:
            assert source in on_the_sources_page, f"{topic.key}: source {source!r} is not on the sources page"
        for other in topic.related:
            assert other in topic_lib, f"{topic.key}: related key {other!r} does not exist"
            assert other != topic.key


def test_sources_page_lists_every_seed_article_and_credits_itself(topic_lib: TopicLibrary) -> None:
    page = topic_lib.sources_page()
    listed = topic_lib.source_headings()
    assert set(SOURCE_TITLES) <= set(listed) and len(listed) == len(set(listed))
    assert list(page.sources) == listed


def test_body_length_is_reasonable(topic_lib: TopicLibrary) -> None:
    for topic in topic_lib:
        words = len(topic.body.split())
        limit = 1800 if topic.key == "glossary" else 3600 if topic.key == SOURCES_KEY else 1000
        assert 100 <= words <= limit, f"{topic.key}: {words} words"


def test_reading_a_trial_explains_every_status_and_phase_in_the_apps_words(topic_lib: TopicLibrary) -> None:
    from trialtracker.domain.phases import PHASE_LABELS
    from trialtracker.domain.statuses import STATUS_LABELS

    body = topic_lib["reading-a-trial"].body
    for label in (*PHASE_LABELS.values(), *STATUS_LABELS.values()):
        assert f"**{label}**" in body, label
    for code in ("NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "EARLY_PHASE1"):
        assert code not in body  # the registry's API names are not words a reader meets


def test_topic_as_text_strips_markdown(topic_lib: TopicLibrary) -> None:
    text = topic_as_text(topic_lib["msc"])
    assert text.startswith("Mesenchymal")
    assert "**" not in text and "](" not in text
    assert "[see: immunomodulation]" in text


# --- parser errors ----------------------------------------------------------------------------

GOOD = """---
key: demo
title: Demo
summary: One line.
related: msc, hsct
sources:
- Need to Know: What Are Stem Cells?
---
Body text.
"""


def test_parse_good_topic() -> None:
    topic = parse_topic(GOOD)
    assert topic.key == "demo"
    assert topic.related == ("msc", "hsct")
    assert topic.sources == ("Need to Know: What Are Stem Cells?",)
    assert topic.body == "Body text."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no header", "must start"),
        ("---\nkey: demo\n", "not closed"),
        (GOOD.replace("title: Demo\n", ""), "'title:'"),
        (GOOD.replace("sources:\n- Need to Know: What Are Stem Cells?\n", "sources:\n"), "at least one"),
        (GOOD.replace("key: demo", "key: Demo Topic"), "lowercase"),
        (GOOD.replace("summary:", "colour:"), "expected 'name: value'"),
        (GOOD.replace("Body text.\n", ""), "body is empty"),
        (GOOD.replace("related: msc, hsct\n", "- stray item\n"), "list item"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(TopicFormatError, match=re.escape(message)):
        parse_topic(text)


def test_key_must_match_file_name(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text(GOOD, encoding="utf-8")
    with pytest.raises(TopicFormatError, match="file name"):
        TopicLibrary(tmp_path)


# --- no copied wording --------------------------------------------------------------------------
# The articles are not in the repository: tests/fixtures/seed_fingerprint.json holds hashes of their
# 12-word runs, made by tests/fixtures/make_seed_fingerprint.py (which also defines the normalisation).


def _own_wording_ngrams(text: str) -> set[tuple[str, ...]]:
    """N-grams of a topic file, with the credited article titles cut out (naming a source is not copying)."""
    for title in sorted(SOURCE_TITLES, key=len, reverse=True):
        text = text.replace(title, "\0")
    grams: set[tuple[str, ...]] = set()
    for segment in text.split("\0"):
        grams |= runs(words(segment))
    return grams


def _load_fingerprint() -> dict[str, list[str]]:
    data = json.loads(SEED_FINGERPRINT.read_text(encoding="utf-8"))
    assert (data["ngram"], data["hash"]) == (NGRAM, HASH), "fingerprint made another way: rebuild it"
    articles: dict[str, list[str]] = data["articles"]
    return articles


def _article_of(articles: Mapping[str, list[str]]) -> dict[str, str]:
    """Run hash -> the (first) article it occurs in."""
    found: dict[str, str] = {}
    for name in sorted(articles):
        for digest in articles[name]:
            found.setdefault(digest, name)
    return found


def _copied_runs(text: str, article_of: Mapping[str, str]) -> list[str]:
    return [
        f"'{' '.join(gram)}' (from {article_of[run_hash(gram)]})"
        for gram in sorted(_own_wording_ngrams(text))
        if run_hash(gram) in article_of
    ]


def test_no_twelve_word_run_copied_from_the_articles(topic_lib: TopicLibrary) -> None:
    article_of = _article_of(_load_fingerprint())
    problems = []
    for topic in topic_lib:
        assert topic.path is not None
        for copied in _copied_runs(topic.path.read_text(encoding="utf-8"), article_of):
            problems.append(f"{topic.key}: {copied}")
    assert not problems, "copied wording:\n" + "\n".join(problems)


def test_seed_fingerprint_is_well_formed_and_up_to_date() -> None:
    articles = _load_fingerprint()
    assert len(articles) == len(SOURCE_TITLES)  # one entry per credited article
    for name, hashes in articles.items():
        assert name.endswith(".txt"), name
        assert len(hashes) >= 100, f"{name}: {len(hashes)} runs"
        assert hashes == sorted(set(hashes)), name
        assert all(re.fullmatch(r"[0-9a-f]{16}", digest) for digest in hashes), name
    # Beside a checkout that has the articles (../shared/seeds), the committed fingerprint must match them.
    if DEFAULT_SEEDS.is_dir() and (texts := read_articles(DEFAULT_SEEDS)):
        assert articles == fingerprint(texts), "stale: run python tests/fixtures/make_seed_fingerprint.py"


MADE_UP_ARTICLE = (
    "Glass lanterns drift over the quiet harbour while seven grey herons count the boats "
    "that never came home before the winter tide turned."
)


def test_copy_check_catches_a_twelve_word_run_and_not_eleven() -> None:
    article_of = _article_of(fingerprint({"made-up.txt": MADE_UP_ARTICLE}))
    source = words(MADE_UP_ARTICLE)
    twelve, eleven = source[3:15], source[3:14]
    # Case, punctuation and line breaks do not hide a copy.
    copied = "We wrote this.\n" + ", ".join(w.upper() for w in twelve[:6]) + "\n" + " ".join(twelve[6:]) + "!"
    assert _copied_runs(copied, article_of) == [f"'{' '.join(twelve)}' (from made-up.txt)"]
    assert _copied_runs(f"We wrote this: {' '.join(eleven)}, and nothing else.", article_of) == []
    # Naming an article by its credited title is not copying it.
    title = SOURCE_TITLES[0]
    assert len(words(title)) < NGRAM <= len(words(f"as {title} says"))
    assert _copied_runs(f"As {title} says.", _article_of(fingerprint({"t.txt": f"as {title} says"}))) == []


# --- linking rules ------------------------------------------------------------------------------


def _keys(links: list[RuleLink]) -> list[str]:
    return [link.topic_key for link in links]


def _check(links: list[RuleLink], topic_lib: TopicLibrary) -> None:
    keys = _keys(links)
    assert len(keys) == len(set(keys)), "one link per topic"
    for link in links:
        assert link.topic_key in topic_lib, link.topic_key
        assert link.reason.strip()


def test_rules_msc_intravenous(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00000001",
        brief_title="Autologous Mesenchymal Stem Cells in Relapsing MS",
        conditions=("Multiple Sclerosis, Relapsing-Remitting",),
        interventions=(
            Intervention(name="Autologous bone marrow MSC", description="single intravenous infusion"),
        ),
        cell_type="MSC (autologous bone marrow)",
        route="IV (crossover)",
        ms_type="RRMS",
    )
    links = link_rules(facts)
    _check(links, topic_lib)
    keys = _keys(links)
    assert keys[0] == "msc"
    for key in ("msc", "immunomodulation", "autologous-vs-donor", "delivery-routes", "ms-types"):
        assert key in keys
    assert {"evidence-and-safety", "reading-a-trial"} <= set(keys)
    assert "hsct" not in keys and "neuroprotection" not in keys and "ccsvi" not in keys
    reasons = {link.topic_key: link.reason for link in links}
    assert reasons["delivery-routes"] == "catalog route: intravenous"
    assert reasons["reading-a-trial"] == "every trial record"
    assert link_rules(facts) == links  # deterministic


def test_rules_msc_intrathecal_progressive(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00000002",
        brief_title="Intrathecal MSC-NP in Progressive MS",
        cell_type="MSC-derived (MSC-NP, autologous)",
        route="Intrathecal x3",
        ms_type="Progressive (SPMS/PPMS)",
    )
    links = link_rules(facts)
    _check(links, topic_lib)
    keys = _keys(links)
    assert {"msc", "other-cell-therapies", "neuroprotection", "ms-types", "delivery-routes"} <= set(keys)
    reasons = {link.topic_key: link.reason for link in links}
    assert reasons["delivery-routes"] == "catalog route: intrathecal"
    assert reasons["ms-types"] == "catalog MS type: Progressive"


def test_rules_hsct_relapsing(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00273364",
        brief_title="Stem Cell Therapy for Patients With Multiple Sclerosis Failing Approved Therapy",
        conditions=("Multiple Sclerosis",),
        interventions=(Intervention(name="Cyclophosphamide"), Intervention(name="IVIg")),
        cell_type="HSCT (autologous, non-myeloablative)",
        ms_type="RRMS",
        article_trial=True,
    )
    links = link_rules(facts)
    _check(links, topic_lib)
    keys = _keys(links)
    assert keys[0] == "hsct"
    assert links[0].reason == "named in the article 'Need to Know: What Are Stem Cells?'"
    assert {"ms-types", "evidence-and-safety", "reading-a-trial"} <= set(keys)
    assert "msc" not in keys and "immunomodulation" not in keys
    assert "guidelines" in keys  # what professional bodies say, for every HSCT trial
    assert "autologous-vs-donor" in keys  # "autologous" explained where the page says it
    assert "delivery-routes" not in keys  # a topic about giving MSCs, not HSCT ("IVIg" is not "IV" either)


def test_rules_neural_stem_cells(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00000003",
        brief_title="Neural Stem Cell Transplantation in Multiple Sclerosis Patients",
        cell_type="NSC (allogeneic human fetal neural precursor cells)",
        route="Intracerebroventricular",
        ms_type="SPMS (EDSS 6.5-8)",
    )
    keys = _keys(link_rules(facts))
    assert keys[0] == "other-cell-therapies"
    assert {"autologous-vs-donor", "delivery-routes", "ms-types", "evidence-and-safety"} <= set(keys)
    assert "msc" not in keys and "hsct" not in keys


def test_rules_oligodendrocyte_cells_link_remyelination() -> None:
    facts = TrialFacts(
        nct_id="NCT00000004",
        cell_type="other (UCB-derived, CD14+ monocyte-derived oligodendrocyte-like cells DUOC-01)",
        route="Intrathecal (single dose, escalating)",
        ms_type="PPMS",
    )
    keys = _keys(link_rules(facts))
    assert {"other-cell-therapies", "remyelination", "delivery-routes", "ms-types"} <= set(keys)
    assert "msc" not in keys


def test_rules_unknown_therapy(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00000005",
        brief_title="Exercise Training in People With MS",
        conditions=("Multiple Sclerosis",),
        interventions=(Intervention(name="Supervised exercise"),),
    )
    links = link_rules(facts)
    _check(links, topic_lib)
    assert set(_keys(links)) == {"ms-basics", "reading-a-trial"}
    bare = link_rules(TrialFacts(nct_id="NCT00000006"))
    assert _keys(bare) == ["reading-a-trial"]


def test_rules_ccsvi(topic_lib: TopicLibrary) -> None:
    facts = TrialFacts(
        nct_id="NCT00000007",
        brief_title="A Study of Allogeneic Human UC-MSC and Liberation Therapy",
        cell_type="MSC (allogeneic umbilical cord / Wharton jelly) + CCSVI 'liberation' venoplasty",
        route="'Super-selective' intravascular + intrathecal",
        ms_type="RRMS",
        caution="Combined with CCSVI venoplasty, which is not an established MS treatment.",
    )
    links = link_rules(facts)
    _check(links, topic_lib)
    keys = _keys(links)
    assert {"msc", "ccsvi", "evidence-and-safety", "delivery-routes", "autologous-vs-donor"} <= set(keys)
    assert "unregulated-clinics" not in keys
    reasons = {link.topic_key: link.reason for link in links}
    assert "CCSVI" in reasons["evidence-and-safety"]


def test_rules_word_boundaries() -> None:
    # "Phase IV" is not a route; "stromal vascular fraction" is not an MSC product; "IVIg" is not IV.
    facts = TrialFacts(
        nct_id="NCT00000008",
        brief_title="Phase IV Study of Adipose Stromal Vascular Fraction With IVIg",
        cell_type="other (autologous adipose SVF)",
        route="not seen",
    )
    keys = _keys(link_rules(facts))
    assert "other-cell-therapies" in keys
    assert "msc" not in keys and "delivery-routes" not in keys and "ms-types" not in keys


_MS_TYPE_KNOWN = re.compile(r"rrms|spms|ppms|prms|progressive|relapsing", re.IGNORECASE)


def _catalog_rows() -> list[dict[str, str]]:
    with CATALOG_CSV.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("verified", "").strip().lower() == "yes"]


def test_every_verified_catalog_row_gets_useful_topics(topic_lib: TopicLibrary) -> None:
    rows = _catalog_rows()
    assert len(rows) >= 50
    problems = []
    for row in rows:
        facts = TrialFacts(
            nct_id=row["nct_id"],
            brief_title=row["title"],
            acronym=row["acronym"] or None,
            conditions=("Multiple Sclerosis",),
            cell_type=row["cell_type"],
            route=row["route"],
            ms_type=row["ms_type"],
            article_trial=row["nct_id"] == "NCT00273364",
            caution="CCSVI venoplasty is not an established MS treatment"
            if "CCSVI" in row["cell_type"]
            else None,
        )
        links = link_rules(facts)
        _check(links, topic_lib)
        keys = set(_keys(links))
        missing = []
        if len(keys) < 2:
            missing.append(">=2 topics")
        if not keys & THERAPY_TOPICS:
            missing.append("therapy topic")
        hsct_only = row["cell_type"].startswith("HSCT")
        if row["route"].strip().lower() != "not seen" and not hsct_only and "delivery-routes" not in keys:
            missing.append("delivery-routes")
        if hsct_only and ("delivery-routes" in keys or "guidelines" not in keys):
            missing.append("guidelines, and no delivery-routes")
        if _MS_TYPE_KNOWN.search(row["ms_type"]) and "ms-types" not in keys:
            missing.append("ms-types")
        if "CCSVI" in row["cell_type"] and "ccsvi" not in keys:
            missing.append("ccsvi")
        if missing:
            problems.append(
                f"{row['nct_id']} ({row['cell_type']} | {row['route']} | {row['ms_type']}): {missing}"
            )
    assert not problems, "\n".join(problems)


# --- links stored in a library --------------------------------------------------------------------


def _links(lib: Library, nct_id: str) -> dict[str, tuple[str, str | None, bool]]:
    detail = trials.detail(lib, nct_id)
    assert detail is not None
    return {link.topic: (link.how, link.reason, link.removed) for link in detail.links}


def test_relink_never_overrides_a_manual_choice(library: Library) -> None:
    before = _links(library, "NCT00273364")
    assert before["hsct"] == (SEED, "named in the article 'Need to Know: What Are Stem Cells?'", False)
    with library.transaction() as s:
        trial = tstore.require_trial(s, "NCT00273364")
        set_manual_link(s, trial, "hsct", linked=False)
        set_manual_link(s, trial, "remyelination", linked=True)
        active = [link.topic_key for link in relink(s, trial, link_rules)]
    assert "hsct" not in active and "remyelination" in active
    after = _links(library, "NCT00273364")
    assert after["hsct"] == (MANUAL, REMOVED_BY_YOU, True)
    assert after["remyelination"] == (MANUAL, ADDED_BY_YOU, False)
    assert {k: v for k, v in after.items() if k not in {"hsct", "remyelination"}} == {
        k: v for k, v in before.items() if k != "hsct"
    }, "rule and seed links are recomputed unchanged"
    # Relinking again (as every refresh does) keeps both choices.
    with library.transaction() as s:
        relink(s, tstore.require_trial(s, "NCT00273364"), link_rules)
    assert _links(library, "NCT00273364") == after


def test_set_link_service_checks_topic_and_trial_and_updates_topic_lists(library: Library) -> None:
    assert topics.set_link(library, "nct00288626", "remyelination", linked=True) == "NCT00288626"
    assert "NCT00288626" in topics.links_by_topic(library)["remyelination"]
    linked = {t.nct_id: t for t in topics.linked_trials(library, "remyelination")}
    assert linked["NCT00288626"].reason == ADDED_BY_YOU
    assert topics.set_link(library, "NCT00288626", "remyelination", linked=False) == "NCT00288626"
    assert "NCT00288626" not in topics.links_by_topic(library).get("remyelination", [])
    before = _links(library, "NCT00288626")
    for nct_id, key in (("NCT00288626", "no-such-topic"), ("NCT09999999", "msc"), ("NCT12X", "msc")):
        with pytest.raises(InvalidInput) as exc_info:
            topics.set_link(library, nct_id, key, linked=True)
        assert exc_info.value.exit_code == 2 and "\n" not in str(exc_info.value)
    assert _links(library, "NCT00288626") == before
