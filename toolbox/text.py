"""Text helpers for an accent-insensitive search in French ("securite" finds "sécurité")."""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NOT_A_WORD = re.compile(r"[^\w]+")

QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 12


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
