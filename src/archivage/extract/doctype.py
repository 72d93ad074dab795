"""The kind of a document (lettre, voeu, arrete…) and its title.

The heading decides when there is one ("VŒU …", "Arrêté n° …", "Note à l'attention de …");
else the structure does: "Vu …" + "Arrête" is an arrêté, "Considérant" + "émet le vœu" a vœu,
a salutation + a closing formula a letter, "Présents :" + "ordre du jour" minutes.
"""

from __future__ import annotations

import re

from ..records import TYPES
from .text import CLOSING, ID_PREFIX, fold, is_caps, paragraphs

__all__ = ["TYPES", "doctype", "heading_type", "is_invitation", "sentence_case", "strip_trailing_date"]

# heading keyword (on folded text) → type; order matters: the first match at the start wins
_HEADINGS = [
    # a question écrite with its réponse ministérielle, an élu's newsletter ("La lettre de votre députée",
    # "Compte rendu de mandat"): none of the kinds below
    (r"questions?\s+(?:ecrite|orale)|la lettre d[eu']\s*\w|lettre d'information|compte[\s-]+rendu de mandat", "autre"),
    (r"communique|dossier de presse|invitation presse|information presse|note de presse", "communique"),
    (r"compte[\s-]+rendu|proces[\s-]+verbal|releve de decisions|synthese de la reunion", "compte_rendu"),
    # an extract of the register of arrêtés (or of décisions) is an arrêté; of any other register, a délibération
    (r"extrait (?:du )?registre des (?:arretes|decisions)", "arrete"),
    (r"(?:projet de )?deliberation|extrait (?:du )?registre des deliberations|extrait (?:du )?(?:registre|proces)",
     "deliberation"),
    (r"arrete\b(?!\s*:?\s*$)|arrete (?:municipal|prefectoral|n)|decision(?: (?:du (?:maire|president)|n|\d)|\s*$)",
     "arrete"),
    (r"v(?:oe|ce)u[xs]?\b|motion\b", "voeu"),
    (r"lettre\b|courrier\b", "lettre"),
    (r"note\b|bordereau|fiche\b", "note"),
]

_SALUTATION = re.compile(
    # (a mark of the pen beside it, which OCR reads as a sign or two: "{€ Monsieur le Maire,")
    r"^\s*(?:[^\w\s]{1,3}\s+)?(?:(?:madame|monsieur|mesdames|messieurs|cher|ch[eè]re|chers|ch[eè]res)\b[^\n]{0,80},\s*$)",
    re.I | re.M)


_MEETING = re.compile(
    r"^(?:reunion|seance|assemblee generale|conseil (?:de quartier|d'arrondissement|municipal|syndical))\b"
    r"[^.;]{0,40}?\b(?:du|des|le)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?:\d{1,2}|1er)\s")


def _head_lines(text: str, n: int = 6) -> list[str]:
    """The first lines of a document, where its heading is (after a letterhead, at most)."""
    return [p.text.strip() for p in paragraphs(text)[:n] if len(p.text) <= 320]


# headings in capitals of the documents that are none of the kinds above: a convention, a petition, an annex,
# an invitation card (in sentence case, "Convention d'occupation …" is the subject of a délibération's title)
# an avis ("AVIS DE L'ARCHITECTE DES BÂTIMENTS DE FRANCE") is an opinion given on a file, none of the kinds either
_OTHER = re.compile(r"^(?:petition|convention|invitation|annexe|revue de presse|avis|recueil des actes|charte)\b")
# an attestation or a certificate (d'affichage, de publication, de non-recours) certifies a fact about another act:
# none of the kinds, whatever its case ("Certificat d'affichage", "ATTESTATION")
_CERTIFICATE = re.compile(r"^(?:certificat|attestation)\b(?!\s+(?:de\s+)?(?:travail|employeur|medical))")
# an invitation card's formula, a newspaper's masthead over a clipping and its by-line
_INVITATION = re.compile(r"^\s*(?:a|ont)\s+le\s+(?:plaisir|l'honneur)\s+de\s+vous\s+(?:convier|inviter)", re.M)
# an invitation worded in the third person under a title ("RÉUNION PUBLIQUE / … Le Maire et le Conseil municipal
# vous invitent à une réunion publique …"); a letter saying so has a salutation
_INVITE = re.compile(r"\bvous\s+(?:invite(?:nt)?|convie(?:nt)?)\s+(?:cordialement\s+)?[àa]\s+(?:une?|la|le|l')\s*"
                     r"(?:r[ée]union|inauguration|c[ée]r[ée]monie|soir[ée]e|d[ée]bat|rencontre|visite|f[êe]te"
                     r"|concert|atelier|vernissage|balade|marche|conf[ée]rence|forum)", re.I)
