"""Nothing lost: SIGKILL in the middle of a refresh and of note saving, and concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import open_test_library
from tests.ctgov_server import CtGovServer, Fault, nct
from trialtracker.domain.catalog import load_catalog
from trialtracker.paths import DataPaths
from trialtracker.services import listing, notes, trials
from trialtracker.services.library import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
EXE = str(Path(sys.executable).with_name("trialtracker"))


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def wait_for(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def kill_mid_refresh_and_check(
    paths: DataPaths, server: CtGovServer, args: list[str], env: dict[str, str], bodies: list[str]
) -> None:
    """Start ``trialtracker ARGS`` (a refresh, or the window refreshing on start), SIGKILL it
    while batch 2 is on the wire, then check the DB, the notes, batch 1, and the next refresh."""
    extra = [nct(8_000_000 + i) for i in range(150)]
    ids = [e.nct_id for e in load_catalog().entries] + extra
    server.add_generated(*ids)
    lib = open_test_library(paths.data_dir)
    try:
        trials.add(lib, extra)
        for body in bodies:
            notes.add_note(lib, "NCT00273364", body)
    finally:
        lib.close()
    # Batch 1 answers, batch 2 hangs: the process is killed while a refresh is under way.
    server.inject(Fault.slow(0, path="/studies"), Fault.slow(30, path="/studies"))
    base = [EXE, "--data-dir", str(paths.data_dir), "--api-url", server.url]
    env = {**env, "TRIALTRACKER_PACE": "0"}
    proc = subprocess.Popen([*base, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: len(server.studies_requests()) >= 2, timeout=60)
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert integrity(paths.db_path) == "ok"
    lib = open_test_library(paths.data_dir)
    try:
        assert [n.body for n in notes.notes(lib, "NCT00273364")] == bodies
        refreshed = [row for row in listing.list_rows(lib) if row.last_refreshed]
        assert len(refreshed) == 100, "the first batch was committed before the kill"
    finally:
        lib.close()
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [*base, "refresh"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"updated {len(ids)}" in done.stdout


def test_kill_during_refresh_keeps_db_and_notes_and_next_refresh_completes(
    paths: DataPaths, ctgov_server: CtGovServer
) -> None:
    kill_mid_refresh_and_check(paths, ctgov_server, ["refresh"], dict(os.environ),
                               [f"note {i}" for i in range(20)])  # fmt: skip


NOTE_WRITER = textwrap.dedent(
    """
    import sys
    from trialtracker.services.library import open_library
    from trialtracker.services.notes import add_note
    from trialtracker.services.settings import load_settings

    lib = open_library(load_settings(data_dir=sys.argv[1]))
    tag = sys.argv[2]
    count = int(sys.argv[3])
    for i in range(count):
        add_note(lib, "NCT00273364", f"{tag}-{i} " + "x" * 2000)  # one transaction, committed on return
        print(f"{tag}-{i}", flush=True)  # printed only after the commit
    """
)


def saved_notes(paths: DataPaths) -> set[str]:
    lib = open_test_library(paths.data_dir)
    try:
        return {n.body.split()[0] for n in notes.notes(lib, "NCT00273364")}
    finally:
        lib.close()


def test_kill_during_note_saving_keeps_every_committed_note(paths: DataPaths, tmp_path: Path) -> None:
    open_test_library(paths.data_dir).close()
    script = tmp_path / "writer.py"
    script.write_text(NOTE_WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(paths.data_dir), "k", "100000"],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    committed: list[str] = []
    while len(committed) < 150:
        line = proc.stdout.readline()
        assert line, "writer died"
        committed.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate(timeout=10)
    committed += [x for x in rest.split() if x]
    assert integrity(paths.db_path) == "ok"
    saved = saved_notes(paths)
    assert set(committed) <= saved
    assert len(saved) - len(committed) <= 1, "at most the one in flight may have landed unannounced"


def test_two_writers_at_once_lose_nothing(paths: DataPaths, tmp_path: Path) -> None:
    open_test_library(paths.data_dir).close()
    script = tmp_path / "writer.py"
    script.write_text(NOTE_WRITER, encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(paths.data_dir), tag, "150"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-500:] for o in outputs]
    assert saved_notes(paths) == {f"{t}-{i}" for t in ("a", "b") for i in range(150)}


def test_cli_write_while_another_connection_holds_the_db(cli, library: Library) -> None:  # type: ignore[no-untyped-def]
    """The window keeps its library open; the CLI can still write, and the window sees it on reload."""
    assert notes.notes(library, "NCT00273364") == []
    assert cli("note", "NCT00273364", "--add", "from the CLI").code == 0
    assert [n.body for n in notes.notes(library, "NCT00273364")] == ["from the CLI"]


def test_kill_the_window_during_its_refresh_keeps_everything(
    paths: DataPaths, ctgov_server: CtGovServer, tmp_path: Path
) -> None:
    """The desktop app itself, refreshing on start, killed while batch 2 is on the wire."""
    config = tmp_path / "config"
    (config / "TrialTracker").mkdir(parents=True)
    (config / "TrialTracker" / "TrialTracker.ini").write_text(
        "[General]\nrefresh_on_start=true\nrefresh_on_start_hours=1\npace=0\n", encoding="utf-8"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    kill_mid_refresh_and_check(
        paths, ctgov_server, ["gui"], env, ["# kept\nwritten before the window started"]
    )


def test_concurrent_imports_of_one_bundle_leave_one_copy_of_each_note(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        assert cli("note", "NCT00273364", "--add", f"note number {i}").code == 0
    bundle = tmp_path / "bundle.json"
    assert cli("export", "-o", str(bundle)).code == 0
    target = tmp_path / "other"
    exe = str(Path(sys.executable).with_name("trialtracker"))
    assert (
        subprocess.run([exe, "--data-dir", str(target), "list"], capture_output=True, timeout=60).returncode
        == 0
    )
    procs = [
        subprocess.Popen([exe, "--data-dir", str(target), "import", str(bundle)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    listed = subprocess.run([exe, "--data-dir", str(target), "notes", "--json"], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    bodies = sorted(n["body"] for n in json.loads(listed.stdout))
    assert bodies == sorted(f"note number {i}" for i in range(30))
