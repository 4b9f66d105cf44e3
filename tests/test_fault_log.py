"""A hard abort (no Python exception to catch) still leaves its stacks in the data folder's logs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_a_hard_abort_writes_every_stack_to_the_fault_log(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "trialtracker.log"
    script = textwrap.dedent(f"""
        import faulthandler
        from trialtracker.ui import crash
        crash.install_crash_handler({str(log_file)!r})
        faulthandler._sigabrt()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    faults = (tmp_path / "logs" / "faults.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Aborted" in faults and "most recent call first" in faults
