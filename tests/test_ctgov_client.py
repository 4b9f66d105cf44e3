"""CtGovClient against a real local HTTP server (tests/ctgov_server.py); no network, no fakes."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.ctgov_server import CtGovServer, Fault, make_study, nct
from trialtracker import __version__
from trialtracker.ctgov.client import (
    DEFAULT_API_URL,
    DEFAULT_INTERVENTION_TERMS,
    STUDY_FIELDS,
    ApiBadResponse,
    ApiError,
    ApiHttpError,
    ApiUnavailable,
    Cancelled,
    CtGovClient,
    _retry_after_seconds,
    essie_or,
    resolve_api_url,
)
from trialtracker.domain.errors import RegistryError


@pytest.fixture
def server() -> Iterator[CtGovServer]:
    # same as the `ctgov_server` fixture of tests/ctgov_server.py, without registering it as a plugin here
    with CtGovServer() as running:
        yield running


def make_client(server: CtGovServer, **kwargs: Any) -> CtGovClient:
    options: dict[str, Any] = {"pace": 0, "backoff_base": 0.01, "backoff_cap": 0.05, "timeout": (2.0, 5.0)}
    options.update(kwargs)
    return CtGovClient(server.url, **options)


@pytest.fixture
def client(server: CtGovServer) -> Iterator[CtGovClient]:
    with make_client(server) as c:
        yield c


# --------------------------------------------------------------------------- configuration


def test_resolve_api_url_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client takes the address it is given; only ``services.settings`` reads the environment."""
    monkeypatch.setenv("TRIALTRACKER_API_URL", "http://127.0.0.1:8080/api/v2/")
    assert resolve_api_url(None) == DEFAULT_API_URL == "https://clinicaltrials.gov/api/v2"
    assert resolve_api_url("http://127.0.0.1:8080/api/v2/") == "http://127.0.0.1:8080/api/v2"
    assert resolve_api_url("https://example.test/api/v2") == "https://example.test/api/v2"
    with pytest.raises(ValueError):
        resolve_api_url("ftp://nope")


def test_user_agent_accept_and_timeouts(server: CtGovServer, client: CtGovClient) -> None:
    version = client.version()
    assert version.api_version == "2.0.5"
    assert version.data_timestamp == "2026-09-04T09:00:06"
    assert version.data_datetime() is not None
    headers = server.requests[-1].headers
    assert headers["user-agent"].startswith(f"TrialTracker/{__version__} (+https://")
    assert "MS stem-cell trials" in headers["user-agent"]
    assert headers["accept"] == "application/json"
    assert client.timeout == (2.0, 5.0)
    assert CtGovClient(server.url).timeout == (10.0, 30.0)  # defaults: (connect, read)
    assert client.requests_made == 1 and client.bytes_received > 0


def test_version_follows_data_timestamp_changes(server: CtGovServer, client: CtGovClient) -> None:
    server.data_timestamp = "2026-09-05T09:00:05"
    assert client.version().data_timestamp == "2026-09-05T09:00:05"


def test_essie_or() -> None:
    assert essie_or(DEFAULT_INTERVENTION_TERMS) == (
        'mesenchymal OR stromal OR hematopoietic OR HSCT OR "stem cell" OR "neural stem" OR "cord blood"'
    )


# --------------------------------------------------------------------------- fetching by ID


def test_chunking_250_ids(server: CtGovServer, client: CtGovClient) -> None:
    ids = [nct(i) for i in range(1, 251)]
    server.add_generated(*ids)
    chunks = list(client.iter_study_chunks(ids))
    assert [len(c.requested) for c in chunks] == [100, 100, 50]
    assert [c.index for c in chunks] == [0, 1, 2] and chunks[0].chunk_count == 3
    requests = server.studies_requests()
    assert len(requests) == 3
    for request, chunk in zip(requests, chunks, strict=True):
        sent = request.params["filter.ids"].split(",")
        assert sent == list(chunk.requested)
        assert int(request.params["pageSize"]) >= len(sent)
        assert request.params["fields"] == STUDY_FIELDS
        assert "countTotal" not in request.params
    result = client.fetch_studies(ids)
    assert list(result.studies) == ids and result.not_found == []
    assert result.studies[nct(7)].brief_title


