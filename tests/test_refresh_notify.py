"""``trialtracker refresh --notify`` (issue 15, item 6): a timer can refresh while the window is closed
and tell a new status or posted results on the desktop. The notifier is a real program on PATH that
records its arguments (no fake of our code)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ctgov_server import CtGovServer, make_study
from trialtracker.domain.catalog import load_catalog

MIST = "NCT00273364"
ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).with_name("trialtracker"))
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_refresh_notify_tells_a_new_status_through_notify_send(
    tmp_path: Path, ctgov_server: CtGovServer
) -> None:
    for entry in load_catalog().entries:
        ctgov_server.add(make_study(entry.nct_id, overall_status="RECRUITING", has_results=False))
    record = tmp_path / "notified.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    sender = bin_dir / "notify-send"
    sender.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n', encoding="utf-8")
    sender.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "TRIALTRACKER_PACE": "0",
           "TRIALTRACKER_API_URL": ctgov_server.url}  # fmt: skip
    data = ["--data-dir", str(tmp_path / "data")]
    first = _run([*data, "refresh", "--notify"], env)
    assert first.returncode == 0, first.stderr
    assert not record.exists(), "a first fetch is no news"
    ctgov_server.update(MIST, overall_status="COMPLETED", has_results=False)
    ctgov_server.data_timestamp = "2031-01-01T00:00:00"
    second = _run([*data, "refresh", "--notify"], env)
    assert second.returncode == 0, second.stderr
    assert f"News: {MIST}: now Completed" in second.stdout
    assert record.read_text(encoding="utf-8").splitlines() == [
        "--app-name=Trial Tracker", "Trial Tracker: news about your trials", f"{MIST}: now Completed"
    ]  # fmt: skip


def test_the_systemd_user_units_run_refresh_notify() -> None:
    units = ROOT / "packaging" / "linux" / "systemd"
    service = (units / "trialtracker-refresh.service").read_text(encoding="utf-8")
    timer = (units / "trialtracker-refresh.timer").read_text(encoding="utf-8")
    assert "ExecStart=trialtracker refresh --notify" in service and "Type=oneshot" in service
    assert "OnUnitActiveSec=" in timer and "Persistent=true" in timer and "WantedBy=timers.target" in timer
