"""Property tests for bundle import: any bytes are imported or refused with one clear error (exit 2).

An import file comes from anywhere (another machine, an older app, a hand edit, a broken disk), so
import is fed any bytes, any JSON and damaged real bundles; and a good bundle (trials with notes, tags,
stars and topic choices in any Unicode) must come back exactly through export -> import.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.conftest import UNREACHABLE_API, open_test_library
from tests.test_properties_parser import _paths
from trialtracker.domain.catalog import load_catalog
from trialtracker.domain.errors import EXIT_USAGE, TrialTrackerError
from trialtracker.services import exchange, notes, trials
from trialtracker.services.library import Library
from trialtracker.services.topics import set_link, topic_library

NCT = "NCT00273364"
CATALOG_IDS = sorted(load_catalog().by_id)
TOPICS = sorted(t.key for t in topic_library())
IDS = st.sampled_from(CATALOG_IDS) | st.integers(min_value=1, max_value=99_999_999).map(
    lambda n: f"NCT{n:08d}"
)
# Any Unicode a person can type or paste (st.text leaves out lone surrogates, which no UTF-8 file holds).
TEXT = st.text(max_size=30)
TAGS = TEXT.map(lambda t: " ".join(t.split())).filter(lambda t: 0 < len(t) <= 100)  # as the app keeps tags

JSON_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
    | st.sampled_from([NCT, "nct-1", "NCT٠١٢٣٤٥٦٧", "\ud800", exchange.BUNDLE_FORMAT, "x" * 101,
                        "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2024-02-30"])
)  # fmt: skip
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)
# A small bundle as export_json writes it, to be damaged part by part.
GOOD: dict[str, Any] = {
    "format": exchange.BUNDLE_FORMAT, "bundle_version": exchange.BUNDLE_VERSION, "schema_version": "x",
    "trials": [{"nct_id": NCT, "starred": True, "tags": ["a tag"], "brief_title": "Title",
                "notes": [{"id": 1, "nct_id": NCT, "body": "a *note*", "created_at": "2024-01-02T03:04:05"}]}],
    "untracked_notes": [{"nct_id": "NCT00000001", "body": "kept", "created_at": None}],
    "manual_topic_links": [{"nct_id": NCT, "topic": TOPICS[0], "removed": False}],
}  # fmt: skip


@st.composite
def damaged_bundles(draw: st.DrawFn) -> Any:
    """The good bundle with one to three parts replaced by any JSON (or removed)."""
    bundle: Any = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(_paths(bundle))))
        if not path:
            return draw(JSON)
        parent = bundle
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(JSON)
    return bundle


def _encode(value: Any) -> bytes:
    """JSON text of ``value`` as UTF-8; lone surrogates stay ``\\ud800`` escapes, as a hand edit could leave."""
    return json.dumps(value, ensure_ascii=True).encode()


ANY_BYTES = (
    st.binary(max_size=200)
    | damaged_bundles().map(_encode)
    | JSON.map(_encode)
    | st.builds(lambda b, cut: _encode(b)[:cut], damaged_bundles(), st.integers(0, 400))  # truncated
    | st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass"))
)  # fmt: skip


def _fingerprint(lib: Library) -> tuple[Any, ...]:
    """Everything an import may add: trials, stars, registry titles, tags, notes, topic links."""
    queries = (
        "SELECT nct_id, brief_title, acronym, lead_sponsor FROM trial ORDER BY nct_id",
        "SELECT trial_id, member FROM star ORDER BY 1",
        "SELECT trial_id, tag_id FROM trial_tag ORDER BY 1, 2",
        "SELECT id, name FROM tag ORDER BY id",
        "SELECT id, nct_id, body FROM note ORDER BY id",
        "SELECT * FROM topic_link ORDER BY 1",
    )
    with lib.transaction() as s:
        return tuple(tuple(tuple(row) for row in s.execute(text(q))) for q in queries)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ANY_BYTES)
@example(b"")
@example(b"\xef\xbb\xbf{")
@example(b'{"format": "trialtracker-bundle", "bundle_version": 1, "trials": 5}')
@example(b'{"a": ' + b"1" * 5000 + b"}")  # more digits than Python turns into an int
@example(b"{" + b'"a":[' * 100_000)  # nested deeper than the JSON decoder can go
@example(_encode({**GOOD, "trials": [{**GOOD["trials"][0], "tags": 5, "notes": {"body": 1}}]}))
@example(_encode({**GOOD, "untracked_notes": 1, "manual_topic_links": "x"}))
@example(_encode({**GOOD, "trials": [{"nct_id": NCT, "tags": ["x" * 101]}]}))  # a tag the app refuses
@example(_encode({**GOOD, "trials": [{"nct_id": NCT, "notes": [{"body": "broken \ud800 text"}]}]}))
@example(_encode({**GOOD, "trials": [{"nct_id": NCT, "tags": ["\udfff"], "brief_title": "\ud800"}]}))
def test_any_bytes_are_imported_or_refused_clearly(
    shared_library: Library, tmp_path: Path, data: bytes
) -> None:
    source = tmp_path / "import.json"
    source.write_bytes(data)
    before = _fingerprint(shared_library)
    try:
        outcome = exchange.import_file(shared_library, source)
    except TrialTrackerError as exc:
        event(f"refused: {type(exc).__name__}")
        assert exc.exit_code == EXIT_USAGE, f"{type(exc).__name__}: {exc}"
        assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 1000
        assert _fingerprint(shared_library) == before, "a refused import changed the library"
        return
    event(f"imported: {outcome.kind}")
    assert outcome.kind in ("bundle", "ids")
    tracked = set(trials.tracked_ids(shared_library))
    assert set(outcome.added) <= tracked and set(outcome.already) <= tracked
    _fingerprint(shared_library)  # what was stored can be read back


@st.composite
def libraries(draw: st.DrawFn) -> list[dict[str, Any]]:
    """What a user may have made: trials with tags, a star, notes and topic choices; some removed again."""
    ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    return [
        {
            "nct_id": nct,
            "tags": draw(st.lists(TAGS, max_size=3)),
            "starred": draw(st.booleans()),
            "notes": draw(
                st.lists(TEXT | st.sampled_from(["", " same ", "same", "![x](/dev/zero)"]), max_size=3)
            ),
            "links": draw(st.dictionaries(st.sampled_from(TOPICS), st.booleans(), max_size=2)),
            # A removed catalog trial is seeded again into any fresh library before the import (the
            # bundle does not list removals), so only trials from outside the catalog are removed.
            "removed": nct not in CATALOG_IDS and draw(st.booleans()),
        }
        for nct in ids
    ]


def _build(lib: Library, spec: list[dict[str, Any]]) -> None:
    """Make the library through the services both faces use."""
    trials.add(lib, [t["nct_id"] for t in spec])
    for t in spec:
        if t["tags"]:
            trials.edit_tags(lib, [t["nct_id"]], add=t["tags"])
        if t["starred"]:
            trials.star(lib, [t["nct_id"]])
        for body in t["notes"]:
            notes.add_note(lib, t["nct_id"], body)
        for key, linked in t["links"].items():
            set_link(lib, t["nct_id"], key, linked=linked)
    trials.remove(lib, [t["nct_id"] for t in spec if t["removed"]])


def _without_clock(bundle: dict[str, Any]) -> dict[str, Any]:
    """The bundle minus what belongs to the library, not the user: row ids, and when tracking began
    there (import starts tracking anew). Note dates are the user's and must come back."""
    for t in bundle["trials"]:
        t.pop("tracked_since")
        for note in t["notes"]:
            note.pop("id")
    return bundle


