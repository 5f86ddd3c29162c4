"""A team's partners from a spreadsheet (CSV or XLSX), read with tablib.

Each row is checked with the same form as the "add a partner" page. Any wrong row, an unknown
column or a missing one: nothing is saved and the report says what to fix, row by row. The
columns are the fields' names as the site shows them, in French or in English (accents and case
do not matter); choices (kind, status, roles) are their labels or their codes.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from canteen_site.text import unaccent

from .models import Partner
from .partner_forms import PartnerForm
from .partners import PARTNER_FIELDS

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 500
REQUIRED_COLUMNS = ("name", "kind", "status")
CHOICES = {"kind": Partner.Kind, "status": Partner.Status}
_ROLE_SEPARATORS = re.compile(r"[,;/|\n]+")


@dataclass
class ImportReport:
    partners: list = field(default_factory=list)  # cleaned data of each row, when all are good
    errors: list = field(default_factory=list)  # (row number or None, message)

    @property
    def ok(self):
        return not self.errors and bool(self.partners)


def _key(text):
    return " ".join(unaccent(str(text or "")).replace("(€)", "").replace("_", " ").split())


def column_labels():
    """The column names of the model file, in the visitor's language."""
    return [str(Partner._meta.get_field(name).verbose_name) for name in PARTNER_FIELDS]


def _aliases():
    """{normalised header: field name}: each field's name and its label in every language."""
    aliases = {}
    for name in PARTNER_FIELDS:
        aliases[_key(name)] = name
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                aliases[_key(Partner._meta.get_field(name).verbose_name)] = name
    return aliases


def _choice_aliases(choices):
    found = {}
    for value, _label in choices.choices:
        found[_key(value)] = value
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                found[_key(choices(value).label)] = value
    return found


def read_dataset(upload):
    """A tablib Dataset from an uploaded CSV or XLSX file, or a ValueError with a message."""
    if upload.size > MAX_FILE_SIZE:
        raise ValueError(_("The file is larger than 2 MB."))
    content = upload.read()
    name = (upload.name or "").lower()
    try:
        if name.endswith(".xlsx"):
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        if name.endswith(".csv"):
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("cp1252")
            first_line = text.split("\n", 1)[0]
            delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
            return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as error:  # tablib and openpyxl raise many kinds on a damaged file
        raise ValueError(_("The file could not be read as a spreadsheet.")) from error
    raise ValueError(_("Send a CSV or XLSX file."))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _amount(value):
    text = _text(value).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    return text.replace("€", "").replace(",", ".").removesuffix(".00").removesuffix(".0")


def _day(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value)
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text


def check_rows(dataset, project, members):
    """The report of a dataset: the cleaned rows, or every problem found."""
    report = ImportReport()
    aliases = _aliases()
    headers = list(dataset.headers or [])
    columns = {}
    for header in headers:
        if not _text(header):
            continue
        name = aliases.get(_key(header))
        if name is None:
            report.errors.append(
                (None, _("Unknown column “%(column)s”.") % {"column": _text(header)})
            )
        elif name in columns.values():
            report.errors.append(
                (None, _("The column “%(column)s” appears twice.") % {"column": _text(header)})
            )
        else:
            columns[header] = name
    missing = [name for name in REQUIRED_COLUMNS if name not in columns.values()]
    if missing:
        labels = [str(Partner._meta.get_field(name).verbose_name) for name in missing]
        report.errors.append(
            (None, _("Missing columns: %(columns)s.") % {"columns": ", ".join(labels)})
        )
    if report.errors:
        report.errors.append(
            (None, _("The columns are: %(columns)s.") % {"columns": ", ".join(column_labels())})
        )
        return report
    if len(dataset) > MAX_ROWS:
        report.errors.append(
            (None, _("At most %(count)s partners per file.") % {"count": MAX_ROWS})
        )
        return report
    choices = {name: _choice_aliases(enum) for name, enum in CHOICES.items()}
    roles = _choice_aliases(Partner.Role)
    emails = {membership.user.email.lower(): membership.user.pk for membership in members}
    for number, values in enumerate(dataset, start=2):  # the header is row 1
        row = {
            columns[header]: value
            for header, value in zip(headers, values, strict=False)
            if header in columns
        }
        if not any(_text(value) for value in row.values()):
            continue
        problems, data = [], {}
        for name in PARTNER_FIELDS:
            value = row.get(name)
            if name in CHOICES:
                text = _text(value)
                code = choices[name].get(_key(text))
                if code is None:
                    known = ", ".join(str(label) for label in CHOICES[name].labels)
                    problems.append(
                        _("%(field)s “%(value)s” is not one we know (use one of: %(known)s).")
                        % {"field": _field_label(name), "value": text, "known": known}
                    )
                data[name] = code or ""
            elif name == "roles":
                given = [
                    part.strip() for part in _ROLE_SEPARATORS.split(_text(value)) if part.strip()
                ]
                codes = []
                for part in given:
                    code = roles.get(_key(part))
                    if code is None:
                        known = ", ".join(str(label) for label in Partner.Role.labels)
                        problems.append(
                            _("Role “%(value)s” is not one we know (use: %(known)s).")
                            % {"value": part, "known": known}
                        )
                    elif code not in codes:
                        codes.append(code)
                data[name] = codes
            elif name == "followed_by":
                email = _text(value).lower()
                if email and email not in emails:
                    problems.append(
                        _("“%(email)s” is not the email of a member of the team.")
                        % {"email": _text(value)}
                    )
                data[name] = emails.get(email, "")
            elif name.startswith("amount_"):
                data[name] = _amount(value)
            elif name == "next_step_on":
                data[name] = _day(value)
            else:
                data[name] = _text(value)
        form = PartnerForm(data=data, project=project, members=members)
        if not form.is_valid():
            for name, errors in form.errors.items():
                if name in CHOICES or name == "roles":
                    continue  # said above in the row's own words
                label = _field_label(name) if name in PARTNER_FIELDS else ""
                for error in errors:
                    problems.append(
                        _("%(field)s: %(error)s") % {"field": label, "error": error}
                        if label
                        else str(error)
                    )
        for problem in problems:
            report.errors.append((number, problem))
        if not problems:
            report.partners.append(form.cleaned_data)
    if not report.errors and not report.partners:
        report.errors.append((None, _("The file has no partner in it.")))
    if report.errors:
        report.partners = []
    return report


def _field_label(name):
    label = str(Partner._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def template_rows():
    """The model file: the columns and one example row."""
    return [
        [
            "Régie de quartier des Lilas",
            str(Partner.Kind.ASSOCIATION.label),
            f"{Partner.Role.PRESCRIBER.label}, {Partner.Role.VOLUNTEERS.label}",
            str(Partner.Status.CONTACTED.label),
            "Nadia Benali",
            "contact@example.org",
            "01 23 45 67 89",
            "",
            "",
            "",
            "0",
            "0",
            "0",
            "",
        ]
    ]
