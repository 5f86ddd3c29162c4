"""Every CSV file the site writes: one escaping, UTF-8 with a byte-order mark.

- `safe_cell` is the one escaping: a cell that a spreadsheet would run as a formula (it starts
  with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so that a city
  of `=HYPERLINK(...)` typed in a public form stays text in head office's spreadsheet.
- `csv_lines` writes the rows through it, after a byte-order mark so that Excel reads the
  accents as UTF-8 ("–" and not "â€“"); `csv_response` streams them (on PostgreSQL inside a
  read transaction, see `_in_one_read`).
- `SafeCsvExportMixin` puts Wagtail's listing exports (`list_export` on a viewset or a report)
  through the same lines, by its public extension points (`stream_csv`, `write_csv_row`,
  `write_csv_response` of `SpreadsheetExportMixin`). The site's own index views and reports use
  it; Wagtail's own reports (site history, ageing pages, workflows, redirects...) are served by
  subclasses with it, from URL patterns placed before the admin's (`safe_export_urls`). A test
  resolves every export URL of the site and checks the view that answers it.
"""

import csv

from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import URLResolver, path
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


class _Echo:
    """A file-like object whose write returns the line, for streaming."""

    def write(self, value):
        return value


def safe_cell(value):
    """Text a spreadsheet will not run as a formula (dates in a readable local form)."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(header, rows):
    """The lines of a CSV file: the byte-order mark, the header, then each row, every cell
    through `safe_cell`."""
    writer = csv.writer(_Echo())
    yield BOM
    yield writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def _in_one_read(lines):
    """On PostgreSQL, the lines written inside a transaction. Outside one, Django declares the
    server-side cursor of `QuerySet.iterator()` WITH HOLD, and PostgreSQL then computes every
    row before sending the first (80 ms against 9 for the first 100 of 22,000 stage changes).
    Not on SQLite, which reads as it goes without one (and whose transactions here take the
    write lock at once: an export would hold up every writer)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield from lines
        return
    with transaction.atomic():
        yield from lines


def csv_response(filename, header, rows, *, streaming=True):
    """A CSV download, streamed row by row (or in one piece for rows already in memory)."""
    lines = csv_lines(header, rows)
    if streaming:
        response = StreamingHttpResponse(_in_one_read(lines), content_type=CONTENT_TYPE)
    else:
        response = HttpResponse("".join(lines), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SafeCsvExportMixin:
    """For a Wagtail index view with `list_export`: its CSV goes through `csv_lines`."""

    def csv_row(self, item):
        return [
            self.preprocess_field_value(field, value, self.FORMAT_CSV)
            for field, value in self.to_row_dict(item).items()
        ]

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: safe_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        return csv_lines(header, (self.csv_row(item) for item in queryset))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CONTENT_TYPE
        return response


def _unsafe_exports(patterns, prefix=""):
    """(route, pattern) of each view of `patterns` that exports a listing without the mixin."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue  # none of Wagtail's export views is under a regular expression
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _unsafe_exports(pattern.url_patterns, route)
            continue
        if exports_a_listing(pattern) and not issubclass(
            pattern.callback.view_class, SafeCsvExportMixin
        ):
            yield route, pattern


def exports_a_listing(pattern):
    """Whether the view of this URL pattern offers a spreadsheet export of its listing."""
    view = getattr(pattern.callback, "view_class", None)
    if view is None or not issubclass(view, SpreadsheetExportMixin):
        return False
    return bool(pattern.callback.view_initkwargs.get("list_export") or view.list_export)


def safe_export_urls(patterns):
    """URL patterns that serve each export view of `patterns` (Wagtail's own reports) through a
    subclass with `SafeCsvExportMixin`, same route and arguments: put them first (unnamed: links
    are still reversed from Wagtail's own names, and lead to the same addresses)."""
    safe = []
    for route, pattern in _unsafe_exports(patterns):
        view = pattern.callback.view_class
        safe_view = type(view.__name__, (SafeCsvExportMixin, view), {"__module__": __name__})
        callback = safe_view.as_view(**pattern.callback.view_initkwargs)
        safe.append(path(route, callback, pattern.default_args))
    return safe
