"""What the pages say in French: dates, the labels of types, kinds and roles, the pipeline's doubts."""

from __future__ import annotations

import re

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
TYPE_LABELS = {"lettre": "Lettre", "voeu": "Vœu", "communique": "Communiqué", "compte_rendu": "Compte rendu",
               "note": "Note", "deliberation": "Délibération", "arrete": "Arrêté", "autre": "Autre"}
KIND_LABELS = {"money": "montant", "percent": "pourcentage", "count": "nombre", "duration": "durée",
               "measure": "mesure"}
ROLE_LABELS = {"lecteur": "lecteur", "archiviste": "archiviste", "admin": "administrateur"}


def date_fr(value) -> str:
    """'2019-02-26' -> '26 février 2019', '2019-06' -> 'juin 2019', '2019' -> '2019'."""
    if not value:
        return "sans date"
    parts = str(value)[:10].split("-")
    try:
        if len(parts) == 3:
            day = int(parts[2])
            return f"{'1er' if day == 1 else day} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(value)


def when_fr(value) -> str:
    """An ISO timestamp as '26 février 2019 à 14 h 05' (UTC)."""
    if not value or len(str(value)) < 16:
        return str(value or "")
    v = str(value)
    return f"{date_fr(v[:10])} à {int(v[11:13])} h {v[14:16]}"


# The pipeline writes its doubts in English (the CLI's and the exports' language); the pages say them in French,
# phrase by phrase, so that composed ones ("the title read as …; the séance gives …") read as French too. Longer
# phrases come first. A phrase missing here would show in English: tests/test_web.py checks every name the date
# reader uses.
PHRASES_FR = [
    (r"^no date of its own was found$", "aucune date propre au document n'a été trouvée"),
    (r"^low OCR confidence on (pages?) (.+)$", r"lecture OCR peu sûre (\1 \2)"),
    (r"^extraction failed \((.+)\)$", r"l'extraction a échoué (\1)"),
    (r"^The database refused the document of (.+) on pages (\S+) \((.+)\)$",
     r"la base de données a refusé le document de \1, pages \2 (\3)"),
    (r"^stamp read as ", "le tampon dateur se lit "),
    (r"year taken from the dates the document cites", "année reprise des dates que le document cite"),
    (r"years before every year the document cites", "des années avant toutes celles que le document cite"),
    (r"not a calendar date", "pas une date du calendrier"),
    (r"after today", "postérieure à aujourd'hui"),
    (r"the date line", "la ligne de date"),
    (r"the date field", "le champ Date"),
    (r"the 'Fait à' line", "la ligne « Fait à »"),
    (r"the issue line", "la date de parution"),
    (r"the heading", "l'en-tête"),
    (r"the title", "le titre"),
    (r"the séance", "la séance"),
    (r"the 'L'an …' formula", "la formule « L'an … »"),
    (r"the running footer", "le pied de page"),
    (r"the vote", "le vote"),
    (r"the date at the top", "la date en tête de page"),
    (r"the act's number", "le numéro de l'acte"),
    (r"the date stamp", "le tampon dateur"),
    (r" read as ", " se lit "),
    (r" gives ", " donne "),
    (r" give ", " donnent "),
    (r" and ", " et "),
    (r"; ", " ; "),
]
_PHRASES = [(re.compile(pattern), french) for pattern, french in PHRASES_FR]
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def reason_fr(reason: str) -> str:
    """A doubt of the pipeline in French, its dates written out ('2022-11-18' -> '18 novembre 2022')."""
    out = reason or ""
    for pattern, french in _PHRASES:
        out = pattern.sub(french, out)
    return _ISO_DATE.sub(lambda m: date_fr(m.group()), out)
