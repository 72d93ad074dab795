"""A document's own date: when it was written, signed or voted — not a date it mentions.

Where to look depends on the genre: a letter's "Paris, le …" line, an arrêté's "Fait à … le …",
the session of a vœu or of minutes ("Conseil d'arrondissement du 28 mai 2019", "séance des 4,
5 et 6 juillet 2022" → the first day), a date closing a heading ("…, LE 26 FÉVRIER 2019").
A date in a note's body is what the note talks about, so a note only takes a date line or a
heading date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import find_dates, guess_reference
from .doctype import is_invitation
from .text import FAIT_A, FOOTER, Span, fold, is_date_line, is_prose, lines, paragraphs

# the session that voted a vœu, or that minutes report on
_SESSION = re.compile(
    r"\b(?:conseil\s+(?:de\s+quartier|d'arrondissement|de\s+paris|municipal|communautaire|r[ée]gional"
    r"|d[ée]partemental|d'administration)[^.\n]{0,60}?|s[ée]ance|r[ée]union|assembl[ée]e\s+g[ée]n[ée]rale"
    r"|(?<!-)session|commission[^.\n]{0,60}?)\s+(?:(?:publique|pl[ée]ni[èe]re|ordinaire|extraordinaire|solennelle)\s+)?"
    r"(?:du|des|en\s+date\s+du|le)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?=\d|1er|premier)",
    re.I,
)
_VOTED = re.compile(r"^\s*(?:adopt[ée]e?s?|rejet[ée]e?s?|repouss[ée]e?s?|vot[ée]e?s?)\b", re.I)
_HEADING_DATE = re.compile(r"(?:,\s*|\s)(?:le|du|en\s+date\s+du)\s+(?=\d|1er)[^,]{4,25}$", re.I)


# a memo's or an e-mail's date field: "Date : 3 octobre 2022", "Envoyé : mardi 10 janvier 2023 09:42"
# (an e-mail printed: "Date : 19/05/2017 09:37", "Le : 16 mai 2017 à 23:20 (GMT +02:00)", "Envoyé : mardi …")
_DATE_FIELD = re.compile(r"^[ \t]*(?:date(?:\s+de\s+la\s+note|\s+de\s+signature)?|envoy[ée](?:\s+le)?|sent|le"
                         r"|sign[ée](?:\s+le)?)"
                         r"\s*:\s*([^\n]{4,40})$", re.I | re.M)


# a newspaper's masthead over a clipping ("Le Parisien – 9 juillet 2021"), a statement "as of" a date at the head or
# the foot of a table, a petition or a report ("Résultat au 30 novembre 2022", "Situation arrêtée au 31 mars",
# "Mis à jour le 2 mai 2023"), a publication in the Journal officiel: the date the document was issued
_MASTHEAD = re.compile(r"^[A-Z][\w'’. -]{1,40}?\s[–—-]\s*(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
                       r"|\d{1,2}\s|1er\s))")
_AS_OF = re.compile(r"^[ \t]*(?:publi[ée]e?\s+le|(?:r[ée]sultats?|situation|bilan|[ée]tat|chiffres|donn[ée]es|point)\b[^\n.:]{0,30}?"
                    r"\s(?:au|arr[êe]t[ée]e?s?\s+au|[àa]\s+la\s+date\s+du)|mise?\s+[àa]\s+jour\s+le"
                    # "Question publiée au JO le 12/03/2019 page 2345": a question écrite's publication
                    r"|(?:[^\n]{0,30}?\s)?publi[ée]e?s?\s+au\s+(?:jo|j\.o\.|journal\s+officiel)\s+(?:le|du))\s+(?=\d|1er)",
                    re.I | re.M)


# a newsletter's or bulletin's issue line: "N° 6 – Été 2019", "n° 12 – mars 2023"
_ISSUE = re.compile(r"^[ \t]*n[°º]\s*\d+\s*[–—-]\s*(?P<d>[^\n]{4,30})$", re.I | re.M)


def _issued(text: str, ref: str | None) -> tuple[str | None, int | None]:
    head = text[:400]
    for m in _ISSUE.finditer(head):
        found = find_dates(m.group("d"), ref)
        if found and found[0].end >= len(m.group("d").rstrip()) - 1:
            return found[0].value, m.start("d")
    first = text.strip().split("\n", 1)[0]
    m = _MASTHEAD.match(first)
    if m and len(first) <= 70:
        value = _first_date(first[m.end():], ref)
        if value:
            return value, text.find(first) + m.end()
    for m in _AS_OF.finditer(text):
        value = _first_date(text[m.end(): m.end() + 30], ref)
        if value:
            return value, m.end()
    return None, None


def _outside_body(paras: list[Span]) -> list[Span]:
    """The paragraphs before the first paragraph of prose and after the last one: the letterhead
    and the signature block, where a document writes its own date."""
    body = [k for k, p in enumerate(paras) if is_prose(" ".join(p.text.split()))]
    if not body:
        return paras
    return paras[: body[0]] + paras[body[-1] + 1:]


def _first_date(text: str, ref: str | None) -> str | None:
    found = [d for d in find_dates(text, ref) if len(d.value) >= 7]
    return found[0].value if found else None


def _session_date(text: str, paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """The date of the session named near the top ("Séance du 12 décembre 2022")."""
    head = paras[:4]
    zone_end = head[-1].end if head else 0
    zone = text[: max(zone_end, 600)]
    for m in _SESSION.finditer(zone):
        value = _first_date(zone[m.end(): m.end() + 60], ref)
        if value:
            return value, m.end()
    return None, None


# an identifier that spells its date: a préfecture's act number "n° 70-2023-03-23-00010" (département, year, month,
# day, rank), "arrêté n° 2023-03-23/12", "n° 20230323-04"
_NUMBER_DATE = re.compile(r"\bn\s*[°º]\s*(?:[A-Z]{1,4}[\s/-]?)?(?:\d{2,3}[-/])?(?P<y>(?:19|20)\d{2})[-/]?(?P<m>[01]\d)[-/]?"
                          r"(?P<d>[0-3]\d)(?:[-/]\d{1,6})?\b"
                          # a recueil's act code, with or without "n°": "R02-2018-03-12-004", "07-2019-07-22-007"
                          r"|\b[A-Z0-9]{2,4}-(?P<y2>(?:19|20)\d{2})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)-\d{2,5}\b", re.I)
# a title that names the document's date anywhere: "CR du conseil municipal 17 septembre 2021", "Arrêté du 23 mars
# 2023 portant …", "Procès-verbal de la séance du 8 juin 2020"
_TITLE_WORDS = re.compile(r"^\W*(?:cr|pv|compte[\s-]+rendu|proc[eè]s[\s-]+verbal|arr[eê]t[eé]|d[eé]lib[eé]ration|"
                          r"extrait|relev[eé]|r[eé]union|s[eé]ance|conseil|convocation|ordre\s+du\s+jour)\b", re.I)

# Which evidence states the document's own date, by the kind of document: minutes, vœux and délibérations are
# dated by their séance (a "Fait à … le" or a date line there is the extract's certification or the
# publication); everything else by its signature's date line.
SESSION_KINDS = ("compte_rendu", "deliberation", "voeu")
_SESSION_EVIDENCE = {"session", "formula", "heading", "title", "footer", "vote", "top"}
_SIGNED_EVIDENCE = {"date_line", "field", "fait_a", "heading", "title", "number", "stamp", "issued"}
# evidence that never decides alone against another reading, only confirms one
_CONFIRMING = {"number", "footer", "top"}


@dataclass
class Evidence:
    value: str  # ISO, full or partial
    kind: str  # where it was read (see _collect)
    at: int  # offset in the text


@dataclass
class OwnDate:
    value: str | None
    at: int | None
    review: list[dict] = field(default_factory=list)  # {"field": "date", "reason": …}
    evidence: list[Evidence] = field(default_factory=list)


def _collect(text: str, kind: str, heading: str | None, stamps=()) -> list[Evidence]:
    """Every reading of the own date, in the order of trust for this kind of document."""
    ref = guess_reference(text)
    paras = paragraphs(text)
    found: list[Evidence] = []

    def add(kind_: str, value: str | None, at: int | None) -> None:
        if value:
            found.append(Evidence(value, kind_, at or 0))

    if kind == "deliberation":  # the session that voted it, not the date its extract was certified
        add("formula", *_formula(text, ref))
        add("session", *_session_date(text, paras, ref))
    add("date_line", *_date_line(paras, ref))
    # a stamp beside the signer's place ("Vesoul, le" + a stamp "1 8 NOV. 2022") dates the document; a stamp
    # elsewhere (a reception stamp, "COURRIER ARRIVÉE") does not
    for at, reading in stamps:
        if _PLACE_LINE.match(text[at:text.find("\n", at) if "\n" in text[at:] else len(text)]):
            add("stamp", _first_date(reading.upper(), ref), at)  # a stamp prints capitals: "NOV." as read
    add("field", *_field(paras, ref))
    add("fait_a", *_fait_a(paras, ref))
    if kind == "autre":
        add("issued", *_issued(text, ref))
    if kind in SESSION_KINDS:  # "L'an deux mille vingt, le 10 février": the séance says its own date first
        add("formula", *_formula(text, ref))
    if heading:
        add("heading", *_heading_date(text, heading, ref))
    add("title", *_title_date(paras, ref))
    add("stamp", *_stamped_title(paras))
    if kind in ("voeu", "compte_rendu", "deliberation", "autre", "arrete") and not (
            kind == "autre" and is_invitation(text)):
        # (an invitation's "réunion publique le jeudi 12 octobre" is the event it announces, not its date)
        add("session", *_session_date(text, paras, ref))
        add("formula", *_formula(text, ref))
    if kind in SESSION_KINDS:
        add("footer", *_footer_session(text, ref))
    if kind in ("voeu", "deliberation"):
        add("vote", *_vote_session(paras, ref))
    if kind in SESSION_KINDS:
        add("top", *_top_date(paras[:4], ref))
    add("number", *_number_date(text))
    return found


# the start of a date line: a place and a comma, or a place and "le" ("Vesoul, le", "Vesoul,", "Paris le")
# (OCR may drop the comma a stamp overlaps: "Vesoul 12 3 MARS 2023"); a salutation or a field is no place
_PLACE_LINE = re.compile(r"^\s*(?!(?i:monsieur|madame|mesdames|messieurs|objet|affaire|r[ée]f|pour|le|la|les|l['’]"
                         r"|vu|copie)\b)[A-ZÀ-Ý][\w'’.-]+(?:[\s-]+(?:sur|sous|en|l[eè]s|le|la|les|de|d'|du"
                         r"|[A-ZÀ-Ý][\w'’.-]*)){0,4}(?:\s*,|\s+(?i:le)\b|\s+\S*\d|\s*$)")


def own_date(text: str, kind: str, heading: str | None = None, *, stamps=(),
             today: dt.date | None = None) -> OwnDate:
    """The document's own date from all its evidence, reconciled, with what a person should check.

    The first reading in the order of trust is taken (a letter's date line, a délibération's séance…), unless
    two other readings that should state the same date agree with each other against it (a date line that OCR
    misread, under a title and an act number that both say the 23rd); a date after ``today`` (the ingest day)
    or years away from every date the document cites is never taken silently.
    """
    today = today or dt.date.today()
    evidence = _collect(text, kind, heading, stamps)
    stamp_review = _settle_stamp(evidence)
    if not evidence:
        out = OwnDate(None, None, evidence=evidence)
        if kind in ("lettre", "arrete", "deliberation", "compte_rendu", "voeu"):
            out.review.append({"field": "date", "reason": "no date of its own was found"})
        return out
    own = [e for e in evidence if e.kind in (_SESSION_EVIDENCE if kind in SESSION_KINDS else _SIGNED_EVIDENCE)]
    deciding = [e for e in own if e.kind not in _CONFIRMING] or [e for e in evidence if e.kind not in _CONFIRMING]
    chosen = (deciding or evidence)[0]
    review: list[dict] = []
    if chosen in own:
        chosen, review = _reconcile(chosen, own)
    review = stamp_review + review
    plausible, why = _plausible(chosen.value, text, today)
    if not plausible:
        better = next((e for e in evidence if e.value != chosen.value and _plausible(e.value, text, today)[0]), None)
        if better is not None:
            review.append({"field": "date", "reason": f"{_name(chosen)} read as {chosen.value} ({why}); "
                                                      f"{_name(better)} gives {better.value}"})
            chosen = better
        else:
            repaired = _repair_year(chosen.value, text, today)
            if repaired is None:
                review.append({"field": "date", "reason": f"{_name(chosen)} read as {chosen.value}, {why}"})
                return OwnDate(None, None, review, evidence)
            review.append({"field": "date", "reason": f"{_name(chosen)} read as {chosen.value} ({why}); "
                                                      f"year taken from the dates the document cites"})
            chosen = Evidence(repaired, chosen.kind, chosen.at)
    return OwnDate(chosen.value, chosen.at, review, evidence)


_NAMES = {"date_line": "the date line", "field": "the date field", "fait_a": "the 'Fait à' line",
          "issued": "the issue line", "heading": "the heading", "title": "the title", "session": "the séance",
          "formula": "the 'L'an …' formula", "footer": "the running footer", "vote": "the vote",
          "top": "the date at the top", "number": "the act's number", "stamp": "the date stamp"}


def _settle_stamp(evidence: list[Evidence]) -> list[dict]:
    """A date line and the stamp beside it read apart, or a stamp read two ways: keep the reading the other
    evidence supports (the stamp's own reading when none does), drop the others, and say so."""
    stamped = [e for e in evidence if e.kind == "stamp"]
    if not stamped:
        return []
    line = [e for e in evidence if e.kind == "date_line" and e.at == stamped[0].at]
    readings = list(dict.fromkeys(e.value for e in stamped + line))
    if len(readings) < 2:
        return []

    def support(value: str) -> int:
        return len({e.kind for e in evidence if e.value == value and e.kind not in ("stamp", "date_line")})

    best = max(readings, key=lambda v: (support(v), v in {e.value for e in stamped}, -readings.index(v)))
    for e in stamped + line:
        if e.value != best:
            evidence.remove(e)
    return [{"field": "date", "reason": "stamp read as " + " and ".join([best] + [v for v in readings if v != best])}]


def _name(e: Evidence) -> str:
    return _NAMES.get(e.kind, e.kind)


def _reconcile(chosen: Evidence, own: list[Evidence]) -> tuple[Evidence, list[dict]]:
    """Two readings that agree with each other against the chosen one win; a lone disagreement is reported."""
    others = [e for e in own if e is not chosen and e.value != chosen.value and not _finer(e.value, chosen.value)]
    if not others:
        return chosen, []
    by_value: dict[str, list[Evidence]] = {}
    for e in others:
        by_value.setdefault(e.value, []).append(e)
    value, agreeing = max(by_value.items(), key=lambda kv: len({e.kind for e in kv[1]}))
    kinds = {e.kind for e in agreeing}
    if len(kinds) >= 2:
        names = " and ".join(_name(e) for e in agreeing[:2])
        return agreeing[0], [{"field": "date", "reason": f"{_name(chosen)} read as {chosen.value}; "
                                                         f"{names} give {value}"}]
    typed = next((e for e in others if e.kind == "number" and _one_digit_apart(e.value, chosen.value)), None)
    if typed and chosen.kind in ("date_line", "stamp", "fait_a"):
        # a stamped or handwritten year against the typed act number one digit away ("12 MARS 2016" under
        # "R02-2018-03-12-004"): the print is the safer reading
        return typed, [{"field": "date", "reason": f"{_name(chosen)} read as {chosen.value}; {_name(typed)} "
                                                   f"gives {typed.value}"}]
    e = next((e for e in others if e.kind not in _CONFIRMING), None)
    if e is None:  # an act's number or a running footer alone does not make a doubt
        return chosen, []
    return chosen, [{"field": "date", "reason": f"{_name(chosen)} gives {chosen.value}, {_name(e)} {e.value}"}]


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _finer(a: str, b: str) -> bool:
    """One reading is the other with less precision ("2019-03" and "2019-03-12")."""
    return a.startswith(b) or b.startswith(a)


_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _repair_year(value: str, text: str, today: dt.date) -> str | None:
    """A day and month read well under a year OCR garbled ("15 NOV. 2077" in a letter on the winter 2022-2023):
    the latest year the document cites that puts the date before today, or None."""
    if len(value) < 7:
        return None
    years = sorted({int(y) for y in _YEARS.findall(text) if int(y) != int(value[:4])}, reverse=True)
    candidates = [c for c in (f"{y:04d}{value[4:]}" for y in years) if _plausible(c, text, today)[0]]
    if not candidates:
        return None
    # the year that puts it nearest the full dates the document cites ("dès le 1er décembre 2022"), else the latest;
    # a document is written after most of what it cites (an act after the acts it recalls), so a date it cites
    # after its own counts as twice as far
    cited = [dt.date.fromisoformat(d.value) for d in find_dates(text) if len(d.value) == 10 and d.value != value]
    if cited:
        def distance(c: str) -> int:
            day = dt.date.fromisoformat(c if len(c) == 10 else c + "-15")
            return min((day - d).days if d <= day else 2 * (d - day).days for d in cited)
        return min(candidates, key=distance)
    return candidates[0]


def _plausible(value: str, text: str, today: dt.date) -> tuple[bool, str]:
    """Not after the ingest day, and not years away from every year the document cites."""
    start = value[:4] + ("-" + value[5:7] if len(value) >= 7 else "-01") + ("-" + value[8:10] if len(value) == 10 else "-01")
    try:
        if dt.date.fromisoformat(start) > today:
            return False, "after today"
    except ValueError:
        return False, "not a calendar date"
    year = int(value[:4])
    cited = [int(y) for y in _YEARS.findall(text)]
    others = [y for y in cited if y != year]
    # a document cites years long past (a law of 1905) but rarely only years long after its own
    if len(others) >= 2 and cited.count(year) <= 1 and min(others) > year + 5:
        return False, f"years before every year the document cites ({min(others)}–{max(others)})"
    return True, ""


def _date_line(paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """A date line ("Paris, le 26 février 2019") in the letterhead or above the signature; in the body a
    short line can be the tail of a sentence that OCR wrapped ("… le 16 janvier.")."""
    for p in _outside_body(paras):
        flat = " ".join(p.text.split())
        for line in p.text.split("\n"):
            if is_date_line(line):
                value = _first_date(line, ref)
                if value:
                    return value, p.start + p.text.index(line)
        if len(flat) <= 60 and is_date_line(flat):
            value = _first_date(flat, ref)
            if value:
                return value, p.start
    # the date line set on the right of the subject ("Objet : … / Lyon, le 20 NOV. 2019") that OCR read as one line
    for p in _outside_body(paras)[:12]:
        for line in p.text.split("\n"):
            for m in _MERGED_PLACE.finditer(line):
                tail = line[m.start(1):]
                if m.start(1) > 0 and is_date_line(tail):
                    value = _first_date(tail, ref)
                    if value and len(value) == 10:
                        return value, p.start + p.text.index(line) + m.start(1)
    return None, None


_MERGED_PLACE = re.compile(r"\s(?=([A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý\w'’-]+){0,2}\s*,?\s+le\s+\S[^\n]{3,25}$))")


def _field(paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """A memo field ("Date : 3 octobre 2022") among the fields of a note's head."""
    for p in _outside_body(paras):
        for m in _DATE_FIELD.finditer(p.text):
            value = _first_date(m.group(1), ref)
            if value:
                return value, p.start + m.start(1)
    return None, None


def _fait_a(paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """"Fait à Paris, le …" (arrêtés, délibérations, some letters)."""
    for p in paras:
        flat = " ".join(p.text.split())
        m = FAIT_A.match(flat)
        if m:
            value = _first_date(flat[: m.end() + 40], ref)
            if value:
                return value, p.start
    return None, None


def _heading_date(text: str, heading: str, ref: str | None) -> tuple[str | None, int | None]:
    """A heading that ends with a date ("…, LE 26 FÉVRIER 2019")."""
    m = _HEADING_DATE.search(heading)
    if m:
        value = _first_date(heading[m.start():], ref)
        if value:
            return value, text.find(heading[:20])
    return None, None


# the act named with its date in a title line, wherever OCR put that line among the letterhead's: "ARRÊTÉ
# PRÉFECTORAL du 2 2 OCT. 2019", "Arrêté n° 2025-860 SG/DCL/BU du 20 mai 2025", "DDT-SAER 2025125-0001 - Arrêté du
# 5 mai 2025 portant …"
_ACT_OF = re.compile(r"\b(?:arr[eê]t[eé]|d[eé]cision|d[eé]lib[eé]ration|proc[eè]s[\s-]+verbal|compte[\s-]+rendu"
                     r"|extrait|convocation|avis)\b[^\n]{0,80}?\s(?:du|en\s+date\s+du)\s+(?=\d|1\s?er|premier)", re.I)


def _title_date(paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """A full date in the title: a first line that names the document ("CR du conseil municipal 17 septembre
    2021"), or a line among the first ones that names the act and its date ("Arrêté n° … du 20 mai 2025")."""
    for p in paras[:3]:
        rows = p.text.split("\n")
        for k, line in enumerate(rows[:3]):
            flat = " ".join(line.split())
            if len(flat) <= 160 and _TITLE_WORDS.match(flat):
                # the title's date may close it on a line of its own ("Compte-rendu de la séance / Du Conseil
                # Communautaire / 25 septembre 2025 à 19h30")
                span = " ".join(r.strip() for r in rows[k:k + 3] if len(r.strip()) <= 80)
                found = [d for d in find_dates(span if len(span) > len(flat) else flat, ref) if len(d.value) == 10]
                if found:
                    return found[0].value, p.start + p.text.find(line)
    for ln in [ln for p in paras[:8] for ln in lines(p.text, p.start)][:30]:
        if re.match(r"^(?:arr[êe]tes?|arr[êe]tons|d[ée]cide|d[ée]lib[èe]re)\s*:?\s*$", ln.flat, re.I):
            break  # the articles that follow the verb abrogate or recall acts: none of them is this one's title
        m = _ACT_OF.search(ln.text)
        if m and not ln.flat.lower().startswith(("vu ", "considérant", "article", "art.")):
            # ("Arrêté du 5 / mai 2025": a title wrapped inside its date)
            value = _first_date(" ".join((ln.text[m.end():] + " " + paras_text(paras, ln.end)[:30]).split())[:40], ref)
            if value and len(value) == 10:
                return value, ln.start
    return None, None


# an act's title whose date was left blank for a stamp ("Arrêté préfectoral du", the stamp "0 6 NOV. 2019" beside it)
_BLANK_TITLE = re.compile(r"\b(?:arr[eê]t[eé]|d[eé]cision)\b[^\n]{0,40}?\b(?:du|en\s+date\s+du)\s*(?:[-–—:]|$)", re.I)
_STAMP_MONTHS = {"JANV": 1, "JAN": 1, "FEV": 2, "FEVR": 2, "MARS": 3, "MAR": 3, "AVR": 4, "AVRIL": 4, "MAI": 5,
                 "JUIN": 6, "JUIL": 7, "AOUT": 8, "SEPT": 9, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
# a stamp's digits as OCR misreads them in black ink: O and D for 0, G for 6, Q for 0, I l | for 1, S for 5, B for 8
_STAMP_DIGIT = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "G": "6", "I": "1", "l": "1", "|": "1",
                              "S": "5", "B": "8", "Z": "2"})
_STAMP = re.compile(r"^\W{0,3}(?:[a-z]{1,3}\W{1,3})?(?P<d>[\dODQGIl|SBZ](?:\s?[\dODQGIl|SBZ])?)\s*[.,]?\s*"
                    r"(?P<m>[A-ZÉÛa-zéû]{2,5}(?:\s?[A-Z])?)\s*[.,]?\s*(?P<y>(?:19|20)\d{2})\W{0,3}$")


def stamp_date(line: str) -> str | None:
    """A date stamp's line as OCR reads it ("0 6 NOV. 2019", "D 4 NOV. 2019", "0 G.NOV, 2019", "0 7 HOV. 2019"):
    digits mistaken for letters put back, the month's abbreviation matched with one letter wrong at most."""
    m = _STAMP.match(line.strip())
    if not m:
        return None
    day = int(re.sub(r"\s", "", m.group("d").translate(_STAMP_DIGIT)))
    word = fold(re.sub(r"\s", "", m.group("m"))).upper()
    month = _STAMP_MONTHS.get(word) or next(
        (n for abbr, n in _STAMP_MONTHS.items() if len(abbr) == len(word) >= 3
         and sum(a != b for a, b in zip(abbr, word, strict=True)) == 1), None)
    try:
        return dt.date(int(m.group("y")), month, day).isoformat() if month else None
    except ValueError:
        return None


def _stamped_title(paras: list[Span]) -> tuple[str | None, int | None]:
    """The stamp beside an act's title whose date was left blank: a short date line just above the title, on its
    line, or just below it."""
    rows = [ln for p in paras[:12] for ln in lines(p.text, p.start)][:40]
    for k, ln in enumerate(rows):
        m = _BLANK_TITLE.search(ln.flat)
        if not m or ln.flat.lower().startswith(("vu ", "considérant")):
            continue
        near = [ln.flat[:m.start()]] + [r.flat for r in rows[max(0, k - 3):k][::-1]] + [r.flat for r in rows[k + 1:k + 2]]
        for cand in near:
            value = stamp_date(cand) if len(cand) <= 30 else None
            if value:
                return value, ln.start
    return None, None


def paras_text(paras: list[Span], offset: int) -> str:
    """The text that follows ``offset`` in the paragraphs (the next line of a wrapped title)."""
    for p in paras:
        if p.start <= offset <= p.end:
            return p.text[offset - p.start:]
    return ""


def _formula(text: str, ref: str | None) -> tuple[str | None, int | None]:
    """"L'an deux mille vingt, le huit juin" near the top of minutes or an extract: the séance."""
    for d in find_dates(text[:2500], ref):
        if re.match(r"l['’]\s?an\b", d.text, re.I):
            return d.value, d.start
    return None, None


def _footer_session(text: str, ref: str | None) -> tuple[str | None, int | None]:
    """The session named only in a running header or footer ("Conseil de Paris – Séance des 4, 5 et 6 juillet
    2022 – 3/7"): a vœu or a délibération that starts mid-session has no other date."""
    for line in lines(text):
        if FOOTER.match(line.flat):
            m = _SESSION.search(line.text)
            value = _first_date(line.text[m.end():], ref) if m else None
            if value:
                return value, line.start + m.end()
    return None, None


def _vote_session(paras: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """The session named in the vote that closes a vœu or a délibération ("Adopté à l'unanimité lors de la
    séance du 16 mai 2022")."""
    for p in paras[-3:]:
        if _VOTED.match(p.text):
            m = _SESSION.search(p.text)
            value = _first_date(p.text[m.end():m.end() + 60], ref) if m else None
            if value:
                return value, p.start + m.end()
    return None, None


def _top_date(head: list[Span], ref: str | None) -> tuple[str | None, int | None]:
    """Minutes and vœux often carry their date alone at the top ("Mardi 19 novembre 2019"), or closing a line of
    their heading ("Comité local pour la transition écologique – 16 janvier 2023", "… 75014 Paris, le jeudi 14
    janvier 2016.")."""
    for p in head:
        flat = " ".join(p.text.split())
        if len(flat) <= 80 and re.search(r"\d{4}", flat) and not re.search(r"\bn\s*°", fold(flat)) \
                and not _OTHER_EVENT.search(fold(flat)):
            value = _first_date(flat, ref)
            if value:
                return value, p.start
    for ln in [ln for p in head for ln in lines(p.text, p.start)][:12]:
        flat = ln.flat
        if len(flat) > 120 or re.search(r"\bn\s*°", fold(flat)) or _OTHER_EVENT.search(fold(flat)):
            continue
        found = [d for d in find_dates(flat, ref) if len(d.value) == 10]
        # the date ends the line: a heading's, not a sentence's
        if found and len(flat) - flat.find(found[-1].text) - len(found[-1].text) <= 2:
            return found[-1].value, ln.start
    return None, None


# dates at the head of minutes that are not the séance: when it was convened, displayed, sent
_OTHER_EVENT = re.compile(r"convoc|affich|publi|transmi|envoi|envoy|recu|diffus|report")


def _number_date(text: str) -> tuple[str | None, int | None]:
    for m in _NUMBER_DATE.finditer(text[:3000]):
        y, mo, d = (int(m.group(k) or m.group(k + "2")) for k in ("y", "m", "d"))
        try:
            dt.date(y, mo, d)
        except ValueError:
            continue
        return f"{y:04d}-{mo:02d}-{d:02d}", m.start()
    return None, None
