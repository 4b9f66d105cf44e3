"""A throw-away self-signed certificate for 127.0.0.1, made with the ``openssl`` command (``.ci/run``
installs it). Missing openssl is a failure, not a skip: the TLS tests must run everywhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """Write ``cert.pem`` and ``key.pem`` for 127.0.0.1 into ``folder``; returns their paths."""
    openssl = shutil.which("openssl")
    assert openssl is not None, (
        "the openssl command is needed to make a test certificate (apt install openssl)"
    )
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key
