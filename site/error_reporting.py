"""Error reporting through sentry-sdk, started by the settings only when SENTRY_DSN is set.

Unhandled exceptions of requests, management commands and tasks are reported with their stack
trace; no personal data (no user, cookie, IP address or request body) and no performance traces
are sent.
"""

import os

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def start_error_reporting(dsn):
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        traces_sample_rate=0,
    )
