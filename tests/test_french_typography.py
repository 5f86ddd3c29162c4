"""French typography, everywhere French text is written: the compiled French catalogue, the
French text of the templates, and what templates put around translated strings.

The site's conventions: a non-breaking space (U+00A0, never U+202F) before : ; ! ? and inside
« », French quotes « » (not “ ”), and one apostrophe, ’ (never ').
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

NBSP = "\u00a0"
CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.mo"
TEMPLATES = Path(settings.BASE_DIR) / "templates"

URL = re.compile(r"https?://\S+")
# Double punctuation that ends a word (followed by a space, the end, or a closing mark) must
# follow a non-breaking space; "?!" counts as one mark.
DOUBLE_PUNCTUATION = re.compile(rf"(?<![{NBSP}!?])[:;!?](?=[\s»)]|$)")
STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_]'[^\W\d_]")


def typography_faults(text):
    """The faults of a French text, each as a short excerpt."""
    text = URL.sub("", text)
    faults = []
    for match in DOUBLE_PUNCTUATION.finditer(text):
        faults.append(
            f"space before {match.group()!r}: …{text[max(0, match.start() - 12) : match.end()]}"
        )
    for match in STRAIGHT_APOSTROPHE.finditer(text):
        faults.append(f"straight apostrophe: …{text[max(0, match.start() - 12) : match.end() + 4]}")
    if "\u202f" in text:
        faults.append("narrow no-break space (the site uses U+00A0)")
    if re.search("[“”]", text):
        faults.append("English quotes “ ” (French uses « »)")
    if re.search(rf"«(?!{NBSP})|(?<!{NBSP})»", text):
        faults.append("« » without non-breaking spaces inside")
    return faults


def catalogue_strings():
    for entry in polib.mofile(str(CATALOGUE)):
        if not entry.msgid:
            continue  # the header
        translations = entry.msgstr_plural.values() if entry.msgstr_plural else [entry.msgstr]
        for text in translations:
            yield entry.msgid, text


def test_the_checker_catches_what_it_should():
    assert typography_faults("Nom : Awa") and typography_faults("Nom: Awa")
    assert typography_faults("l'équipe") and typography_faults("“lead”")
    assert typography_faults("Nom\u202f: Awa")
    assert not typography_faults(f"Nom{NBSP}: Awa, l’équipe, «{NBSP}piste{NBSP}», Quoi{NBSP}?!")
    assert typography_faults("Voir https://exemple.fr/?a=1: ok") == []


def test_the_french_catalogue_follows_french_typography():
    faults = {
        msgid: typography_faults(text)
        for msgid, text in catalogue_strings()
        if typography_faults(text)
    }
    assert faults == {}, (
        f"Fix these msgstr in site/locale/fr/LC_MESSAGES/django.po (then compilemessages): {faults}"
    )


def template_files(suffixes=(".html", ".txt")):
    return [path for path in TEMPLATES.rglob("*") if path.suffix in suffixes]


TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


def test_templates_add_no_punctuation_around_translated_strings():
    """A colon written after `{% translate %}` or a variable stays ":" in French: templates use
    `{% colon %}` (canteen_site typography tags) or put the colon inside the translation."""
    glued = re.compile(r"(%\}|\}\})[ ]?[:;!?](?=[\s<]|$)", re.M)
    faults = []
    for path in template_files():
        source = path.read_text(encoding="utf-8")
        # Inside a translation, punctuation is the translator's (checked in the catalogue).
        source = re.sub(
            r"\{% blocktrans(late)?\b.*?\{% endblocktrans(late)? %\}", "{% T %}", source, flags=re.S
        )
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
        source = re.sub(r"<[^>]*>", " ", source)  # attributes (inline styles)
        faults += [f"{path.relative_to(TEMPLATES)}: {m.group()}" for m in glued.finditer(source)]
    assert faults == []


def literal_text(source):
    """What a template writes itself: no template tags, no HTML tags, scripts or styles."""
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    source = TAG.sub(" ", source)
    return re.sub(r"<[^>]*>", " ", source)


def test_french_written_in_templates_follows_french_typography():
    faults = {}
    for path in template_files():
        text = literal_text(path.read_text(encoding="utf-8"))
        # Only the French text a template writes itself (the 404/500 pages, which must not
        # depend on the catalogue): lines with French letters or words.
        french = [
            line
            for line in text.splitlines()
            if re.search(r"[àâçéèêëîïôûùœ]|\b(le|la|les|des|une|vous)\b", line, re.I)
        ]
        found = [fault for line in french for fault in typography_faults(line)]
        if found:
            faults[str(path.relative_to(TEMPLATES))] = found
    assert faults == {}


@pytest.mark.parametrize(
    "template",
    ["projects/emails/start_head_office_message.txt", "toolbox/resource_page.html"],
)
def test_the_colon_tag_follows_the_language(template, db):
    from canteen_site.templatetags.typography import colon

    with translation.override("fr"):
        assert colon() == f"{NBSP}:"
    with translation.override("en"):
        assert colon() == ":"
    assert "{% colon %}" in (TEMPLATES / template).read_text(encoding="utf-8")


def test_the_head_office_email_in_french_has_its_non_breaking_spaces(db):
    from projects.models import Project

    project = Project(
        name="Lyon", city="Lyon", postcode="69005", contact_name="Awa", contact_email="a@b.fr"
    )
    with translation.override("fr"):
        body = render_to_string(
            "projects/emails/start_head_office_message.txt",
            {"project": project, "admin_url": "http://exemple.fr/admin/"},
        )
    assert f"Nom{NBSP}: Awa" in body
    assert f"Ville{NBSP}: Lyon" in body
    assert typography_faults(body) == []
