"""The course attestation downloads as a PDF in the learner's language, carries a short
verification code, and anyone can check the code at a public address."""

import re
import zlib

import pytest
from django.urls import reverse

from courses.models import CourseCompletion
from courses.records import CODE_ALPHABET, CODE_LENGTH
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(team_member):
    team_member.first_name, team_member.last_name = "Amina", "Diallo"
    team_member.save()
    course = make_course("Gouvernance partagée", lessons=1)
    return CourseCompletion.objects.create(user=team_member, course=course)


def pdf_text(content):
    """The text drawn in a PDF made by fpdf2 (its page streams are zlib-compressed)."""
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            # Not zlib.decompress: a stream whose compressed bytes end with "\r" loses that
            # byte to the pattern above (one PDF in a few hundred, by its random code), and the
            # text is whole before the checksum.
            data = zlib.decompressobj().decompress(stream)
        except zlib.error:
            data = stream
        text += [match.decode("latin-1") for match in re.findall(rb"\((.*?)\) ?Tj", data)]
    return " ".join(text)


def test_every_completion_gets_its_own_short_unguessable_code(completion, make_user):
    other = CourseCompletion.objects.create(
        user=make_user("autre@test.org"), course=completion.course
    )
    for code in (completion.verification_code, other.verification_code):
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert completion.verification_code != other.verification_code


@pytest.mark.parametrize(
    "language, title", [("fr", "Attestation de suivi"), ("en", "Attestation of completion")]
)
def test_the_pdf_is_in_the_learners_language(client, completion, team_member, language, title):
    team_member.preferred_language = language
    team_member.save()
    client.force_login(team_member)
    response = client.get(reverse("courses:attestation_pdf", args=[completion.course_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert title in text
    assert "Amina Diallo" in text and "Gouvernance partag" in text
    assert completion.verification_code in text
    assert f"/attestation/verifier/{completion.verification_code}/" in text


def test_the_attestation_page_shows_the_code_and_links_the_pdf(client, completion, team_member):
    client.force_login(team_member)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(reverse("courses:attestation", args=[completion.course_id])).content
    html = html.decode()
    assert completion.verification_code in html
    assert reverse("courses:attestation_pdf", args=[completion.course_id]) in html
    assert f"http://testserver/attestation/verifier/{completion.verification_code}/" in html


def test_only_the_learner_downloads_their_attestation(client, completion, other_team_member):
    url = reverse("courses:attestation_pdf", args=[completion.course_id])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_team_member)
    assert client.get(url).status_code == 404


def test_anyone_can_check_a_code_and_sees_name_course_and_date_only(client, completion):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.get(f"/attestation/verifier/{completion.verification_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "is genuine" in html
    assert "Amina Diallo" in html and "Gouvernance partagée" in html
    assert completion.completed_at.strftime("%Y") in html
    assert completion.user.email not in html
    assert 'name="robots" content="noindex"' in html


def test_a_code_typed_in_lower_case_or_with_a_dash_finds_the_attestation(client, completion):
    code = completion.verification_code
    typed = f"{code[:5].lower()}-{code[5:].lower()}"
    response = client.get(reverse("courses:verify_attestation_form"), {"code": typed})
    assert response.url == f"/attestation/verifier/{code}/"
    assert client.get(f"/attestation/verifier/{typed}/").url == f"/attestation/verifier/{code}/"


def test_an_unknown_code_says_not_found(client, completion):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.get("/attestation/verifier/ZZZZZZZZZZ/")
    assert response.status_code == 404
    assert "No attestation has the code ZZZZZZZZZZ" in response.content.decode()
    assert "Amina" not in response.content.decode()
