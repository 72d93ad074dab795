"""Quantities stated in French text: money, percentages, counts, durations and measures.

A number becomes a figure by what follows it: "€"/"euros" (money, multiplied out: "1,2 million
d'euros" → 1200000), "%"/"pour cent" (percent), "ans"/"mois" (duration), "mètres"/"km" (measure),
a noun (count: "800 policiers"). Everything else a number can be in council paperwork is ruled out
first: dates and years, times ("17h"), phone numbers, postal codes, street numbers, references
("n° 01/2015", "article L. 2122-22"), ordinals ("18e", "19°") and emergency numbers ("le 17").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates
from .numbers import APPROX, NUMBER_WORDS, words_to_number


@dataclass
class FigureMention:
    value: float
    kind: str  # money | percent | count | duration | measure
    unit: str | None
    subject: str | None
    text: str
    start: int
    end: int


_SPACE = "[ \u00a0\u202f]"
# OCR breaks lines inside numbers too: "s'élève à 210\n000 euros".
_GROUP_SEP = rf"(?:{_SPACE}|{_SPACE}*\n{_SPACE}*)"
_DIGITS = re.compile(
    # (after "à" OCR may drop the space: "300 à400 m")
    rf"(?:(?<![\w.,/°-])|(?<=\sà))(?P<sign>[+±]{_SPACE}?)?"
    # an amount whose thousands OCR sent to the next paragraph ("un montant estimé à 4\n\n850 000 euros"):
    # only before a currency, where a lone "4" ending a line would make no sense
    rf"(?P<num>\d{{1,3}}{_SPACE}*\n{_SPACE}*\n{_SPACE}*\d{{3}}(?:{_SPACE}\d{{3}})*(?:,\d+)?"
    rf"(?={_SPACE}*(?:€|euros?\b|EUR\b|M€|k€))"
    # "2.129.622,73 €": thousands marked by full stops, as accounting software prints them
    rf"|\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+|\.\d{{1,2}}(?=\s*(?:€|euros?\b)))?(?!\d)"
    rf"|\d{{1,3}}(?:\.\d{{3}})+(?:,\d{{1,2}}(?!\d)|(?![\d,]))"
    rf"|\d+(?:[.,]\d+)?)"
)
_APPROX = re.compile(
    # "une trentaine de commerçants", or the subject of a verb: "une trentaine ont signé"
    rf"\b(?:une|la|cette|d'une|l')\s*(?P<word>{'|'.join(APPROX)})\s+(?:de\s+|d['’]\s*"
    r"|(?=(?:ont|sont|avaient|étaient|auront|seront|se|s['’]|ne|n['’])(?![\w-])))",
    re.IGNORECASE,
)

_MULT = re.compile(
    r"^\s*(?P<m>milliards?|mds?\b|millions?|mill?\.|mille)(?![\w])", re.IGNORECASE
)
_MULT_VALUE = {"milliard": 1e9, "md": 1e9, "mds": 1e9, "million": 1e6, "mill": 1e6, "mil": 1e6, "mille": 1e3}
# "£" is how tesseract often reads a "€" at 200 dpi; French council papers do not count in pounds
_MONEY = re.compile(
    r"^\s*(?:d['’]\s*|de\s+)?(?P<u>[€£]|euros?\b|eur\b|(?P<m>[kKM]|Md|Mds)\s?[€£]|(?P<m2>[kKM]|Md|Mds)\s?euros?\b)",
)
_MONEY_CI = re.compile(r"^\s*(?:d['’]\s*|de\s+)?(?P<u>[€£]|euros?\b|eur\b)", re.IGNORECASE)
# on the number's line ("2022\n% Approbation …": OCR's reading of a bullet); "1% adjoint" is OCR's "1er adjoint"
_PERCENT = re.compile(r"^[ \t\u00a0\u202f]*(?:%(?!\s*(?:vice-?\s*)?(?:adjoint|adjointe|conseill|pr[ée]sident|secr[ée]taire)\b)"
                      r"|pour\s?cent\b|pourcent\b|p\.\s?100\b)", re.IGNORECASE)
_DURATION_UNITS = {
    "an": "an", "ans": "an", "année": "an", "années": "an", "annee": "an", "annees": "an",
    "mois": "mois", "semaine": "semaine", "semaines": "semaine", "jour": "jour", "jours": "jour",
    "heure": "heure", "heures": "heure", "minute": "minute", "minutes": "minute", "min": "minute",
    "seconde": "seconde", "secondes": "seconde", "décennie": "décennie", "décennies": "décennie",
    "siècle": "siècle", "siècles": "siècle", "trimestre": "trimestre", "trimestres": "trimestre",
    "semestre": "semestre", "semestres": "semestre", "nuit": "nuit", "nuits": "nuit",
}
_DURATION = re.compile(
    r"^\s*(?P<u>ans?|ann[ée]es?|mois|semaines?|jours?|heures?|minutes?|min|secondes?|décennies?|siècles?"
    r"|trimestres?|semestres?|nuits?)(?![\w])(?P<half>\s+et\s+demie?)?",
    re.IGNORECASE,
)
_MEASURE_UNITS = {
    "mètre": "m", "mètres": "m", "metre": "m", "metres": "m", "m": "m", "km": "km", "kilomètre": "km",
    "kilomètres": "km", "cm": "cm", "mm": "mm", "m²": "m²", "m2": "m²", "km²": "km²", "km2": "km²",
    "m³": "m³", "m3": "m³", "ha": "ha", "hectare": "ha", "hectares": "ha", "tonne": "t", "tonnes": "t",
    "t": "t", "kg": "kg", "kilo": "kg", "kilos": "kg", "kilogramme": "kg", "kilogrammes": "kg",
    "gramme": "g", "grammes": "g", "g": "g", "litre": "l", "litres": "l", "l": "l", "hl": "hl",
    "kw": "kW", "kwh": "kWh", "mw": "MW", "mwh": "MWh", "gwh": "GWh", "km/h": "km/h", "°c": "°C",
    "degré": "°C", "degrés": "°C", "décibels": "dB", "db": "dB", "mètres carrés": "m²",
}
_MEASURE = re.compile(
    r"^\s*(?P<u>mètres\s+carrés|m[èe]tres?|km/h|km[²2]?|kilom[èe]tres?|cm|mm|m[²³23]?|ha|hectares?|tonnes?|t"
    r"|kg|kilos?|kilogrammes?|grammes?|g|litres?|l|hl|kwh|kw|mwh|mw|gwh|°c|degrés?|décibels|db)(?![\w²³'’])",
    re.IGNORECASE,
)
# After these a number is an identifier, not a quantity.
_IDENT_BEFORE = re.compile(
    # the parts of a number after "n°" ("Arrêté n° 2021 E 0412", "n° 2022 T 14718": capitals and digits)
    # ("no 12" is how OCR reads "n° 12"; "nos 640 élèves" is the possessive)
    r"(?:\bn(?:[°º]s?\.?|os?\.|o(?=\s*\d))(?-i:\s*(?:[A-Z0-9]{1,6}[ \t./-]+){0,3})|\bnum[ée]ros?|\barticles?|\bart\.|\bal\.|\balin[ée]a|(?-i:\b[A-Z]\.)|\blots?|\bparcelles?"
    r"|\bsections?|\blignes?|\bbus|\broutes?(?:\s+nationales?|\s+départementales?)?|\bRN|\bRD|\bchapitres?"
    r"|\btitres?|\bannexes?|\bpages?|\bp\.|\bpoints?|\bitems?|§|\b(?:le|au|du|un|ce|des|aux|les)\s+comptes?|\bc/|\bdécrets?|\blois?"
    r"|\barrêtés?|\bdélibérations?|\bdossiers?|\bréférences?|\bréf\.?|\bref\.?|\btél\.?|\btel\.?"
    r"|\btéléphone|\bfax|\bbp|\bcs|\bcedex|\bsalles?|\bbâtiments?|\bbât\.|\bescaliers?|\bcode|\bversion"
    r"|\bcirconscriptions?|\bbureaux?\s+de\s+vote|\bbureaux?|\bzones?|\bquartiers?|\bsecteurs?|\bpiste"
    # a vehicle's plate, a room, an article of a code ("L 511.6", "R 203-15"), "n" read for "n°"
    r"|\bimmatricul\w*|\blocal|(?-i:\b[LRD])|\bn(?=\s+\d)"
    r"|\bcase|\bboîte|\bgroupe|\bphase|\btranche|\bniveau|\bétape|\bcours|\btome|\bvolume|\bvol\.)\s*$",
    re.IGNORECASE,
)
_ACRONYM_BEFORE = re.compile(r"\b(?P<w>[A-Z][A-Z0-9]{1,})\s*$")
_CAPS_WORDS = {"LES", "DES", "DE", "DU", "ET", "EN", "SUR", "PAR", "AUX", "AU", "LA", "LE", "PLUS", "MOINS",
               "DONT", "SOIT", "ENVIRON", "POUR", "AVEC", "DANS", "ENTRE", "CES", "NOS", "VOS", "DEPUIS"}
_ORDINAL_AFTER = re.compile(r"^(?:\s?(?:er|ère|ere|re|e|ème|eme|è|ieme|ième|nd|nde|nds|ndes)(?![\w])|[°º]|\^e|\s?[°º])",
                            re.IGNORECASE)
_TIME_AFTER = re.compile(r"^\s?h(?:\s?\d{2})?(?![\w])|^\s?[hj]\s?/\s?\d", re.IGNORECASE)
_STREET_AFTER = re.compile(
    r"^\s*(?:bis|ter|quater)?\s*,?\s*(?:rue|avenue|av\.|boulevard|bd|place|square|allée|impasse|quai|chemin"
    r"|route|passage|cours|villa|cité|sentier|voie|rond-point|faubourg|esplanade|parvis|promenade)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<!\d)(?:\+33\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)"
                    # a number cut short or misread after "Tél" (OCR: "Téi : 03 25 46 20")
                    r"|\bT[ée][lIi1]\.?\s*:?\s*[(+\d][\d\s().+-]{6,20}\d")
# a time of day with its minutes: "ouverte à 18 h 35", "à 9h30" (the minutes count nothing)
_CLOCK = re.compile(r"(?<![\d,.])\d{1,2}[ \u00a0]?h[ \u00a0]?[0-5]\d(?!\d)")
# "1/3 des passages", "ZSP 10/18": a fraction or a reference, not a quantity of its own
_FRACTION = re.compile(r"(?<![\w/.,])\d{1,3}/\d{1,3}(?![\w/.,]|\s?%)")
# "Paris 07 SP", "bureau 04": a number written with a leading zero is a code, not a quantity
_LEADING_ZERO = re.compile(r"(?<![\w.,/])(?<!\d[ \u00a0\u202f])0\d(?![\w.,/])"
                           r"(?!\s+(?i:conseill[eè]re?s|membres|procurations|pouvoirs|votants|voix|absents)\b)")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
# a postal code, even written "70 013" by a letterhead: five digits before a town in capitals ("VESOUL Cedex"), or
# before a town and "Cedex"
# before a town and "Cedex" (what an amount in capitals, "35 000 EUROS", never is)
_POSTAL_AFTER_STREET = re.compile(r"(?i:\b(?:rue|chemin|avenue|boulevard|bd|place|route|all[ée]e|impasse|quai|bp|cs)\b)"
                                  r"[^\n]{0,40}?(?<![\d,.])(?P<code>\d{2}[ \u00a0]?\d{3})(?=[ \u00a0]+[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}\b)")
_POSTAL = re.compile(r"(?<![\w.,])\d{2}[ \u00a0]?\d{3}(?=[ \u00a0]+(?:(?!(?:EUROS?|EUR|HT|TTC)\b)[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,}"
                     r"(?:[ -][A-ZÀ-Ý'’-]+){0,3}(?:[ \u00a0]+(?i:cedex)(?:[ \u00a0]*\d+)?)?[ \u00a0]*(?:$|[–—,;|-]|\n|\s{2})"
                     r"|[A-ZÀ-Ý][\w'’-]+(?:[ -][\w'’-]+){0,3}[ \u00a0]+(?i:cedex)\b))", re.M)
_HOUR_TIME_BEFORE = re.compile(r"(?:\bà|\bdès|\bvers|\bjusqu['’]à|\bavant|\baprès)\s*$", re.IGNORECASE)
# "de 7 heures à 11 heures" is a time of day; "un délai de 4 heures" a duration
_HOUR_RANGE_AFTER = re.compile(r"^\s*(?:à|jusqu['’]à)\s+\d", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\bpour|\bcontre|\babstentions?|\bvotants?|\bexprimés|\bprésents|\breprésentés|\binscrits"
    r"|\bpouvoirs|\bnuls|\bblancs|\ben\s+exercice|\babsents?|\bexcus[ée]s?|\bnombre\s+(?:de|d['’])[^\n:]{1,40}?)\s*:\s*$",
    re.IGNORECASE,
)
# A bare number takes the kind of the count it continues: "de 800 policiers … à 480 aujourd'hui".
_CONTINUES_BEFORE = re.compile(r"(?:\bà|\bcontre|\bet|\bpuis|\(|,)\s*$", re.IGNORECASE)
# "le nombre d'agents est passé de 120 à 95": bare numbers that count what the sentence names.
_NUMBER_OF = re.compile(r"\b(?:nombre|effectifs?)\s+(?:de|d['’]|des)?[^.;:\n]{0,80}$", re.IGNORECASE)
# "42 nouvelles rues, dont 5 dans le 18e", "2 870 contrôles, contre 2 410 au premier semestre 2021",
# "95 voix contre 12": a bare number after "dont" or "contre" counts what the count before it counts.
_PART_OF_BEFORE = re.compile(r"(?:\bdont|\bcontre)\s*$", re.IGNORECASE)
_POINTS = re.compile(r"^\s*points?\b(?!\s+(?:de\s+deal|d['’]))", re.IGNORECASE)
_CONTINUES_AFTER = re.compile(
    r"^\s*(?:aujourd['’]hui|actuellement|désormais|maintenant|à\s+présent|contre|auparavant|en\s+\w+|fin\b"
    r"|début\b|cette\s+année|l['’]an|\)|\bpour\b|sur\s+(?!\d)[^\W\d_])",
    re.IGNORECASE,
)
# what announces a length of time: "dans un délai d'un mois", "pendant un an", "pour une durée d'un an"
_SPAN_BEFORE = re.compile(r"(?:d[ée]lai|dur[ée]e|pendant|durant|p[ée]riode|espace)\s+(?:de\s+|d['’]\s*)?$", re.I)
# a bare number that is the subject of a verb, a part of a set just counted: "Parmi les 42 conseillers présents,
# 10 ont déjà été …", "Sur les 63 participants, 32 sont venus"
_SUBJECT_VERB_AFTER = re.compile(r"^\s+(?:ont|sont|étaient|avaient|seront|auront|se\s|s['’]|ne\s|n['’])", re.I)
_COUNTED_NOUN = re.compile(r"^(?:conseill[eè]re?s|membres|procurations|pouvoirs|votants|voix|absents|pr[ée]sents"
                           r"|[ée]lus|d[ée]l[ée]gu[ée]s|habitants|participants|personnes|agents|logements|places)$",
                           re.I)
_RANGE_LINK = re.compile(r"^\s*(?:à|-|–|et|ou|sur)\s*$", re.IGNORECASE)
_PARTITIVE_LINK = re.compile(r"^\s*(?:des|de)\s*$", re.IGNORECASE)

# Words after which a following number is not counting anything (function words, verbs).
_NOT_NOUN = {
    "à", "a", "au", "aux", "de", "des", "du", "d", "et", "ou", "en", "le", "la", "les", "l", "un", "une",
    "sur", "par", "pour", "dans", "avec", "sans", "contre", "qui", "que", "qu", "est", "sont", "ont", "ce",
    "cette", "ces", "il", "elle", "ils", "elles", "se", "s", "ne", "n", "y", "aujourd", "hier", "demain",
    "soit", "dont", "où", "mais", "donc", "car", "puis", "comme", "selon", "vers", "entre", "depuis",
    "jusqu", "après", "avant", "lors", "alors", "déjà", "encore", "aussi", "seulement", "environ",
    "minimum", "maximum", "maxi", "mini", "près", "plus", "moins", "fois", "bis", "ter", "quater", "cedex",
    "h", "heures", "heure", "etc", "via", "chez", "pendant", "durant", "hors", "vs", "x", "fr", "je", "tu",
    "nous", "vous", "on", "me", "te", "leur", "leurs", "son", "sa", "ses", "mon", "ma", "mes", "notre",
    "nos", "votre", "vos", "était", "sera", "seront", "avait", "fut", "été", "étaient",
    "voire", "dès", "mois", "an", "ans", "jours", "jour", "semaine", "semaines", "ème", "er", "e",
    "fin", "début", "mi", "courant", "actuellement", "désormais", "maintenant", "auparavant", "devant",
    "derrière",
}
_MONTH_WORDS = {"janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
                "septembre", "octobre", "novembre", "décembre", "decembre", "janv", "févr", "fév", "avr",
                "juil", "sept", "oct", "nov", "déc", "dec"}
_SUBJECT_STOP = {"qui", "que", "qu", "dont", "où", "et", "ou", "à", "au", "aux", "en", "par", "pour", "sur",
                 "dans", "avec", "sans", "entre", "depuis", "contre", "est", "sont", "a", "ont", "ce",
                 "se", "sa", "son", "ses", "ne", "y", "il", "elle", "lors", "le", "la", "les", "un", "une",
                 "plus", "moins", "seront", "sera", "étaient", "était", "vont", "va", "peuvent", "doivent",
                 "restent", "passent", "avaient", "furent", "soit", "selon", "sous", "vers", "chez"}
_DETERMINERS = {"leur", "leurs", "nos", "vos", "mes", "tes", "ses", "ces", "notre", "votre", "son", "sa",
                "les", "la", "le", "l", "l'", "l’", "un", "une", "des", "cette", "ce", "cet"}


def _number(raw: str) -> float:
    spaced = bool(re.search(r"\d[ \u00a0\u202f\n]\d{3}", raw))
    s = re.sub(r"[ \u00a0\u202f\n]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", s) and not spaced:
        s = s.replace(".", "")
    return float(s.replace(",", "."))


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for p in (_URL, _PHONE, _CLOCK, _FRACTION, _LEADING_ZERO, _POSTAL)
             for m in p.finditer(text)]
    spans += [(m.start("code"), m.end("code")) for m in _POSTAL_AFTER_STREET.finditer(text)]
    # a recueil's table of contents: "(2 pages) Page 3"
    spans += [(m.start(), m.end()) for m in re.finditer(r"\(\s*\d+\s+pages?\s*\)", text, re.I)]
    spans += [(d.start, d.end) for d in find_dates(text, "2000-06-15")]
    return spans


@dataclass
class _Candidate:
    start: int
    end: int  # end of the number (and of its multiplier, once read)
    value: float
    words: bool  # written in words
    approx: bool = False
    kind: str | None = None
    unit: str | None = None
    full_end: int = 0  # end of the figure's text (number + unit)
    noun_start: int | None = None


def _candidates(text: str, excluded: list[tuple[int, int]]) -> list[_Candidate]:
    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in excluded)

    out = []
    for m in _DIGITS.finditer(text):
        s, e = m.start("num"), m.end("num")
        if free(s, e):
            out.append(_Candidate(m.start(), e, _number(m.group("num")), False))
    for m in NUMBER_WORDS.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group().lower() in ("cent", "cents") and re.search(r"pour\s*$", text[:m.start()], re.I):
            continue  # the "cent" of "pour cent"
        value = words_to_number(m.group())
        if value is not None:
            out.append(_Candidate(m.start(), m.end(), float(value), True))
    for m in _APPROX.finditer(text):
        if free(m.start("word"), m.end("word")):
            out.append(_Candidate(m.start("word"), m.end("word"), float(APPROX[m.group("word").lower()]),
                                  True, approx=True))
    out.sort(key=lambda c: c.start)
    return out


def _line_start(text: str, c: _Candidate) -> bool:
    """The number opens a line below a short line (a heading, a list): the word that ends the line above
    does not name it ("… conseillers de quartier / 7 femmes et 12 hommes …" is not quarter 7)."""
    line_start = text.rfind("\n", 0, c.start) + 1
    if text[line_start:c.start].strip():
        return False
    above = text[:line_start].rstrip().rsplit("\n", 1)[-1]
    return len(above.strip()) < 60


def _is_identifier(text: str, c: _Candidate) -> bool:
    before = text[max(0, c.start - 40):c.start]
    after = text[c.end:c.end + 40]
    if c.words:
        return False
    if not text[text.rfind("\n", 0, c.start) + 1:c.start].strip():
        rubric = re.match(r"^[ \t]+([A-ZÀ-Ý]{4,})\b(?P<rest>[^\n]*)", text[c.end:c.end + 160])
        if rubric and re.search(r"\b[a-zà-ÿ]{4,}\b", rubric.group("rest")):
            return True  # a numbered rubric of minutes: "22 ENSEIGNEMENT – Rythmes scolaires"
    line_end = text.find("\n", c.end)
    line = text[text.rfind("\n", 0, c.start) + 1:line_end if line_end >= 0 else len(text)]
    if line.strip() == text[c.start:c.end].strip():
        return True  # a number alone on its line: a page's number, a list's mark
    if re.match(r"^\s+(?:https?://|www\.)", after):
        return True  # a footnote's number before its address
    if re.search(r"\bcomptes?\s*$", before, re.I) and len(re.sub(r"\D", "", text[c.start:c.end])) >= 4:
        return True  # an account of the budget's nomenclature: "compte 6742"
    if _line_start(text, c):
        before = ""
    if not text[text.rfind("\n", 0, c.start) + 1:c.start].strip() and re.match(r"^[ \t]?[-–.)][ \t]+[^\W\d]", after):
        return True  # a list item's number: "2- Une autorisation de programme …", "3) Une subvention …"
    if re.match(r"^(?:[/\-–]\d|\.\d|,\d|[\w&@])", after) and not re.match(r"^(?:\s?h\b|[a-zA-Z]{0,3}\s?[/€%²])", after):
        # glued to letters or digits: "RN85", "10/18", "95-21", "7j/7" (units like "3km" pass below)
        if not _MEASURE.match(after) and not _ORDINAL_AFTER.match(after) and not _TIME_AFTER.match(after):
            return True
    if _IDENT_BEFORE.search(before) or re.search(r"[/#]\s*$", before):
        return True
    acr = _ACRONYM_BEFORE.search(before)
    # ("AMO CEREMA 40 921,25 €": a code is followed by no currency; a line of a table of costs is)
    if acr and acr.group("w") not in _CAPS_WORDS and not re.match(r"^\s?(?:€|euros?\b|EUR\b)", after):
        return True
    if re.search(r"[\"«“]\s*$", before) and re.match(r"^\s*[\"»”]", after):
        return True  # "17" in quotes: a phone shortcut
    raw = text[c.start:c.end].strip("+± ")
    if re.fullmatch(r"\d{5}", raw) and re.match(r"^\s*(?:[A-ZÉ]|cedex)", after, re.IGNORECASE):
        return True  # postal code
    return bool(_ORDINAL_AFTER.match(after) or _TIME_AFTER.match(after) or _STREET_AFTER.match(after))


def _read_unit(text: str, c: _Candidate) -> None:
    """Read the multiplier and the unit after the number; set kind, unit and full_end."""
    pos = c.end
    m = _MULT.match(text[pos:pos + 20])
    multiplied = bool(m and not c.approx)
    if multiplied:
        word = m.group("m").lower().rstrip("s.")
        c.value *= _MULT_VALUE.get(word, _MULT_VALUE.get(word + "s", 1e6))
        pos += m.end()
    if text[max(0, c.start - 1):c.start] == "(" and (paren := re.match(r"\s*\)", text[pos:pos + 3])):
        pos += paren.end()  # "quinze (15) jours": the figures repeat the words, the unit follows them
    tail = text[pos:pos + 40]
    c.full_end = pos
    if not c.approx:
        if mm := _MONEY.match(tail):
            scale = mm.group("m") or mm.group("m2")
            c.value *= {"k": 1e3, "K": 1e3, "M": 1e6, "Md": 1e9, "Mds": 1e9}.get(scale or "", 1)
            c.kind, c.unit, c.full_end = "money", "EUR", pos + mm.end()
            return
        if mm := _MONEY_CI.match(tail):
            c.kind, c.unit, c.full_end = "money", "EUR", pos + mm.end()
            return
        if mm := _PERCENT.match(tail):
            c.kind, c.unit, c.full_end = "percent", "%", pos + mm.end()
            return
        # "+2,3 points", "1,5 point de plus": a change in percentage points, signed or with decimals ("12 points
        # de deal" count places)
        signed = text[c.start:c.start + 1] in "+±" or re.search(r"[+±][ \u00a0\u202f]?$", text[max(0, c.start - 2):c.start])
        if (mm := _POINTS.match(tail)) and not c.words and (signed or not c.value.is_integer()):
            c.kind, c.unit, c.full_end = "percent", "%", pos + mm.end()
            return
    approx_tail = tail
    if c.approx:  # "une dizaine d'années": the unit comes after "de"
        mm = re.match(r"^\s*(?:de\s+|d['’]\s*)", tail)
        approx_tail = tail[mm.end():] if mm else tail
        pos += mm.end() if mm else 0
    # "les huit (8) premiers jours", "ses trois derniers mois": an adjective between the number and its unit
    adj = re.match(r"^\s*(?:premi[eè]re?s|derni[eè]re?s|prochaine?s)(?=\s)", approx_tail, re.I)
    if adj and _DURATION.match(approx_tail[adj.end():]):
        approx_tail, pos = approx_tail[adj.end():], pos + adj.end()
    if mm := _DURATION.match(approx_tail):
        word = mm.group("u").lower()
        before = text[max(0, c.start - 12):c.start]
        if word in ("heure", "heures") and (_HOUR_TIME_BEFORE.search(before) or re.search(
                r"\bde\s*$", before, re.I) and _HOUR_RANGE_AFTER.match(text[pos + mm.end():pos + mm.end() + 20])):
            c.kind = "time"
            return
        if mm.group("half"):
            c.value += 0.5
        c.kind, c.unit, c.full_end = "duration", _DURATION_UNITS.get(word, word), pos + mm.end()
        return
    if c.approx:
        noun = re.match(r"^\s*[^\W\d_][\w-]*", approx_tail)
        c.kind, c.full_end, c.noun_start = "count", pos + (noun.end() if noun else 0), pos
        return
    # a unit stays in its paragraph: "Votants : 17 / (blank line) / L'an deux mille…" is no 17 litres
    if (mm := _MEASURE.match(tail)) and not re.match(r"[ \t]*\n\s*\n", tail):
        word = mm.group("u").lower()
        c.kind, c.unit, c.full_end = "measure", _MEASURE_UNITS.get(word, word), pos + mm.end()
        return
    # A count: the number is followed by the noun it counts ("3 millions de voyageurs" after "de").
    if multiplied and (de := re.match(r"^\s*(?:de\s+|d['’]\s*)(?=[^\W\d_])", tail)):
        tail, pos = tail[de.end():], pos + de.end()
    # "11 de ces écoles", "3 de nos agents": a part of a group named after it
    if de := re.match(r"^\s*de\s+(?:ces|nos|vos|leurs|ses)\s+(?=[^\W\d_])", tail):
        tail, pos = tail[de.end():], pos + de.end()
    # "plus de 600 d'entre vous": a count of people named by a pronoun
    if ent := re.match(r"^\s*d['’]\s*entre\s+(?:vous|nous|eux|elles)\b", tail):
        c.kind, c.full_end, c.noun_start = "count", pos + ent.end(), pos
        return
    mm = re.match(r"^\s*(?:[«“\"]\s*)?(?P<w>[^\W\d_](?:[^\W\d_]|['’-])*)(?!\d)", tail)  # "168 « rues aux écoles »"
    if mm:
        w = mm.group("w")
        head = re.split(r"['’]", w.lower())[0]
        if w[:1].isupper() and not w.isupper():
            # "75018 Paris", "Aréna 2 Nord" are not counts; a plural common noun capitalised as forms do is one
            # ("23 Conseillers étaient présents", "(05 Procurations")
            if not (_COUNTED_NOUN.match(w) and c.value < 10000):
                return
        if head not in _NOT_NOUN and head not in _MONTH_WORDS and len(head) > 1:
            c.kind, c.full_end, c.noun_start = "count", pos + mm.end(), pos + mm.start("w")


def _subject(text: str, c: _Candidate) -> str | None:
    """The noun phrase measured: "800 policiers" → "policiers", "+13,5% des atteintes…" → "atteintes …"."""
    if c.kind == "count" and c.noun_start is not None:
        start = c.noun_start
    elif c.kind in ("percent", "money"):
        m = re.match(r"^\s*(?:des|du|de\s+la|de\s+l['’]|de|d['’])\s*", text[c.full_end:c.full_end + 20], re.I)
        if not m and c.kind == "money":
            before = re.search(
                r"(?P<np>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+)?)\s+(?:de|d['’]un\s+montant\s+de|d['’]environ"
                r"|de\s+près\s+de|à\s+hauteur\s+de|s['’]élevant\s+à)\s*$",
                text[max(0, c.start - 60):c.start],
            )
            np = before.group("np").split() if before else []
            while np and (np[0].lower() in _DETERMINERS or np[0].lower() in _SUBJECT_STOP):
                np.pop(0)
            return " ".join(np) or None
        if not m:
            return None
        start = c.full_end + m.end()
    else:
        return None
    words: list[str] = []
    pos = start
    while len(words) < 4:
        m = re.match(r"[ \t]*(?P<w>[^\W\d_][\w'’-]*)", text[pos:pos + 40])
        if not m:
            break
        w = m.group("w")
        pos += m.end()
        if not words and w.lower() in _DETERMINERS:
            continue  # "50% de leurs effectifs" → "effectifs"
        if w.lower() in _SUBJECT_STOP or w.lower() in _DETERMINERS or (words and w.lower() not in ("de", "des", "du", "d") and len(words) >= 2
                                          and words[-1].lower() not in ("de", "des", "du")):
            break
        words.append(w)
    while words and words[-1].lower() in ("de", "des", "du", "d"):
        words.pop()
    return " ".join(words) or None


def _link_bare(text: str, cands: list[_Candidate]) -> None:
    """Give kinds to bare numbers from their neighbours: ranges, partitives, enumerations."""
    for i, c in enumerate(cands):
        if c.kind is not None:
            continue
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt and nxt.kind in ("money", "percent", "duration", "measure", "count") and not c.words:
            between = text[c.end:nxt.start]
            if _RANGE_LINK.match(between):
                c.kind, c.unit = nxt.kind, nxt.unit
                if nxt.kind == "money" and nxt.value >= 1e6 and c.value < 1000:
                    c.value *= nxt.value / _number_part(text, nxt)
                c.full_end = c.end
                continue
            if nxt.kind == "count" and _PARTITIVE_LINK.match(between):
                c.kind, c.full_end = "count", c.end  # "19 des 20 arrondissements"
                continue
        if c.words:
            continue
        before = text[max(0, c.start - 60):c.start]
        if _LABEL_BEFORE.search(before):
            c.kind, c.full_end = "count", c.end
            continue
        if _NUMBER_OF.search(before) and re.search(r"(?:\bde|\bà|\bet|\bpuis|,)\s*$", before):
            c.kind, c.full_end = "count", c.end
            continue
        prev = next((p for p in reversed(cands[:i]) if p.kind == "count"), None)
        if not prev or c.start - prev.end >= 150:
            continue
        if re.fullmatch(r"\s*sur\s*", text[prev.end:c.start]):
            c.kind, c.full_end = "count", c.end  # "présents : 33 sur 41"
            continue
        if _SUBJECT_VERB_AFTER.match(text[c.end:c.end + 12]) and re.search(r",\s*$|\bet\s*$", before) \
                and "." not in text[prev.end:c.start]:
            c.kind, c.full_end = "count", c.end  # "Parmi les 42 conseillers présents, 10 ont déjà été …"
            continue
        if _PART_OF_BEFORE.search(before) or (
                _CONTINUES_BEFORE.search(before) and _CONTINUES_AFTER.match(text[c.end:c.end + 30])):
            c.kind, c.full_end = "count", c.end


def _number_part(text: str, c: _Candidate) -> float:
    m = _DIGITS.match(text, c.start)
    return _number(m.group("num")) if m else 1.0


def find_figures(text: str) -> list[FigureMention]:
    """Every quantity stated in ``text``, in text order, with its value multiplied out."""
    excluded = _excluded_spans(text)
    cands = [c for c in _candidates(text, excluded) if not _is_identifier(text, c)]
    # "quinze (15) jours": one figure, read from its figures
    cands = [c for i, c in enumerate(cands) if not (
        c.words and i + 1 < len(cands) and cands[i + 1].value == c.value
        and re.fullmatch(r"\s*\(\s*", text[c.end:cands[i + 1].start]))]
    for c in cands:
        _read_unit(text, c)
    _link_bare(text, cands)
    out = []
    for c in cands:
        if c.kind not in ("money", "percent", "count", "duration", "measure"):
            continue
        if c.words and not c.approx and c.value < 10 and c.kind in ("count", "measure"):
            continue  # "deux agents", "d'un degré": small numbers in words are not worth a figure
        if c.words and c.kind == "duration" and text[c.start:c.end].lower() in ("un", "une") and c.value == 1 \
                and not _SPAN_BEFORE.search(text[max(0, c.start - 25):c.start]):
            continue  # "un an" is an article and a noun more often than a stated duration ("délai d'un mois" is one)
        value = round(c.value, 6)
        out.append(FigureMention(value, c.kind, c.unit, _subject(text, c), text[c.start:c.full_end],
                                 c.start, c.full_end))
    return out