_MASTHEAD = re.compile(r"^[A-Z][\w'’. -]{1,40}?\s[–—-]\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
                       r"\s+)?(?:\d{1,2}|1er)\s+[a-zéû]+\s+\d{4}\s*$")
_BYLINE = re.compile(r"^\s*par\s+[A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+){1,3}\s*$", re.M | re.I)


def is_invitation(text: str) -> bool:
    """An invitation card: the date it gives is the event's, not its own."""
    return bool(_INVITATION.search("\n".join(text.strip().split("\n")[:5]))) or (
        bool(_INVITE.search(" ".join(text[:700].split()))) and not _SALUTATION.search(text))


def _other(text: str) -> bool:
    """None of the kinds by what it is, whatever it says: an invitation card, a press clipping."""
    if is_invitation(text):
        return True
    head = _head_lines(text, 4)
    return bool(head) and bool(_MASTHEAD.match(head[0].split("\n")[0])) and bool(_BYLINE.search(text[:600]))


def _other_heading(line: str) -> bool:
    """A heading of a document that is none of the kinds: a convention, a petition, an annex, an avis, a recueil
    des actes in capitals ("AVIS DE L'ARCHITECTE …"), or titled with its number ("Avis n° 20172386 du …");
    an attestation or a certificate."""
    f = fold(line)
    if _OTHER.match(f) and (line.split()[0].isupper() or re.match(r"^(?:avis|recueil)\b[^.]{0,20}\bn\s*°", f)
                            or (f.startswith("charte") and len(line) <= 120 and not line.rstrip().endswith("."))):
        return True
    return bool(_CERTIFICATE.match(f)) and len(line) <= 80


def _heading_candidates(paragraphs: list[str]):
    """Each head paragraph, then the same from its second and third line on, when the lines above are short
    ones of a letterhead or a page number ("1 / Compte-rendu de la séance", "MAIRIE DE MASSIAC / EXTRAIT DU
    REGISTRE / DES DÉLIBÉRATIONS …")."""
    for para in paragraphs:
        yield para
        rows = para.split("\n")
        for k in (1, 2):
            if len(rows) > k and all(len(r.strip()) <= 60 and not r.rstrip().endswith((".", ";")) for r in rows[:k]):
                yield "\n".join(rows[k:])


def heading_type(text: str) -> tuple[str | None, str | None]:
    """(type, heading line) from a heading naming the kind of document, else (None, None); the first heading in
    reading order wins ("Extrait du procès-verbal de la séance … / AVIS SUR …" is an extract)."""
    if _other(text):
        return "autre", _head_lines(text, 1)[0] if _head_lines(text, 1) else None
    for line in _heading_candidates(_head_lines(text)):
        if _other_heading(line.split("\n")[0].strip()):
            return "autre", line
        f = fold(" ".join(ID_PREFIX.sub("", line, count=1).split()))  # "V18 2023 03 – Vœu relatif …"
        for pattern, kind in _HEADINGS:
            if re.match(r"^(?:" + pattern + ")", f):
                if kind == "arrete" and re.match(r"^arrete\s*:?\s*$", f):
                    continue  # the verb "ARRÊTE :" before the articles
                # (the full stop of "M." or "Dr." ends no sentence: "Question écrite n° 4512 / de M. Julien …")
                # (nor does a date's "27. février", OCR's reading of a handwritten day)
                if not is_caps(line) and re.search(r"[.;!?]\s", re.sub(r"\b(?:M|MM|Mme|Mlle|Dr|Pr|St)\.|\d\.(?=\s)", "",
                                                                    line)):
                    continue  # a sentence that begins with the word, not a heading
                return kind, line
    return None, None


