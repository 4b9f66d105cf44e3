"""What every command gets: its arguments, its settings, the library opened on first use, and safe output."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

from trialtracker.domain.errors import EXIT_FAIL, EXIT_USAGE, TrialTrackerError
from trialtracker.services.library import Library, open_library
from trialtracker.services.settings import Settings, load_settings

EXIT_OK = 0
T = TypeVar("T")
__all__ = ["EXIT_FAIL", "EXIT_OK", "EXIT_USAGE", "CliError", "Context", "command", "terminal_safe"]

# ANSI/VT escape sequences (CSI, OSC, single-character escapes), then any other control character.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]"
)
# C0/C1 controls (newline and tab stay) and the bidi overrides/isolates that reorder what a terminal shows.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Outside text made inert for a terminal: escape sequences dropped, other controls and bidi
    overrides shown as ``?`` (``--json`` output is exact instead: JSON escapes what needs it)."""
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("?", _ESCAPES.sub("", text))


class CliError(TrialTrackerError):
    """A failure of the command line itself (nothing to do, no editor), with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = code


class Context:
    """What a command needs: its arguments, the settings, and the library opened on first use."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self._settings: Settings | None = None
        self._lib: Library | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(
                data_dir=self.args.data_dir, api_url=self.args.api_url, database_url=self.args.database_url
            )
        return self._settings

    @property
    def lib(self) -> Library:
        if self._lib is None:
            self._lib = open_library(self.settings)
            for warning in self._lib.warnings:
                print(f"trialtracker: warning: {terminal_safe(warning)}", file=sys.stderr)
        return self._lib

    def print(self, text: str = "") -> None:
        print(terminal_safe(text), file=self.out)

    def print_json(self, data: Any) -> None:
        text = json.dumps(data, indent=2, ensure_ascii=False)
        self.out.write(_C1_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")

    def print_items(
        self, items: Sequence[T], *, line: Callable[[T], str], empty: str, as_json: Callable[[T], Any]
    ) -> int:
        """``--json``: the items as JSON; else one line each, or ``empty`` when there are none."""
        if getattr(self.args, "json", False):
            self.print_json([as_json(item) for item in items])
            return EXIT_OK
        if not items:
            self.print(empty)
        for item in items:
            self.print(line(item))
        return EXIT_OK

    def write(self, text: str) -> None:
        self.out.write(terminal_safe(text))

    def close(self) -> None:
        if self._lib is not None:
            self._lib.close()


Handler = Callable[[Context], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        COMMANDS[name] = func
        return func

    return register


__all__ += ["COMMANDS", "EXIT_FAIL"]


def terminal_territory() -> str | None:
    """The country part of the user's locale (``en_US.UTF-8`` -> ``US``), to choose km or miles."""
    for name in ("LC_ALL", "LC_MEASUREMENT", "LANG"):
        value = os.environ.get(name)
        if value:
            found = re.match(r"[A-Za-z]{2,3}_([A-Za-z]{2})", value)
            return found.group(1).upper() if found else None
    return None
