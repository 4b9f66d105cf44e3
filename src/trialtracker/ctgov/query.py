"""The registry's public address, apart from the HTTP client so reading it costs no ``requests`` import."""

from __future__ import annotations

DEFAULT_API_URL = "https://clinicaltrials.gov/api/v2"
