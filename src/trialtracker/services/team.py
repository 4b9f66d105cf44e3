"""Setting up a team library on PostgreSQL: the owner creates it, then adds each member.

``init_team`` builds (or upgrades) the schema with the same migrations as a personal library, seeds the
embedded catalog so the team starts with the known trials, and gives the members' group role its rights.
``add_member`` makes one login for a person and says how they connect; their password is shown once and
stored nowhere by us.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from trialtracker.domain.catalog import load_catalog
from trialtracker.store import team_roles
from trialtracker.store.server import server_address, shown_url
from trialtracker.topics.rules import link_rules

__all__ = ["NewMember", "TeamSetup", "add_member", "init_team", "members"]


@dataclass(frozen=True)
class TeamSetup:
    """What ``team init`` did."""

    where: str  # the URL, password hidden
    schema_from: str | None  # None: the database was empty
    schema_to: str
    members_role: str
    seeded: int  # catalog trials added


@dataclass(frozen=True)
class NewMember:
    """A member's login, with everything they need to connect (the password only here, once)."""

    name: str
    password: str
    url: str  # without the password
    pgpass_line: str  # for ~/.pgpass (mode 0600), where libpq looks for it

    def as_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "password": self.password,
            "url": self.url,
            "pgpass_line": self.pgpass_line,
        }


def _pgpass_field(text: str) -> str:
    """A field of a ``.pgpass`` line: ``:`` and ``\\`` escaped, as libpq reads them."""
    return text.replace("\\", "\\\\").replace(":", "\\:")


def init_team(url_text: str) -> TeamSetup:
    """Create or upgrade the team library at ``url_text`` (run by the database's owner). Idempotent."""
    done = team_roles.set_up_library(url_text, load_catalog(), link_rules)
    return TeamSetup(shown_url(url_text), done.schema_from, done.schema_to, done.members_role, done.seeded)


def add_member(url_text: str, name: str) -> NewMember:
    """A login for ``name`` in the team library at ``url_text``, with a new random password."""
    password = secrets.token_urlsafe(18)
    member = team_roles.create_member(url_text, name, password)
    where = server_address(url_text)
    fields = (where.host, where.port, where.database, member, password)
    return NewMember(
        member, password, shown_url(url_text, user=member), ":".join(_pgpass_field(str(f)) for f in fields)
    )


def members(url_text: str) -> list[str]:
    """The login names in the team library's members' group, sorted."""
    return team_roles.member_names(url_text)
