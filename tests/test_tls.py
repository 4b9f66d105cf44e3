"""TLS verification is never turned off: a self-signed registry is refused, not trusted."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.tls_cert import make_certificate
from trialtracker.ctgov.client import ApiError, CtGovClient


class _Version(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"apiVersion": "2.0.5", "dataTimestamp": "2026-09-04T09:00:06"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[str]:
    cert, key = make_certificate(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Version)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/api/v2"
    finally:
        server.shutdown()
        server.server_close()


def test_self_signed_certificate_is_refused(https_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Even an environment that tries to switch verification off cannot.
    monkeypatch.setenv("CURL_CA_BUNDLE", "")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "")
    client = CtGovClient(https_server, pace=0, max_tries=2, backoff_base=0.001)
    with pytest.raises(ApiError, match=r"(?i)certificate"):
        client.version()
    client.close()
