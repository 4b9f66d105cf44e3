"""Temporary alias: NCT ID rules live in :mod:`trialtracker.domain.nctid`."""

from trialtracker.domain.nctid import *  # noqa: F403
from trialtracker.domain.nctid import InvalidNctId, extract, is_valid, normalize, normalize_all

__all__ = ["InvalidNctId", "extract", "is_valid", "normalize", "normalize_all"]
