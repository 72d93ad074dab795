"""Signatories and addressees of a document, with their function and (addressees) postal address.

Where they are written depends on the layout, not on the wording, so we read places:

- a heading: "LETTRE D'ERIC LEJOINDRE (MAIRE DU 18E) AU MINISTRE DE L'INTERIEUR, CHRISTOPHE CASTANER";
- the letterhead: an author's name and function above the date line, or a function alone
  ("LE MINISTRE DE L'INTÉRIEUR") whose holder signs at the bottom;
- an address block ("Monsieur Christophe CASTANER / Ministre de l'Intérieur / Place Beauvau
  75800 PARIS cedex 08") or an "À l'attention de …" line;
- memo fields ("De : …", "À : …", "Destinataire : …");
- the signature block after a closing formula or a "Fait à … le …" line, where "Pour la Maire
  de Paris et par délégation, Le Directeur …, Jean Dupont" is signed by the delegate.

A name must look like one: a known first name followed by a surname, or a capitalised word
followed by a surname in capitals. A scribble that OCR read as a word ("Ymorrel") is neither.
"Copie :" recipients are not addressees.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .text import ATTENTION, CLOSING, FAIT_A, FOOTER, Span, fold, is_caps, is_date_line, is_prose, paragraphs
from .text import lines as split_lines

MODELS = Path(__file__).resolve().parents[3] / "models"

CIVILITY = r"(?:monsieur|madame|mademoiselle|messieurs|mesdames|m\.|mme\.?|mlle\.?|mr\.?|me\b|dr\.?|pr\.?)"
_CIVILITY_RE = re.compile(r"^\s*" + CIVILITY + r"(?=\s|$)", re.I)
# a civility one addresses somebody by; a signer may put his title before his name ("Dr Claire MARTIN")
_ADDRESS_CIVILITY = re.compile(r"^\s*(?!(?:dr|pr)\b)" + CIVILITY + r"(?=\s|$)", re.I)

# the head word of a function ("Adjointe à la Maire de Paris …", "Le Préfet de Police")
FUNCTION_HEADS = (
    r"maire|adjoint|adjointe|premi[eè]re?\s+adjointe?|ministre|premier\s+ministre|secr[ée]taire|sous-pr[ée]f[eè]te?|"
    r"pr[ée]f[eè]te?|pr[ée]sident|pr[ée]sidente|vice-pr[ée]sidente?|directeur|directrice|conseill[eè]re?|"
    r"d[ée]put[ée]e?|s[ée]nat(?:eur|rice)|chef|cheffe|d[ée]l[ée]gu[ée]e?|charg[ée]e?\s+de\s+mission|responsable|"
    r"commissaire|coordinat(?:eur|rice)|inspect(?:eur|rice)|administrat(?:eur|rice)|tr[ée]sori[eè]re?|"
    r"procureure?|rect(?:eur|rice)|porte-parole|haut-commissaire|attach[ée]e?|capitaine|commandant|colonel|"
    r"g[ée]n[ée]ral|contr[ôo]leur|contr[ôo]leuse|animat(?:eur|rice)|g[ée]rante?|avocate?|docteur|architecte|"
    r"ing[ée]nieure?|chef\s+de\s+(?:service|cabinet|bureau|projet)|collaborat(?:eur|rice)|[ée]lue?\b|"
    r"cheffe\s+de\s+(?:service|cabinet|bureau|projet)|conservat(?:eur|rice)|proviseure?|principale?|"
    r"rapporteure?|ma[îi]tre\s+des\s+requ[êe]tes"
)
_FUNCTION_RE = re.compile(r"^\s*(?:(?:le|la|l'|les)\s*)?(?:" + FUNCTION_HEADS + r")\b", re.I)
FUNCTION_LINE = _FUNCTION_RE
_FUNCTION_ANY = re.compile(r"\b(?:" + FUNCTION_HEADS + r")\b", re.I)
_STREET = re.compile(
    r"\b(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*(?:bis|ter)?\s*,?\s*)?(?:place|rue|avenue|av\.|boulevard|bd|quai|all[ée]e|impasse|chemin|square|"
    r"cours|passage|route|villa|cit[ée]|parvis|esplanade|b\.?p\.?|cs)\s+\S|\b\d{5}\b|\bh[ôo]tel\s+de\s+ville\b", re.I)
_COPY = re.compile(r"^\s*(?:copies?|cc|c\.c\.|ampliations?|diffusion|pour\s+information)\b\s*(?:[àa]\b)?\s*:?", re.I)
_DELEGATION = re.compile(r"^\s*pour\s+(?:le|la|l')\b.*(?:d[ée]l[ée]gation|ordre)|^\s*p\.?\s*o\.?\b|^\s*par\s+d[ée]l[ée]gation",
                         re.I)
_FROM_FIELD = re.compile(r"^\s*(?:de|exp[ée]diteur|[ée]metteur|r[ée]dact(?:eur|rice)|auteur|sign[ée])\s*:\s*", re.I)
# "À : …", "Destinataire : …", and "à Monsieur …" heading an address block
_TO_FIELD = re.compile(r"^\s*(?:(?:[àa]|destinataires?|pour)\s*:\s*|[àa]\s+(?=(?:M\.|Mme|Mlle|Madame|Monsieur"
                       r"|Mademoiselle)\s))", re.I)
_SALUTATION = re.compile(
    r"^\s*(?:madame|monsieur|mesdames|messieurs|cher|ch[èe]re|chers|ch[èe]res)\b[^\n]{0,90},\s*$", re.I)
_NOT_NAME = {
    "monsieur", "madame", "mademoiselle", "mairie", "ville", "paris", "republique", "francaise", "prefecture",
    "ministere", "conseil", "cabinet", "direction", "service", "objet", "place", "rue", "avenue", "boulevard",
    "cedex", "tel", "telephone", "fax", "mail", "courriel", "copie", "le", "la", "les", "de", "du", "des",
    "pour", "fait", "vu", "article", "arrete", "considerant", "liberte", "egalite", "fraternite", "et",
    "en", "au", "aux", "a", "par", "sur", "avec", "cher", "chere", "secretariat", "hotel", "bureau", "pole",
    "mission", "nord", "sud", "est", "ouest", "saint", "sainte", "region", "departement", "etat", "police",
    "nationale", "municipale", "generale", "general", "affaire", "suivie", "ref", "reference", "nos", "vos",
    "p.j", "pj", "annexe", "signe", "signé", "original",
}
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "di", "da", "del", "ben", "el", "al"}


@functools.lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    path = MODELS / "prenoms.txt"
    try:
        rows = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        rows = []
    return frozenset(fold(r.strip()) for r in rows if r.strip() and not r.startswith("#"))


def is_first_name(tok: str) -> bool:
    f = fold(tok)
    return f in first_names() or (("-" in f) and all(p in first_names() for p in f.split("-") if p))


@dataclass
class Person:
    name: str
    function: str | None
    start: int
    end: int
    address: str | None = None

    def as_dict(self, page_at, addressee: bool = False) -> dict:
        d = {"name": self.name, "function": self.function}
        if addressee:
            d["address"] = self.address
        d.update({"page": page_at(self.start), "start": self.start, "end": self.end})
        return d


# ---------------------------------------------------------------- names

_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?")


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    end = len(text) if end is None else end
    return [(m.group().rstrip("."), m.start(), m.start() + len(m.group().rstrip("."))) for m in
            _TOKEN.finditer(text, start, end)]


def _is_upper_word(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_cap_word(t: str) -> bool:
    return t[:1].isupper()


def natural_case(name: str) -> str:
    """"Christophe CASTANER" → "Christophe Castaner", "LE PAGE" → "Le Page", "JEAN-PIERRE" → "Jean-Pierre"."""
    out = []
    words = name.split()
    for i, w in enumerate(words):
        low = w.lower()
        if 0 < i < len(words) - 1 and low in ("de", "du", "des", "d'"):
            out.append(low)
            continue
        if low.startswith("d'") and len(low) > 2 and i > 0:
            out.append("d'" + low[2:3].upper() + low[3:])
            continue
        out.append("-".join(p[:1].upper() + p[1:].lower() if (p.isupper() or p.islower()) else p
                            for p in w.split("-")))
    return " ".join(out)


_ANCHOR = re.compile(r"(?:\bM\.|\bMme|\bMadame|\bMonsieur|\bMlle|\bMademoiselle|\bsign[ée]e?\s*:)[ \t]+$", re.I)


def _columns(rows: list[Span], text: str) -> list[Span]:
    """Signatures side by side ("Le Maire du 18e arrondissement      La Première adjointe" over the two names):
    a run of lines cut into the same number of columns by wide gaps is read column by column."""
    out: list[Span] = []
    i = 0
    while i < len(rows):
        run = []
        while i + len(run) < len(rows):
            cols = _cells(rows[i + len(run)], text)
            if len(cols) < 2 or run and len(cols) != len(run[0]):
                break
            run.append(cols)
        if len(run) >= 2:
            out += [row[c] for c in range(len(run[0])) for row in run]
            i += len(run)
        else:
            out.append(rows[i])
            i += 1
    return out


# what opens each cell of a signature line when OCR closed the gap between the columns ("Pour la Ville de Paris Pour
# l'association", "L'Adjoint à la Maire de Paris La Présidente", "Signé : Jean DURAND Signé : Nguyen Thi Lan")
_CELL_OPENER = re.compile(r"(?:(?i:sign[ée]e?\s*:|pour\s+(?:le|la|l'|les)\s*)|(?:Le|La|L')\s*(?i:" + FUNCTION_HEADS + r")\b)")


def _cells(row: Span, text: str) -> list[Span]:
    if len(row.flat) > 160:
        return [row]
    cells = [Span(row.start + m.start(), row.start + m.end(), m.group())
             for m in re.finditer(r"\S+(?:[ \t]{1,2}\S+)*", text[row.start:row.end])]
    if len(cells) == 1:
        cells = _closed_cells(row, text)
    return cells if len(cells) <= 3 else [row]


_UP = r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+"
_FIRST = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
_ONE_NAME = rf"(?:{_FIRST}\s+)+(?:(?:de|du|des|de\s+la|d')\s+)?{_UP}(?:\s+{_UP})*"
_WHOLE_NAMES = re.compile(rf"^\s*{_ONE_NAME}\s+{_ONE_NAME}\s*$")
_SECOND_NAME = re.compile(rf"(?<=[A-ZÀ-Ý]{{2}})(?=\s+{_FIRST}\s)")


def _closed_cells(row: Span, text: str) -> list[Span]:
    """Two cells of a signature line that OCR read as one: the line starts with an opener and repeats it, or it is
    two names and nothing else."""
    seg = text[row.start:row.end]
    cuts = []
    if _CELL_OPENER.match(seg.lstrip()):
        cuts = [m.start() for m in _CELL_OPENER.finditer(seg) if m.start() > 0 and seg[m.start() - 1] in " \t"]
    else:
        names = find_names(text, row.start, row.end)
        covered = sum(e - s for s, e, _ in names)
        if len(names) == 2 and covered >= len(seg.strip()) - 2:
            cuts = [names[1][0] - row.start]
        else:  # "Éric DESCHAMPS-NAVARRE Marie-Hélène de SAINT-JUST": a surname in capitals, then a first name
            cuts = [m.start() for m in _SECOND_NAME.finditer(seg)] if _WHOLE_NAMES.match(seg) else []
    if len(cuts) != 1:
        return [row]
    return [Span(row.start, row.start + cuts[0], seg[:cuts[0]]), Span(row.start + cuts[0], row.end, seg[cuts[0]:])]


def find_names(text: str, start: int = 0, end: int | None = None, *, strict_caps: bool = False
               ) -> list[tuple[int, int, str]]:
    """Person names in text[start:end] as (start, end, natural-case name).

    A name is a first name from the list followed by one to three surname words, or a
    capitalised word followed by surname words in capitals ("Colombe BROSSEL"). In a line all
    in capitals (a heading) only the first form is trusted.
    """
    toks = _tokens(text, start, end)
    out = []
    i = 0
    while i < len(toks):
        t, s, _ = toks[i]
        f = fold(t)
        # after a civility or "Signé :" any capitalised words are a name, first name known or not
        # ("Madame Nguyen Thi Lan", "Signé : Nguyen Thi Lan")
        known = is_first_name(t) or (not _is_upper_word(t) and bool(_ANCHOR.search(text[max(0, s - 14):s])))
        if not _is_cap_word(t) or f in _NOT_NAME or (not known and (strict_caps or _is_upper_word(t))):
            i += 1
            continue
        j = i + 1
        surname: list[int] = []
        while j < len(toks) and len(surname) < 3:
            w, ws, _ = toks[j]
            gap = text[toks[j - 1][2]:ws]
            if "\n\n" in gap or re.search(r"[,;:()«»\"\t]", gap):
                break
            if gap.startswith(".") and len(toks[j - 1][0]) > 1:
                break  # a full stop ends a name ("Daniel JUGY. Marion JUSTRABO"), not an initial's ("J. MARTIN")
            fw = fold(w)
            if fw in _PARTICLES and j + 1 < len(toks) and _is_cap_word(toks[j + 1][0]) and surname == [] and \
                    fw not in ("le", "la"):
                j += 1
                continue
            # Breton and Norman surnames keep their article, capitalised: "Jean-François Le GALL",
            # "Marine Le PEN" ("Le" alone is not part of a name, "le Maire" is a function)
            if fw in ("le", "la") and not surname and known and w[:1].isupper() and j + 1 < len(toks) \
                    and _is_upper_word(toks[j + 1][0]) and not re.search(r"\s\s|\n", text[toks[j][2]:toks[j + 1][1]]) \
                    and not _FUNCTION_RE.match(toks[j + 1][0]):
                surname.append(j)
                j += 1
                continue
            if _FUNCTION_RE.match(w) or fw in _NOT_NAME and not (fw in ("le", "la") and _is_upper_word(w)):
                break
            if surname and _is_upper_word(toks[surname[-1]][0]) and is_first_name(w) and not _is_upper_word(w):
                break  # a first name after a surname in capitals begins the next signer ("Michel DESTANNES Michel …")
            if known and (_is_upper_word(w) or _is_cap_word(w)):
                if is_first_name(w) and not surname and not _is_upper_word(w) and j + 1 < len(toks) \
                        and _is_cap_word(toks[j + 1][0]):
                    pass  # a second first name ("Jean Marc DUPONT")
                surname.append(j)
            elif not known and _is_upper_word(w) and len(w) >= 2:
                surname.append(j)
            else:
                break
            j += 1
        if surname:
            e = toks[surname[-1]][2]
            out.append((s, e, natural_case(" ".join(text[s:e].split()))))
            i = surname[-1] + 1
        else:
            i += 1
    return out


def _same(a: str, b: str) -> bool:
    wa, wb = re.findall(r"[a-z]+", fold(a)), re.findall(r"[a-z]+", fold(b))
    if not wa or not wb:
        return False
    return difflib.SequenceMatcher(None, wa[-1], wb[-1]).ratio() >= 0.85


# ---------------------------------------------------------------- functions and addresses

def clean_function(s: str) -> str | None:
    """A function as written, without its article, its trailing punctuation or a second function."""
    s = re.sub(r"<[^<>\s]*@[^<>\s]*>|\S+@\S+\.\w+", " ", s)  # an e-mail field's address is not a function
    s = " ".join(s.split()).strip(" ,;:.-–")
    s = re.sub(r"^(?:le|la|les)\s+|^l'\s*", "", s, flags=re.I)
    # "… de l'intégration Conseillère de Paris …": a second function after a non-article word
    for m in _FUNCTION_ANY.finditer(s):
        if m.start() == 0:
            continue
        before = s[: m.start()].split()
        if before and fold(before[-1]) not in ("le", "la", "les", "de", "du", "des", "a", "au", "aux", "et", "l", "d",
                                               "vice", "sous", "premier", "premiere", "son", "sa") \
                and not before[-1].endswith(("'", "’")) and m.group()[:1].isupper():
            s = s[: m.start()].rstrip(" ,;-–")
            break
    if is_caps(s):
        s = _caps_to_natural(s)
    return s or None


_KEEP_CAP = {"paris", "ville", "etat", "interieur", "republique", "police", "france", "ile-de-france", "conseil",
             "maire", "prefecture", "senat", "assemblee", "nationale", "region", "metropole"}


def _caps_to_natural(s: str) -> str:
    words = s.lower().split()
    out = []
    for i, w in enumerate(words):
        bare = fold(re.sub(r"^[ld]'", "", w))
        if i == 0 or bare in _KEEP_CAP:
            prefix = re.match(r"^[ld]'", w)
            core = w[2:] if prefix else w
            core = core[:1].upper() + core[1:]
            w = (prefix.group() if prefix else "") + core
        out.append(w)
    s = " ".join(out)
    s = re.sub(r"\b(\d+)(e|er|eme|ème)\b", r"\1\2", s)
    return s.replace("l'Interieur", "l'Intérieur")


# a line where a postal address begins: a building or a place ("Hôtel de Roquelaure", "Mairie du 18e",
# "Palais du Luxembourg"), a street with its number, a postcode, a post-office box
_ADDRESS_LINE = re.compile(
    r"^\s*(?:h[ôo]tel\s+(?:de|du|des|d')|mairie\s+(?:de|du|des|d')|palais\b|immeuble\b|b[âa]timent\b|tour\s+[A-Z]|"
    r"r[ée]sidence\b|cit[ée]\s+administrative|centre\s+administratif|b\.?\s*p\.?\s*\d|cs\s*\d|"
    r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*(?:bis|ter)?\s*,?\s*(?:place|rue|avenue|av\.|boulevard|bd|quai|all[ée]e|impasse|chemin|square|cours|"
    r"passage|route|villa|cit[ée]|parvis|esplanade)\b|(?:place|rue|avenue|boulevard|quai|parvis|esplanade)\s+\S|"
    r"\d{5}\b)", re.I)
# the same inside a line run together by OCR: "… du Logement Hôtel de Roquelaure" (capitalised, after a
# word that is not an article: "Directeur de la Mairie du 18e" stays a function)
_ADDRESS_INSIDE = re.compile(
    r"(?<!\bde)(?<!\bla)(?<!\bdu)(?<!\bl')(?<!\bà)(?<!\bau)\s(?=(?:H[ôo]tel\s+(?:de|du|des|d')|Mairie\s+(?:de|du|des|d')"
    r"|Palais\s)\b)")


def _split_function_address(s: str) -> tuple[str | None, str | None]:
    """Function lines, then the postal address: the function stops at the first address line."""
    cut = None
    pos = 0
    for line in s.split("\n"):
        if line.strip() and _ADDRESS_LINE.match(line):
            if not s[:pos].strip():  # a private person's block: the street right under the name, no function
                return None, _address(s)
            cut = pos
            break
        pos += len(line) + 1
    if cut is None:
        m = _ADDRESS_INSIDE.search(s) or _STREET.search(s)
        if m and m.start() > 0:
            cut = m.start()
        elif m:
            return None, _address(s)
    if cut is None:
        return clean_function(s), None
    return clean_function(s[:cut]), _address(s[cut:])


def _address(s: str) -> str | None:
    addr = " ".join(s.split()).strip(" ,;")
    addr = " ".join(w.capitalize() if w.isupper() and len(w) > 2 and w not in ("CEDEX", "BP", "CS") else w
                    for w in addr.split())
    return addr or None


# ---------------------------------------------------------------- places in the document

def _top_zone(text: str, lines: list[Span]) -> list[Span]:
    """Lines of the letterhead and address block: the paragraphs before the salutation or the body."""
    stop = len(text)
    for p in paragraphs(text):
        f = " ".join(p.text.split())
        # (a salutation opening the first paragraph, "Monsieur le maire, suite à …", is the body too)
        opening = re.match(r"^\s*(?:madame|monsieur|mesdames|messieurs|ch[eè]re?s?)\b[^,\n]{0,50},[ \t]+[a-zà-ÿ]{2,}[ \t]+[a-zà-ÿ]", p.text.strip().split("\n")[0], re.I)
        if _SALUTATION.match(f) or opening or re.match(r"^\s*(?:vu|consid[ée]rant|article)\b", f, re.I) or (
                is_prose(f) and not _CIVILITY_RE.match(f) and not ATTENTION.match(f)):
            stop = p.start
            break
    zone = []
    for ln in lines:
        if ln.start >= stop or (_SALUTATION.match(ln.flat) and not ATTENTION.match(ln.flat)):
            break
        zone.append(ln)
    return zone[:30]


def _person_from_block(text: str, start: int, end: int) -> Person | None:
    """An addressee from "Monsieur Christophe CASTANER Ministre de l'Intérieur Place Beauvau 75800 PARIS"
    or "Monsieur le Ministre de l'Intérieur Christophe Castaner" (one line or several)."""
    seg = text[start:end]
    m = _CIVILITY_RE.match(seg)
    pos = start + (m.end() if m else 0)
    names = find_names(text, pos, end)
    # function first: "Monsieur le Ministre de l'Intérieur Christophe Castaner"
    rest = text[pos:end]
    if re.match(r"^\s*(?:le|la|l')\b", rest, re.I) or (_FUNCTION_RE.match(rest) and not names):
        if names:
            ns, ne, name = names[0]
            func, addr = _split_function_address(text[pos:ns])
            _, addr2 = _split_function_address(text[ne:end])
            return Person(name, func, ns, ne, addr or addr2)
        func, addr = _split_function_address(rest)
        # "Madame la Maire / Mairie du 18e arrondissement": the town hall's line says which maire
        town = re.match(r"mairie\s+((?:de|du|des|d')\b[^,\n]*?)(?:\s+\d{1,4}\s*(?:bis|ter)?\s*,|\s+\d{5}|,|$)", addr or "", re.I)
        if func and town and fold(func) == "maire":
            func = f"{func} {town.group(1)}"
        return Person(func, func, pos, end, addr) if func else None
    if not names:
        # "Monsieur DUPONT": civility + a surname in capitals
        sm = re.match(r"\s*([A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]+)?)\b", rest)
        if not (m and sm) or fold(sm.group(1)) in _NOT_NAME:
            return None
        ns, ne = pos + sm.start(1), pos + sm.end(1)
        names = [(ns, ne, natural_case(sm.group(1)))]
    ns, ne, name = names[0]
    if ns - pos > 3:
        return None  # the block does not begin with the name
    func, addr = _split_function_address(text[ne:end])
    return Person(name, func, ns, ne, addr)


def _heading_people(text: str, heading: str | None) -> tuple[list[Person], list[Person]]:
    """"LETTRE D'ERIC LEJOINDRE (MAIRE DU 18E) AU MINISTRE DE L'INTERIEUR, CHRISTOPHE CASTANER, LE …"."""
    if not heading:
        return [], []
    hs = text.find(heading[:30])
    if hs < 0:
        return [], []
    flat = heading
    m = re.match(r"^\s*(?:lettre|courrier|note|r[ée]ponse)\s+(?:d'|de\s+|du\s+)", flat, re.I)
    if not m:
        return [], []
    # split "de X … au Y" at the first "au/à/aux" outside parentheses
    depth, cut = 0, None
    for k in range(m.end(), len(flat)):
        ch = flat[k]
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and re.match(r"\s(?:au|à|a|aux|à\s+l'attention\s+de|pour)\s", flat[k:k + 25], re.I):
            cut = k
            break
    src = flat[m.end(): cut] if cut else flat[m.end():]
    dst = flat[cut:] if cut else ""
    dst = re.sub(r"^\s*(?:au|à|a|aux|à\s+l'attention\s+de|pour)\s+", "", dst, flags=re.I)
    dst = re.sub(r",?\s*(?:le|du|en\s+date\s+du)\s+\d.*$", "", dst, flags=re.I)
    dst_prefix = re.match(r"^\s*(?:le|la|l')\s*", dst, re.I)
    if dst_prefix is None and dst:
        dst = "le " + dst if _FUNCTION_RE.match(dst) is None else dst
    src_person = _heading_side(text, hs, heading, src)
    dst_person = _heading_side(text, hs, heading, dst)
    return [p for p in [src_person] if p], [p for p in [dst_person] if p]


def _heading_side(text: str, hs: int, heading: str, part: str) -> Person | None:
    if not part.strip():
        return None
    names = find_names(part, strict_caps=is_caps(part))
    if not names:
        return None
    ns, ne, name = names[0]
    func = (part[:ns] + " " + part[ne:]).strip()
    func = re.sub(r"[()]", " ", func)
    func = re.sub(r"^\s*(?:le|la|l')\s*|\s*,\s*$", "", " ".join(func.split()).strip(" ,"), flags=re.I)
    func = clean_function(func) if func else None
    # offsets of the name in the document: the heading is flat, the text may be wrapped
    raw = part[ns:ne]
    pat = r"\s+".join(re.escape(w) for w in raw.split())
    mm = re.compile(pat).search(text, hs)
    s, e = (mm.start(), mm.end()) if mm else (hs, hs + len(heading))
    return Person(name, func, s, e)


_FIELD_LINE = re.compile(r"^\s*[\w/.' ]{1,25}?\s*:(?!\d)|^\s*(?:affaire|dossier)\s+suivie?\s+par|^\s*[nv]\s*/\s*r[ée]f"
                         r"|^\s*(?:r[ée]f[ée]rences?|t[ée]l[ée]?phone|t[ée]l\.|courriel|p\.\s*j\.|pi[èe]ces?\s+jointes?)\b", re.I)


def _continues_block(text: str, prev: Span, ln: Span) -> bool:
    """Is ``ln`` the next line of the address block that ``prev`` is in? The lines of a block are short
    and consecutive; OCR often puts a blank line between them, so one blank line does not end a block
    but what the next line says does: a date, another person, a copy list, a memo field, prose."""
    gap = text[prev.end: ln.start]
    if gap.count("\n") > 2 or "\f" in gap:
        return False
    f = ln.flat
    if is_date_line(f) or _CIVILITY_RE.match(f) or _COPY.match(f) or _FIELD_LINE.match(f) or _SALUTATION.match(f):
        return False
    if FOOTER.match(f) or ATTENTION.match(f) or len(f) > 100 or (len(f) > 60 and f.endswith((".", ";"))):
        return False
    return gap.count("\n") <= 1 or not prev.flat.endswith((".", ";"))


def _letterhead_people(text: str, zone: list[Span]) -> tuple[list[Person], list[Person], str | None]:
    """(signatories, addressees, a function alone in the letterhead: "LE MINISTRE DE L'INTÉRIEUR")."""
    signers: list[Person] = []
    addressees: list[Person] = []
    lone_function = None
    k = 0
    in_copy = False
    while k < len(zone):
        ln = zone[k]
        f = ln.flat
        if _COPY.match(f):
            in_copy = True
            k += 1
            continue
        if in_copy and not is_date_line(f):
            k += 1
            continue
        in_copy = False
        if is_date_line(f) or FOOTER.match(f) or re.match(r"^\s*(?:n|v)\s*/\s*r[ée]f|^\s*objet\s*:", f, re.I):
            k += 1
            continue
        to = _TO_FIELD.match(f) or ATTENTION.match(f)
        frm = _FROM_FIELD.match(f)
        if to or _CIVILITY_RE.match(f):
            # an address block: this line and the following ones up to a blank line / date / salutation
            start = ln.start + (to.end() if to else 0)
            j = k + 1
            while j < len(zone) and _continues_block(text, zone[j - 1], zone[j]):
                j += 1
            p = _person_from_block(text, start, zone[j - 1].end)
            if p:
                addressees.append(p)
            k = j
            continue
        if frm:
            names = find_names(text, ln.start + frm.end(), ln.end)
            if names:
                ns, ne, name = names[0]
                signers.append(Person(name, clean_function(text[ne:ln.end].lstrip(" ,")), ns, ne))
            k += 1
            continue
        names = find_names(text, ln.start, ln.end)
        if names and len(names[0][2]) >= len(f) * 0.6 and not signers:
            ns, ne, name = names[0]
            func_lines = []
            j = k + 1
            while j < len(zone) and _FUNCTION_RE.match(zone[j].flat) or (
                    j < len(zone) and func_lines and zone[j].flat[:1].islower()):
                func_lines.append(zone[j].flat)
                j += 1
            func = clean_function(" ".join(func_lines)) if func_lines else clean_function(text[ne:ln.end])
            if func or lone_function:
                signers.append(Person(name, func or lone_function, ns, ne))
            k = max(j, k + 1)
            continue
        if _FUNCTION_RE.match(f) and len(f) <= 120 and lone_function is None:
            lone_function = clean_function(f)
        k += 1
    return signers, addressees, lone_function


# the certification over an extract's signature ("Pour extrait conforme,", "Pour copie certifiée conforme",
# "Pour ampliation")
_CERTIFIED = re.compile(r"^\s*pour\s+(?:extrait|copie|ampliation)\b", re.I)
# what a stamp prints ("MAIRIE DE", "FROTEY-LÈS-VESOUL", "(Haute-Saône)", "RÉPUBLIQUE FRANÇAISE") and what OCR makes
# of a handwritten signature ("/ Se Jp", "4 2e") between a signer's function and the typed name
_STAMP_WORDS = re.compile(r"^\W*(?:mairie|commune|ville|r[ée]publique|pr[ée]fecture|d[ée]partement|sceau|cachet)\b", re.I)


# a function under a signer's name, with or without the courtesy some typists put before it ("Monsieur l'Adjoint
# délégué au Bataillon de Marins-Pompiers")
_CIVIL_FUNCTION = re.compile(r"^\s*(?:(?:monsieur|madame)\s+(?=(?:le|la|l')\s*(?:" + FUNCTION_HEADS + r")\b))?"
                             r"(?=(?:(?:le|la|l'|les)\s*)?(?:" + FUNCTION_HEADS + r")\b)", re.I)
# the nomination an act cites among its "Vu": "Vu le décret du 6 novembre 2024 portant nomination de monsieur
# Vincent LAGOGUEY en qualité de préfet délégué pour la défense et la sécurité"
_NOMINATION = re.compile(r"nomm(?:ant|[ée]e?)|nomination\s+de", re.I)


def _named_in_clauses(text: str, pattern: re.Pattern, *, reach: int, within: int):
    """For each clause of an act's "Vu" that ``pattern`` opens ("portant nomination de", "délégation de signature
    à"), the person it names first, if the name comes within ``within`` characters: (where the clause starts,
    the clause up to its ";", the name's start and end in it, the name)."""
    for m in pattern.finditer(text):
        clause = text[m.end():m.end() + reach].split(";")[0]
        names = find_names(clause)
        if names and names[0][0] <= within:
            yield (m.end(), clause, *names[0])


