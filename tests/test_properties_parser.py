"""Property tests for the registry parser: any JSON gives a record or a ParseError, never another exception.

The registry drifts and marks every property optional, so the parser is fed any JSON shape and real
recorded studies (tests/fixtures/ctgov) with parts replaced, removed or re-typed; what it returns must
also be storable as it is.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import UNREACHABLE_API, open_test_library
from trialtracker.ctgov.parser import ParseError, parse_studies_page, parse_study
from trialtracker.domain import nctid
from trialtracker.domain.records import Intervention, Location, PartialDate, StudyRecord
from trialtracker.services.library import Library
from trialtracker.store import registry as rstore
from trialtracker.store import trials as tstore

FIXTURES = Path(__file__).parent / "fixtures" / "ctgov"
NCT = "NCT00273364"

# What json.loads can give: text may hold lone surrogates ("\ud800" escapes) and numbers may be huge.
JSON_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False) | st.text(max_size=12) | st.sampled_from(["", " ", NCT, "nct1", "2016-07"])
)  # fmt: skip
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _fixture_studies() -> list[dict[str, Any]]:
    studies: list[dict[str, Any]] = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        studies += data["studies"] if isinstance(data, dict) and "studies" in data else [data]
    return studies


STUDIES = _fixture_studies()
# Shapes the registry's own modules have, so that mutations land where the parser looks.
_KEYS = sorted(
    {k for s in STUDIES for k in s.get("protocolSection", {})} | {"nctId", "date", "type", "count"}
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value (dict keys and list indexes), the root included."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(root: Any, path: tuple[Any, ...], new: Any) -> Any:
    """``root`` with the value at ``path`` replaced by ``new`` (the marker ``_DELETE`` removes it)."""
    if not path:
        return new
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    if new is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return root


_DELETE = object()


@st.composite
def mutated_studies(draw: st.DrawFn) -> Any:
    """A real recorded study with one to four of its parts removed, re-typed or replaced by any JSON."""
    study: Any = copy.deepcopy(draw(st.sampled_from(STUDIES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = list(_paths(study))
        path = draw(st.sampled_from(paths))
        current: Any = study
        for key in path:
            current = current[key]
        new = draw(st.one_of(
            st.just(_DELETE) if path else st.nothing(),
            JSON,
            st.just([current]),  # a lone value where a list was expected, and the reverse
            st.just(current[0] if isinstance(current, list) and current else current),
            st.just(str(current) if not isinstance(current, dict | list) else json.dumps(current)),
            st.dictionaries(st.sampled_from(_KEYS), JSON, max_size=3),
        ))  # fmt: skip
        study = _replace(study, path, new)
    return study


def _check_record(record: StudyRecord) -> None:
    """What every consumer of a record relies on (the store, the views, both faces)."""
    assert nctid.normalize(record.nct_id) == record.nct_id
    assert all(nctid.normalize(a) == a and a != record.nct_id for a in record.aliases)
    for name in ("brief_title", "official_title", "acronym", "overall_status", "last_known_status",
                 "why_stopped", "status_verified_date", "study_type", "enrollment_type", "first_posted",
                 "last_update_posted", "lead_sponsor", "brief_summary"):  # fmt: skip
        value = getattr(record, name)
        assert value is None or (isinstance(value, str) and value.strip() == value and value), name
    for name in ("phases", "conditions", "keywords"):
        assert all(isinstance(v, str) and v for v in getattr(record, name)), name
    assert record.enrollment_count is None or type(record.enrollment_count) is int
    assert record.has_results is None or isinstance(record.has_results, bool)
    for date in (record.start_date, record.primary_completion_date, record.completion_date):
        assert date is None or (isinstance(date, PartialDate) and isinstance(date.value, str))
        if date is not None:
            date.as_date()  # sorting reads it: never raises
    assert all(isinstance(i, Intervention) for i in record.interventions)
    assert all(isinstance(loc, Location) for loc in record.locations)
    assert isinstance(record.raw, dict)


def _parse_one(data: Any) -> StudyRecord | None:
    try:
        record = parse_study(data)
    except ParseError as exc:
        assert str(exc) and len(str(exc)) < 2000
        return None
    _check_record(record)
    return record


@given(JSON)
@example({"protocolSection": {"identificationModule": {"nctId": NCT}}})
@example({"protocolSection": {"identificationModule": {"nctId": [NCT]}}})
@example(
    {"protocolSection": {"identificationModule": {"nctId": NCT}, "designModule": {"enrollmentInfo": 1e308}}}
)
@example({"protocolSection": {"identificationModule": {"nctId": NCT},
                              "designModule": {"enrollmentInfo": {"count": "1" * 5000}}}})  # fmt: skip
def test_any_json_is_a_study_record_or_a_parse_error(data: Any) -> None:
    _parse_one(data)


@given(st.builds(lambda studies, extra: {"studies": studies, **extra},
                 st.lists(JSON | mutated_studies(), max_size=3),
                 st.dictionaries(st.sampled_from(["nextPageToken", "totalCount"]), JSON, max_size=2))
       | JSON)  # fmt: skip
def test_any_json_is_a_studies_page_or_a_parse_error(data: Any) -> None:
    try:
        records, token, total = parse_studies_page(data)
    except ParseError as exc:
        assert str(exc)
        return
    for record in records:
        _check_record(record)
    assert token is None or (isinstance(token, str) and token.strip())
    assert total is None or type(total) is int


@given(mutated_studies())
def test_mutated_real_studies_parse_or_fail_clearly(study: Any) -> None:
    _parse_one(study)


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """One library for every example (opening one per example would take minutes); each example's
    writes are rolled back."""
    root = tmp_path_factory.mktemp("parser-props")
    lib = open_test_library(
        root / "data", api_url=UNREACHABLE_API, pace=0, preferences_file=root / "prefs.ini"
    )
    yield lib
    lib.close()


class _RollBack(Exception):
    """Leaves the transaction without committing what the example wrote."""


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_studies() | JSON.map(lambda v: {"protocolSection": {"identificationModule": {"nctId": NCT}, "x": v},
                                                 "hasResults": v}))  # fmt: skip
@example({"protocolSection": {"identificationModule": {"nctId": NCT, "briefTitle": "broken \ud800 text"}}})
@example({"protocolSection": {"identificationModule": {"nctId": NCT},
                              "designModule": {"enrollmentInfo": {"count": 2**70}}}})  # fmt: skip
@example({"protocolSection": {"identificationModule": {"nctId": NCT}}, "derivedSection": math.inf})
def test_every_parsed_record_can_be_stored(shared_library: Library, study: Any) -> None:
    record = _parse_one(study)
    if record is None:
        return
    with pytest.raises(_RollBack), shared_library.transaction() as s:
        tstore.add_trials(s, [record.nct_id], shared_library.catalog, shared_library.linker)
        trial = tstore.get_trial(s, record.nct_id)
        assert trial is not None
        run = rstore.start_run(s, 1)
        rstore.store_record(s, trial, record, run, shared_library.linker)
        s.flush()
        raise _RollBack
