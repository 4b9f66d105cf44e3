"""What the registry client raises: every one a :class:`~trialtracker.domain.errors.RegistryError`."""

from __future__ import annotations

from trialtracker.domain.errors import Cancelled as CancelledError
from trialtracker.domain.errors import RegistryError


class ApiError(RegistryError):
    """Base class of everything this client raises about the registry."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ApiHttpError(ApiError):
    """A non-retryable HTTP error (mostly 4xx); ``body_excerpt`` is the registry's text."""

    def __init__(self, status: int, body_excerpt: str, url: str = "") -> None:
        self.status = status
        self.body_excerpt = body_excerpt
        self.url = url
        detail = f": {body_excerpt}" if body_excerpt else ""
        super().__init__(f"ClinicalTrials.gov answered HTTP {status}{detail}")


class ApiUnavailable(ApiError):
    """Retries exhausted (throttling, server errors, network trouble)."""

    def __init__(self, tries: int, last_status: int | None, last_error: str | None, url: str = "") -> None:
        self.tries = tries
        self.last_status = last_status
        self.last_error = last_error
        self.url = url
        if last_status is not None:
            last = f"HTTP {last_status}"
            if last_status == 403:
                last += " Forbidden (the registry may be blocking this network)"
            elif last_status == 429:
                last += " Too Many Requests"
        else:
            last = last_error or "unknown error"
        super().__init__(f"ClinicalTrials.gov is unavailable: gave up after {tries} tries (last: {last})")


class ApiBadResponse(ApiError):
    """A 200 answer that is unusable: HTML, truncated/invalid JSON, wrong shape, too big."""


class RedirectRefused(ApiError):
    """The registry redirected somewhere we never go: another host, or from https down to http."""


class DeadlineExceeded(ApiError):
    """The whole operation ran past its time limit (a server trickling bytes beats per-read timeouts)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"ClinicalTrials.gov did not finish answering within the {seconds:g} s time limit")


class Cancelled(ApiError, CancelledError):
    """The operation was cancelled with :meth:`CtGovClient.cancel`."""

    def __init__(self, message: str = "cancelled") -> None:
        ApiError.__init__(self, message)
