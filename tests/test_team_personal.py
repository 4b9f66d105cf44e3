"""Stars and "reviewed" are each person's own in a team library (issue 17, item 3): one member's star or
review neither shows for nor undoes another's, and row-level security keeps them so even from ``psql``.
Stars and reviews made before schema 0009 were the whole team's, so every member keeps them."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from tests.conftest import TwoMembers, open_either_library
from tests.pg_server import PgServer
from trialtracker.services import trials
from trialtracker.services.library import Library
from trialtracker.services.listing import SmartList, list_rows, smart_counts

NCT = "NCT00273364"


def _row(lib: Library) -> tuple[bool, int]:
    (row,) = list_rows(lib, [NCT])
    return row.starred, row.unreviewed


def _record_a_change(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    conn.execute(
        "INSERT INTO change (trial_id, field, old, new, detected_at, reviewed) "
        "SELECT id, 'overall_status', 'RECRUITING', 'COMPLETED', now(), false FROM trial WHERE nct_id = %s",
        (NCT,),
    )


@pytest.fixture
def two(pg_server: PgServer) -> TwoMembers:
    return TwoMembers(pg_server)


def test_each_member_stars_and_reviews_for_themselves(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        with two.sql(two.alice, two.alice_password) as conn:
            _record_a_change(conn)
        assert _row(alice) == _row(bob) == (False, 1)

        trials.star(alice, [NCT])
        marked = trials.review_changes(alice, [NCT])
        assert len(marked) == 1
        assert _row(alice) == (True, 0) and _row(bob) == (False, 1)  # Bob's list is as it was
        assert smart_counts(list_rows(bob))[SmartList.CHANGED] == 1
        assert smart_counts(list_rows(alice))[SmartList.CHANGED] == 0
        assert trials.detail(alice, NCT).starred and not trials.detail(bob, NCT).starred  # type: ignore[union-attr]

        trials.star(bob, [NCT])
        trials.star(bob, [NCT], starred=False)  # Bob's unstar takes his star only
        assert _row(alice) == (True, 0) and _row(bob) == (False, 1)
        assert trials.unreview_changes(alice, marked) == [NCT]  # an undo: Alice's review only
        assert _row(alice) == (True, 1)
        assert trials.mark_reviewed(bob, None) == 1 and _row(bob) == (False, 0) and _row(alice) == (True, 1)
    finally:
        alice.close()
        bob.close()


def test_another_member_cannot_see_forge_or_remove_a_star_even_with_sql(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    try:
        trials.star(alice, [NCT])
    finally:
        alice.close()
    with two.sql(two.bob, two.bob_password) as bob:
        assert bob.execute("SELECT count(*) FROM star").fetchone() == (0,)
        assert bob.execute("DELETE FROM star").rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege):  # the policy: his own name only
            bob.execute("INSERT INTO star (trial_id, member) SELECT id, %s FROM trial WHERE nct_id = %s",
                        (two.alice, NCT))  # fmt: skip
        bob.execute("INSERT INTO star (trial_id) SELECT id FROM trial WHERE nct_id = %s", (NCT,))
        assert bob.execute("SELECT member FROM star").fetchall() == [(two.bob,)]  # the server names him
    with two.sql(two.alice, two.alice_password) as conn:
        assert conn.execute("SELECT member FROM star").fetchall() == [(two.alice,)]


def test_removing_a_trial_takes_every_members_star_with_it(two: TwoMembers, tmp_path: Path) -> None:
    alice = open_either_library(tmp_path / "a", two.alice_url)
    bob = open_either_library(tmp_path / "b", two.bob_url)
    try:
        trials.star(alice, [NCT])
        trials.star(bob, [NCT])
        assert trials.remove(bob, [NCT]) == [NCT]  # Alice's star does not hold the trial back
        assert trials.add(alice, [NCT]).added == [NCT]
        assert _row(alice)[0] is False and _row(bob)[0] is False
    finally:
        alice.close()
        bob.close()
