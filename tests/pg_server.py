"""A real PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` into a temporary folder, one per test run.

Nothing stands in for it: the team-library tests need the real thing (roles, row-level security, advisory
locks, LISTEN/NOTIFY). Debian's ``postgresql`` package provides the programs (``.ci/run`` installs it); they
are looked for in ``TRIALTRACKER_PG_BIN``, on ``PATH`` and in ``/usr/lib/postgresql/<version>/bin``.

Without them the tests that need a server skip with one line saying how to install it; with
``TRIALTRACKER_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) they fail instead, so CI cannot pass by skipping.

The server refuses to run as root, so under root (CI containers) it runs as the ``postgres`` system user the
Debian package creates. It listens on 127.0.0.1 only, on a free port, with password (SCRAM) logins over TCP.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import psycopg

INSTALL_HINT = "install Debian's postgresql package (apt install postgresql) to run the team-library tests"
REQUIRE_ENV = "TRIALTRACKER_REQUIRE_POSTGRES"
SUPERUSER = "tt_owner"


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``; the newest Debian version if several."""
    explicit = os.environ.get("TRIALTRACKER_PG_BIN")
    if explicit:
        return Path(explicit)
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(re.sub(r"\D", "", p.parent.parent.name) or 0))  # fmt: skip
    return versions[-1].parent if versions else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """One running server; :meth:`new_database` gives each test an empty database of its own."""

    bin_dir: Path
    root: Path
    port: int
    password: str
    run_as: str | None  # the system user the server runs as (root cannot run it)
    _count: int = 0

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=120, check=False, cwd=self.root
        )

    def _check(self, done: subprocess.CompletedProcess[str], what: str) -> None:
        if done.returncode != 0:
            raise RuntimeError(f"PostgreSQL {what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        self._chown(pwfile)
        self._check(self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, f"--pwfile={pwfile}",
                              "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8",
                              "--locale=C.UTF-8"), "initdb")  # fmt: skip
        pwfile.unlink()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60")  # fmt: skip
        self._check(self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.root / "log"),
                              "-w", "-t", "60", "start"), "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")

    def _chown(self, path: Path) -> None:
        if self.run_as:
            shutil.chown(path, user=self.run_as)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A SQLAlchemy URL (psycopg 3) for ``user`` on ``database``; the owner's password by default."""
        secret = self.password if password is None and user == SUPERUSER else password
        auth = f"{user}:{secret}" if secret else user
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, password=self.password,
                               dbname=database, autocommit=True)  # fmt: skip

    def new_database(self) -> str:
        """An empty database owned by the superuser; its name."""
        self._count += 1
        name = f"tt_test_{self._count}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name


def start_server() -> PgServer | None:
    """A running server, or None when PostgreSQL is not installed."""
    bin_dir = find_bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        return None
    run_as = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="trialtracker-pg-"))
    server = PgServer(bin_dir, root, _free_port(), secrets.token_urlsafe(16), run_as)
    if run_as:
        root.chmod(0o755)
        server._chown(root)
    server.start()
    return server


def _missing() -> None:
    message = f"PostgreSQL not found: {INSTALL_HINT}"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{message} ({REQUIRE_ENV}=1: these tests must run here)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    if server is None:
        _missing()
        return
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The URL of a new, empty database on the test server, as its owner."""
    return pg_server.url(pg_server.new_database())