def _nominees(text: str) -> list[tuple[str, str | None, int]]:
    """The people an act names to an office in its "Vu" ("portant nomination de Mme Sabah-Nora FAOUZI, sous-préfète
    de Bar-sur-Aube", "nommant M. X en qualité de …"), wherever OCR put the clause (two-column layouts part the
    "VU" from its text): (name, the office given, where the name ends)."""
    out = []
    for at, clause, _ns, ne, name in _named_in_clauses(text, _NOMINATION, reach=300, within=40):
        office = re.search(r"\ben\s+qualit[ée]\s+d[e']\s*|,\s*(?=(?:" + FUNCTION_HEADS + r")\b)", clause[ne:ne + 30],
                           re.I)
        function = clean_function(clause[ne + office.end():ne + office.end() + 150].split(",")[0]) if office else None
        out.append((name, function, at + ne))
    return out


def _complete_from_nominations(text: str, signers: list[Person]) -> None:
    """A signer whose name OCR read in part ("Vincent" over a scrawl) or who signs with no function: the act's
    "Vu" naming that person to an office gives the whole name and the function."""
    nominees = _nominees(text)
    for p in signers:
        have = fold(p.name).replace("-", " ").split()
        for name, function, _end in nominees:
            words = fold(name).replace("-", " ").split()
            if not set(have) <= set(words) or len(words) < len(have):
                continue
            if len(words) > len(have):
                p.name = name
            if not p.function:
                p.function = function
            break