def test_fields_projection_keeps_what_the_parser_needs(server: CtGovServer, client: CtGovClient) -> None:
    study = make_study(nct(5), start_date=("2019-02", "ACTUAL"), aliases=[nct(905)])
    server.add(study)
    record = client.fetch_studies([nct(5)]).studies[nct(5)]
    assert record.start_date is not None and record.start_date.type == "ACTUAL"
    assert record.aliases == (nct(905),)
    assert record.conditions and record.keywords and record.interventions and record.locations
    assert record.lead_sponsor and record.overall_status and record.enrollment_type
    assert record.eligibility is not None and record.eligibility.minimum_age == "18 Years"
    assert record.design is not None and record.design.who_masked == ("OUTCOMES_ASSESSOR",)
    assert [a.label for a in record.arms] == ["Stem cell arm", "Control arm"]
    assert record.officials and record.locations[0].lat is not None and record.locations[0].zip
    assert "derivedSection" not in record.raw  # pruned by `fields`


def test_a_misspelt_field_path_is_a_400_as_at_the_registry(server: CtGovServer, client: CtGovClient) -> None:
    server.add(make_study(nct(6)))
    with pytest.raises(RegistryError, match="invalid field name"):
        client.fetch_studies([nct(6)], fields="NCTId|protocolSection.eligibiltyModule")


def test_alias_and_not_found_mapping(server: CtGovServer, client: CtGovClient) -> None:
    server.add(make_study(nct(10), aliases=[nct(11)]), make_study(nct(20)))
    result = client.fetch_studies(["NCT00000011", "nct00000020", "NCT99999999", "NCT00000011"])
    assert set(result.studies) == {nct(11), nct(20)}
    assert result.studies[nct(11)].nct_id == nct(10)  # alias -> canonical record
    assert result.not_found == ["NCT99999999"]
    assert len(server.studies_requests()) == 1


def test_invalid_ids_raise_before_any_request(server: CtGovServer, client: CtGovClient) -> None:
    with pytest.raises(ValueError, match="NCT0000000X") as info:
        client.fetch_studies([nct(1), "NCT0000000X", "12345", nct(2)])
    assert "12345" in str(info.value)
    assert server.requests == [] and client.requests_made == 0


def test_paging_within_a_chunk(server: CtGovServer, client: CtGovClient) -> None:
    ids = [nct(i) for i in range(1, 8)]
    server.add_generated(*ids)
    chunks = list(client.iter_study_chunks(ids, chunk_size=3))
    assert sum(len(c.studies) for c in chunks) == 7
    pages = list(client.iter_studies({"filter.ids": ",".join(ids), "pageSize": "3"}))
    assert [len(p.studies) for p in pages] == [3, 3, 1]
    tokens = [r.params.get("pageToken") for r in server.studies_requests()[-3:]]
    assert tokens[0] is None and tokens[1] and tokens[2] and tokens[1] != tokens[2]


def test_empty_page_with_token_stops(server: CtGovServer, client: CtGovClient) -> None:
    server.add_generated(nct(1), nct(2))
    server.inject(Fault.empty_page_with_token())
    result = client.fetch_studies([nct(1), nct(2)])
    assert result.studies == {} and result.not_found == [nct(1), nct(2)]
    assert len(server.studies_requests()) == 1


def test_repeated_token_is_refused(server: CtGovServer, client: CtGovClient) -> None:
    server.add_generated(*[nct(i) for i in range(1, 6)])
    pages = client.iter_studies({"pageSize": "2"})
    assert len(next(pages).studies) == 2
    server.inject(Fault.repeat_token())  # the second page echoes its own token back
    assert len(next(pages).studies) == 2
    with pytest.raises(ApiBadResponse, match="repeated"):
        next(pages)
    assert len(server.studies_requests()) == 2


def test_error_in_third_chunk_leaves_earlier_chunks(server: CtGovServer) -> None:
    ids = [nct(i) for i in range(1, 251)]
    server.add_generated(*ids)
    with make_client(server, max_tries=2) as client:
        got = []
        iterator = client.iter_study_chunks(ids)
        got.append(next(iterator))
        got.append(next(iterator))
        server.inject(Fault.http(500), Fault.http(500))
        with pytest.raises(ApiUnavailable):
            next(iterator)
    assert [len(c.studies) for c in got] == [100, 100]


