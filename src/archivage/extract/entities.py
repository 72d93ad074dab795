"""Named entities: people, organisations, places, with a gazetteer of Paris institutions and places.

spaCy's French NER finds the names; an entity ruler built from ``models/gazetteer.json`` (case- and
accent-insensitive) overrides it for the names it knows ("Préfecture de Police", "Porte de la
Chapelle", "Mairie du 18e", "dix-huitième arrondissement"), which the statistical model often cuts
or mislabels in OCR text.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

MODELS = Path(__file__).resolve().parents[3] / "models"
GAZETTEER = MODELS / "gazetteer.json"

_ORDINALS = ["premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
             "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième", "quinzième", "seizième",
             "dix-septième", "dix-huitième", "dix-neuvième", "vingtième"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
          "XVII", "XVIII", "XIX", "XX"]


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _arrondissement_forms(n: int) -> list[str]:
    suffixes = ["er", "e"] if n == 1 else ["e", "ème", "eme", "è", "°", "º"]
    forms = [f"{n}{s}" for s in suffixes] + [f"{_ROMAN[n - 1]}e"]
    return forms


def _arrondissement_patterns() -> list[tuple[str, str]]:
    out = []
    for n in range(1, 21):
        for f in _arrondissement_forms(n):
            out += [(f"{f} arrondissement", "LOC"), (f"Paris {f}", "LOC"), (f"Mairie du {f}", "ORG"),
                    (f"Mairie du {f} arrondissement", "ORG"), (f"commissariat du {f}", "ORG"),
                    (f"commissariat du {f} arrondissement", "ORG"), (f"Conseil du {f} arrondissement", "ORG")]
        word = _ORDINALS[n - 1] if n > 1 else "premier"
        out += [(f"{word} arrondissement", "LOC"), (f"Mairie du {word} arrondissement", "ORG")]
    return out


def _load_gazetteer() -> list[tuple[str, str]]:
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    names = [(name, label) for label in ("PER", "ORG", "LOC", "MISC") for name in data.get(label, [])]
    return names + _arrondissement_patterns()


def _norm(word: str) -> str:
    return _fold(word).lower().replace("’", "'")


class Gazetteer:
    """A phrase matcher over accent-free lower-case norms; its matches replace the model's entities.

    Acronyms ("GPIS", "ARS") must match exactly and one-word names ("Barbès") must be capitalised,
    so that "ars" or "belleville" inside a sentence are not taken for names. A phrase matcher keeps
    this fast: one hash lookup per token whatever the size of the gazetteer.
    """

    def __init__(self, nlp):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.rules: dict[str, tuple[str, str | None]] = {}  # match key → (label, exact text or "" for capitalised)
        for name, label in _load_gazetteer():
            for variant in {name, _fold(name)}:
                doc = nlp.make_doc(variant)
                for token in doc:
                    token.norm_ = _norm(token.text)
                if len(doc) == 1 and re.fullmatch(r"[A-Z0-9&.-]{2,}", variant):
                    key = f"{label}|{variant}"
                    self.rules[key] = (label, variant)
                elif len(doc) == 1:
                    key = f"{label}|"
                    self.rules[key] = (label, "")
                else:
                    key = label
                    self.rules[key] = (label, None)
                self.matcher.add(key, [doc])

    def __call__(self, doc):
        for token in doc:
            token.norm_ = _norm(token.text)
        spans = []
        for key, start, end in self.matcher(doc):
            label, exact = self.rules[doc.vocab.strings[key]]
            span = Span(doc, start, end, label=label)
            if exact and span.text != exact:
                continue
            if exact == "" and span.text.islower():
                continue
            spans.append(span)
        spans = filter_spans(spans)
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(spans + kept, key=lambda sp: sp.start)
        doc.user_data["gazetteer"] = {(sp.start_char, sp.end_char) for sp in spans}
        return doc


@Language.factory("gazetteer")
def make_gazetteer(nlp, name):
    return Gazetteer(nlp)


def add_gazetteer(nlp) -> None:
    """Add the gazetteer after the NER (which reads NORM as a feature and must see the model's own)."""
    if "gazetteer" in nlp.pipe_names or not GAZETTEER.exists():
        return
    nlp.add_pipe("gazetteer", after="ner" if "ner" in nlp.pipe_names else None)


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_TITLE_ONLY = re.compile(r"^(?:monsieur|madame|mme|m\.)\s+(?:le|la|l['’])\s*[\w-]+$", re.IGNORECASE)


def _keep(text: str, label: str, from_gazetteer: bool) -> bool:
    """Drop what the model tags in OCR noise: numbers, dates, lowercase words, bare titles."""
    if from_gazetteer:
        return True
    letters = re.sub(r"[^\w]", "", text)
    if len(letters) < 2 or not re.search(r"[^\W\d_]", text) or "\n\n" in text:
        return False
    if (label == "MISC" and re.search(r"\d", text)) or _TITLE_ONLY.match(text):
        return False  # "LE 26 FÉVRIER 2019", "Monsieur le Ministre"
    if (text[:1].islower() and " " not in text) or text == text.lower():
        return False  # "leguel": an OCR-damaged word; a name has a capital somewhere
    if _fold(text).lower() in _NOT_NAMES or _REFERENCE.search(text) or _is_function(text):
        return False
    words = _fold(text).lower().split()
    if words[0] in _DANGLING or words[-1] in _DANGLING or words[-1] in ("la", "le", "l'"):
        return False  # "MINISTÈRE DE", "ET DE LA": pieces of a letterhead cut by the model
    return not (label == "MISC" and len(text.split()) > 6)


# "R. 411-8", "N/Réf", "2021-00297": article numbers and references the model tags as names.
_REFERENCE = re.compile(r"\b[A-Z]\.\s*\d|\d+-\d+|\w/\w")
# A function is not a name: "Adjointe au Maire", "La Présidente", "Directrice du Logement". A rank before a
# name stays ("Capitaine Morel"): only spans whose capitalised words are all titles or institutions go.
_FUNCTIONS = {"adjoint", "adjointe", "maire", "ministre", "depute", "deputee", "senateur", "senatrice",
              "president", "presidente", "directeur", "directrice", "conseiller", "conseillere", "prefet",
              "prefete", "chef", "cheffe", "secretaire", "delegue", "deleguee", "commissaire", "capitaine",
              "responsable", "charge", "chargee", "vice-president", "vice-presidente", "premier", "premiere"}
_INSTITUTION_WORDS = _FUNCTIONS | {
    "ville", "paris", "mairie", "arrondissement", "cabinet", "police", "prefecture", "republique", "etat",
    "logement", "habitat", "conseil", "direction", "service", "services", "securite", "interieur",
    "gouvernement", "region", "departement", "voirie", "deplacements", "quartier", "quartiers", "mission"}
_DANGLING = {"de", "du", "des", "et", "a", "au", "aux", "d'", "l'"}
_ARTICLES = {"le", "la", "l", "les", "au", "du", "de", "des", "d", "a", "et", "en", "aux"}


def _is_function(text: str) -> bool:
    words = [w for w in re.split(r"[\s'’]+", _fold(text).lower()) if w]
    while words and words[0] in _ARTICLES:
        words.pop(0)
    if not words or words[0] not in _FUNCTIONS:
        return False
    return all(w in _INSTITUTION_WORDS or w in _ARTICLES or re.fullmatch(r"\d+(?:e|er|eme)?", w) for w in words)


# Words the model tags at the start of a letter or in a heading: salutations, functions, headings.
_NOT_NAMES = {"monsieur", "madame", "mademoiselle", "cher", "chere", "chers", "cheres", "conseillere", "conseiller",
              "ministre", "maire", "prefet", "adjoint", "adjointe", "suite", "ca", "voeu", "vœu", "considerant",
              "objet", "article", "annexe", "copie", "pj", "vu", "arrete", "arrete:", "decide", "communique",
              "communique de presse", "note", "contact", "contact presse", "contacts presse", "ordre du jour",
              "le maire", "la maire", "monsieur le ministre", "madame la maire", "monsieur le maire"}


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    path = MODELS / "prenoms.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(x.strip()).lower() for x in lines if x.strip() and not x.startswith("#"))


def _relabel(text: str, label: str) -> str:
    """A name in capitals ("CHRISTOPHE CASTANER") is a person when it starts with a known first name."""
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if label != "PER" and 2 <= len(words) <= 3 and _fold(words[0]).lower() in _first_names():
        return "PER"
    return label


def find_entities(text: str, doc=None) -> list[dict]:
    """Entities of ``text`` as {"text", "label": PER|ORG|LOC|MISC, "start", "end"}, in text order.

    ``doc`` is the spaCy Doc of ``text`` when the caller already has one (from ``nlp.pipe``).
    """
    if doc is None:
        from .nlp import get_nlp

        doc = get_nlp()(text)
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    lowercase_words = set(re.findall(r"(?<![\w'’-])[a-zà-ÿ][\w-]*", text))
    out = []
    for ent in doc.ents:
        label = ent.label_ if ent.label_ in ("PER", "ORG", "LOC", "MISC") else "MISC"
        if any(s < ent.end_char and ent.start_char < e for s, e in urls):
            continue
        start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
        value = ent.text.strip()
        gazetteer = (ent.start_char, ent.end_char) in doc.user_data.get("gazetteer", ())
        if not gazetteer:
            value = _one_line(value)
            label = _relabel(value, label)
            start, value, label = _named_place(text, start, value, label)
            start, value = _without_function(start, value, label)
            if " " not in value and value.lower() in lowercase_words and not value.isupper():
                continue  # "Budget", "Conseils": a common noun with a capital, written in lowercase elsewhere
        if _keep(value, label, gazetteer):
            out.append({"text": value, "label": label, "start": start, "end": start + len(value)})
    return out


def _one_line(value: str) -> str:
    """A name does not run onto the next line of a letterhead ("Ian BROSSARD\nAdjoint à la Maire"):
    cut at a line break followed by a capital; a lowercase next line continues the name."""
    m = re.search(r"\s*\n\s*(?=[A-ZÀ-Ý])", value)
    return value[:m.start()] if m else value


# A person's name after "rue", "école"… names a street or a building: "rue Marx Dormoy".
_PLACE_BEFORE = re.compile(
    r"\b(?P<w>rue|avenue|boulevard|bd|place|square|allée|impasse|quai|passage|villa|cité|jardin|parc|"
    r"école(?:\s+(?:élémentaire|maternelle|polyvalente))?|collège|lycée|gymnase|stade|piscine|"
    r"médiathèque|bibliothèque|station|métro)\s+(?:de\s+la\s+|du\s+|des\s+|de\s+l['’]|d['’])?$",
    re.IGNORECASE,
)


def _without_function(start: int, value: str, label: str) -> tuple[int, str]:
    """ "Présidente de l'Association des Parents d'Élèves" → the organisation, without the function."""
    m = re.match(r"(?P<f>[^\W\d_]+)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])(?=[A-ZÀ-Ý])", value)
    if label == "PER" or not m or _fold(m.group("f")).lower() not in _FUNCTIONS:
        return start, value
    return start + m.end(), value[m.end():]


def _named_place(text: str, start: int, value: str, label: str) -> tuple[int, str, str]:
    m = _PLACE_BEFORE.search(text[max(0, start - 40):start])
    if label not in ("PER", "MISC", "LOC") or not m:
        return start, value, label
    new_start = start - (len(text[max(0, start - 40):start]) - m.start("w"))
    return new_start, text[new_start:start] + value, "LOC"
