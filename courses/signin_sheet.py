"""The printable sign-in sheet of a training session (PDF, with fpdf2)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

# fpdf2's built-in fonts cover Latin-1: typographic characters outside it get their plain form.
PLAIN = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "œ": "oe", "Œ": "OE", "…": "...", "–": "-",
     "—": "-", "\u202f": " "}
)  # fmt: skip


def _text(value):
    return str(value).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def signin_sheet_pdf(session, seats):
    start = timezone.localtime(session.starts_at)
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(_text(_("Sign-in sheet")))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, _text(session.day.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 12)
    when = f"{date_format(start, 'l j F Y')} · {start:%H:%M}"
    pdf.multi_cell(0, 7, _text(when.replace("·", "-")), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, _text(session.place), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 12)
    widths = (65, 60, 65)
    for width, title in zip(widths, (_("Name"), _("Team"), _("Signature")), strict=True):
        pdf.cell(width, 10, _text(title), border=1)
    pdf.ln()
    pdf.set_font("helvetica", "", 12)
    rows = [(seat.user.display_name, seat.project.name) for seat in seats]
    rows += [("", "")] * 5  # for people who come without having signed up
    for name, team in rows:
        pdf.cell(widths[0], 14, _text(name), border=1)
        pdf.cell(widths[1], 14, _text(team), border=1)
        pdf.cell(widths[2], 14, "", border=1)
        pdf.ln()
    return bytes(pdf.output())