def test_fetch_single_study_and_alias_redirect(server: CtGovServer, client: CtGovClient) -> None:
    server.add(make_study(nct(30), aliases=[nct(31)]))
    record = client.fetch_study("NCT00000031")
    assert record is not None and record.nct_id == nct(30)
    assert [r.path for r in server.requests] == ["/api/v2/studies/NCT00000031", "/api/v2/studies/NCT00000030"]
    assert client.requests_made == 2
    assert client.fetch_study(nct(32)) is None


def test_changed_study_between_refreshes(server: CtGovServer, client: CtGovClient) -> None:
    server.add(make_study(nct(40), overall_status="RECRUITING"))
    assert client.fetch_studies([nct(40)]).studies[nct(40)].overall_status == "RECRUITING"
    server.update(nct(40), overall_status="COMPLETED", has_results=True)
    record = client.fetch_studies([nct(40)]).studies[nct(40)]
    assert record.overall_status == "COMPLETED" and record.has_results is True


# --------------------------------------------------------------------------- search


def test_search_total_paging_and_count_total_first_page_only(
    server: CtGovServer, client: CtGovClient
) -> None:
    server.add_generated(*[nct(i) for i in range(1, 13)])
    server.add(
        make_study(
            nct(50),
            conditions=["Breast Cancer"],
            keywords=["palbociclib"],
            brief_title="Palbociclib",
            official_title="Palbociclib",
        )
    )
    server.add(make_study(nct(51), overall_status="TERMINATED"))
    result = client.search(page_size=5)
    assert result.total == 13 and len(result.studies) == 13
    assert nct(50) not in {s.nct_id for s in result.studies}
    requests = server.studies_requests()
    assert len(requests) == 3
    assert requests[0].params["countTotal"] == "true"
    assert all("countTotal" not in r.params for r in requests[1:])
    assert all(r.params["query.cond"] == "multiple sclerosis" for r in requests)
    assert requests[0].params["query.intr"].startswith("mesenchymal OR stromal")
    assert requests[1].params["pageToken"] and requests[0].params.get("pageToken") is None


def test_search_status_filter_and_max_results(server: CtGovServer, client: CtGovClient) -> None:
    for i in range(1, 9):
        server.add(make_study(nct(i), overall_status="RECRUITING" if i % 2 else "COMPLETED"))
    result = client.search(status=["recruiting"], page_size=2, max_results=3)
    assert result.total == 4
    assert [s.overall_status for s in result.studies] == ["RECRUITING"] * 3
    assert server.studies_requests()[0].params["filter.overallStatus"] == "RECRUITING"
    assert len(server.studies_requests()) == 2


def test_bad_status_is_a_400_with_the_registry_text(server: CtGovServer, client: CtGovClient) -> None:
    with pytest.raises(ApiHttpError) as info:
        client.search(status=["FOO"])
    assert info.value.status == 400
    assert "Invalid value in parameter `overallStatus`: `FOO`" in str(info.value)
    assert client.requests_made == 1


# --------------------------------------------------------------------------- faults


def test_429_with_retry_after_is_honoured(server: CtGovServer, client: CtGovClient) -> None:
    server.inject(Fault.throttle(retry_after="1"))
    started = time.monotonic()
    assert client.version().api_version == "2.0.5"
    assert time.monotonic() - started >= 0.95
    assert len(server.requests) == 2
    assert server.requests[1].time - server.requests[0].time >= 0.95


def test_retry_after_http_date_and_garbage() -> None:
    now = 1_000_000.0
    assert _retry_after_seconds("Mon, 12 Jan 1970 13:46:50 GMT", now) == pytest.approx(10.0)
    assert _retry_after_seconds("Mon, 12 Jan 1970 13:46:30 GMT", now) == 0.0
    assert _retry_after_seconds("7", now) == 7.0
    assert _retry_after_seconds("soon", now) is None
    assert _retry_after_seconds(None, now) is None