def _nominee_signing(text: str, lines: list[Span]) -> list[Person]:
    """An act whose signature OCR read only in part (a first name or a surname beside a scrawl, under the date
    line): the person its "Vu" names whose first name or surname stands there signs it, with the office the
    "Vu" gives."""
    dated = [k for k, ln in enumerate(lines) if FAIT_A.match(ln.flat) or is_date_line(ln.flat)]
    if not dated or dated[-1] < 0.6 * len(lines):
        return []
    tail = [ln for ln in lines[dated[-1] + 1:dated[-1] + 8] if len(ln.flat) <= 40]
    words = {fold(w) for ln in tail for w in re.findall(r"[^\W\d_][\w-]{3,}", ln.flat)}
    for name, function, end in _nominees(text):
        if {fold(w) for w in re.split(r"[\s-]+", name)} & words:
            return [Person(name, function, end - len(name), end)]
    return []


_SIGNATURE_DELEGATED = re.compile(r"d[ée]l[ée]gation\s+(?:de\s+fonctions?\s+et\s+)?de\s+signature\s+[àa]\s+", re.I)


def _delegate_signing(text: str, lines: list[Span]) -> list[Person]:
    """An act signed "Pour le Maire," (or "Pour le Préfet et par délégation") over a signature OCR could not read:
    when its "Vu" gives the delegation of signature to one person ("VU l'arrêté … portant délégation de fonctions
    et de signature à Monsieur Bernard DELIQUAIRE, Adjoint au Maire"), that person signs."""
    if not any(re.match(r"^\s*pour\s+(?:le|la|l')\s*(?:maire|pr[ée]f[eè]te?|pr[ée]sidente?)\b", ln.flat, re.I)
               for ln in lines[-12:]):
        return []
    found = []
    for at, clause, ns, ne, name in _named_in_clauses(text, _SIGNATURE_DELEGATED, reach=200, within=30):
        tail = re.match(r"\s*,\s*([^,\n]{3,60})", clause[ne:].replace("\n", " "))
        function = clean_function(tail.group(1)) if tail and _FUNCTION_RE.match(tail.group(1)) else None
        if not any(_same(name, f.name) for f in found):
            found.append(Person(name, function, at + ns, at + ne))
    return found if len(found) == 1 else []