@settings(max_examples=25)
@given(libraries())
@example([{"nct_id": NCT, "tags": ["ß", "SS", "İ"], "starred": True, "links": {TOPICS[0]: False},
           "notes": ["same", " same ", "same", "\x00 \u202e‮ 🧬 \r\n"], "removed": False},
          {"nct_id": "NCT00000002", "tags": [], "starred": False, "links": {}, "notes": ["", ""],
           "removed": True}])  # fmt: skip
def test_a_bundle_round_trips_exactly_into_a_fresh_library(tmp_path_factory: pytest.TempPathFactory,
                                                           spec: list[dict[str, Any]]) -> None:  # fmt: skip
    root = tmp_path_factory.mktemp("round-trip")
    source = open_test_library(root / "a", api_url=UNREACHABLE_API, pace=0, preferences_file=root / "a.ini")
    target = open_test_library(root / "b", api_url=UNREACHABLE_API, pace=0, preferences_file=root / "b.ini")
    try:
        _build(source, spec)
        bundle = exchange.export_to_file(source, "json", root / "bundle.json")
        outcome = exchange.import_file(target, bundle)
        assert outcome.kind == "bundle"
        assert outcome.notes_added == sum(len(t["notes"]) for t in spec)
        sent = json.loads(bundle.read_text(encoding="utf-8"))
        back = json.loads(exchange.export_json(target))
        assert _without_clock(back) == _without_clock(sent)
    finally:
        source.close()
        target.close()
