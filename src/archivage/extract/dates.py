"""Calendar dates, months and years cited in French text, normalised to ISO with the precision written.

"le 1er mars 2019" → 2019-03-01, "en novembre 2018" → 2018-11, "en 2004" → 2004. A day or month
written without its year takes it from a reference date (the document's own date): "le 16 mars
dernier" in a letter of June 2019 → 2019-03-16. Everything is regular expressions over the raw OCR
text, tolerant of the usual damage ("ler" for "1er", "l9" for 19, "2O19" for 2019), so it runs in
microseconds per page and needs no model.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numbers import NUMBER_WORDS, words_to_number


@dataclass
class DateMention:
    value: str  # ISO with the precision written: "2019-02-26" | "2019-02" | "2019"
    text: str
    start: int
    end: int


_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
_FULL_MONTHS = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
                "octobre", "novembre", "decembre"}

_E = "[eéèEÉÈ]"
_MONTH = (
    rf"(?:janvier|janv\.?|jan\.|f{_E}vrier|f{_E}vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?"
    rf"|ao[uûÛU]t|septembre|sept\.?|sep\.|octobre|oct\.?|novembre|nov\.?|d{_E}cembre|d{_E}c\.?)"
)
# A day number, with the OCR confusions seen in scans: "ler"/"1e"/"1re" for 1er, "l9" for 19, and
# "le" for "1e" where only a day can stand: before "et" and another day ("des 24 novembre, le et
# 8 décembre"), where the article would make no sense.
# A rubber stamp spaces its digits ("1 8 NOV. 2022", "2 3 MARS 2023"): two digits a space apart before a month in
# capitals are one day.
# OCR reads the raised "er" of "1er" as a degree sign or a quote ("1° février", "1“octobre", "01° janvier") and a 0 as
# a capital O ("O7 juin").
_DAY = (r"(?:[1-3]\s(?=\d\s+(?-i:[A-ZÉÛ]{3}))\d|0?1\s?er|1\s?re|1\s?ère|ler|lère|1e|0?1\s?[°º“”*](?=\s?[a-zA-Zé])"
        r"|le(?=\s+et\s+[0-3]?[0-9]\b)|premier|O[1-9]"
        r"|[0-3]?[0-9lIO](?<![lIO])|[lI][0-9]|[0-3][lIO])")
_YEAR = r"(?:1[89][0-9]{2}|2[0O][0-9O]{2})"
# A weekday may follow the link: "du lundi 3 au vendredi 7 octobre".
_SEP = (r"(?:\s*,\s*|\s+et\s+(?:le\s+|du\s+)?|\s+ou\s+(?:le\s+|du\s+)?|\s*(?:au|à|a)\s+(?:le\s+)?|\s*[-–]\s*|\s*&\s*)"
        r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?")

_GROUP = re.compile(
    rf"(?:(?<![\w/.,-])|(?<=\bmi-))(?:(?P<days>{_DAY}(?:{_SEP}{_DAY})*)\s*)?"
    rf"(?P<month>{_MONTH})(?![\w])"
    rf"(?:\s*(?:de\s+l'ann{_E}e\s+)?(?P<year>{_YEAR})(?![\w]|[.,/-]\d))?",
    re.IGNORECASE,
)
_ONE_DAY = re.compile(_DAY, re.IGNORECASE)
_CHAIN_LINK = re.compile(rf"^{_SEP}(?:(?:le|les|du|des|en|de|d'|mois\s+de)\s+)?$", re.IGNORECASE)
_QUALIFIER = re.compile(r"^\s*(?P<q>derni[eè]re?s?|prochaine?s?|pass[ée]e?s?)\b", re.IGNORECASE)
# A month without a day or a year is a date only in a time context ("depuis février", "en mai").
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:en|depuis|dès|des|de|d'|à|a|au|jusqu'en|jusqu'à|jusqu'au|courant|fin|début|mi|avant|après"
    r"|entre|et|puis|pour|mois\s+de|mois\s+d')[\s-]*)$",
    re.IGNORECASE,
)
# Streets and squares named after dates are not references to those dates. Schools are left out:
# "le conseil d'école du 11 février" is a meeting, and schools are named after their street.
_STREET = re.compile(
    r"\b(?:rue|avenue|av\.|place|boulevard|bd|square|allée|quai|pont|impasse|passage|cours|parc|"
    # singular: "la rue du 4 Septembre", but "des passages du 1er avril au 31 octobre" are dates
    r"station|métro|champ|cité|villa)\s+(?:du|des|de|de\s+la)?\s*$",
    re.IGNORECASE,
)

_NUMERIC = re.compile(
    r"(?<![\w./-])(?P<d>[0-3]?\d)(?P<s>[/.-])(?P<m>[01]?\d)(?P=s)(?P<y>(?:19|20)\d{2}|\d{2})(?![\w]|[./-]\d)"
)
# "d'ici le 31/12", "au 15/09": a day and month in figures without a year, after a preposition
_DAY_MONTH = re.compile(
    r"(?<=\b(?:le|au|du|Le|Au|Du)\s)(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\w]|[./-]\d|\s?%)"
)
_ISO = re.compile(r"(?<![\w./-])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w]|[./-]\d)")

_YEAR_RE = re.compile(
    rf"(?<![\w/.,°-])(?<!\d\s)(?<!\d\u00a0)(?<!\d\u202f)(?P<y>{_YEAR})"
    rf"(?:\s*[-–/]\s*(?P<y2a>{_YEAR}|\d{{2}})|\s+(?:à|a|au|et)\s+(?P<y2b>{_YEAR}))?"
    rf"(?![\w]|[.,/-]\d|\s?%|\s?€)",
    re.IGNORECASE,
)
# After these words a 4-digit number is a year whatever follows it.
_YEAR_STRONG = re.compile(
    r"(?:\b(?:en|depuis|dès|entre|année|années|an|exercice|exercices|budget|budgets|fin|début|mi|"
    r"courant|jusqu'en|avant|après|vers|printemps|été|automne|hiver|rentrée|saison|"
    r"semestre|trimestre|loi|programme|bilan|rapport|campagne|promotion|période|périodes|mandature|horizon)[\s-]*"
    r"|\b(?:pour|d'ici|de)\s+l'\s*(?:année\s+)?"
    # a commune's accounts name their year: "budget primitif 2024", "compte administratif 2022"
    r"|\bbudgets?\s+(?:primitif|principal|supplémentaire|annexe)s?\s+|\bcomptes?\s+(?:administratifs?|de\s+gestion)\s+)$",
    re.IGNORECASE,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\bn°|\bno|\bnº|\bart\.|\barticle|\bcompte|\bc/|\bcode|\bcedex|\bbp|\bcs|\btél\.?|\btel\.?|"
    r"\bn\s?o\.?|\bréf\.?|\bref\.?|\bRN|\bRD|€|\$|[+±x×=<>]|"
    r"\b(?:soit|environ|près\s+de|plus\s+de|moins\s+de|total\s+de|les|ces|nos|vos|leurs|sur|quelque)"
    r")\s*$",
    re.IGNORECASE,
)
# Words that may follow a year; any other word after a bare number makes it a count ("2000 policiers").
_AFTER_YEAR = {
    "a", "à", "au", "aux", "et", "ou", "en", "pour", "par", "dans", "sur", "avec", "sans", "ainsi", "puis",
    "soit", "est", "sont", "était", "étaient", "sera", "seront", "fut", "ont", "avait", "il", "elle", "ils",
    "elles", "on", "nous", "vous", "je", "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce",
    "cette", "ces", "qui", "que", "qu", "dont", "où", "mais", "donc", "car", "comme", "contre", "selon",
    "vers", "entre", "depuis", "jusqu", "après", "avant", "lors", "alors", "déjà", "encore", "aussi",
    "se", "s", "sa", "son", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "y", "ne", "n", "pas",
    "inclus", "incluse", "compris", "comprise", "seulement", "notamment", "précédent", "précédente",
    "suivant", "suivante", "prochain", "dernier", "derniers", "dernière", "passé", "passée", "écoulé",
    "écoulée", "courant", "ter", "bis", "été", "via", "chez", "malgré", "pendant", "durant", "hors",
}
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
# "Paris, le 26 février 2019", "Fait à Paris, le …": the date line of a letter or an arrêté.
_PLACE_DATE = re.compile(
    r"(?:^|\n|\bFait\s+[àa]\s+)[ \t]*[A-ZÉ][\w'-]+(?:[ \t-]+[\w'-]+){0,3}[ \t]*,?[ \t]+(?:le|LE|Le)[ \t]+"
)


def _fold(s: str) -> str:
    table = str.maketrans("éèêëÉÈÊËûÛùôÔîÎ", "eeeeeeeeuuuooii")
    return s.translate(table).lower()


def _month_number(word: str) -> int:
    w = _fold(word).rstrip(".")
    return _MONTHS.get(w) or _MONTHS[w[:4]]


def _digits(s: str) -> str:
    return s.translate(str.maketrans("lIOo", "1100"))


def _day_number(token: str) -> int | None:
    t = _fold(token).replace(" ", "")
    if t in ("1er", "1re", "1ere", "ler", "lere", "1e", "le", "premier", "01er") or re.fullmatch(r"0?1[°º“”*]", t):
        return 1
    t = _digits(t)
    return int(t) if t.isdigit() and 1 <= int(t) <= 31 else None


def _year_number(token: str) -> int | None:
    y = int(_digits(token))
    return y if 1800 <= y <= 2100 else None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _parse_ref(ref: str | None) -> tuple[int, int, int] | None:
    if not ref:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", ref)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 28)


def _resolve_year(month: int, day: int | None, qualifier: str, ref: tuple[int, int, int], exact: bool) -> int:
    """The year of a day or month written without one, seen from the reference date.

    With an exact reference (the document's own date) "dernier" means the most recent such day before
    it, "prochain" the next one after it, and no qualifier the likeliest one (see below). When the reference is
    only a lower bound (the latest date the text cites), the document was written after it, so a
    "dernier" keeps its year.
    """
    ry, rm, rd = ref
    key = (month, day or 0)
    rkey = (rm, rd if day else 0)
    q = _fold(qualifier)
    if q.startswith(("dern", "pass")):
        if exact:
            return ry if key < rkey else ry - 1
        return ry
    if q.startswith("proch"):
        return ry if key > rkey else ry + 1
    # No qualifier: council papers cite past events more than future ones, so a date up to eight
    # months back or four months ahead of the reference is in its year.
    diff = (month - rm) + ((day or 15) - (rd if day else 15)) / 31
    if diff > 4:
        return ry - 1
    if diff <= -8:
        return ry + 1
    return ry


@dataclass
class _Group:
    start: int
    end: int
    days: list[tuple[int, int, int]]  # (day, start, end)
    month: int
    year: int | None
    full_month: bool


def _groups(text: str) -> list[_Group]:
    out = []
    for m in _GROUP.finditer(text):
        month = _month_number(m.group("month"))
        year = _year_number(m.group("year")) if m.group("year") else None
        days = []
        if m.group("days") and re.fullmatch(r"[1-3]\s\d", m.group("days")):  # a stamp's spaced digits
            days.append((int(m.group("days").replace(" ", "")), m.start("days"), m.end("days")))
        elif m.group("days"):
            base = m.start("days")
            for d in _ONE_DAY.finditer(m.group("days")):
                n = _day_number(d.group())
                if n is None:
                    continue
                days.append((n, base + d.start(), base + d.end()))
        if m.group("days") and not days:
            continue
        mword = _fold(m.group("month")).rstrip(".")
        out.append(_Group(m.start(), m.end(), days, month, year, mword in _FULL_MONTHS))
    return out


def _chains(text: str, groups: list[_Group]) -> list[list[_Group]]:
    """Groups joined by "et", ",", "au", "à"… share their year and their "dernier"/"prochain"."""
    chains: list[list[_Group]] = []
    for g in groups:
        if chains and _CHAIN_LINK.match(text[chains[-1][-1].end:g.start]):
            chains[-1].append(g)
        else:
            chains.append([g])
    return chains


def _chain_mentions(text: str, chain: list[_Group], ref, exact) -> list[DateMention]:
    after = _QUALIFIER.match(text[chain[-1].end:chain[-1].end + 30])
    qualifier = after.group("q") if after else ""
    last = chain[-1]
    year = last.year
    if year is None and ref is not None:
        year = _resolve_year(last.month, last.days[-1][0] if last.days else None, qualifier, ref, exact)
        year = _weekday_year(text, last, year)
    # The last group's year applies backwards ("du 28 décembre au 3 janvier 2020", "des 24 novembre,
    # 1e et 8 décembre et 16 mars derniers").
    years = _years_back(chain, year)
    if last.year is None and ref is not None and not qualifier and len(chain) > 1 and not any(g.year for g in chain):
        # a yearless range is placed by the end nearest the reference: "du 1er avril au 31 octobre" in a
        # letter of 29 March starts in three days, it did not end five months ago
        first = chain[0]
        start = _resolve_year(first.month, first.days[0][0] if first.days else None, "", ref, exact)
        forward = _years_forward(chain, start)
        if _nearest(chain, forward, ref) < _nearest(chain, years, ref):
            years = forward
    out = []
    for g, year in zip(chain, years, strict=True):
        if not g.days and not g.year:
            before = text[max(0, g.start - 20):g.start]
            in_context = (_MONTH_CONTEXT.search(before) or qualifier or g.year or len(chain) > 1) and g.full_month
            if not in_context or re.search(r"champ[\s-]+de[\s-]*$", before, re.IGNORECASE):
                continue
            # French months are written in lower case: "pour Mai et Paul" names a girl, not a month
            if text[g.start].isupper() and not text[g.start:g.end].isupper() and re.search(r"[a-zà-ÿ,]\s+$", before):
                continue
        if _STREET.search(text[max(0, g.start - 25):g.start]) and g.days:
            continue
        if year is None:
            continue
        if not g.days:
            out.append(DateMention(f"{year:04d}-{g.month:02d}", text[g.start:g.end], g.start, g.end))
        for k, (day, s, e) in enumerate(g.days):
            if not _valid(year, g.month, day):
                continue
            end = g.end if k == len(g.days) - 1 else e
            out.append(DateMention(f"{year:04d}-{g.month:02d}-{day:02d}", text[s:end], s, end))
    return out


def _years_back(chain: list[_Group], year: int | None) -> list[int | None]:
    years: list[int | None] = [None] * len(chain)
    next_year, next_month = year, chain[-1].month
    for i in range(len(chain) - 1, -1, -1):
        g = chain[i]
        if g.year:
            years[i] = g.year
        elif next_year:
            years[i] = next_year - 1 if g.month > next_month else next_year
        next_year, next_month = years[i], g.month
    return years


def _years_forward(chain: list[_Group], year: int) -> list[int | None]:
    years: list[int | None] = []
    for i, g in enumerate(chain):
        if i and g.month < chain[i - 1].month:
            year += 1
        years.append(year)
    return years


def _nearest(chain: list[_Group], years: list[int | None], ref: tuple[int, int, int]) -> int:
    """Days between the reference and the chain's date nearest to it."""
    r = dt.date(*ref) if _valid(*ref) else dt.date(ref[0], ref[1], 1)
    out = 10 ** 6
    for g, y in zip(chain, years, strict=True):
        for day in [d for d, _, _ in g.days] or [15]:
            if y and _valid(y, g.month, day):
                out = min(out, abs((dt.date(y, g.month, day) - r).days))
    return out


_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}


