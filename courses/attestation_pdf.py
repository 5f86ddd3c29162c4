"""The course attestation as a PDF document (fpdf2), in the language active when it is built.

fpdf2's built-in fonts cover Latin-1 (French and the other Western European languages): other
characters get their plain form, or "?" (see `signin_sheet._text`).
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from .signin_sheet import _text

PRIMARY = (166, 60, 26)  # the site's --color-primary
MUTED = (92, 79, 67)


def attestation_pdf(completion, attended, verify_url):
    """`attended`: the learner's present seats at the course's training days."""
    learner, course = completion.user, completion.course
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(_text(_("Attestation: %(course)s") % {"course": course.title}))
    pdf.set_author(_text(_("Network of neighbourhood canteens")))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_draw_color(*PRIMARY)
    pdf.set_line_width(1)
    pdf.rect(10, 10, 190, 277)

    def line(text, size, style="", height=None, color=(43, 33, 24), gap=0):
        pdf.set_font("helvetica", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height or size * 0.55, _text(text), align="C")
        pdf.ln(gap)

    pdf.set_y(35)
    line(_("Network of neighbourhood canteens"), 13, color=MUTED, gap=10)
    line(_("Attestation of completion"), 26, "B", color=PRIMARY, gap=14)
    line(_("This certifies that"), 14, gap=4)
    line(learner.get_full_name() or learner.email, 22, "B", gap=6)
    line(_("has completed the course"), 14, gap=4)
    line(course.title, 20, "B", gap=12)
    completed = date_format(timezone.localtime(completion.completed_at), "j F Y")
    line(_("Completed on %(date)s") % {"date": completed}, 13)
    if course.duration_minutes:
        line(_("Estimated duration: %(duration)s") % {"duration": course.duration_display}, 13)
    for seat in attended:
        when = date_format(timezone.localtime(seat.session.starts_at), "j F Y")
        line(
            _("In-person training day: %(day)s, %(date)s")
            % {"day": seat.session.day.title, "date": when},
            13,
        )
    pdf.set_y(-75)
    line(_("Verification code: %(code)s") % {"code": completion.verification_code}, 14, "B", gap=2)
    line(_("Anyone can check that this attestation is genuine at:"), 11, color=MUTED, gap=1)
    line(verify_url, 11, color=PRIMARY)
    return bytes(pdf.output())
