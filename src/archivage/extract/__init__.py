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
from .text import is_caps, is_date_line, paragraphs
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
    if heading:
        title = strip_trailing_date(sentence_case(heading, names))
        if len(title.split()) <= 3:  # "COMMUNIQUÉ DE PRESSE" then the real title below it
            sub = _subtitle(text, heading)
            if sub:
                title = f"{title} : {sub}"
        return title
    label = _LABELS.get(kind)
    if label and signers:
        title = f"{label} de {signers[0].name}"
        if addressees:
            a = addressees[0]
            if a.function and a.function != a.name:
                title += f" au {a.function}, {a.name}" if not re.match(r"(?i)(madame|la)\b", a.function) \
                    else f" à la {a.function}, {a.name}"
            else:
                title += f" à {a.name}"
        return title
    for p in paragraphs(text)[:5]:
        flat = " ".join(p.text.split())
        if len(re.findall(r"[^\W\d_]{3,}", flat)) >= 2:
            return flat if len(flat) <= 150 else flat[:147].rsplit(" ", 1)[0] + "…"
    return None


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
    date, _ = own_date(text, kind, heading)
    signers, addressees = find_people(text, kind, heading)
    title = make_title(text, kind, heading, signers, addressees)
    page = doc.page_at
    ref = date or guess_reference(text)
    dates = [{"value": d.value, "text": d.text, "page": page(d.start), "start": d.start, "end": d.end}
             for d in find_dates(text, ref)]
    figures = [{"value": f.value, "kind": f.kind, "unit": f.unit, "subject": f.subject, "text": f.text,
                "page": page(f.start), "start": f.start, "end": f.end} for f in find_figures(text)]
    entities = [_entity(e, page) for e in find_entities(text)]
    voeu = voeu_structure(text) if kind == "voeu" else None
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
    }


def _entity(e, page) -> dict:
    if isinstance(e, dict):
        return {**e, "page": page(e["start"])}
    return {"text": e.text, "label": e.label, "page": page(e.start), "start": e.start, "end": e.end}

