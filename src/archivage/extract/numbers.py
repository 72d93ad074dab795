"""French numbers written in words: "cent vingt mille" → 120000, "quatre-vingt-dix" → 90."""

from __future__ import annotations

import re

_UNITS = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}
_SCALES = {"cent": 100, "cents": 100, "mille": 1000, "mil": 1000}  # "mil": the old spelling in dates

_WORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
# A run of number words joined by spaces, hyphens or "et" ("vingt et un", "quatre-vingt-dix").
NUMBER_WORDS = re.compile(
    rf"(?<![\w-])(?:{_WORD})(?:(?:[\s-]+|\s+et\s+|-et-)(?:{_WORD}))*(?![\w-])",
    re.IGNORECASE,
)
# "une vingtaine de", "la trentaine de mesures": approximate counts.
APPROX = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}


def words_to_number(phrase: str) -> int | None:
    """The value of a French number in words, or None if ``phrase`` is not one."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "et"]
    if not tokens:
        return None
    total, current, previous = 0, 0, ""
    for t in tokens:
        if t in _UNITS:
            v = _UNITS[t]
            if v == 20 and previous == "quatre":
                current += 80 - 4  # "quatre-vingt": 4 × 20, not 4 + 20
            else:
                current += v
        elif t in ("cent", "cents"):
            current = max(current, 1) * 100
        elif t in ("mille", "mil"):
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        previous = t
    return total + current
