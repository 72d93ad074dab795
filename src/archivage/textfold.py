"""Accent folding and French stemming, shared by the SQLite index, queries, filters and snippets.

SQLite's FTS5 has no French stemmer, so the index holds a Python-made version of the text in
which every word is folded (lower case, no accents) and then stemmed. Queries go through the
same function, so "securite", "Sécurité" and "sécurités" all meet "sécurité" in the index.
Folding comes *before* stemming on purpose: the Snowball stemmer treats "sécurité" and
"securite" differently (it strips "ité" only with its accent), and an archivist typing without
accents must find the accented word.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

WORD = re.compile(r"\w+")

# Ligatures that NFKD does not decompose.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})

_LIGATURE = re.compile("[œŒæÆß]")


def _unligature(m: re.Match) -> str:
    return _LIGATURES[ord(m.group())]

def _french_stemmer():
    """snowballstemmer's French stemmer, loaded without the package's other 30 languages.

    Importing ``snowballstemmer`` builds every language's tables: ~25 ms of each ``archivage
    search`` process. Its French module is loaded here under a private package name instead
    (the same file, so the same stems; and always the pure-Python one, whereas the package
    switches to PyStemmer's C stemmers when that is installed, whose version may stem otherwise).
    """
    try:
        found = importlib.util.find_spec("snowballstemmer")
        package = importlib.util.module_from_spec(importlib.machinery.ModuleSpec(_SNOWBALL, None, is_package=True))
        package.__path__ = list(found.submodule_search_locations)
        sys.modules.setdefault(_SNOWBALL, package)
        return importlib.import_module(f"{_SNOWBALL}.french_stemmer").FrenchStemmer()
    except (ImportError, AttributeError, TypeError):  # another layout: the package's own way
        import snowballstemmer

        return snowballstemmer.stemmer("french")


_SNOWBALL = "_archivage_snowball"
_stemmer = _french_stemmer()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(m: re.Match) -> str:
    return "" if unicodedata.combining(m.group()) else m.group()


def fold(text: str) -> str:
    """Lower case without accents: "Vœu adopté À l'unanimité" -> "voeu adopte a l'unanimite"."""
    # Ligatures by regex, not str.translate (a dict lookup per character: 0.6 ms a page).
    text = _LIGATURE.sub(_unligature, text).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return _NON_ASCII.sub(_drop_combining, decomposed)  # only non-ASCII characters can be accents


def fold_name(text: str) -> str:
    """Folded, punctuation turned to single spaces: "Jean-Marc  CASTANER" -> "jean marc castaner"."""
    return " ".join(WORD.findall(fold(text).replace("_", " ")))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The index term of one word: folded, then stemmed, then a few plural forms evened out.

    Snowball leaves some plurals alone ("vœux", "élus", "euros"); without the two small
    rules below a search for "vœu" would miss "vœux".
    """
    w = fold(word)
    if w.endswith("eux") and len(w) <= 6:  # voeux, lieux, jeux, feux
        w = w[:-1]
    w = _stemmer.stemWord(w)
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def words(text: str) -> Iterator[re.Match]:
    """The words of a text with their positions (for snippets that highlight the real words)."""
    return WORD.finditer(text)


def index_text(text: str | None) -> str:
    """What goes into the FTS5 index: the stems of every word, in order, space separated."""
    if not text:
        return ""
    return " ".join(map(stem, WORD.findall(text)))
