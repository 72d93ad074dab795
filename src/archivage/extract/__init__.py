"""Extract a document's record fields: type, title, own date, people, dates, figures, entities, vœu.

Each field comes from its own module; this one chains them in the order they depend on each
other (the type tells where to look for the date and the people; the own date resolves the
year of "le 16 mars dernier") and turns mentions into the dicts of the record schema, each
with the page it was read on.
"""

from __future__ import annotations

import re

from ..model import Document
from .doctype import doctype, heading_type, sentence_case, strip_trailing_date
from .owndate import own_date
from .people import Person, find_people
from .sections import find_sections
from .text import ATTENTION, fold, is_caps, is_date_line, paragraphs
from .voeu import voeu_structure

_LABELS = {"lettre": "Lettre", "voeu": "Vœu", "communique": "Communiqué", "compte_rendu": "Compte rendu",
           "note": "Note", "deliberation": "Délibération", "arrete": "Arrêté"}


def _heading(text: str) -> str | None:
    """The document's heading: a keyword heading, else a first paragraph in capitals."""
    _, line = heading_type(text)
    if line:
        return line
    paras = paragraphs(text)
    if paras:
        flat = " ".join(paras[0].text.split())
        if is_caps(flat) and 3 <= len(flat.split()) and len(flat) <= 300 and not _LETTERHEAD.match(flat):
            return flat
    return None


# a first line in capitals that names an authority, not the document: "LE MINISTRE DE L'INTÉRIEUR"
_LETTERHEAD = re.compile(
    r"^\s*(?:(?:le|la|l')\s*)?(?:r[ée]publique|mairie|ville\s+de|minist[eè]re|pr[ée]fecture|direction|cabinet|"
    r"conseil\s+(?:r[ée]gional|d[ée]partemental)|d[ée]partement|r[ée]gion|h[ôo]tel\s+de\s+ville|"
    r"ministre|maire|pr[ée]fet|pr[ée]sident|secr[ée]tariat|service|association)\b", re.I)


def make_title(text: str, kind: str, heading: str | None, signers: list[Person], addressees: list[Person]
               ) -> str | None:
    names = [p.name for p in signers + addressees]
    subject = _subject(text)
    if heading:
        title = strip_trailing_date(sentence_case(heading, names))
        # "COMMUNIQUÉ DE PRESSE", "Note à l'attention de …": the heading does not say what it is about
        if len(title.split()) <= 3 or ATTENTION.match(title):
            sub = subject or _subtitle(text, heading)
            if sub:
                title = f"{title} : {sub}"
        return title
    label = _LABELS.get(kind)
    if label and signers:
        return _people_title(label, text, signers[0], addressees[0] if addressees else None)
    if label and subject and kind in ("lettre", "note"):
        return f"{label} : {subject}"
    for p in paragraphs(text)[:5]:
        flat = " ".join(p.text.split())
        if len(re.findall(r"[^\W\d_]{3,}", flat)) >= 2:
            return flat if len(flat) <= 150 else flat[:147].rsplit(" ", 1)[0] + "…"
    return None


def _people_title(label: str, text: str, signer: Person, addressee: Person | None) -> str:
    """"Lettre d'Antoine Martin, Député de Paris, au Préfet de Police, Jean Dupont"."""
    title = f"{label} {_de(signer.name)}"
    if signer.function and signer.function != signer.name and len(signer.function) <= 40:
        title += f", {signer.function},"
    if addressee is None:
        return title.rstrip(",")
    func = addressee.function
    if func and len(func) > 60 and "," in func:  # "Adjoint à la Maire chargé du logement, de …"
        func = func.split(",")[0]
    if not func or func == addressee.name and not _FUNCTION_WORD.match(func):
        return f"{title} à {addressee.name}"
    title += f" {_a(func, text)}"
    return title if addressee.name == addressee.function else f"{title}, {addressee.name}"


_VOWEL = "aeiouyàâäéèêëîïôöûüœ"
_FUNCTION_WORD = re.compile(r"^\s*[^\W\d_]", re.I)
# functions written the same for a woman and a man: the civility in the text tells ("Madame la Maire")
_EPICENE = {"maire", "ministre", "secretaire", "commissaire", "responsable", "membre", "juge", "architecte",
            "capitaine", "porte-parole", "haut-commissaire", "chef", "proviseur", "recteur", "procureur"}


def _de(name: str) -> str:
    """"de Claire Martin", "d'Antoine Martin" (but "de Ian": a semivowel does not elide)."""
    f = fold(name)
    elide = f[:1] in _VOWEL and f[:1] != "y" and not (f[:1] == "i" and f[1:2] in _VOWEL)
    return f"d'{name}" if elide else f"de {name}"