# a notice of a meeting: its agenda, with nothing of a record of the meeting, nor the form of a letter
_RECORD_OF_MEETING = re.compile(r"(^|\n)\s*(presents?|excuses?|absents?|pouvoirs?)\s*:|la seance est|adopte|approuv"
                                r"|vote|delibere|s'est reuni|a ete|ont ete")


# what only the record of a meeting says (an agenda's items may well read "Vote du budget", "Adoption du …")
_MEETING_HELD = re.compile(r"(^|\n)\s*(presents?|excuses?|absents?|pouvoirs?)\s*:|la seance est|s'est reuni")


def _notice(text: str, f: str) -> bool:
    """An agenda sent before a meeting: headed "ORDRE DU JOUR" (however long), or short and saying nothing of a
    meeting held."""
    if _SALUTATION.search(text) and CLOSING.search(text):
        return False
    head = _head_lines(text, 3)
    if any(re.match(r"^ordre du jour\b", fold(line.strip())) for line in head) and not _MEETING_HELD.search(f):
        return True
    return "ordre du jour" in f and not _RECORD_OF_MEETING.search(f) and len(f.split()) < 300


_MAIL_FIELD = re.compile(r"^\s*(de|from|[àa]|pour|to|objet|sujet|subject)\s*:", re.I | re.M)


def _email(text: str) -> bool:
    """An e-mail printed: its sender, addressee and subject fields in its first lines ("De : …", "Pour : …",
    "Sujet : …"); a letter sent by other means."""
    fields = {fold(m.group(1)) for m in _MAIL_FIELD.finditer("\n".join(text.strip().split("\n")[:12]))}
    return bool(fields & {"de", "from"}) and bool(fields & {"a", "pour", "to"}) and bool(fields & {"objet", "sujet", "subject"})


def doctype(text: str) -> str:
    f = fold(text)
    if _notice(text, f):
        return "autre"
    kind, _ = heading_type(text)
    if kind:
        return kind
    if re.search(r"(^|\n)\s*vu\b", f) and re.search(r"(^|\n)\s*(arrete|arretons|decide)\s*:?\s*($|\n)|article\s+(1|premier|ier)\b", f):
        return "arrete" if not re.search(r"delibere|deliberation", f) else "deliberation"
    # its "VU" lost by OCR in a two-column layout: articles that speak of "le présent arrêté"
    if re.search(r"(^|\n)\s*article\s+(1|premier|ier)(er)?\b", f) and re.search(r"\b(?:le\s+)?present\s+arrete\b", f) \
            and not _SALUTATION.search(text):
        return "arrete"
    if re.search(r"(^|\n)\s*delibere\s*:?|le conseil (municipal|d'arrondissement|de paris)[^.]{0,80}delibere", f):
        return "deliberation"
    if re.search(r"(^|\n)\s*(presents?|excuses?|absents?)\s*:", f) and re.search(
            r"s'est reuni|la seance est (ouverte|levee)|secretaire de seance", f):
        return "compte_rendu"  # the record of a meeting, whatever wishes it voted
    if re.search(r"emet(tent)? (le|un) v(oe|ce)u|(^|\n)\s*(le conseil|les elu)[^\n]{0,80}(demandent|demande)\s*:", f) \
            or (f.count("considerant") >= 2 and re.search(r"\b(demande(nt)?|emet)\b", f)):
        return "voeu"
    # a salutation alone on its line, or opening the first paragraph ("Monsieur le maire, suite à …")
    opening = re.match(r"^\s*(?:madame|monsieur|mesdames|messieurs|ch[eè]re?s?)\b[^,\n]{0,50},\s+\S", text, re.I)
    letter = bool(_SALUTATION.search(text) or opening) and bool(CLOSING.search(text))
    if letter or _email(text) and (CLOSING.search(text) or re.search(r"(^|\n)\s*bonjour\b", f)):
        return "lettre"
    if re.search(r"contacts? (presse|media)|attachee? de presse|relations presse|pour diffusion immediate", f):
        return "communique"
    if re.search(r"(^|\n)\s*(presents?|excuses?|absents?)\s*:|ordre du jour|la seance est (ouverte|levee)|"
                 r"secretaire de seance", f):
        return "compte_rendu"
    # minutes open on the meeting they report ("Réunion plénière du 19 novembre 2019", "Séance du jeudi
    # 12 mars 2020") where a letter or a note opens on a letterhead
    if any(_MEETING.match(fold(" ".join(line.split()))) for line in text.strip().split("\n")[:4]):
        return "compte_rendu"
    if re.search(r"[àa] l'attention de|(^|\n)\s*objet\s*:", f) or _SALUTATION.search(text):
        return "lettre" if CLOSING.search(text) else "note"
    words = re.findall(r"[a-zà-ÿ]{3,}", f)
    # a table of amounts or a list (a statement of expenses, an annex's street list) is none of the kinds
    numbers = re.findall(r"\d+(?:[ .,]\d+)*", f)
    return "note" if len(words) >= 25 and len(numbers) < 0.3 * len(words) else "autre"


