"""The one ClinicalTrials.gov API v2 client (blocking; run it off the GUI thread).

Politeness and robustness rules (see ``shared/research/ctgov-api.md``):

* a descriptive User-Agent, ``Accept: application/json``, TLS always verified;
* ``timeout=(connect, read)`` on every request;
* at most one request per ``pace`` seconds;
* retries with exponential backoff and full jitter on 429, 403, 408, 5xx,
  connection errors and timeouts, honouring ``Retry-After`` (capped);
* responses are streamed with a size limit and must be JSON;
* :meth:`CtGovClient.cancel` (from any thread) interrupts waits *and* in-flight
  requests (their sockets are shut down); the worker then raises :class:`Cancelled`;
* :meth:`CtGovClient.start_deadline` bounds a whole operation the same way (a server
  trickling one byte a second never trips a per-read timeout): :class:`DeadlineExceeded`;
* redirects are followed only within the same host, never from https down to http
  (:class:`RedirectRefused`), and answers nested absurdly deep are refused, not parsed;
* logging names paths, statuses, sizes and times: never a payload.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import requests

from trialtracker import __version__
from trialtracker.ctgov import jsonsafe
from trialtracker.ctgov.aliases import match_requested
from trialtracker.ctgov.deadline import Deadline
from trialtracker.ctgov.errors import (
    ApiBadResponse,
    ApiError,
    ApiHttpError,
    ApiUnavailable,
    Cancelled,
    DeadlineExceeded,
    RedirectRefused,
)
from trialtracker.ctgov.parser import ParseError, parse_studies_page, parse_study
from trialtracker.ctgov.query import DEFAULT_API_URL
from trialtracker.ctgov.redirects import refuse_unsafe_redirects
from trialtracker.ctgov.results import (
    ApiVersion,
    ChunkResult,
    FetchResult,
    RetryNotice,
    SearchResult,
    StudiesPage,
)
from trialtracker.ctgov.transport import SocketTracker, TrackingAdapter, describe_error
from trialtracker.domain.nctid import InvalidNctId, normalize
from trialtracker.domain.records import StudyRecord
from trialtracker.domain.search import DEFAULT_CONDITION, DEFAULT_INTERVENTION_TERMS, essie_or

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_CONDITION",
    "DEFAULT_INTERVENTION_TERMS",
    "HOMEPAGE",
    "MAX_IDS_PER_REQUEST",
    "STUDY_FIELDS",
    "STUDY_FIELD_LIST",
    "USER_AGENT",
    "ApiBadResponse",
    "ApiError",
    "ApiHttpError",
    "ApiUnavailable",
    "ApiVersion",
    "Cancelled",
    "ChunkResult",
    "CtGovClient",
    "DeadlineExceeded",
    "FetchResult",
    "RedirectRefused",
    "RetryNotice",
    "SearchResult",
    "StudiesPage",
    "essie_or",
    "resolve_api_url",
]

log = logging.getLogger(__name__)

HOMEPAGE = "https://github.com/trialtracker/trialtracker"
USER_AGENT = f"TrialTracker/{__version__} (+{HOMEPAGE}; desktop app for following MS stem-cell trials)"

#: IDs per ``filter.ids`` request (no documented maximum; ~100 is the conservative choice).
MAX_IDS_PER_REQUEST = 100
MAX_PAGE_SIZE = 1000
#: The registry redirects an alias ID once; more hops than this is a loop.
MAX_REDIRECTS = 5

#: What the parser reads, and nothing more. Date pieces are requested as their
#: ``…Struct`` so the ACTUAL/ESTIMATED ``type`` is kept (a bare ``StartDate``
#: projection drops it). ``NCTIdAlias`` is needed to map alias IDs back.
#: ``protocolSection.conditionsModule`` (a small module: conditions + keywords)
#: is asked by path because the ``Keyword`` piece name is unverified; so are the
#: whole modules a person weighing a trial reads (contacts and sites with their
#: contacts and coordinates, description, eligibility, outcomes, references).
STUDY_FIELD_LIST: tuple[str, ...] = (
    "NCTId",
    "NCTIdAlias",
    "BriefTitle",
    "OfficialTitle",
    "Acronym",
    "OverallStatus",
    "LastKnownStatus",
    "WhyStopped",
    "StatusVerifiedDate",
    "StartDateStruct",
    "PrimaryCompletionDateStruct",
    "CompletionDateStruct",
    "StudyFirstPostDateStruct",
    "LastUpdatePostDateStruct",
    "HasResults",
    "Phase",
    "StudyType",
    "EnrollmentInfo",
    "LeadSponsorName",
    "LeadSponsorClass",
    "protocolSection.conditionsModule",
    "InterventionType",
    "InterventionName",
    "InterventionDescription",
    "InterventionOtherName",
    "protocolSection.armsInterventionsModule.armGroups",
    "protocolSection.designModule.designInfo",
    "protocolSection.contactsLocationsModule",
    "protocolSection.descriptionModule",
    "protocolSection.eligibilityModule",
    "protocolSection.outcomesModule",
    "protocolSection.referencesModule",
)
STUDY_FIELDS = "|".join(STUDY_FIELD_LIST)

_RETRYABLE_STATUS = frozenset({403, 408, 429})
_EXCERPT_CHARS = 500
_ERROR_BODY_LIMIT = 64 * 1024
_CHUNK = 64 * 1024


# --------------------------------------------------------------------------- helpers


def resolve_api_url(explicit: str | None = None) -> str:
    """Base URL: ``explicit``, else :data:`DEFAULT_API_URL` (the environment is read by the settings)."""
    url = explicit or DEFAULT_API_URL
    url = url.strip().rstrip("/")
    if not re.match(r"^https?://[^/\s]+", url):
        raise ValueError(f"API URL must start with http:// or https:// (got {url!r})")
    return url


def _retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or HTTP-date); None if absent/garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def _excerpt(body: bytes, content_type: str) -> str:
    text = body.decode("utf-8", errors="replace")
    if "html" in content_type.lower() or text.lstrip().lower().startswith(("<!doctype", "<html")):
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        text = f"HTML page: {title.group(1)}" if title else "HTML page"
    text = " ".join(text.split())
    if len(text) > _EXCERPT_CHARS:
        text = text[: _EXCERPT_CHARS - 1] + "…"
    return text


# --------------------------------------------------------------------------- client


class CtGovClient:
    """Blocking client for ClinicalTrials.gov API v2.

    Not thread-safe for concurrent calls; :meth:`cancel` may be called from any thread.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: tuple[float, float] = (10.0, 30.0),
        max_tries: int = 6,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        retry_after_cap: float = 60.0,
        pace: float = 1.0,
        max_response_bytes: int = 50 * 1024 * 1024,
        user_agent: str = USER_AGENT,
        session: requests.Session | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> None:
        if max_tries < 1:
            raise ValueError("max_tries must be >= 1")
        self.base_url = resolve_api_url(base_url)
        self.timeout = timeout
        self.max_tries = max_tries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self.pace = pace
        self.max_response_bytes = max_response_bytes
        self.requests_made = 0
        self.bytes_received = 0
        self.on_retry = on_retry
        self._deadline: Deadline | None = None
        self._cancel = threading.Event()
        self._tracker = SocketTracker()
        self._random = random.Random()
        self._next_request_at = 0.0
        self._session = session if session is not None else requests.Session()
        self._session.verify = True
        self._session.max_redirects = MAX_REDIRECTS
        self._session.hooks["response"].append(refuse_unsafe_redirects)
        adapter = TrackingAdapter(self._tracker)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update({"User-Agent": user_agent, "Accept": "application/json"})

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.stop_deadline()
        self._session.close()

    def __enter__(self) -> CtGovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def cancel(self) -> None:
        """Stop the current/next operation promptly (thread-safe); it raises :class:`Cancelled`."""
        self._cancel.set()
        self._tracker.abort_all()

    def reset_cancel(self) -> None:
        """Allow new requests after a :meth:`cancel`."""
        self._cancel.clear()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start_deadline(self, seconds: float) -> None:
        """Give every call from now on ``seconds`` in total; then sockets are shut (a read in progress
        returns) and the call raises :class:`DeadlineExceeded`. Per-read timeouts alone never end a
        server that trickles a byte a second."""
        self.stop_deadline()
        self._tracker.resume()
        self._deadline = Deadline(seconds, self._tracker.abort_for_good)

    def stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None

    # -- low level -------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        if self._deadline is not None and self._deadline.expired:
            log.info("time limit of %g s reached", self._deadline.seconds)
            raise DeadlineExceeded(self._deadline.seconds)

    def _wait(self, seconds: float) -> None:
        if self._deadline is not None:  # never sleep past the deadline: fail at it instead
            seconds = min(seconds, self._deadline.remaining())
        if seconds > 0 and self._cancel.wait(seconds):
            raise Cancelled()
        self._check_cancel()

    def _timeouts(self) -> tuple[float, float]:
        """(connect, read); the connect part never outlasts the deadline (its socket is not tracked yet)."""
        connect, read = self.timeout
        if self._deadline is not None:
            connect = max(0.05, min(connect, self._deadline.remaining()))
        return connect, read

    def _notify_retry(self, next_try: int, delay: float, status: int | None, error: str | None) -> None:
        reason = f"HTTP {status}" if status is not None else error or "no answer"
        notice = RetryNotice(next_try, self.max_tries, delay, reason)
        log.debug("%s", notice.line())
        if self.on_retry is not None:
            self.on_retry(notice)

    def _backoff(self, attempt: int) -> float:
        """Full jitter: uniform(0, min(cap, base * 2**(attempt-1)))."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return self._random.uniform(0, ceiling)

    def _read_body(self, response: requests.Response, limit: int, url: str) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise ApiBadResponse(
                f"response larger than {limit:,} bytes ({int(declared):,} declared) from {url}; refused"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(_CHUNK):
            self._check_cancel()
            size += len(chunk)
            self.bytes_received += len(chunk)
            if size > limit:
                raise ApiBadResponse(f"response larger than {limit:,} bytes from {url}; refused")
            chunks.append(chunk)
        return b"".join(chunks)

    def get_json(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``base_url + path`` with retries; return the parsed JSON body."""
        url = self.base_url + path
        last_status: int | None = None
        last_error: str | None = None
        for attempt in range(1, self.max_tries + 1):
            self._check_cancel()
            self._wait(self._next_request_at - time.monotonic())
            self._next_request_at = time.monotonic() + self.pace
            delay: float | None = None
            self.requests_made += 1
            started = time.monotonic()
            log.debug("GET %s (try %d of %d)", path, attempt, self.max_tries)
            try:
                response = self._session.get(
                    url, params=dict(params or {}), timeout=self._timeouts(), stream=True, verify=True
                )
            except requests.exceptions.SSLError as exc:  # not transient: never retried, never bypassed
                self._check_cancel()
                raise ApiError(f"TLS/certificate error talking to {url}: {exc}") from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                self._check_cancel()
                last_status, last_error = None, describe_error(exc)
            except requests.TooManyRedirects as exc:
                raise ApiBadResponse(
                    f"the registry redirected {url} more than {MAX_REDIRECTS} times (a loop?); stopped"
                ) from exc
            except requests.RequestException as exc:
                self._check_cancel()
                raise ApiError(f"request to {url} failed: {exc}") from exc
            else:
                self.requests_made += len(response.history)  # followed redirects (alias IDs)
                try:
                    with response:
                        status = response.status_code
                        content_type = response.headers.get("Content-Type", "")
                        log.debug("%s: HTTP %d after %.2f s", path, status, time.monotonic() - started)
                        if status == 200:
                            body = self._read_body(response, self.max_response_bytes, url)
                            self._check_cancel()  # a deadline abort can end a body early, "cleanly"
                            log.debug("%s: %d bytes in %.2f s", path, len(body), time.monotonic() - started)
                            return self._decode(body, content_type, url)
                        body = self._read_body_excerpt(response)
                        if status in _RETRYABLE_STATUS or 500 <= status <= 599:
                            last_status, last_error = status, _excerpt(body, content_type)
                            retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
                            if retry_after is not None:
                                delay = min(retry_after, self.retry_after_cap)
                        else:
                            raise ApiHttpError(status, _excerpt(body, content_type), url)
                except (requests.ConnectionError, requests.Timeout) as exc:
                    # connection dropped or read timed out while streaming the body
                    self._check_cancel()
                    last_status, last_error = None, describe_error(exc)
                except requests.RequestException as exc:
                    self._check_cancel()
                    last_status, last_error = None, describe_error(exc)
            if attempt < self.max_tries:
                wait = delay if delay is not None else self._backoff(attempt)
                self._notify_retry(attempt + 1, wait, last_status, last_error)
                self._wait(wait)
        raise ApiUnavailable(self.max_tries, last_status, last_error, url)

    def _read_body_excerpt(self, response: requests.Response) -> bytes:
        try:
            return self._read_body(response, _ERROR_BODY_LIMIT, response.url)
        except ApiBadResponse:
            return b""

    def _decode(self, body: bytes, content_type: str, url: str) -> Any:
        if "json" not in content_type.lower():
            what = "an HTML page" if "html" in content_type.lower() else content_type or "no content type"
            raise ApiBadResponse(f"expected JSON from {url} but got {what}: {_excerpt(body, content_type)}")
        try:
            return jsonsafe.loads(body)
        except jsonsafe.NestingTooDeep as exc:
            raise ApiBadResponse(f"the answer from {url} is {exc}; refused") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiBadResponse(
                f"invalid or truncated JSON from {url} ({len(body):,} bytes): {exc}"
            ) from exc

    # -- endpoints -------------------------------------------------------------------

    def version(self) -> ApiVersion:
        data = self.get_json("/version")
        api_version = data.get("apiVersion") if isinstance(data, dict) else None
        if not isinstance(api_version, str):
            raise ApiBadResponse(f"/version answer has no apiVersion: {str(data)[:200]}")
        stamp = data.get("dataTimestamp")
        return ApiVersion(api_version, stamp if isinstance(stamp, str) else None)

    def get_page(self, params: Mapping[str, str]) -> StudiesPage:
        data = self.get_json("/studies", params)
        try:
            studies, token, total = parse_studies_page(data)
        except ParseError as exc:
            raise ApiBadResponse(f"unexpected /studies answer: {exc}") from exc
        return StudiesPage(studies, token, total)

    def iter_studies(self, params: Mapping[str, str], *, max_pages: int = 10_000) -> Iterator[StudiesPage]:
        """Yield ``/studies`` pages, following ``nextPageToken``.

        Stops on a page without a token, or on an empty page even if it has one.
        ``countTotal`` is only sent with the first page. A token seen twice
        raises :class:`ApiBadResponse` (a server loop would otherwise never end).
        """
        query = {k: v for k, v in params.items() if k != "pageToken"}
        page_params = dict(params)
        seen: set[str] = set()
        for _ in range(max_pages):
            page = self.get_page(page_params)
            yield page
            token = page.next_page_token
            if token is None or not page.studies:
                return
            if token in seen:
                raise ApiBadResponse("the registry repeated a page token; stopping to avoid a loop")
            seen.add(token)
            page_params = {k: v for k, v in query.items() if k != "countTotal"}
            page_params["pageToken"] = token
        raise ApiBadResponse(f"more than {max_pages} pages; stopping")

    def fetch_study(self, nct_id: str, fields: str | None = STUDY_FIELDS) -> StudyRecord | None:
        """One study by ID via ``/studies/{id}`` (alias IDs redirect); None if the registry says 404."""
        nct = normalize(nct_id)
        try:
            data = self.get_json(f"/studies/{nct}", {"fields": fields} if fields else None)
        except ApiHttpError as exc:
            if exc.status == 404:
                return None
            raise
        try:
            record = parse_study(data)
        except ParseError as exc:
            raise ApiBadResponse(f"unexpected /studies/{nct} answer: {exc}") from exc
        if nct != record.nct_id and nct not in record.aliases:  # a redirect to an unrelated study
            raise ApiBadResponse(
                f"asked for {nct}, the registry answered with {record.nct_id}, which does not list it "
                "as an alias; refused, so no trial gets another trial's data"
            )
        return record

    def iter_study_chunks(
        self,
        nct_ids: Sequence[str],
        fields: str | None = STUDY_FIELDS,
        *,
        chunk_size: int = MAX_IDS_PER_REQUEST,
    ) -> Iterator[ChunkResult]:
        """Fetch studies by ID in ``filter.ids`` batches, one :class:`ChunkResult` per batch.

        IDs are validated first (``ValueError`` listing every invalid one, before any
        request), normalised to ``NCT`` + 8 digits and de-duplicated. A requested
        alias ID maps to the canonical study; an answer whose IDs contradict each other
        (alias loops) raises :class:`ApiBadResponse`. An error in a later chunk leaves
        the chunks already yielded intact.
        """
        ids = _validated_ids(nct_ids)
        if not 1 <= chunk_size <= MAX_PAGE_SIZE:
            raise ValueError(f"chunk_size must be within 1..{MAX_PAGE_SIZE}")
        chunks = [ids[i : i + chunk_size] for i in range(0, len(ids), chunk_size)]
        for index, chunk in enumerate(chunks):
            params = {"filter.ids": ",".join(chunk), "pageSize": str(max(len(chunk), 1)), "format": "json"}
            if fields:
                params["fields"] = fields
            records = [record for page in self.iter_studies(params) for record in page.studies]
            ordered = match_requested(chunk, records)
            missing = [nct for nct in chunk if nct not in ordered]
            yield ChunkResult(index, len(chunks), tuple(chunk), ordered, missing)

    def fetch_studies(self, nct_ids: Sequence[str], fields: str | None = STUDY_FIELDS) -> FetchResult:
        """All of :meth:`iter_study_chunks` collected into one :class:`FetchResult`."""
        result = FetchResult()
        for chunk in self.iter_study_chunks(nct_ids, fields):
            result.studies.update(chunk.studies)
            result.not_found.extend(chunk.not_found)
        return result

    def search(
        self,
        cond: str | None = DEFAULT_CONDITION,
        intr: str | Sequence[str] | None = DEFAULT_INTERVENTION_TERMS,
        status: Sequence[str] | None = None,
        page_size: int = 200,
        max_results: int | None = None,
        fields: str | None = STUDY_FIELDS,
    ) -> SearchResult:
        """Discovery search: ``query.cond`` + ``query.intr`` (a string is sent verbatim,
        a sequence becomes an Essie OR-list) + ``filter.overallStatus``.

        ``total`` is the registry's ``totalCount`` (asked on the first page only).
        """
        params: dict[str, str] = {"format": "json", "countTotal": "true"}
        if cond:
            params["query.cond"] = cond
        if intr:
            params["query.intr"] = intr if isinstance(intr, str) else essie_or(intr)
        if status:
            params["filter.overallStatus"] = ",".join(s.strip().upper() for s in status if s.strip())
        size = max(1, min(page_size, MAX_PAGE_SIZE))
        if max_results is not None:
            size = max(1, min(size, max_results))
        params["pageSize"] = str(size)
        if fields:
            params["fields"] = fields
        total: int | None = None
        studies: list[StudyRecord] = []
        for number, page in enumerate(self.iter_studies(params)):
            if number == 0:
                total = page.total_count
            studies.extend(page.studies)
            if max_results is not None and len(studies) >= max_results:
                del studies[max_results:]
                break
        return SearchResult(total, studies)


def _validated_ids(nct_ids: Sequence[str]) -> list[str]:
    if isinstance(nct_ids, str):
        raise TypeError("nct_ids must be a sequence of IDs, not one string")
    good: list[str] = []
    bad: list[str] = []
    seen: set[str] = set()
    for value in nct_ids:
        try:
            nct = normalize(value) if isinstance(value, str) else None
        except InvalidNctId:
            nct = None
        if nct is None:
            bad.append(repr(value))
        elif nct not in seen:
            seen.add(nct)
            good.append(nct)
    if bad:
        shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise ValueError(f"invalid NCT ID(s), nothing was requested: {shown}")
    return good
