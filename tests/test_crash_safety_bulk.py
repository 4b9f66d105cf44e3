"""SIGKILL at many moments of an import and of a restore: nothing reported saved is lost, nothing is
half-written, and the database always passes ``integrity_check``."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import open_test_library
from tests.test_crash_safety import EXE, integrity
from trialtracker.services import backups, exchange, notes, trials
from trialtracker.services.settings import load_settings
from trialtracker.store import trials as tstore

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

SIZE = 1500  # trials (each with one note) in the bundle and the backup: big enough to be killed mid-way


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A library of SIZE trials with one note each, as an exported bundle and as a backup file."""
    root = tmp_path_factory.mktemp("source")
    lib = open_test_library(root / "data")
    try:
        ids = [f"NCT{8_000_000 + i:08d}" for i in range(SIZE)]
        trials.add(lib, ids)
        with lib.transaction() as s:
            for i, nct in enumerate(ids):
                tstore.add_note(s, nct, f"bundled-{i} " + "y" * 200)
        bundle = exchange.export_to_file(lib, "json", root / "bundle.json")
    finally:
        lib.close()
    return bundle, backups.backup_now(load_settings(data_dir=root / "data"))


def note_bodies(data_dir: Path) -> list[str]:
    lib = open_test_library(data_dir)
    try:
        return sorted(n.body.split()[0] for n in notes.notes(lib, None))
    finally:
        lib.close()


def run_and_kill(data_dir: Path, delay: float, *args: str) -> int:
    """Start ``trialtracker ARGS``, SIGKILL it after ``delay`` seconds; its return code (-9 if killed)."""
    proc = subprocess.Popen([EXE, "--data-dir", str(data_dir), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=30)


def kill_moments(data_dir: Path, *args: str) -> list[float]:
    """Moments spread over the whole run of ``trialtracker ARGS``, from its start-up to its end, measured
    on this machine now (a loaded CI machine is slower): one complete run in ``data_dir`` is timed first."""
    start = time.perf_counter()
    done = subprocess.run([EXE, "--data-dir", str(data_dir), *args], capture_output=True, timeout=120)
    full = time.perf_counter() - start
    assert done.returncode == 0, done.stderr
    return [full * step / 10 for step in range(3, 12)]


def own_notes(data_dir: Path, count: int) -> list[str]:
    lib = open_test_library(data_dir)
    try:
        for i in range(count):
            notes.add_note(lib, "NCT00273364", f"mine-{i}")
    finally:
        lib.close()
    return [f"mine-{i}" for i in range(count)]


def test_kill_at_any_moment_of_an_import_keeps_every_note_and_half_writes_nothing(
    source: tuple[Path, Path], tmp_path: Path
) -> None:
    bundle, _ = source
    data = tmp_path / "data"
    mine = own_notes(data, 5)
    bundled = sorted(f"bundled-{i}" for i in range(SIZE))
    own_notes(tmp_path / "probe", 5)
    killed = 0
    for delay in kill_moments(tmp_path / "probe", "import", str(bundle)):
        killed += run_and_kill(data, delay, "import", str(bundle)) == -signal.SIGKILL
        assert integrity(data / "trialtracker.sqlite3") == "ok"
        found = note_bodies(data)
        assert found in (sorted(mine), sorted(mine + bundled)), "all of the bundle or none of it, and mine"
    assert killed, "at least one import was killed before it finished"
    done = subprocess.run(
        [EXE, "--data-dir", str(data), "import", str(bundle)], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert note_bodies(data) == sorted(mine + bundled), "each note exactly once"


def test_kill_at_any_moment_of_a_restore_leaves_the_old_or_the_new_database(
    source: tuple[Path, Path], tmp_path: Path
) -> None:
    _, backup = source
    data = tmp_path / "data"
    mine = sorted(own_notes(data, 5))
    bundled = sorted(f"bundled-{i}" for i in range(SIZE))
    own_notes(tmp_path / "probe", 5)
    killed = 0
    for delay in kill_moments(tmp_path / "probe", "restore", str(backup)):
        killed += run_and_kill(data, delay, "restore", str(backup)) == -signal.SIGKILL
        assert integrity(data / "trialtracker.sqlite3") == "ok"
        found = note_bodies(data)
        assert found in (mine, bundled), "one whole database or the other"
        if found == bundled:  # restored: go back to our own library, through a restore too
            safety = sorted((data / "backups").glob("*before-restore.sqlite3"))[-1]
            assert subprocess.run([EXE, "--data-dir", str(data), "restore", str(safety)],
                                  capture_output=True, timeout=60).returncode == 0  # fmt: skip
            assert note_bodies(data) == mine
    assert killed, "at least one restore was killed before it finished"


EDIT_WRITER = """
import sys
from trialtracker.services import note_recovery, notes
from trialtracker.services.library import open_library
from trialtracker.services.settings import load_settings

lib = open_library(load_settings(data_dir=sys.argv[1]))
note = notes.add_note(lib, "NCT00273364", "v0")
edit = note_recovery.NoteEdit("NCT00273364", note.id, "v0", base="v0")
for i in range(1, 1_000_000):
    outcome = note_recovery.save_edit(lib, note_recovery.NoteEdit("NCT00273364", note.id, f"v{i}", base=edit.body))
    assert outcome.error is None and not outcome.conflict, outcome
    edit = outcome.edit
    print(edit.body, flush=True)  # printed only once the save has returned
"""


def test_kill_during_keyed_note_edits_keeps_the_last_saved_text(tmp_path: Path) -> None:
    """The save both faces use (keyed by trial and note, checked in its transaction), killed mid-stream."""
    data = tmp_path / "data"
    open_test_library(data).close()
    script = tmp_path / "editor.py"
    script.write_text(EDIT_WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(data)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    announced = ""
    for _ in range(300):
        announced = proc.stdout.readline().strip()
        assert announced, "the writer died"
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=10)
    announced = [announced, *rest.split()][-1]
    assert integrity(data / "trialtracker.sqlite3") == "ok"
    stored = note_bodies(data)
    assert len(stored) == 1, "edits never turned into extra notes"
    assert int(stored[0][1:]) - int(announced[1:]) in (0, 1), "the last announced save, or the one in flight"
    assert not list(data.glob("unsaved-notes/*.md")), "every save succeeded: no recovery file left"
