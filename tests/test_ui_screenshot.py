"""``trialtracker gui --screenshot PATH`` writes a real picture of the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_writes_a_non_blank_png(tmp_path: Path, qapp: object) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRIALTRACKER_DATA_DIR": str(tmp_path / "data")}
    code = (
        "import sys; from trialtracker.cli import main; "
        f"sys.exit(main(['gui', '--screenshot', {str(out)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= 1000 and image.height() >= 600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50