# words that keep their capital inside a sentence-case title
_KEEP = {"paris", "ville", "conseil", "maire", "ministre", "prefet", "prefecture", "mairie", "etat",
         "interieur", "republique", "senat", "assemblee", "president", "presidente", "france",
         "region", "departement", "metropole", "gouvernement", "police", "adjointe", "adjoint",
         "ile-de-france", "premier", "madame", "monsieur", "mesdames", "messieurs"}
_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "à", "a", "au", "aux", "en", "sur", "par"}


def sentence_case(heading: str, names: list[str] = ()) -> str:
    """"LETTRE D'ERIC LEJOINDRE (MAIRE DU 18E) AU …" → "Lettre d'Eric Lejoindre (Maire du 18e) au …"."""
    first, _, rest = heading.strip().partition("\n")
    if rest and is_caps(first) and not is_caps(rest):  # "ARRÊTÉ N° 2022-01145\nréglementant …"
        return sentence_case(first, names) + " " + " ".join(rest.split())
    s = " ".join(heading.split())
    s = re.sub(r'"([^"]+)"', r"« \1 »", s)
    if not is_caps(s):
        return s[:1].upper() + s[1:]
    # a name's words keep their capitals, not its particles ("Maire de Paris" stands for a name at times)
    name_words = {fold(w) for n in names for w in re.findall(r"[\w-]+", n)} - _SMALL
    out = []
    tokens = re.split(r"(\s+|[\s,;:()«»\"']+)", s.lower())
    first = True
    for tok in tokens:
        if not tok or not re.search(r"\w", tok):
            out.append(tok)
            continue
        key = fold(tok)
        if first:
            tok = tok[:1].upper() + tok[1:]
            first = False
        elif key in name_words or key in _KEEP:
            tok = "-".join(w[:1].upper() + w[1:] for w in tok.split("-"))
        out.append(tok)
    s = "".join(out)
    s = re.sub(r"\bv(?:oe|œ)u", lambda m: "vœu" if m.group()[0] == "v" else "Vœu", s, flags=re.I)
    s = re.sub(r"\b(\d+)(E|ER|EME|ÈME)\b", lambda m: m.group(1) + m.group(2).lower(), s)
    s = re.sub(r"l'interieur", "l'Intérieur", s, flags=re.I)
    return s


def strip_trailing_date(title: str) -> str:
    """"…, Christophe Castaner, le 26 février 2019" → "…, Christophe Castaner": the date is a field."""
    return re.sub(r",\s*(?:le|du|en date du)\s+\d{1,2}(?:er)?\s+\S+\s+\d{4}\s*$", "", title, flags=re.I)
