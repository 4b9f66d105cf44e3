"""Explanatory topics: the shipped library, and which trials link to which topic (and why)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trialtracker.domain.errors import InvalidInput
from trialtracker.services.deferred import deferred
from trialtracker.services.library import Library
from trialtracker.topics.library import (
    SOURCES_KEY,
    Topic,
    TopicLibrary,
    heading_anchor,
    load_library,
    topic_as_text,
)

if TYPE_CHECKING:
    from trialtracker.store import links as link_store
    from trialtracker.store import trials as tstore
else:
    link_store = deferred("trialtracker.store.links")
    tstore = deferred("trialtracker.store.trials")

__all__ = [
    "SOURCES_KEY", "LinkedTrial", "Topic", "TopicLibrary", "heading_anchor", "topic_as_text", "topic_library"
]  # fmt: skip


def topic_library() -> TopicLibrary:
    """The topics shipped with the app (read once per process)."""
    return load_library()


@dataclass(frozen=True)
class LinkedTrial:
    nct_id: str
    title: str
    reason: str | None


def linked_trials(lib: Library, key: str) -> list[LinkedTrial]:
    with lib.transaction() as s:
        return [LinkedTrial(*row) for row in link_store.linked_trials(s, key)]


def links_by_topic(lib: Library) -> dict[str, list[str]]:
    """Topic key -> NCT IDs of the tracked trials linked to it."""
    with lib.transaction() as s:
        return link_store.links_by_topic(s)


def require_topic(key: str) -> Topic:
    topic = topic_library().get(key)
    if topic is None:
        raise InvalidInput(f"unknown topic {key!r}; topics: {', '.join(topic_library().keys())}")
    return topic


def set_link(lib: Library, nct_id: str, key: str, *, linked: bool) -> str:
    """Link (or unlink) a topic by hand; the choice survives refreshes. Returns the NCT ID."""
    if key not in topic_library():
        raise InvalidInput(f"unknown topic {key!r} (see: trialtracker topics)")
    with lib.transaction() as s:
        trial = tstore.require_trial(s, nct_id)
        link_store.set_manual_link(s, trial, key, linked=linked)
        return trial.nct_id