def _stamp_or_scrawl(flat: str) -> bool:
    if len(flat) > 45 or _FUNCTION_RE.match(flat):
        return False
    letters = sum(c.isalpha() for c in flat)
    words = re.findall(r"[^\W\d_]+", flat)
    return (_STAMP_WORDS.match(flat) is not None or is_caps(flat) or flat.startswith("(")
            or letters < 0.6 * len(flat.replace(" ", "")) or not words or max(map(len, words)) <= 2)


def _signature_people(text: str, lines: list[Span], act: bool = False) -> list[Person]:
    """Names in the signature block: after the last closing formula, "Fait à … le …", certification, or a date
    line in the last part of the document ("Fort-de-France, le 12 mars 2018" over an arrêté's signature)."""
    anchor = None
    for idx, ln in enumerate(lines):
        if CLOSING.search(ln.flat) or FAIT_A.match(ln.flat) or _CERTIFIED.match(ln.flat):
            anchor = idx
    if anchor is not None and anchor > 0 and re.match(r"^\s*pour\s+(?:copie|ampliation)\b", lines[anchor].flat, re.I):
        # a copy certified under the act's signature ("… / Yves FRAQUET / Pour copie certifiée conforme / Le
        # Secrétaire Général"): the act's signer is above it; whoever certifies the copy signs only the copy
        above = _signature_people(text, lines[:anchor], act)
        if above:
            return above
    if anchor is None:
        anchor = next((idx for idx in range(len(lines) - 1, int(0.6 * len(lines)) - 1, -1)
                       if is_date_line(lines[idx].flat) and re.search(r",|\ble\b", lines[idx].flat, re.I)), None)
    if anchor is None:
        # no formula: a name and a function among the last short lines (notes, some arrêtés); the long lines that
        # close a page (the notice of appeal, an address) are passed over first
        tail: list[Span] = []
        passed = 0
        for ln in reversed(lines):
            if _COPY.match(ln.flat):  # a copy list (and its wrapped lines) closes the page: not signers
                tail = []
                continue
            if len(ln.flat) > 90 or FOOTER.match(ln.flat):
                if not tail and passed < 4:
                    passed += 1
                    continue
                break
            tail.append(ln)
            if len(tail) >= 8:
                break
        block = list(reversed(tail))
        # an arrêté's signer may stand alone under its last article: his function is in its "Vu" (below)
        need_function = not act
        anchor_function = None
    else:
        block = []
        for ln in lines[anchor + 1: anchor + 12]:
            if len(ln.flat) > 160 or _COPY.match(ln.flat):
                break
            block.append(ln)
        need_function = False
        # "Pour extrait conforme, Le Maire," on one line: the function of the first signer below
        m = re.search(r",\s*((?:le|la|l')\s*(?:" + FUNCTION_HEADS + r")\b[^,]{0,60}),?\s*$", lines[anchor].flat, re.I)
        anchor_function = clean_function(m.group(1)) if m and _CERTIFIED.match(lines[anchor].flat) else None
    out = []
    taken: set[int] = set()  # block lines read as the function below a signer's name
    for k, ln in enumerate(block):
        f = ln.flat
        if _DELEGATION.match(f) and not find_names(text, ln.start, ln.end) or _ADDRESS_CIVILITY.match(f) \
                and not _CIVIL_FUNCTION.match(f):
            continue  # nobody signs "Monsieur …": that is the addressee's block under the signature
        names = find_names(text, ln.start, ln.end)
        if not names and k > 0 and is_first_name(f) and _FUNCTION_RE.match(block[k - 1].flat):
            # a first name alone under the function, the surname lost in the scrawl ("Vincent"): the act's "Vu"
            # naming that person may give it back (_complete_from_nominations)
            names = [(ln.start, ln.end, f)]
        if not names:
            continue
        ns, ne, name = names[0]
        if len(name) < len(f) * 0.5 and not _FUNCTION_RE.match(f[ne - ln.start:].lstrip(" ,")):
            continue
        func = None
        after = text[ne:ln.end].lstrip(" ,")
        if _FUNCTION_RE.match(after):
            func = clean_function(after)
        # the line above is the function of this signer ("Le Directeur général, / Thierry VAUCLAIR")
        # unless it went to the signer above ("Léa FONTANEL / Conseillère de Paris / Karim BENSALEM"); the
        # stamp and the handwritten signature that OCR reads between them are passed over ("Le Maire, / MAIRIE DE
        # / FROTEY-LÈS-VESOUL / (Haute-Saône) / Jean GIRARDOT")
        j = k - 1
        while j > 0 and j > k - 5 and j not in taken and _stamp_or_scrawl(block[j].flat) \
                and not find_names(text, block[j].start, block[j].end):
            j -= 1
        prev = block[j].flat if k > 0 and j >= 0 and j not in taken else ""
        if not func and prev and _FUNCTION_RE.match(prev) and not _DELEGATION.match(prev):
            func = clean_function(prev)
        if not func and k + 1 < len(block) and _CIVIL_FUNCTION.match(block[k + 1].flat):
            func_lines = [_CIVIL_FUNCTION.sub("", block[k + 1].flat, count=1)]
            for nxt in block[k + 2:]:
                # a function goes on below: in lower case, or after a line that ends on "de", "au", "et"…
                dangling = re.search(r"\b(?:de|du|des|d'|à|au|aux|et|en|la|le|les)$", func_lines[-1], re.I)
                if nxt.flat[:1].islower() or dangling and len(nxt.flat) <= 60 or (
                        _FUNCTION_ANY.match(nxt.flat) and not find_names(text, nxt.start, nxt.end)):
                    func_lines.append(nxt.flat)
                else:
                    break
            func = clean_function(" ".join(func_lines))
            taken.update(range(k + 1, k + 1 + len(func_lines)))
        if not func and not out and anchor_function:
            func = anchor_function
        if need_function and not func:
            continue
        out.append(Person(name, func, ns, ne))
    if not out and anchor is not None:
        # the name on the closing formula's own line ("Cordialement B. Dubois")
        ln = lines[anchor]
        m = re.search(r"\b(?:cordialement|amicalement|respectueusement)[,.]?[ \t]+(?=\S)", ln.text, re.I)
        names = find_names(text, ln.start + m.end(), ln.end) if m else []
        rest = ln.text[m.end():].strip() if m else ""
        if names and len(names[0][2]) >= 0.8 * len(rest.rstrip(".")):
            out.append(Person(names[0][2], None, names[0][0], names[0][1]))
        elif m and _INITIAL_NAME.match(rest):  # a private person's initial: "B. Dubois"
            start = ln.start + m.end()
            out.append(Person(rest, None, start, start + len(rest)))
    return out


