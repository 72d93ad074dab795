"""The structure of a vœu: its considérants, its demandes and its vote.

Considérants start with "Considérant"; demandes follow "émet le vœu que", "demande(nt) :",
"émet le vœu :" as bullets ("- que …") or as a run-on "que … ; que …". The vote is a string:
"unanimité", "majorité", "rejeté", or with counts "majorité (12 pour, 3 contre, 2 abstentions)" —
a string keeps the record schema flat and still searchable.
"""

from __future__ import annotations

import re

from .text import fold, paragraphs

_CONSIDERANT = re.compile(r"^\s*(?:[-–•]\s*)?consid[ée]rant\b", re.I)
_DEMAND_INTRO = re.compile(
    r"(?:[ée]met(?:tent)?\s+(?:le|un)\s+v(?:oe|œ|ce)ux?|demande(?:nt)?|souhaite(?:nt)?|invite(?:nt)?|"
    r"sollicite(?:nt)?|d[ée]cide(?:nt)?|propose(?:nt)?|exige(?:nt)?)\s*(?:que\s+|:|\n)",
    re.I)
_ITEM = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)°]|[a-z][.)])\s*", re.M)
_COUNTS = {
    "pour": re.compile(r"(\d+)\s*(?:voix\s+)?pour\b|pour\s*:\s*(\d+)", re.I),
    "contre": re.compile(r"(\d+)\s*(?:voix\s+)?contre\b|contre\s*:\s*(\d+)", re.I),
    "abstentions": re.compile(r"(\d+)\s*abstentions?\b|abstentions?\s*:\s*(\d+)", re.I),
    "nppv": re.compile(r"(\d+)\s*(?:ne\s+prenant\s+pas\s+part|nppv)|nppv\s*:\s*(\d+)", re.I),
}


def _flat(s: str) -> str:
    return " ".join(s.split())


def considerants(text: str) -> list[str]:
    return [_flat(p.text) for p in paragraphs(text) if _CONSIDERANT.match(p.text)]


def demandes(text: str) -> list[str]:
    """The requests after the last considérant: bullets, or a run-on "que … ; que …"."""
    paras = paragraphs(text)
    last_cons = max((k for k, p in enumerate(paras) if _CONSIDERANT.match(p.text)), default=-1)
    rest = "\n\n".join(p.text for p in paras[last_cons + 1:])
    m = _DEMAND_INTRO.search(rest)
    if m is None:
        return []
    after = rest[m.end():]
    # the vote line ends the demandes
    after = re.split(r"\n\s*(?:vot[ée]|adopt[ée]|rejet[ée]|r[ée]sultat du vote|pour\s*:)", after, flags=re.I)[0]
    pieces = _ITEM.split(after)
    if len(pieces) > 1:
        items = [p for p in pieces[1:] if p.strip()] or pieces[:1]
    else:
        run_on = "que " + after if m.group().lower().rstrip().endswith("que") else after
        items = re.split(r";\s*(?=que\b|qu')|\n\s*\n(?=\s*(?:que\b|qu'))|\s[-–•]\s+(?=que\b|qu')", run_on)
    out = []
    for item in items:
        # bullets that OCR ran together on one line: "… habitants - que les commissariats …"
        for it in re.split(r"\s[-–•]\s+(?=que\b|qu')", item):
            it = _flat(it).rstrip(" ;,")
            if len(it) > 5:
                out.append(it)
    return out


def vote(text: str) -> str | None:
    f = fold(_flat(text))
    counts = {}
    for key, rx in _COUNTS.items():
        mm = rx.search(text)
        if mm:
            counts[key] = int(next(g for g in mm.groups() if g))
    if re.search(r"unanimit", f):
        result = "unanimité"
    elif re.search(r"\brejet", f):
        result = "rejeté"
    elif re.search(r"majorit", f):
        result = "majorité"
    elif counts:
        result = "adopté" if counts.get("pour", 0) > counts.get("contre", 0) else "rejeté"
    elif re.search(r"\badopt", f):
        result = "adopté"
    else:
        return None
    if counts and result != "unanimité":
        parts = [f"{counts[k]} {k if k != 'nppv' else 'ne prenant pas part au vote'}" for k in
                 ("pour", "contre", "abstentions", "nppv") if k in counts]
        return f"{result} ({', '.join(parts)})"
    return result


def voeu_structure(text: str) -> dict:
    return {"considerants": considerants(text), "demandes": demandes(text), "vote": vote(text)}