def test_retry_after_is_capped(server: CtGovServer) -> None:
    server.inject(Fault.throttle(retry_after="3600"))
    with make_client(server, retry_after_cap=0.2) as client:
        started = time.monotonic()
        client.version()
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "fault",
    [
        Fault.throttle(),
        Fault.http(500),
        Fault.http(502),
        Fault.http(503),
        Fault.http(403, "Forbidden"),
        Fault.html(503),
        Fault.reset(),
    ],
    ids=["429", "500", "502", "503", "403", "503-html", "reset"],
)
def test_transient_faults_are_retried(server: CtGovServer, client: CtGovClient, fault: Fault) -> None:
    server.add_generated(nct(1))
    server.inject(fault, fault)
    result = client.fetch_studies([nct(1)])
    assert nct(1) in result.studies
    assert len(server.requests) == 3 and client.requests_made == 3


def test_retries_exhausted(server: CtGovServer) -> None:
    server.inject(*[Fault.http(503, "upstream overloaded")] * 3)
    with make_client(server, max_tries=3) as client, pytest.raises(ApiUnavailable) as info:
        client.version()
    message = str(info.value)
    assert "3 tries" in message and "HTTP 503" in message
    assert info.value.tries == 3 and info.value.last_status == 503
    assert len(server.requests) == 3


def test_retries_exhausted_on_403_says_forbidden(server: CtGovServer) -> None:
    server.inject(*[Fault.http(403, "Forbidden")] * 2)
    with make_client(server, max_tries=2) as client, pytest.raises(ApiUnavailable, match="403 Forbidden"):
        client.version()


def test_read_timeout_is_retried(server: CtGovServer) -> None:
    server.inject(Fault.slow(1.5))
    with make_client(server, timeout=(1.0, 0.3)) as client:
        started = time.monotonic()
        assert client.version().api_version == "2.0.5"
        assert time.monotonic() - started < 1.4
    assert len(server.requests) == 2


def test_read_timeouts_exhausted(server: CtGovServer) -> None:
    server.inject(Fault.slow(1.0), Fault.slow(1.0))
    with (
        make_client(server, timeout=(1.0, 0.2), max_tries=2) as client,
        pytest.raises(ApiUnavailable, match="timed out"),
    ):
        client.version()


def test_connection_refused_is_unavailable() -> None:
    with (
        CtGovClient("http://127.0.0.1:9/api/v2", pace=0, backoff_base=0.01, max_tries=2) as client,
        pytest.raises(
            ApiUnavailable, match=r"unavailable: gave up after 2 tries \(last: connection refused\)"
        ),
    ):
        client.version()


def test_truncated_json_is_a_bad_response(server: CtGovServer, client: CtGovClient) -> None:
    server.add_generated(nct(1))
    server.inject(Fault.truncated())
    with pytest.raises(ApiBadResponse, match="truncated JSON"):
        client.fetch_studies([nct(1)])


def test_html_page_with_200_is_a_bad_response(server: CtGovServer, client: CtGovClient) -> None:
    server.inject(Fault.html(200))
    with pytest.raises(ApiBadResponse, match=r"HTML page.*Service Temporarily Unavailable"):
        client.version()


def test_wrong_shape_is_a_bad_response(server: CtGovServer, client: CtGovClient) -> None:
    server.api_version = None  # type: ignore[assignment]
    with pytest.raises(ApiBadResponse, match="apiVersion"):
        client.version()


def test_400_text_body_is_shown(server: CtGovServer, client: CtGovClient) -> None:
    text = "Error parsing query in Conditions or disease: no viable alternative at input 'onset'"
    server.inject(Fault.bad_request(text))
    with pytest.raises(ApiHttpError) as info:
        client.search()
    assert info.value.status == 400 and info.value.body_excerpt == text
    assert text in str(info.value)
    assert client.requests_made == 1  # 4xx are not retried


def test_400_body_is_trimmed(server: CtGovServer, client: CtGovClient) -> None:
    server.inject(Fault.bad_request("x" * 5000))
    with pytest.raises(ApiHttpError) as info:
        client.version()
    assert len(info.value.body_excerpt) <= 500


