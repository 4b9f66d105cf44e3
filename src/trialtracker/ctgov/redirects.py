"""Which redirects the client follows: only to the same host, and never from https down to http.

The registry redirects an alias NCT ID on ``/studies/{id}`` to the canonical one on
the same host; nothing else is expected. A redirect elsewhere would send our
requests (and trust) to a host nobody chose, so it is refused *before* it is
followed, by a response hook that works on any ``requests.Session``.
"""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from trialtracker.ctgov.errors import RedirectRefused

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of ``url``; None if it is not a usable http(s) address."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return scheme, parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS[scheme]


def redirect_refusal(source: str, target: str) -> str | None:
    """Why a redirect from ``source`` to ``target`` must not be followed, or None if it may be.

    Allowed: the same scheme, host and port; or an upgrade from http to https on the same
    host with default ports. Everything else is refused, https to http first of all."""
    src, dst = _origin(source), _origin(target)
    if src is None or dst is None:
        return f"the registry redirected to an unusable address ({target[:100]}); not followed"
    shown = dst[1] if dst[2] == _DEFAULT_PORTS[dst[0]] else f"{dst[1]}:{dst[2]}"
    if src[0] == "https" and dst[0] != "https":
        return f"the registry redirected from https to http ({shown}); not followed"
    if src == dst:
        return None
    upgrade = src[0] == "http" and dst[0] == "https" and src[2] == 80 and dst[2] == 443
    if src[1] == dst[1] and upgrade:
        return None
    return f"the registry redirected to another host ({shown}); not followed"


def redirect_target(response: requests.Response) -> str:
    """The absolute address a redirect answer points to (``Location`` resolved as ``requests`` does)."""
    location = response.headers.get("Location", "")
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):  # latin-1 on the wire, UTF-8 meant
        location = location.encode("latin1").decode("utf8")
    return urljoin(response.url, location)


def refuse_unsafe_redirects(response: requests.Response, *_args: Any, **_kwargs: Any) -> requests.Response:
    """A ``requests`` response hook: raise :class:`RedirectRefused` on a redirect we must not follow.

    Hooks run on every answer, the redirect hops included, before ``requests`` follows them."""
    if response.is_redirect:
        problem = redirect_refusal(response.url, redirect_target(response))
        if problem is not None:
            response.close()
            raise RedirectRefused(problem)
    return response