def _weekday_year(text: str, g: _Group, year: int) -> int:
    """A weekday written before a yearless day settles its year: "mardi 19 novembre" is in 2019."""
    if len(g.days) != 1:
        return year
    m = re.search(r"(\w+)\s+$", text[max(0, g.days[0][1] - 12):g.days[0][1]])
    wd = _WEEKDAYS.get(m.group(1).lower()) if m else None
    if wd is None:
        return year
    for y in (year, year - 1, year + 1):
        if _valid(y, g.month, g.days[0][0]) and dt.date(y, g.month, g.days[0][0]).weekday() == wd:
            return y
    return year


def _numeric(text: str) -> list[DateMention]:
    out = []
    for m in _NUMERIC.finditer(text):
        y = int(m.group("y"))
        if len(m.group("y")) == 2:
            if m.group("s") != "/":
                continue
            y += 2000 if y < 50 else 1900
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1800 <= y <= 2100 and _valid(y, mo, d):
            out.append(DateMention(f"{y:04d}-{mo:02d}-{d:02d}", m.group(), m.start(), m.end()))
    for m in _ISO.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if _valid(y, mo, d):
            out.append(DateMention(f"{y:04d}-{mo:02d}-{d:02d}", m.group(), m.start(), m.end()))
    return out


# Acts and minutes write their date in words: "L'an deux mille vingt, le huit juin", "le vingt-trois mars deux
# mil vingt-trois", "L'AN DEUX MILLE VINGT ET UN, LE PREMIER JUILLET".
_W = NUMBER_WORDS.pattern
_WORD_DAY = rf"(?:premier|1\s?er|{_W}|[0-3]?\d)"
_WORDS_LAN = re.compile(
    rf"\bl['’]\s?an\s+(?P<y>{_W})\s*,?\s*(?:et\s+)?(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    rf"\s+)?(?P<d>{_WORD_DAY})\s+(?:(?:jour\s+)?du\s+mois\s+d['’e]\s*)?(?P<m>{_MONTH})(?![\w])", re.IGNORECASE)
_WORDS_DATE = re.compile(
    rf"(?<![\w-])(?P<d>premier|{_W})\s+(?P<m>{_MONTH})\s+(?:de\s+l['’]an\s+)?(?P<y>{_W})(?![\w-])", re.IGNORECASE)


def _in_words(text: str) -> list[DateMention]:
    out = []
    for pattern in (_WORDS_LAN, _WORDS_DATE):
        for m in pattern.finditer(text):
            year = words_to_number(m.group("y"))
            raw_day = _fold(m.group("d")).replace(" ", "")
            day = 1 if raw_day in ("premier", "1er") else (int(raw_day) if raw_day.isdigit()
                                                             else words_to_number(m.group("d")))
            month = _month_number(m.group("m"))
            if year and 1900 <= year <= 2100 and day and _valid(year, month, day):
                out.append(DateMention(f"{year:04d}-{month:02d}-{day:02d}", m.group(), m.start(), m.end()))
    return out


def _is_year_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30):start]
    if _NOT_YEAR_BEFORE.search(before):
        return False
    if _YEAR_STRONG.search(before):
        return True
    nxt = re.match(r"\s*([\w']+)", text[end:end + 30])
    if not nxt:
        return True
    word = nxt.group(1).lower().split("'")[0]
    return word in _AFTER_YEAR or not word.isalpha() or nxt.group(1)[:1].isupper()


