"""Small text helpers shared by segmentation and extraction (no spaCy here: they must be cheap)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def fold(s: str) -> str:
    """Lower case without accents, ligatures opened ("Œ" → "oe"): for keyword tests only."""
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


@dataclass
class Span:
    """A piece of a text with its offsets: a paragraph or a line."""

    start: int
    end: int
    text: str

    @property
    def flat(self) -> str:
        """The text on one line: OCR wraps long lines, rules should not care."""
        return " ".join(self.text.split())


def paragraphs(text: str) -> list[Span]:
    """Paragraphs are separated by blank lines (the page text format of the OCR stage)."""
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=[ \t]*\n[ \t]*\n|\s*\Z)", text, re.S):
        out.append(Span(m.start(), m.end(), m.group()))
    return out


def lines(text: str, offset: int = 0) -> list[Span]:
    """The non-blank lines of text; ``offset`` is added to their positions (text being a part of a larger one)."""
    return [Span(offset + m.start(), offset + m.end(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def is_caps(s: str) -> bool:
    """Mostly capitals (a heading), tolerant of OCR's stray lower-case letters ("18e", "cedex")."""
    return len([c for c in s if c.isalpha()]) >= 4 and upper_ratio(s) >= 0.75


# closing formulas of a letter, singular or plural ("je vous prie" / "nous vous prions d'agréer …
# l'expression de notre considération distinguée"), long or short ("Bien cordialement")
CLOSING = re.compile(
    r"((?:je|nous)\s+vous\s+pri(?:e|ons)\s+(?:d'|de\s+)|veuillez\s+(?:agr[ée]er|croire|recevoir|accepter)"
    r"|l'assurance\s+de\s+(?:ma|mes|notre|nos)\b"
    r"|l'expression\s+de\s+(?:ma|mes|notre|nos)\s+(?:sentiments|salutations|consid[ée]ration|respect|meilleur"
    r"|(?:tr[eè]s\s+)?(?:haute|parfaite|sinc[eè]re|respectueuse|profonde|distingu))"
    r"|salutations|sentiments\s+(?:les\s+)?(?:meilleurs|respectueux|distingu|d[ée]vou|cordiaux)"
    r"|(?:ma|notre)\s+(?:(?:tr[eè]s\s+)?(?:haute|parfaite|profonde|sinc[eè]re)\s+)?consid[ée]ration"
    r"|^\s*(?:bien\s+|tr[eè]s\s+)?c[o0][nr]?dialement|\bcordialement|bien\s+(?:amicalement|[àa]\s+vous)"
    r"|^\s*(?:bien\s+)?amicalement|^\s*(?:tr[eè]s\s+)?respectueusement|(?:mes|nos)\s+respectueux\s+hommages)",
    re.I | re.M,
)

MONTHS = (r"(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?"
          r"|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?")
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# a place name is capitalised (case matters: "avoir déposé plainte le 16 janvier" is not a place
# and a date): "Paris", "Saint-Denis", "Neuilly-sur-Seine", "Aix en Provence", "PARIS"
_PLACE = r"[A-ZÀ-Ý][\w'’.-]*(?:[\s-]+(?:sur|sous|en|l[eè]s|le|la|les|de|d'|du|[A-ZÀ-Ý][\w'’.-]*)){0,4}"
# "Paris, le 26 février 2019", "Vesoul, le 18 NOV. 2022", "Paris le 3 mai 2021", "Le 1er mars 2019"
# alone on its line: the whole line is the date line
DATE_LINE = re.compile(
    # (without a comma, a past participle is a form's field, not a place: "Déposée le 14 février 2023")
    r"^\s*(?:" + _PLACE + r"\s*,\s*|(?![\w-]*(?:é|ée|és|ées|[Rr]eçue?s?)\s)" + _PLACE + r"\s+(?=(?i:le)\s))?"
    # (a stamp spaces its digits: "Fort de France, le 1 2 MARS 2018")
    r"(?i:le\s+)?(?i:" + _WEEKDAY + r"\s+)?(?:(?:1\s*er|1re|[1-3]\s\d(?=\s+[A-ZÉÛ]{3})|\d{1,2}|(?i:premier))\s+(?i:"
    + MONTHS + r")"
    r"\s*(?:\d{4})?"
    # a stamp's day that OCR garbled, its month and year read ("Évreux, le 2 & FEV. 2025")
    r"|(?<=[Ll]e\s)\d\s?[^\w\s,.]\s+(?i:" + MONTHS + r")\s*(?:19|20)\d\d"
    # a date in figures, as private persons write it ("Paris, le 02/03/2021", "Paris, le 7.6.2021"); only
    # after "le": a bare "12/03/2021" line is a field of a form or a table
    r"|(?<=[Ll]e\s)[0-3]?\d([/.])[01]?\d\1(?:19|20)\d\d)\s*[.,]?\s*$",
)

FAIT_A = re.compile(r"^\s*(?:fait|d[ée]lib[ée]r[ée]|fait\s+et\s+d[ée]lib[ée]r[ée])\s+(?:à|a|en)\b.{0,60}?\ble\b", re.I)

ATTENTION = re.compile(r"^\s*(?:(?:note\s+)?[àa]\s+l'(?:attention|intention)\s+de|destinataires?\s*:|[àa]\s*:\s)", re.I)

FOOTER = re.compile(
    r"^\s*(?:\.{2,}\s*/\s*\.{2,}|-\s*\d+\s*-|\d+\s*/\s*\d+|page\s+\d+(?:\s*(?:/|sur)\s*\d+)?|\d+"
    # a running header or footer that ends with the page count ("Conseil de Paris – Séance des 4, 5 et 6
    # juillet 2022 – 3/7", "Bulletin municipal – page 2")
    r"|[^\n]{4,100}?\s[–—-]\s*(?:page\s+)?\d+\s*(?:/|sur)\s*\d+|[^\n]{4,100}?\s[–—-]\s*page\s+\d+)\s*$",
    re.I,
)


# the number of a project or a vœu before its title: "V18 2023 03 – Vœu relatif …", "2023 DASCO 45 : …"
# (tokens of capitals and digits, one digit at least, then a dash or a colon)
ID_PREFIX = re.compile(r"^\s*(?=[A-Z0-9 ]*\d)[A-Z0-9]+(?:[ \t]+[A-Z0-9]+){0,3}[ \t]*[–—:-][ \t]*(?=\S)")


def is_date_line(s: str) -> bool:
    s = " ".join(s.split())
    return len(s) <= 60 and bool(DATE_LINE.match(s)) and not FAIT_A.match(s)


def is_closing(s: str) -> bool:
    return bool(CLOSING.search(" ".join(s.split())))


LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)]|[a-z][.)])\s")


def is_prose(flat: str) -> bool:
    if len(flat) < 120 or sum(c.islower() for c in flat) < len(flat) / 3:
        return False
    return len(flat) > 320 or not is_header_like(flat)


def is_header_like(flat: str) -> bool:
    """A short line of a letterhead or an address block: a name, a function, an address."""
    if len(flat) > 320 or LIST_ITEM.match(flat) or is_closing(flat):
        return False
    # a letter's addressee line may start in lower case ("à Monsieur Mourad BELKACEM")
    if flat[:1].islower() and not re.match(r"[àa]\s+(?:M\.|Mme|Mlle|Madame|Monsieur|Mademoiselle)\s", flat):
        return False
    if fold(flat).startswith(("considerant", "vu ", "article")):
        return False
    if len(flat) > 60 and flat.rstrip().endswith((".", ";")):
        return False
    return True
