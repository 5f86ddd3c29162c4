"""Every text the site reads from a query string or a form goes through here.

`clean_text` is the one cleaning: control characters (a NUL byte, which PostgreSQL refuses,
escape characters, ...) are replaced by U+FFFD, so that such a value matches nothing and is
never stored; the result is trimmed and capped in length, and says what was changed so the
page can tell the visitor. Forms get the same rule through `CleanTextMixin` (a clear error on
the field instead of a silent change).

Also the accent-insensitive search helpers in French ("securite" finds "sécurité").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NOT_A_WORD = re.compile(r"[^\w]+")
# Line breaks and tabs are text in a multi-line field; everywhere else they are control too.
_LINE_BREAKS = frozenset("\n\r\t")
REPLACEMENT = "\ufffd"

QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 12


def _is_control(char, multiline=False):
    return unicodedata.category(char) == "Cc" and not (multiline and char in _LINE_BREAKS)


def has_control_characters(text, multiline=False):
    return any(_is_control(char, multiline) for char in text or "")


@dataclass(frozen=True)
class CleanText:
    text: str
    had_control_characters: bool = False
    shortened: bool = False

    def messages(self, max_length):
        """What the page tells the visitor about the changes (search and filter inputs)."""
        found = []
        if self.shortened:
            found.append(
                _("Your search was shortened to its first %(count)s characters.")
                % {"count": max_length}
            )
        if self.had_control_characters:
            found.append(_("Invisible control characters in your search were ignored."))
        return found


def clean_text(value, max_length=None, *, multiline=False):
    """The text of a query string or form value: control characters replaced by U+FFFD,
    trimmed, and capped at `max_length` characters (None: not capped)."""
    value = value if isinstance(value, str) else ""
    had_control = has_control_characters(value, multiline)
    if had_control:
        value = "".join(REPLACEMENT if _is_control(c, multiline) else c for c in value)
    value = value.strip()
    shortened = max_length is not None and len(value) > max_length
    if shortened:
        value = value[:max_length].strip()
    return CleanText(value, had_control, shortened)


def read_param(params, name, max_length=QUERY_MAX_LENGTH):
    """`clean_text` of one query-string parameter (a QueryDict or a dict)."""
    return clean_text(params.get(name, ""), max_length)


CONTROL_CHARACTERS_MESSAGE = gettext_lazy(
    "This text contains invisible control characters: please type it again."
)


class ControlCharactersValidator:
    """Refuses a text with control characters (line breaks allowed in multi-line fields)."""

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        if isinstance(value, str) and has_control_characters(value, self.multiline):
            raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")

    def __eq__(self, other):
        return isinstance(other, ControlCharactersValidator) and other.multiline == self.multiline


class CleanTextMixin:
    """For every form of the site: each text field refuses control characters with a clear
    message (Django's own NUL check is replaced by this one, which says the same and more)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, ProhibitNullCharactersValidator)
                ] + [ControlCharactersValidator(multiline)]


def unaccent(text):
    """Lower-case text without accents: "Sécurité œuf" -> "securite oeuf"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def search_words(query):
    """The words of a visitor's query, unaccented, with every search-syntax character removed.

    Only letters and digits reach the search backend, so quotes, operators and SQL fragments
    are plain separators; the query is capped in length and in number of words.
    """
    cleaned = _NOT_A_WORD.sub(" ", unaccent(query[:QUERY_MAX_LENGTH]).replace("_", " "))
    return " ".join(cleaned.split()[:QUERY_MAX_WORDS])


# Plain text written by people (questions, answers): shown escaped, with its web addresses as
# links. Only http and https addresses become links, marked as user content (rel "nofollow
# ugc"); everything else, "javascript:" included, stays text.
_URL = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»’\u00a0"
_url_validator = None


def _valid_url(url):
    global _url_validator
    from django.core.validators import URLValidator

    if _url_validator is None:
        _url_validator = URLValidator(schemes=["http", "https"])
    try:
        _url_validator(url)
    except ValidationError:
        return False
    return True


def linkify(text):
    """Escaped plain text with line breaks kept and its http(s) addresses as safe links."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    parts, start = [], 0
    for match in _URL.finditer(text or ""):
        url = match.group(0)
        stripped = url.rstrip(_TRAILING)
        # A closing parenthesis belongs to the address when it opened one: (see https://x/(a))
        while url[len(stripped) :].startswith(")") and stripped.count("(") > stripped.count(")"):
            stripped += ")"
        url = stripped
        parts.append(escape(text[start : match.start()]))
        if _valid_url(url):
            parts.append(format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', url, url))
        else:
            parts.append(escape(url))
        start = match.start() + len(url)
    parts.append(escape((text or "")[start:]))
    html = "".join(str(part) for part in parts)
    html = html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return mark_safe(html)  # every piece was escaped above


_STEM_WORD = re.compile(r"\w+")
_stemmer = snowballstemmer.stemmer("french")


@lru_cache(maxsize=50_000)
def _stem(word):
    return _stemmer.stemWord(word)


def french_stems(text):
    """ "Les Réunions des bénévoles" -> "le reunion de benevol": the indexed and searched form."""
    return " ".join(_stem(word) for word in _STEM_WORD.findall(unaccent(text)))
