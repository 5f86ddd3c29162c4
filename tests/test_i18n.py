import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import formats, translation

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"


def french_catalogue():
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def test_every_interface_string_has_a_french_translation():
    missing = [
        entry.msgid
        for entry in french_catalogue()
        if "fuzzy" in entry.flags or not (entry.msgstr or all(entry.msgstr_plural.values() or [""]))
    ]
    assert missing == []


def test_compiled_french_catalogue_matches_its_source():
    stale = []
    with translation.override("fr"):
        for entry in french_catalogue():
            if not (entry.msgstr or entry.msgstr_plural):
                continue  # reported by the test above
            if entry.msgid_plural:
                got = translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                expected = entry.msgstr_plural[1]
            elif entry.msgctxt:
                got = translation.pgettext(entry.msgctxt, entry.msgid)
                expected = entry.msgstr
            else:
                got = translation.gettext(entry.msgid)
                expected = entry.msgstr
            if got != expected:
                stale.append(entry.msgid)
    assert stale == [], "run `make messages` to compile the catalogue"


@pytest.mark.django_db
def test_home_page_speaks_french_by_default_and_english_on_request(client, demo_content):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in french
    assert "Aller au contenu" in french
    assert "Créer un compte" in french

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in english
    assert "Skip to content" in english
    assert "Sign up" in english


@pytest.mark.django_db
def test_language_switcher_remembers_the_choice(client, demo_content):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Skip to content" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert "Aller au contenu" in client.get("/").content.decode()


@pytest.mark.django_db
def test_browser_without_french_or_english_gets_french(client, demo_content):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="fr">' in content


def test_dates_read_day_month_year_in_both_languages():
    day = datetime.date(2026, 9, 15)
    with translation.override("en"):
        assert formats.date_format(day) == "15 September 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "15/09/2026"
    with translation.override("fr"):
        assert formats.date_format(day) == "15 septembre 2026"
