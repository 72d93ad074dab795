"""A document's own date: when it was written, signed or voted — not a date it mentions.

Where to look depends on the genre: a letter's "Paris, le …" line, an arrêté's "Fait à … le …",
the session of a vœu or of minutes ("Conseil d'arrondissement du 28 mai 2019", "séance des 4,
5 et 6 juillet 2022" → the first day), a date closing a heading ("…, LE 26 FÉVRIER 2019").
A date in a note's body is what the note talks about, so a note only takes a date line or a
heading date.
"""

from __future__ import annotations

import re

from .dates import find_dates, guess_reference
from .doctype import is_invitation
from .text import FAIT_A, FOOTER, Span, fold, is_date_line, is_prose, lines, paragraphs

# the session that voted a vœu, or that minutes report on
_SESSION = re.compile(
    r"\b(?:conseil\s+(?:de\s+quartier|d'arrondissement|de\s+paris|municipal|communautaire|r[ée]gional"
    r"|d[ée]partemental|d'administration)[^.\n]{0,60}?|s[ée]ance|r[ée]union|assembl[ée]e\s+g[ée]n[ée]rale"
    r"|session|commission[^.\n]{0,60}?)\s+(?:(?:publique|pl[ée]ni[èe]re|ordinaire|extraordinaire|solennelle)\s+)?"
    r"(?:du|des|en\s+date\s+du|le)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?=\d|1er|premier)",
    re.I,
)
_VOTED = re.compile(r"^\s*(?:adopt[ée]e?s?|rejet[ée]e?s?|repouss[ée]e?s?|vot[ée]e?s?)\b", re.I)
_HEADING_DATE = re.compile(r"(?:,\s*|\s)(?:le|du|en\s+date\s+du)\s+(?=\d|1er)[^,]{4,25}$", re.I)


# a memo's or an e-mail's date field: "Date : 3 octobre 2022", "Envoyé : mardi 10 janvier 2023 09:42"
_DATE_FIELD = re.compile(r"^[ \t]*(?:date(?:\s+de\s+la\s+note)?|envoy[ée](?:\s+le)?|sent)\s*:\s*([^\n]{4,40})$",
                         re.I | re.M)


# a newspaper's masthead over a clipping ("Le Parisien – 9 juillet 2021"), a statement "as of" a date at the head or
# the foot of a table, a petition or a report ("Résultat au 30 novembre 2022", "Situation arrêtée au 31 mars",
# "Mis à jour le 2 mai 2023"), a publication in the Journal officiel: the date the document was issued
_MASTHEAD = re.compile(r"^[A-Z][\w'’. -]{1,40}?\s[–—-]\s*(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
                       r"|\d{1,2}\s|1er\s))")
_AS_OF = re.compile(r"^[ \t]*(?:(?:r[ée]sultats?|situation|bilan|[ée]tat|chiffres|donn[ée]es|point)\b[^\n.:]{0,30}?"
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


def own_date(text: str, kind: str, heading: str | None = None) -> tuple[str | None, int | None]:
    """(ISO date or None, offset of the phrase it was read from)."""
    ref = guess_reference(text)
    paras = paragraphs(text)
    # a délibération is dated by the session that voted it, not by the date its extract was certified
    # ("Pour extrait certifié conforme, Frotey-lès-Vesoul, le 14 décembre 2022")
    if kind == "deliberation":
        value, at = _session_date(text, paras, ref)
        if value:
            return value, at
    # 1. a date line ("Paris, le 26 février 2019") in the letterhead or above the signature; in the
    #    body a short line can be the tail of a sentence that OCR wrapped ("… le 16 janvier.")
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
    # 1b. a memo field ("Date : 3 octobre 2022") among the fields of a note's head
    for p in _outside_body(paras)[:12]:
        for m in _DATE_FIELD.finditer(p.text):
            value = _first_date(m.group(1), ref)
            if value:
                return value, p.start + m.start(1)
    # 2. "Fait à Paris, le …" (arrêtés, délibérations, some letters)
    for p in paras:
        flat = " ".join(p.text.split())
        m = FAIT_A.match(flat)
        if m:
            value = _first_date(flat[: m.end() + 40], ref)
            if value:
                return value, p.start
    # 3. a clipping's masthead, a petition's or a table's "Résultat au …", a publication at the JO: before the
    #    heading, which may run on over the lines that give them
    if kind == "autre":
        value, at = _issued(text, ref)
        if value:
            return value, at
    # 3b. a heading that ends with a date ("…, LE 26 FÉVRIER 2019") or names a session
    head = paras[:4]
    if heading:
        m = _HEADING_DATE.search(heading)
        if m:
            value = _first_date(heading[m.start():], ref)
            if value:
                return value, text.find(heading[:20])
    # 4. the session of a vœu, a délibération or minutes, near the top
    # (an invitation's "réunion publique le jeudi 12 octobre" is the event it announces, not its date)
    if kind in ("voeu", "compte_rendu", "deliberation", "autre", "arrete") and not (
            kind == "autre" and is_invitation(text)):
        value, at = _session_date(text, paras, ref)
        if value:
            return value, at
    # 4b. the session named only in a running header or footer ("Conseil de Paris – Séance des 4, 5 et 6
    #     juillet 2022 – 3/7"): a vœu or a délibération that starts mid-session has no other date
    if kind in ("voeu", "deliberation", "compte_rendu"):
        for line in lines(text):
            if FOOTER.match(line.flat):
                m = _SESSION.search(line.text)
                value = _first_date(line.text[m.end():], ref) if m else None
                if value:
                    return value, line.start + m.end()
    # 4c. the session named in the vote that closes a vœu or a délibération ("Adopté à l'unanimité lors de la
    #     séance du 16 mai 2022")
    if kind in ("voeu", "deliberation"):
        for p in paras[-3:]:
            if _VOTED.match(p.text):
                m = _SESSION.search(p.text)
                value = _first_date(p.text[m.end():m.end() + 60], ref) if m else None
                if value:
                    return value, p.start + m.end()
    # 5. minutes and vœux often carry their date alone at the top ("Mardi 19 novembre 2019")
    if kind in ("compte_rendu", "voeu", "deliberation"):
        for p in head:
            flat = " ".join(p.text.split())
            if len(flat) <= 80 and re.search(r"\d{4}", flat) and not re.search(r"\bn\s*°", fold(flat)):
                value = _first_date(flat, ref)
                if value:
                    return value, p.start
    return None, None
