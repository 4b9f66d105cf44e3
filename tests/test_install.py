"""A non-editable install must carry every resource (catalog, topics, icons, desktop files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trialtracker.store.db import head_revision

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_non_editable_install_reads_every_resource(tmp_path: Path) -> None:
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), "--quiet", str(REPO)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    expected = sorted(
        [str(p.relative_to(REPO / "resources")) for p in (REPO / "resources").rglob("*") if p.is_file()]
        + [f"desktop/{p.name}" for p in (REPO / "packaging" / "linux").glob("io.github.*")]
    )
    probe = (
        "import json, sys, trialtracker, trialtracker.paths as p\n"
        "root = p.resources_dir()\n"
        "files = sorted(str(f.relative_to(root)) for f in root.rglob('*') if f.is_file())\n"
        "sizes = {f: len((root / f).read_bytes()) for f in files}\n"
        "from trialtracker.domain.catalog import load_catalog\n"
        "from trialtracker.topics.library import load_library\n"
        "from trialtracker.services.library import open_library\n"
        "from trialtracker.services.settings import load_settings\n"
        "import trialtracker.store.db as db\n"
        "lib = open_library(load_settings(data_dir=sys.argv[1]))\n"  # migrations and seeding, installed copy
        "seeded = len(lib.seeded)\n"
        "lib.close()\n"
        "print(json.dumps({'pkg': trialtracker.__file__, 'root': str(root), 'files': files,"
        " 'empty': [f for f, n in sizes.items() if n == 0], 'catalog': len(load_catalog().entries),"
        " 'topics': len(list(load_library().keys())), 'seeded': seeded, 'store': db.__file__,"
        " 'schema': db.head_revision()}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "data")], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    info = json.loads(result.stdout)
    assert info["pkg"].startswith(str(target)), "the installed copy, not the checkout, must be imported"
    assert info["root"].startswith(str(target))
    assert info["files"] == expected
    assert info["empty"] == []
    assert info["catalog"] > 50 and info["topics"] >= 15
    assert info["store"].startswith(str(target)) and info["schema"] == head_revision()
    assert info["seeded"] == info["catalog"], "a new library opened from the installed copy holds the catalog"
    licences = [p for p in target.glob("trialtracker-*.dist-info/licenses/**/COPYING")]
    assert len(licences) == 1 and "GNU GENERAL PUBLIC LICENSE" in licences[0].read_text(encoding="utf-8")
    assert "COPYING" in info["files"], "the licence text ships with the app (About shows where)"