def _minutes_signature(text: str, lines: list[Span]) -> list[Person]:
    """Minutes are signed, when they are, on their last lines: a function line ending with a comma over
    a line of names ("Le Maire du 11e arrondissement, / Bertrand QUÉRÉ"), side by side when two sign
    ("Vu le maire,   Le secrétaire de séance, / Daniel JUGY.   Marion JUSTRABO"). A name in the last
    paragraph of the minutes without such a function line is someone who spoke, not a signer."""
    tail = [ln for ln in lines[-8:] if not FOOTER.match(ln.flat)]
    out: list[Person] = []
    k = len(tail) - 1
    # signers may also stand one above the other ("Le Maire, / Olivier FAUCHEUX / La secrétaire de séance, /
    # Amandine ROCHER"): go on up while function and name lines pair
    while k > 0:
        ln, above = tail[k], tail[k - 1]
        names = find_names(text, ln.start, ln.end)
        rest = re.sub(r"[\W\d_]+", "", ln.text)
        named = sum(len(re.sub(r"[\W\d_]+", "", n)) for _, _, n in names)
        if not names or named < 0.8 * len(rest):
            if out:
                break
            k -= 1
            continue
        if not above.flat.endswith(","):
            break
        funcs = [re.sub(r"^(?:vu|pour)\s+", "", f.strip(), flags=re.I) for f in re.split(r",|\t|\s{3,}", above.text)]
        funcs = [f for f in funcs if f]
        if not funcs or not all(_FUNCTION_RE.match(f) for f in funcs):
            break
        if len(funcs) != len(names):  # one signer, a function with a comma in it
            if len(names) > 1:
                break
            funcs = [", ".join(funcs)]
        out = [Person(n, clean_function(f), s, e) for (s, e, n), f in zip(names, funcs, strict=True)] + out
        k -= 2
    return out


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Ý](?:[\w'’-]*\w)?\.?|d['’]|de|du|des|le|la|von|van|der|ben|el|al)$")


