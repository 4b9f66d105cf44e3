"""One family of errors whose text is meant for the user, with the exit code the CLI gives them.

Lower layers raise these (or subclasses); the services let them through and
both faces show ``str(error)`` as one line: the CLI on stderr with
``exit_code``, the window in a banner or message box.
"""

from __future__ import annotations

EXIT_FAIL = 1
EXIT_USAGE = 2


class TrialTrackerError(Exception):
    """Something went wrong that the user must be told about in one clear line."""

    exit_code = EXIT_FAIL


class InvalidInput(TrialTrackerError):
    """Bad input: an invalid NCT ID, an untracked trial, a broken file, an unknown topic or watch."""

    exit_code = EXIT_USAGE


class UnusableDatabase(InvalidInput):
    """The database file cannot be used (damaged, foreign, from a newer version); it was left unchanged."""


class DatabaseError(TrialTrackerError):
    """A write or read failed (disk full, locked, I/O error); the transaction was rolled back."""


class RegistryError(TrialTrackerError):
    """ClinicalTrials.gov could not be reached or answered with something unusable."""


#: What a refresh run records as its error when the user cancelled it.
RUN_CANCELLED = "cancelled"


class Cancelled(TrialTrackerError):
    """The user cancelled the work (a refresh, a search); what was stored before stays."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class FileWriteError(TrialTrackerError):
    """A file the user asked for (an export) could not be written; nothing else changed."""


class RefreshBusy(TrialTrackerError):
    """Another member of a team library is refreshing it now: one refresh serves everyone."""
