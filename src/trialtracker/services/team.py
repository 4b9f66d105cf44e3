"""Setting up a team library on PostgreSQL: the owner creates it, then adds each member.

``init_team`` builds (or upgrades) the schema with the same migrations as a personal library, seeds the
embedded catalog so the team starts with the known trials, and gives the members' group role its rights.
``add_member`` makes one login for a person and says how they connect; their password is shown once and
stored nowhere by us.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import InvalidInput
from trialtracker.domain.team import check_display_name
from trialtracker.services.library import Library
from trialtracker.services.pgpass import pgpass_line, remember_password
from trialtracker.store import team_roles
from trialtracker.store.server import parse_server_url, server_address, shown_url
from trialtracker.topics.rules import link_rules

__all__ = [
    "KeptAddress",
    "NewMember",
    "TeamSetup",
    "add_member",
    "display_name",
    "init_team",
    "keep_team_address",
    "members",
    "set_display_name",
    "shown_address",
    "team_address_problem",
]


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


def init_team(url_text: str) -> TeamSetup:
    """Create or upgrade the team library at ``url_text`` (run by the database's owner). Idempotent."""
    done = team_roles.set_up_library(url_text, load_catalog(), link_rules)
    return TeamSetup(shown_url(url_text), done.schema_from, done.schema_to, done.members_role, done.seeded)


def add_member(url_text: str, name: str) -> NewMember:
    """A login for ``name`` in the team library at ``url_text``, with a new random password."""
    password = secrets.token_urlsafe(18)
    member = team_roles.create_member(url_text, name, password)
    line = pgpass_line(server_address(url_text), member, password)
    return NewMember(member, password, shown_url(url_text, user=member), line)


def members(url_text: str) -> list[str]:
    """The login names in the team library's members' group, sorted."""
    return team_roles.member_names(url_text)


@dataclass(frozen=True)
class KeptAddress:
    """A team library's address as the settings keep it, and where a password typed into it went."""

    url: str  # "" for the library on this computer; never with a password
    password_file: Path | None  # libpq's password file, when the address held a password


def shown_address(text: str) -> str:
    """A team library's address as people may see it: never with its password."""
    try:
        return shown_url(text)
    except InvalidInput:
        return "(an address that is not a postgresql:// URL)"


def team_address_problem(text: str) -> str | None:
    """Why ``text`` is not a usable team-library address, or None ("" means this computer's library)."""
    if not text.strip():
        return None
    try:
        url = parse_server_url(text)
    except InvalidInput as exc:
        return str(exc)
    if (url.password or "password" in url.query) and not url.username:
        return "put your user name before the password (postgresql://NAME:PASSWORD@HOST/DATABASE)"
    return None


def keep_team_address(text: str) -> KeptAddress:
    """The address to save for ``text``: a password in it is moved to libpq's password file (mode 0600),
    where the connection finds it, and left out of the address."""
    if not text.strip():
        return KeptAddress("", None)
    problem = team_address_problem(text)
    if problem:
        raise InvalidInput(problem)
    url = parse_server_url(text)
    password = url.password or url.query.get("password")
    kept = None
    if password:
        kept = remember_password(server_address(text), str(url.username), str(password))
    return KeptAddress(shown_url(text), kept)


NAMES_NEED_A_TEAM = "display names are for a team library: in your own library you are the only one"


def set_display_name(lib: Library, text: str) -> str | None:
    """Set how the team sees the member this app connects as ("" clears it); the name as stored."""
    from trialtracker.store import members as mstore

    if not lib.on_server:
        raise InvalidInput(NAMES_NEED_A_TEAM)
    name = check_display_name(text)
    with lib.transaction() as s:
        mstore.set_display_name(s, name)
    return name


def display_name(lib: Library) -> str | None:
    """The display name of the member this app connects as (None: none set)."""
    from trialtracker.store import members as mstore

    if not lib.on_server:
        raise InvalidInput(NAMES_NEED_A_TEAM)
    with lib.transaction() as s:
        return mstore.display_names(s).get(lib.me or "")