def plausible_name(name: str) -> bool:
    """A person's name as OCR may give it, not an address, a function or a scrawl read as letters: a few
    capitalised words ("Jean-Yves FRAQUET", "J. Martin", "Marie de La Tour"), no figures or signs
    ("Henri Dunant 64150 Mourenx", "Corinne Lu \\} L"), no function ("Secrétaire Ged")."""
    words = name.replace("–", " – ").split()
    if not 1 <= len(words) <= 6 or any(not _NAME_WORD.match(w) for w in words):
        return False
    if any(_FUNCTION_RE.fullmatch(w) for w in words):
        return False
    surname = words[-1].rstrip(".")
    # (a scrawl read as two-letter words, "Er Es", is no name)
    return len(surname) >= 2 and sum(c.isalpha() for c in name) >= 4 and max(len(w) for w in words) >= 3


def _merge(found: list[Person]) -> list[Person]:
    found = [p for p in found if p.name == p.function or plausible_name(p.name)]
    named = [p for p in found if p.name != p.function]
    # "à l'attention de Monsieur le Directeur de cabinet" and "À : Pierre DURAND, Directeur de cabinet"
    found = [p for p in found if p.name != p.function or not any(
        fold(p.function) in fold(q.function or "") for q in named)]
    out: list[Person] = []
    for p in found:
        twin = next((q for q in out if _same(q.name, p.name)), None)
        if twin is None:
            out.append(p)
            continue
        if not twin.function and p.function:
            twin.function = p.function
        if not twin.address and p.address:
            twin.address = p.address
        if twin.name == twin.function and p.name != p.function:  # a function standing for a name
            twin.name, twin.start, twin.end = p.name, p.start, p.end
    return out