def test_schema_drift_does_not_break_parsing(server: CtGovServer, client: CtGovClient) -> None:
    server.add_generated(nct(1))
    server.inject(Fault.drift(path="/studies"))
    record = client.fetch_studies([nct(1)], fields=None).studies[nct(1)]
    assert record.overall_status is None and record.phases == ()
    server.update(nct(1), overall_status="PAUSED_FOR_REVIEW")
    assert client.fetch_studies([nct(1)]).studies[nct(1)].overall_status == "PAUSED_FOR_REVIEW"


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "streamed"])
def test_huge_body_is_refused(server: CtGovServer, declare_length: bool) -> None:
    server.inject(Fault.huge(3_000_000, declare_length=declare_length))
    with (
        make_client(server, max_response_bytes=1_000_000) as client,
        pytest.raises(ApiBadResponse, match="larger than 1,000,000 bytes"),
    ):
        client.version()
    assert client.bytes_received <= 1_100_000


def test_cancel_during_retry_wait(server: CtGovServer, client: CtGovClient) -> None:
    server.inject(Fault.throttle(retry_after="30"))
    client.retry_after_cap = 60
    outcome: list[BaseException] = []

    def work() -> None:
        try:
            client.version()
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    started = time.monotonic()
    worker.start()
    time.sleep(0.3)
    client.cancel()
    worker.join(3)
    assert not worker.is_alive()
    assert time.monotonic() - started < 2
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    with pytest.raises(Cancelled):
        client.version()
    client.reset_cancel()
    assert client.version().api_version == "2.0.5"


def test_cancel_during_a_slow_request(server: CtGovServer) -> None:
    server.inject(Fault.slow(10))
    outcome: list[BaseException] = []
    with make_client(server, timeout=(2.0, 30.0)) as client:

        def work() -> None:
            try:
                client.version()
            except BaseException as exc:
                outcome.append(exc)

        worker = threading.Thread(target=work)
        started = time.monotonic()
        worker.start()
        time.sleep(0.3)
        client.cancel()
        worker.join(5)
        assert not worker.is_alive()
        assert time.monotonic() - started < 2
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)


def test_all_errors_are_api_errors() -> None:
    for cls in (ApiHttpError, ApiUnavailable, ApiBadResponse, Cancelled):
        assert issubclass(cls, ApiError)


def test_pace_spaces_requests(server: CtGovServer) -> None:
    with make_client(server, pace=0.2) as client:
        for _ in range(3):
            client.version()
    times = [r.time for r in server.requests]
    assert all(b - a >= 0.18 for a, b in itertools.pairwise(times))


def test_server_shuts_down_without_leaking_threads() -> None:
    before = set(threading.enumerate())
    srv = CtGovServer()
    srv.add_generated(nct(1))
    srv.inject(Fault.slow(5))
    with CtGovClient(srv.url, pace=0, backoff_base=0.01, timeout=(1.0, 0.2)) as client:
        client.fetch_studies([nct(1)])  # a handler still sleeps; the keep-alive connection stays open
        started = time.monotonic()
        srv.close()
        assert time.monotonic() - started < 2
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert leaked == []


def test_connection_reset_exhausted_message(server: CtGovServer) -> None:
    server.inject(Fault.reset(), Fault.reset())
    with make_client(server, max_tries=2) as client, pytest.raises(ApiUnavailable) as info:
        client.version()
    assert "2 tries" in str(info.value) and info.value.last_status is None
    assert "HTTPConnectionPool" not in str(info.value) and len(str(info.value)) < 200


def test_the_test_registry_sends_without_delay(ctgov_server) -> None:  # type: ignore[no-untyped-def]
    """TCP_NODELAY on the server side: keep-alive answers never wait for a delayed ACK (~40 ms each)."""
    import socket

    with socket.create_connection(("127.0.0.1", ctgov_server.port), timeout=5) as sock:
        sock.sendall(b"GET /api/v2/version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert sock.recv(12).startswith(b"HTTP/1.1")
        mine = sock.getsockname()
        served = [c for c in ctgov_server._connections if c.fileno() != -1 and c.getpeername() == mine]
        assert len(served) == 1
        assert served[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