def _years(text: str, taken: list[tuple[int, int]]) -> list[DateMention]:
    out = []
    for m in _YEAR_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        y = _year_number(m.group("y"))
        if y is None or ("O" in m.group("y").upper() and not _YEAR_STRONG.search(text[max(0, m.start() - 30):m.start()])):
            continue
        y2 = None
        raw = m.group("y2a") or m.group("y2b")
        if raw:
            y2 = y // 100 * 100 + int(raw) if len(raw) == 2 else _year_number(_digits(raw))
            if y2 is None or not (y < y2 <= y + 50):
                if m.group("y2a"):
                    continue  # "2019-0412", "HV/2019/12": a reference, not a range
                y2 = None
        end = m.end() if y2 else m.end("y")
        if not _is_year_context(text, m.start(), end):
            continue
        if y2 is None:
            out.append(DateMention(f"{y:04d}", m.group("y"), m.start("y"), m.end("y")))
        else:
            out.append(DateMention(f"{y:04d}", m.group("y"), m.start("y"), m.end("y")))
            g2 = "y2a" if m.group("y2a") else "y2b"
            out.append(DateMention(f"{y2:04d}", m.group(g2), m.start(g2), m.end(g2)))
    return out


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _reference(text: str) -> tuple[tuple[int, int, int] | None, bool]:
    """(reference date, exact?): a "Ville, le …" date is the document's own; else the latest full date."""
    for m in _PLACE_DATE.finditer(text):
        found = [d for d in _explicit(text[m.end():m.end() + 40]) if len(d.value) == 10 and d.start == 0]
        if found:
            return _parse_ref(found[0].value), True
    full = [d.value for d in _explicit(text) if len(d.value) == 10]
    if full:
        return _parse_ref(max(full)), False
    return None, False