def _salutation_function(lines: list[Span]) -> str | None:
    for ln in lines:
        m = re.match(r"^\s*(?:madame|monsieur)\s+(?:le|la|l')\s*(.+?),\s*$", ln.flat, re.I)
        if m and _FUNCTION_RE.match(m.group(1)):
            return clean_function(m.group(1))
    return None


def _foot_addressees(text: str, lines: list[Span]) -> list[Person]:
    """An address block under the signature, as ministries and prefectures lay out their letters
    ("… Le Chef de cabinet, Olivier DUCHÊNE-MARTEL / Monsieur Jean-François Le GALL / Maire du 18e …")."""
    anchor = max((k for k, ln in enumerate(lines) if CLOSING.search(ln.flat)), default=None)
    if anchor is None:
        return []
    for k in range(anchor + 1, len(lines)):
        if _CIVILITY_RE.match(lines[k].flat) and not _COPY.match(lines[k].flat):
            j = k + 1
            while j < len(lines) and _continues_block(text, lines[j - 1], lines[j]):
                j += 1
            p = _person_from_block(text, lines[k].start, lines[j - 1].end)
            return [p] if p and p.name and p.name != p.function else []
    return []


_INITIAL_NAME = re.compile(r"^\s*([A-ZÀ-Ý])\.\s*([A-ZÀ-Ý][\w'’]+(?:-[A-ZÀ-Ý][\w'’]+)?)\s*$")


