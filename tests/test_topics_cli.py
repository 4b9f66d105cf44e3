"""Topic commands and topic links of the seeded catalog."""

from __future__ import annotations

import json

import pytest

from trialtracker.domain.catalog import load_catalog
from trialtracker.topics.library import load_library


@pytest.fixture
def cli(either_cli):  # type: ignore[no-untyped-def]
    """Every command here runs on the local file and on a team library (PostgreSQL)."""
    return either_cli


@pytest.fixture
def library(either_library):  # type: ignore[no-untyped-def]
    return either_library


THERAPY_TOPICS = {"msc", "hsct", "other-cell-therapies"}


def test_topics_json_lists_every_topic_with_trials(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("topics", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert [r["key"] for r in rows] == list(load_library().keys())
    for r in rows:
        assert set(r) == {"key", "title", "summary", "sources", "trials"}
        assert r["title"] and r["summary"] and r["sources"]
    by_key = {r["key"]: r for r in rows}
    assert "NCT00273364" in by_key["hsct"]["trials"]
    assert len(by_key["reading-a-trial"]["trials"]) == len(load_catalog().entries)


def test_every_catalog_trial_links_to_a_therapy_topic_and_at_least_two_topics(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("list", "--json").out)
    assert len(rows) == len(load_catalog().entries)
    for row in rows:
        assert len(row["topics"]) >= 2, row
        assert THERAPY_TOPICS & set(row["topics"]), row
        assert "reading-a-trial" in row["topics"]


def test_article_trial_links_to_hsct_as_named_in_the_article(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("show", "NCT00273364", "--json").out)
    hsct = next(link for link in data["topic_links"] if link["topic"] == "hsct")
    assert hsct["how"] == "seed" and "Need to Know" in hsct["reason"]
    text = cli("show", "NCT00273364").out
    assert "Topics (" in text and "hsct" in text and "why: named in" in text


def test_topic_text_and_unknown_topic(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("topics", "delivery-routes")
    assert result.code == 0
    assert "Not medical advice" in result.out and "Linked trials (" in result.out
    bad = cli("topics", "no-such-topic")
    assert bad.code == 2 and "unknown topic" in bad.err


def test_manual_link_and_unlink(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("link", "NCT00288626", "remyelination").code == 0
    assert cli("unlink", "NCT00288626", "reading-a-trial").code == 0
    data = json.loads(cli("show", "NCT00288626", "--json").out)
    keys = {link["topic"]: link for link in data["topic_links"]}
    assert keys["remyelination"]["how"] == "manual"
    assert "reading-a-trial" not in keys
    assert cli("link", "NCT00288626", "bogus").code == 2
    assert cli("link", "NCT09999999", "msc").code == 2
