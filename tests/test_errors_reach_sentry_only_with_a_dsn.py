"""Error reporting: sentry-sdk starts only when SENTRY_DSN is set, and then an unhandled exception
of a request reaches the DSN's server (here a local HTTP server standing in for Sentry)."""

import gzip
import http.server
import os
import subprocess
import sys
import textwrap
import threading
import zlib
from pathlib import Path

import sentry_sdk

BASE_DIR = Path(__file__).resolve().parent.parent

FAILING_REQUEST = textwrap.dedent(
    """
    import sys, types

    import django
    django.setup()
    import sentry_sdk
    from django.conf import settings
    from django.test import Client
    from django.urls import path

    def broken(request):
        raise RuntimeError("sentry-probe: the view broke")

    urls = types.ModuleType("probe_urls")
    urls.urlpatterns = [path("broken/", broken)]
    sys.modules["probe_urls"] = urls
    settings.ROOT_URLCONF = "probe_urls"
    print(Client(raise_request_exception=False).get("/broken/").status_code)
    print(sentry_sdk.get_client().is_active())
    sentry_sdk.flush(timeout=10)
    """
)


def test_without_a_dsn_sentry_is_not_started(settings):
    assert not settings.SENTRY_DSN
    assert not sentry_sdk.get_client().is_active()


class Collector(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":  # sentry-sdk uses brotli when the package is installed
            import brotli

            body = brotli.decompress(body)
        self.received.append((self.path, encoding, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_with_a_dsn_an_exception_in_a_request_reaches_the_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "canteen_site.settings.test",
            "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
        }
        result = subprocess.run(
            [sys.executable, "-c", FAILING_REQUEST],
            env=env,
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["500", "True"]
    envelopes = [body for path, _encoding, body in Collector.received if "/api/42/" in path]
    assert any(b"sentry-probe: the view broke" in body for body in envelopes), Collector.received
    assert any(b"RuntimeError" in body for body in envelopes)