def _initial_signature(text: str, lines: list[Span], zone: list[Span]) -> list[Person]:
    """A private person signs with an initial ("B. Collignon") under a letterhead that spells the name out
    ("Bernard COLLIGNON"): the signer is the letterhead's person."""
    anchor = max((k for k, ln in enumerate(lines) if CLOSING.search(ln.flat)), default=None)
    if anchor is None:
        return []
    for ln in lines[anchor + 1: anchor + 4]:
        m = _INITIAL_NAME.match(ln.flat)
        if not m:
            continue
        for z in zone:
            for ns, ne, name in find_names(text, z.start, z.end):
                if fold(name.split()[-1]) == fold(m.group(2)) and fold(name[:1]) == fold(m.group(1)):
                    return [Person(name, None, ns, ne)]
        return [Person(f"{m.group(1)}. {m.group(2)}", None, ln.start, ln.end)]
    return []


def _complete_functions(signers: list[Person], zone: list[Span]) -> None:
    """A signature that repeats the letterhead's function in short ("Le Sous-préfet," under "Le Sous-préfet
    de Villefranche-sur-Saône / à / Monsieur …") takes the letterhead's whole function."""
    heads = [clean_function(ln.flat) for ln in zone if _FUNCTION_RE.match(ln.flat) and len(ln.flat) <= 120]
    for p in signers:
        short = fold(p.function or "").strip()
        if not short:
            continue
        longer = [h for h in heads if h and fold(h).startswith(short + " ")]
        if len(longer) == 1:
            p.function = longer[0]


def _complete_names(signers: list[Person], zone: list[Span]) -> None:
    """A surname cut short under the signature, where the pen crossed its end ("Christophe GUILLOT" under a
    letterhead of "CHRISTOPHE GUILLOTEAU"), takes the letterhead's whole name."""
    for p in signers:
        parts = (p.name or "").split()
        if len(parts) < 2 or len(parts[-1]) < 4:
            continue
        first, last = re.escape(fold(" ".join(parts[:-1]))), re.escape(fold(parts[-1]))
        for ln in zone:
            m = re.search(rf"\b{first}\s+({last}[a-z]+)\b", fold(ln.flat))
            if m and len(fold(ln.flat)) == len(ln.flat):
                whole = ln.flat[m.start(1):m.end(1)]
                p.name = " ".join(parts[:-1] + [natural_case(whole) if whole.isupper() else whole])
                break


def find_people(text: str, kind: str, heading: str | None = None, *, ignore=()) -> tuple[list[Person], list[Person]]:
    """(signatories, addressees) of a document of the given type; lines within the ``ignore`` spans (the page
    furniture: footers, running headers) are not read."""
    lines = [ln for ln in _columns(split_lines(text), text) if not any(a <= ln.start < b for a, b, *_ in ignore)]
    if not lines:
        return [], []
    h_sign, h_addr = _heading_people(text, heading)
    zone = _top_zone(text, lines)
    if h_sign or h_addr:  # the heading has been read already
        hs = text.find(heading[:30])
        zone = [ln for ln in zone if not hs <= ln.start < hs + len(heading) + 5]
    l_sign, l_addr, lone_function = _letterhead_people(text, zone)
    signers: list[Person] = []
    addressees: list[Person] = []
    if kind in ("lettre", "note", "arrete", "deliberation", "autre"):
        zone_ends = zone[-1].end if zone else 0
        s_sign = [p for p in _signature_people(text, lines, act=kind in ("arrete", "deliberation"))
                  if p.start >= zone_ends]
        if kind == "arrete" or kind == "deliberation":
            l_sign = []  # an arrêté's letterhead names the authority, the signer signs at the bottom
            _complete_from_nominations(text, s_sign)
            s_sign = [p for p in s_sign if plausible_name(p.name)] or _nominee_signing(text, lines) \
                or _delegate_signing(text, lines)
        signers = _merge(h_sign + l_sign + s_sign)
        for p in signers:
            if not p.function and lone_function:
                p.function = lone_function
        if kind == "lettre" and not signers:
            signers = _initial_signature(text, lines, zone)
        _complete_functions(signers, zone)
        _complete_names(signers, zone)
    if kind == "compte_rendu":  # minutes pair the signers of a side-by-side line themselves
        signers = _minutes_signature(text, split_lines(text))
    if kind in ("lettre", "note"):
        addressees = _merge(h_addr + [p for p in l_addr if p.name])
        if not addressees:
            addressees = _foot_addressees(text, lines)
        salut = _salutation_function(lines)
        for p in addressees:
            if not p.function and salut:
                p.function = salut
        # someone cannot write to themselves: a letterhead name read as an addressee; a sentence is nobody
        addressees = [a for a in addressees if not any(_same(a.name, s.name) for s in signers)
                      and len(a.name or "") <= 100 and not re.search(r"[;!?]|\.\s", a.name or "")]
    return signers, addressees
