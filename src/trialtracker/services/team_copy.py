"""Moving between a personal library and a team one: ``team push`` and ``team pull``.

A copy is the bundle an export writes, merged as an import merges it: trials added where missing,
registry text filled in where the target has none, the person's stars and tags, their own topic choices,
and notes — each note once (a second copy adds nothing, so both commands can be run again safely). In a
team library the copied notes are the member's private ones (the server writes them as theirs) and the
copied tags their personal ones (``team share-tag`` makes one the team's); a pull brings the member's own
notes and tags and the shared ones they can read into their personal library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from trialtracker.services.exchange import ImportFile, export_json, import_file
from trialtracker.services.library import Library, open_library
from trialtracker.services.settings import Settings

__all__ = ["Copied", "pull", "push"]


@dataclass(frozen=True)
class Copied:
    """What one copy did."""

    source: str  # where from, as shown (a path, or a URL without its password)
    target: str
    added: list[str]
    already: list[str]
    notes_added: int

    def as_json(self) -> dict[str, object]:
        return {"from": self.source, "to": self.target, "added": self.added, "already": self.already,
                "notes_added": self.notes_added}  # fmt: skip


def _copy(source: Library, target: Library) -> Copied:
    bundle = json.loads(export_json(source))
    merged = import_file(target, ImportFile(Path(source.where), bundle, []), tags_personal=target.on_server)
    return Copied(source.where, target.where, merged.added, merged.already, merged.notes_added)


def _between(settings: Settings, url: str, *, to_team: bool) -> Copied:
    """Copy between this computer's library and the team library at ``url``, in the direction asked."""
    local = open_library(replace(settings, database_url=None))
    try:
        team = open_library(replace(settings, database_url=url))
        try:
            return _copy(local, team) if to_team else _copy(team, local)
        finally:
            team.close()
    finally:
        local.close()


def push(settings: Settings, url: str) -> Copied:
    """Copy this computer's library into the team library at ``url`` (notes and tags as the member's own)."""
    return _between(settings, url, to_team=True)


def pull(settings: Settings, url: str) -> Copied:
    """Copy what the member reads in the team library at ``url`` into this computer's library."""
    return _between(settings, url, to_team=False)