def _a(function: str, text: str) -> str:
    """"au Préfet de Police", "à la Présidente de …", "à l'Adjoint au Maire" from the function's first word."""
    function = re.sub(r"^(?:le|la|les)\s+|^l['’]\s*", "", function.strip(), flags=re.I)
    word = fold(function.split()[0]) if function.split() else ""
    if word[:1] in _VOWEL:
        return f"à l'{function}"
    last = word.split("-")[-1]
    if word in _EPICENE or last in _EPICENE:
        feminine = bool(re.search(r"\bmadame\s+(?:la\s+|l['’]\s*)" + re.escape(function.split()[0]), text, re.I))
    else:
        feminine = last.endswith("e") or last.endswith("trice")
    return f"à la {function}" if feminine else f"au {function}"


_OBJET = re.compile(r"^[ \t]*objet\s*:\s*(.+(?:\n[ \t]*[^\s][^\n]*)*)", re.I | re.M)


def _subject(text: str) -> str | None:
    """What an "Objet : …" line says, the subject of a letter or a note, on one line."""
    m = _OBJET.search(text[:3000])
    if not m:
        return None
    subject = " ".join(m.group(1).split()).rstrip(" .;")
    if len(subject) > 200:
        subject = subject[:197].rsplit(" ", 1)[0] + "…"
    return subject or None


def _subtitle(text: str, heading: str) -> str | None:
    for p in paragraphs(text)[1:4]:
        flat = " ".join(p.text.split())
        if flat == heading or is_date_line(flat):
            continue
        if 3 <= len(flat.split()) and len(flat) <= 200 and not flat.endswith("."):
            return sentence_case(flat)
        return None
    return None


def extract(doc: Document) -> dict:
    """The record fields of one document (see DESIGN.md, "Record schema")."""
    from .dates import find_dates, guess_reference
    from .entities import find_entities
    from .figures import find_figures

    text = doc.text or ""
    kind = doctype(text)
    heading = _heading(text)
    dated = own_date(text, kind, heading, stamps=doc.stamps)
    date = dated.value
    # a footer or a running header repeated on every page names no signatory or addressee ("Affaire suivie par …")
    signers, addressees = find_people(text, kind, heading, ignore=doc.furniture)
    title = make_title(text, kind, heading, signers, addressees)
    page = doc.page_at
    ref = date or guess_reference(text)
    dates = [{"value": d.value, "text": d.text, "page": page(d.start), "start": d.start, "end": d.end}
             for d in find_dates(text, ref)]
    if date and any(e.kind == "stamp" and e.value == date for e in dated.evidence):
        # the stamp's own reading wins over what OCR read of it within the date line
        line_end = text.find("\n", dated.at) if "\n" in text[dated.at:] else len(text)
        for d in dates:
            if dated.at <= d["start"] < line_end and len(d["value"]) == 10:
                d["value"] = date
        if date not in {d["value"] for d in dates}:  # OCR read nothing of it: the stamp is the mention
            dates.append({"value": date, "text": text[dated.at:line_end], "page": page(dated.at),
                          "start": dated.at, "end": line_end})
            dates.sort(key=lambda d: d["start"])
    furniture = doc.furniture
    figures = [{"value": f.value, "kind": f.kind, "unit": f.unit, "subject": f.subject, "text": f.text,
                "page": page(f.start), "start": f.start, "end": f.end} for f in find_figures(text)
               if not _within(f.start, furniture)]
    entities = [e for e in (_entity(e, page) for e in find_entities(text)) if not _within(e["start"], furniture)]

    voeu = voeu_structure(text) if kind == "voeu" else None
    sections = [{"number": s.number, "title": s.title, "page": page(s.start), "start": s.start, "end": s.end}
                for s in find_sections(text)] if kind == "compte_rendu" else []
    return {
        "type": kind,
        "title": title,
        "date": date,
        "signatories": [p.as_dict(page) for p in signers],
        "addressees": [p.as_dict(page, addressee=True) for p in addressees],
        "dates": dates,
        "figures": figures,
        "entities": entities,
        "voeu": voeu,
        "sections": sections,
        "review": dated.review,
    }


def _within(offset: int, spans: list[tuple[int, int, str]]) -> bool:
    return any(a <= offset < b for a, b, _ in spans)


def _entity(e, page) -> dict:
    if isinstance(e, dict):
        return {**e, "page": page(e["start"])}
    return {"text": e.text, "label": e.label, "page": page(e.start), "start": e.start, "end": e.end}