def _explicit(text: str) -> list[DateMention]:
    """Dates that carry their own year: no reference needed."""
    out = []
    for chain in _chains(text, _groups(text)):
        out += [d for d in _chain_mentions(text, chain, None, True)]
    words = _in_words(text)
    return [d for d in out if not any(w.start <= d.start < w.end for w in words)] + words + _numeric(text)


class LowerBound(str):
    """An ISO date that is only a lower bound of the document's date (the latest date it cites).

    It is a plain string for every caller; ``find_dates`` recognises it and resolves "le 19 juin
    dernier" in the reference's year instead of the year before.
    """

    exact = False


def guess_reference(text: str) -> str | None:
    """The document's own date if it has a "Ville, le …" line, else the latest full date it cites.

    The second kind is returned as a ``LowerBound`` so that passing it back to ``find_dates`` keeps
    its meaning.
    """
    ref, exact = _reference(text)
    if not ref:
        return None
    iso = f"{ref[0]:04d}-{ref[1]:02d}-{ref[2]:02d}"
    return iso if exact else LowerBound(iso)


def find_dates(text: str, ref: str | None = None) -> list[DateMention]:
    """Every calendar date, month or year ``text`` refers to, in text order, one mention per occurrence.

    ``ref`` is the document's own date (ISO); yearless dates are resolved against it. Without it the
    reference is guessed from the text (see ``guess_reference``).
    """
    if ref:
        reference, exact = _parse_ref(ref), len(ref) >= 10 and getattr(ref, "exact", True)
    else:
        reference, exact = _reference(text)
    urls = _spans(_URL, text)
    found: list[DateMention] = []
    groups = _groups(text)
    for chain in _chains(text, groups):
        found += _chain_mentions(text, chain, reference, exact)
    found += _numeric(text)
    words = _in_words(text)
    # a date in words overrides the day or month read in figures inside it ("L'an deux mille vingt, le 8 juin")
    found = [d for d in found if not any(w.start <= d.start < w.end for w in words)] + words
    if reference:
        for m in _DAY_MONTH.finditer(text):
            d, mo = int(m.group("d")), int(m.group("m"))
            # "du 28/06 au 02/07/2021": the range's end gives the year; "d'ici le 31/12" looks ahead
            end = re.match(r"\s*(?:au|et)\s+[0-3]?\d/[01]?\d/(?P<y>(?:19|20)\d{2})\b", text[m.end():m.end() + 20])
            # ("vous sera présenté le 31/12": a verb in the future tense just before looks ahead too)
            ahead = re.search(r"\bd['’]ici\s+le\s*$", text[max(0, m.start() - 12):m.start()], re.I) or re.search(
                r"\b(?:sera|seront|aura|auront|\w{2,}(?:era|eront|ira|iront|dra|dront))\b[^.;:\n]{0,30}$",
                text[max(0, m.start() - 45):m.start()], re.I)
            y = int(end.group("y")) if end else _resolve_year(mo, d, "prochain" if ahead else "", reference, exact)
            if _valid(y, mo, d):
                found.append(DateMention(f"{y:04d}-{mo:02d}-{d:02d}", m.group(), m.start(), m.end()))
    streets = [(g.start, g.end) for g in groups if g.days and _STREET.search(text[max(0, g.start - 25):g.start])]
    taken = [(d.start, d.end) for d in found] + urls + streets
    found += _years(text, taken)
    found = [d for d in found if not any(s <= d.start < e for s, e in urls)]
    found.sort(key=lambda d: (d.start, d.end))
    out: list[DateMention] = []
    for d in found:
        if out and d.start < out[-1].end and (d.start, d.end) != (out[-1].start, out[-1].end):
            continue  # overlapping readings: keep the first (longest-context) one
        out.append(d)
    return out


def parse_date(s: str, ref: str | None = None) -> str | None:
    """One date phrase ("Paris, le 1er mars 2019", "18 NOV. 2022", "26/02/2019") as ISO, else None."""
    found = find_dates(s, ref)
    return found[0].value if found else None
