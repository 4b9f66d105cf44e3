"""Temporary alias: registry records live in :mod:`trialtracker.domain.records`."""

from trialtracker.domain.records import *  # noqa: F403
