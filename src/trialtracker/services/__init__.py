"""Every use case of Trial Tracker, shared by the command line and the window.

Each function takes the open :class:`~trialtracker.services.library.Library`
first, does its work in one transaction (or one per registry batch), and
returns plain frozen dataclasses. Errors leave as
:class:`~trialtracker.domain.errors.TrialTrackerError` subclasses whose text
is ready to show. Neither face reaches past this package into the store.
"""
