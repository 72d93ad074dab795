"""Split the pages of a dossier into documents.

A dossier binds several documents (a note, letters, a vœu, a press release…). We walk its
paragraphs in order and cut before a paragraph that opens a new document:

- a heading naming a kind of document ("LETTRE D'…", "VŒU …", "COMMUNIQUÉ DE PRESSE",
  "Arrêté n° …", "Note à l'attention de …"), unless it repeats the current heading
  ("… (SUITE)", a running header);
- a letterhead: a "Paris, le …" date line or an "À l'attention de" line once the current
  document already has a body; the cut goes back over the short lines above it (author,
  function, address block) so that they open the new document;
- after a closing formula or a "Fait à … le …" line, a title in capitals or a new page of prose.

A new page alone is not a new document, and in doubt we do not cut: a continuation page cut
away from its letter loses its signatory, which costs more than a missed cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extract.people import CIVILITY, FUNCTION_LINE, find_names
from .extract.text import (
    ATTENTION,
    FAIT_A,
    FOOTER,
    ID_PREFIX,
    fold,
    is_caps,
    is_closing,
    is_date_line,
    is_header_like,
    is_prose,
    paragraphs,
)
from .model import Document, Page

KINDS = (r"lettre|v(?:oe|œ|ce)u[xs]?|motion|communiqu[ée]|compte[\s-]+rendu|proc[èe]s[\s-]+verbal"
         r"|extrait\s+(?:du\s+)?(?:registre|proc[èe]s)"
         r"|arr[êe]t[ée]\b|note\b|d[ée]lib[ée]ration|relev[ée]\s+de\s+d[ée]cision|question\s+(?:[ée]crite|orale)")
HEADING = re.compile(r"^\s*(?:" + KINDS + r")", re.I)
CONTINUED = re.compile(r"\(\s*suite\s*\)|\bsuite\s*$|\(\s*cont(?:inued|\.)\s*\)", re.I)
# a lone verb line inside an arrêté or a délibération, not a heading
# the certification that closes an extract of a register ("Fait et délibéré les jour, mois et an susdits.
# Pour extrait certifié conforme,"): the place and date below it belong to the signature
CERTIFIED = re.compile(r"(?:^|\n)\s*(?:pour\s+(?:extrait|copie)\s+(?:certifi[ée]e?\s+)?conforme"
                       r"|fait\s+et\s+d[ée]lib[ée]r[ée]|certifi[ée]e?\s+(?:conforme|ex[ée]cutoire))[^\n]*$"
                       # set in two columns beside the publication notice, read by OCR or a text layer as one line
                       r"|\bfait\s+et\s+d[ée]lib[ée]r[ée]\s+en\s+(?:mairie|s[ée]ance)"
                       r"|\bcertifie\s+le\s+caract[èe]re\s+ex[ée]cutoire", re.I)
# the vote that ends a vœu or a délibération ("Adopté à l'unanimité.", "(Votants : 37 – Pour : 31 …)"):
# short like a letterhead line, but the end of the document above the next one's letterhead
VOTE = re.compile(r"^\s*\(?\s*(?:adopt[ée]e?s?|rejet[ée]e?s?|vot(?:ants|[ée]e?s?)\b|vote\s*:|pour\s*:|contre\s*:"
                  r"|abstentions?\s*:|[àa]\s+l'unanimit[ée])", re.I)
# headings of the documents a dossier binds beside letters and acts, in capitals only: in sentence case the word
# starts a délibération's title ("2022 DEVE 45 – Convention d'occupation …") or a sentence
CAPS_KINDS = re.compile(r"^\s*(?:p[ée]tition|convention|invitation|annexe|revue\s+de\s+presse)\b", re.I)
# an invitation card opens on its host, then the formula ("Le Maire du 18e arrondissement / a le plaisir de vous
# convier …"): a block with the formula in its first lines opens a document
INVITATION = re.compile(r"^(?:a|ont)\s+le\s+(?:plaisir|l'honneur)\s+de\s+vous\s+(?:convier|inviter)"
                        r"|^vous\s+prie(?:nt)?\s+de\s+(?:bien\s+vouloir\s+)?(?:lui|leur)\s+faire\s+l'honneur", re.I)
# a newspaper's masthead and issue date at the top of a clipping ("Le Parisien – 9 juillet 2021")
MASTHEAD = re.compile(r"^\s*[A-Z][\w'’. -]{1,40}?\s[–—-]\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
                      r"(?:\d{1,2}|1er)\s+[a-zéû]+\s+\d{4}\s*$")
BYLINE = re.compile(r"^\s*par\s+[A-ZÀ-Ý][\w'-]+(?:\s+[A-ZÀ-Ý][\w'-]+){1,3}\s*$", re.I)
# the end of minutes: the séance closed ("La séance est levée à 22 h 30", "L'ordre du jour étant épuisé")
ADJOURNED = re.compile(r"\b(?:la\s+)?s[ée]ance\s+(?:est\s+)?(?:lev[ée]e|cl[ôo]tur[ée]e)|\bl['’]ordre\s+du\s+jour\s+"
                       r"[ée]tant\s+[ée]puis[ée]|\bplus\s+rien\s+n['’][ée]tant\s+inscrit", re.I)
# an authority opening an act it signs in its own name ("La Maire de Paris,", "Le Préfet de la Haute-Saône,")
AUTHORITY = re.compile(r"^\s*(?:le|la)\s+(?:maire|pr[ée]f[eè]te?|sous-pr[ée]f[eè]te?|pr[ée]sidente?)\b[^.;:]{0,120},\s*$",
                       re.I)
# the heading of minutes, which run on until the séance is closed
_MINUTES = re.compile(r"^\W*(?:(?:projet\s+de\s+)?(?:compte[\s-]+rendu|proc[eè]s[\s-]+verbal)|cr|pv)\b"
                      r"|\bextrait\s+du\s+registre\s+des\s+deliberations\b")
# an act named by its kind and its date or number, as a recueil's separator sheet names it
ACT_TITLE = re.compile(r"\b(?:arr[êe]t[ée]|d[ée]cision|d[ée]lib[ée]ration|convention|avenant)\b[^\n]{0,40}?"
                       r"(?:\bdu\s+\d|\bn\s*[°º])", re.I)
# the verb before an act's articles ("ARRÊTE :", which OCR reads "ARRÊTÉ :" at times)
VERB_LINE = re.compile(r"^\s*(arr[êeÊE]t[eéÉ]|d[ée]lib[èe]re|d[ée]cide)\s*:?\s*$", re.I)
# the preamble of a délibération or an arrêté under its title ("Le Conseil de Paris, siégeant en formation de
# Conseil municipal,", "La Maire de Paris,", "Vu le Code …"): what follows a project's number in minutes is
# its rapporteur and its vote, never this
PREAMBLE = re.compile(r"^\s*(?:(?:le|la)\s+(?:conseil|maire|pr[ée]sident|pr[ée]f[èe]te?)\b[^.;:]{0,120},\s*(?:vu\b|$)"
                      r"|vu\s+(?:le|la|les|l')\s*\w)", re.I)


# a sentence: words in lower case, closed by a full stop (a letterhead or an address line has none)
# a date that ends a signature block ("Le 12 avril 2022, / Marcel Ribeiro-Thomas"): a letterhead's date line
# names its place and ends without a comma
_SIGNED_ON = re.compile(r"^\s*le\s[^,]{4,30},\s*$", re.I)
# a letter's salutation alone on its line ("Madame la Présidente,")
SALUTATION = re.compile(r"^\s*(?:madame|monsieur|mesdames|messieurs|ch[èe]re?s?)\b[^\n]{0,80},\s*$", re.I)
_SENTENCE = re.compile(r"^(?=.{30,})(?=(?:[^a-zà-ÿ]*[a-zà-ÿ]){20})[^\n]*[a-zà-ÿ0-9)»]\s?[.!?]$")


@dataclass
class _Block:
    page: int
    text: str

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


def _is_heading(flat: str) -> bool:
    if CAPS_KINDS.match(flat) and flat.split()[0].isupper():
        return True  # before the number goes: "ANNEXE 1 – Budget …" is no project number
    flat = ID_PREFIX.sub("", flat, count=1)
    if not HEADING.match(flat) or VERB_LINE.match(flat):
        return False
    # the verb over the articles in one block ("ARRETE / ARTICLE 1er - …")
    if VERB_LINE.match(re.split(r"\s(?=article\b)", flat, maxsplit=1, flags=re.I)[0]):
        return False
    if is_caps(flat):
        # one word alone names a kind only for those no verb line or running header spells ("COMMUNIQUÉ",
        # "MOTION"); "ARRÊTE" or "DÉLIBÈRE" alone is a verb
        return len(re.findall(r"\w{2,}", flat)) >= 2 or bool(re.match(r"^(?:note|communique|motion|v(?:oe|œ|ce)u)", fold(flat)))
    # sentence case headings: short, no final full stop ("Arrêté n° 2023 P 1234 portant …",
    # "Vœu relatif à …", "Compte rendu du conseil de quartier …", "Note à l'attention de …")
    if not flat[:1].isupper() or re.search(r"[.;!?]\s", flat):
        return False
    return len(flat) <= 250 and not flat.rstrip().endswith((".", ";", ":"))


def _is_heading_block(text: str) -> bool:
    """A heading, or a heading under one or two short letterhead lines of the same paragraph ("Ville de Paris /
    Arrêté n° …", "Conseil de quartier Clignancourt / Compte rendu de la réunion plénière du …", "COMMISSION
    MOBILITÉS / Conseil de quartier Plaine / Compte rendu de la réunion du …")."""
    if _is_heading(" ".join(text.split())):
        return True
    rows = text.strip().split("\n")
    for k in (1, 2):
        top = [r.strip() for r in rows[:k]]
        if len(rows) <= k or any(len(r) > 60 or not is_header_like(r) or is_prose(r) for r in top):
            return False
        if _is_heading(" ".join(" ".join(rows[k:]).split())):
            return True
    return False


def _is_continuation(flat: str, heading: str | None) -> bool:
    if CONTINUED.search(flat):
        return True
    if not heading:
        return False
    a, b = _key(flat), _key(heading)
    # a running header repeats the heading, or a part of it
    return len(a) >= 12 and (a in b or b in a)


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(s))


_ACT_HEADING = re.compile(r"\b(?:arr[êe]t[ée]|d[ée]cision|d[ée]lib[ée]ration)\b(?!\s*:?\s*$)", re.I)
_NUMBERED_ACT = re.compile(r"^\s*arr[êe]t[ée]\s+(?:pr[ée]fectoral\s+)?n\s*[°º]\s*\S+\s*$", re.I)
_CONTENTS = re.compile(r"^\W*(?:sommaire|table\s+des\s+matieres)\b")
_ACT_BODY = re.compile(r"^\s*(?:vu|consid[ée]rant)\b|^\s*article\s+(?:\d|premier|ier)|^\s*arr[êe]t[eé]\s*:?\s*$", re.I)


def _is_caps_title(flat: str) -> bool:
    # three words at least ("ARTICLE 1 :" is one word, a number and a colon): an act's article is no title
    return is_caps(flat) and sum(bool(re.search(r"[^\W\d_]{2}", w)) for w in flat.split()) >= 3 and not FOOTER.match(flat) \
        and not re.match(r"^\s*article\b", flat, re.I)


class _Cutter:
    def __init__(self, blocks: list[_Block], blank: set[int] = frozenset(), furniture: dict[int, str] | None = None):
        self.blocks = blocks
        self.blank = blank  # the numbers of blank pages (separator sheets between documents)
        # blocks made of lines repeated at the top or the bottom of several pages: a repeated letterhead line
        # goes with the document it heads, never cuts one by itself; a repeated footer is like a page number
        self.furniture = furniture or {}
        self.docs: list[list[int]] = []

    def _footer(self, j: int) -> bool:
        """A page number, a running footer, a footer repeated on every page: what the page carries at its foot."""
        return self.furniture.get(j) == "bottom" or bool(FOOTER.match(self.blocks[j].flat))

    def run(self) -> list[list[int]]:
        cur: list[int] = []
        heading: str | None = None
        closed_at: int | None = None  # index into cur of a closing formula / "Fait à"
        for i, b in enumerate(self.blocks):
            flat = b.flat
            cut: int | None = None  # position in cur where the new document starts
            # a line repeated at the top of pages is a running header inside a document, but after a document
            # closed (signed, certified) it may be the next one's heading (a file of extracts of one register)
            if not cur or self._footer(i) or (i in self.furniture and closed_at is None) \
                    or _is_continuation(flat, heading) and not self._reopens(cur, i, closed_at) \
                    and not self._next_act(cur, i, closed_at):
                pass
            elif self._numbered_title(i):
                if self._has_body(cur, closed_at) and not self._same_project(cur, flat):
                    cut = len(cur)
            elif self._separator(cur, i, closed_at):
                cut = len(cur)
            elif self._opens_page(cur, i, closed_at is not None):
                cut = len(cur)
            elif self._invitation(b.text) and self._has_body(cur, closed_at):
                cut = self._page_letterhead(cur, closed_at, b.page)
                # "a le plaisir de vous convier" needs its subject: the host's line just above ("Le Maire du …")
                if cut == len(cur) and not b.text.lstrip()[:1].isupper() and len(cur) > 1 \
                        and self.blocks[cur[-1]].page == b.page and is_header_like(self.blocks[cur[-1]].flat):
                    cut = len(cur) - 1
            elif (_is_heading_block(b.text) or self._long_act_title(i)) and not self._under_visas(cur, i):
                if self._has_body(cur, closed_at) or self._card(cur):
                    cut = self._page_letterhead(cur, closed_at, b.page)
                    if cut == len(cur) and self._opens_act(i):
                        cut = self._act_page_top(cur, closed_at, b.page)
                    # minutes list their projects and vœux by number ("V18 2023 03 : Vœu relatif …"):
                    # a numbered heading opens a document only at the top of a page
                    if ID_PREFIX.match(flat) and cut == len(cur) and self.blocks[cur[-1]].page == b.page \
                            and not CAPS_KINDS.match(flat):
                        cut = None
            elif self._preamble_after_articles(cur, i) \
                    and self._act_page_top(cur, closed_at, b.page) < len(cur):
                # an act with no title of its own ("Le Directeur départemental … / Vu le décret …") after the
                # articles of another: its visas open it, from the top of their page
                cut = self._act_page_top(cur, closed_at, b.page)
            elif (is_date_line(flat) or ATTENTION.match(flat)) and self._has_body(cur, closed_at) \
                    and (closed_at != len(cur) - 1 or self.blocks[cur[-1]].page != b.page) \
                    and not self._sentence_tail(cur, flat) \
                    and not (is_date_line(flat) and (self._signs_below(i) or _SIGNED_ON.match(flat)
                                                     or self._act_unsigned(cur, closed_at))):
                cut = self._walk_back(cur, closed_at)
            elif SALUTATION.match(b.text) and self._has_body(cur, closed_at) \
                    and len(cur) - self._walk_back(cur, closed_at) >= 2 \
                    and not (i + 1 < len(self.blocks) and SALUTATION.match(self.blocks[i + 1].text)) \
                    and not SALUTATION.match(self.blocks[cur[-1]].text):
                # (a list of addressees, "Monsieur le Préfet de Haute-Corse, / Monsieur le Président du …,", is
                # what a délibération is sent to, not the start of letters)
                # a letter that starts in mid-page with no date line: its letterhead and address block
                # stand between the previous document's end and its salutation
                cut = self._walk_back(cur, closed_at)
            elif closed_at is not None and self._new_after_close(cur, closed_at, i, flat):
                # an act's letterhead at the top of the page ("MINISTÈRE … / Direction …") goes with its title
                cut = self._page_letterhead(cur, closed_at, b.page) if _is_caps_title(flat) else len(cur)
            if cut is not None and self._contents(cur) and not self._opens_act(i) and not self._separator(cur, i, closed_at):
                # a recueil's table of contents lists its acts by title and date: an entry opens nothing; the
                # first act begins where a title is followed by its preamble or its "Vu"
                cut = None
            if cut is not None and _MINUTES.search(fold(heading or "")) and closed_at is None \
                    and (_is_heading_block(b.text) or self._long_act_title(i)) \
                    and not (CAPS_KINDS.match(flat) and self.blocks[cur[-1]].page != b.page) \
                    and not any(AUTHORITY.match(self.blocks[j].flat) for j in range(i + 1, min(i + 4, len(self.blocks)))):
                # minutes (and an extract of the register) run on until the séance is closed or the extract
                # certified: the projects and vœux they record under headings of their own are inside them (unless
                # an authority signs the next act in its own name, "La Maire de Paris, / Vu …", or an annex
                # begins a page)
                cut = None
            if cut is not None:
                self.docs.append(cur[:cut])
                cur = cur[cut:]
                heading, closed_at = None, None
            if heading is None and not self._has_body(cur, None) and (
                    _is_heading_block(b.text) or _is_caps_title(flat) or self._numbered_title(i)):
                heading = flat
            cur.append(i)
            if is_closing(flat) or FAIT_A.match(flat) or CERTIFIED.search(flat) or ADJOURNED.search(flat):
                closed_at = len(cur) - 1
            elif closed_at is not None and _ACT_BODY.match(flat):
                # the act goes on after what looked like its end: a margin box atop it ("Expédition certifiée
                # conforme / Pour le Maire, Le Directeur …") is followed by its "VU", its verb and its articles
                closed_at = None
        if cur:
            self.docs.append(cur)
        return [d for d in self.docs if d]

    def _contents(self, cur: list[int]) -> bool:
        """The document so far is a table of contents ("SOMMAIRE", "TABLE DES MATIÈRES" among its first lines)
        and no act has begun in it."""
        return any(_CONTENTS.match(fold(self.blocks[j].flat)) for j in cur[:12]) and not any(
            _ACT_BODY.match(self.blocks[j].flat) or AUTHORITY.match(self.blocks[j].flat) for j in cur)

    def _opens_act(self, i: int) -> bool:
        """Block ``i`` is followed, within a few blocks, by an act's preamble ("Le Préfet du Var,", "Vu le code
        …", "Considérant …"): a title over an act, not an entry of a list of titles."""
        for j in range(i + 1, min(i + 9, len(self.blocks))):
            flat = self.blocks[j].flat
            if self._footer(j):
                continue
            if AUTHORITY.match(flat) or PREAMBLE.match(flat) or re.match(r"^\s*(?:vu|consid[ée]rant)\b", flat, re.I):
                return True
            if _is_heading_block(self.blocks[j].text) or _ACT_HEADING.match(flat):
                return False  # the next title of a list: the preamble further on is another act's
        return False

    def _long_act_title(self, i: int) -> bool:
        """An act's title over four or five lines ("Arrêté préfectoral du / - déclarant d'utilité publique les
        travaux … sur le territoire de la commune de …"), too long for a heading, that its preamble follows."""
        rows = [r.strip() for r in self.blocks[i].text.strip().split("\n")]

        def stamp(s: str) -> bool:  # the date stamped beside a title, as OCR reads it ("nu | 0 G.NOV, 2019")
            return len(s) <= 30 and bool(re.search(r"\d", s)) \
                and not re.search(r"[a-zà-ÿ]{4}|\b(?:vu|l|le|la|les|du|de|des)\b", s, re.I)

        # OCR may put that date in front of the title, on its line or the line above
        first = rows[1] if len(rows) > 1 and stamp(rows[0]) and not _ACT_HEADING.search(rows[0]) else rows[0]
        m = _ACT_HEADING.search(first)
        if not m or first[:m.start()].strip() and not stamp(first[:m.start()]):
            return False
        return len(first) <= 120 and not first.endswith((".", ";", ",")) and len(self.blocks[i].flat) <= 600 \
            and self._opens_act(i)

    def _preamble_after_articles(self, cur: list[int], i: int) -> bool:
        """The first "Vu" of a page, near its top, in a document whose articles have been read: no act recalls
        its visas after its articles ("Vu pour être annexé …" marks an annex and is no visa)."""
        flat = self.blocks[i].flat
        if not re.match(r"^\s*vu\s+(?!pour\b)(?:le|la|les|l['’]|l\s)", flat, re.I) or not self._act_unsigned(cur, None):
            return False
        page = self.blocks[i].page
        above = [j for j in cur if self.blocks[j].page == page and not self._footer(j)]
        return 0 < len(above) <= 6 and not any(re.match(r"^\s*vu\b", self.blocks[j].flat, re.I) for j in above)

    def _next_act(self, cur: list[int], i: int, closed_at: int | None) -> bool:
        """The same title again after an act's articles, followed by a preamble: the next act of a recueil whose
        acts share their heading ("Arrêté préfectoral du", the date stamped beside it), not a running header
        (a running header after the articles goes on with articles or the signature, never with "Vu")."""
        return closed_at is None and self._act_unsigned(cur, None) and self._opens_act(i)

    def _act_unsigned(self, cur: list[int], closed_at: int | None) -> bool:
        """An act (arrêté, décision) whose articles have been read and that nothing has signed yet: the date line
        that comes next is its own ("Fort-de-France, le 12 mars 2018" over "Le Préfet, et par délégation")."""
        if closed_at is not None:
            return False
        return any(VERB_LINE.match(line) or _NUMBERED_ACT.match(line)
                   for j in cur for line in self.blocks[j].text.split("\n")) and any(
            re.search(r"^\s*article\s+(?:1|premier|ier)(?:er)?\b", self.blocks[j].text, re.I | re.M) for j in cur)

    def _separator(self, cur: list[int], i: int, closed_at: int | None) -> bool:
        """A separator sheet in a recueil des actes: a page that holds nothing but the next act's title ("DDT-SAER
        2025125-0001 - Arrêté du 5 mai 2025 portant …") and the page furniture. It opens that act."""
        b = self.blocks[i]
        cover = any(re.search(r"recueil des actes|sommaire", fold(self.blocks[j].flat)) for j in cur[:6])
        if self.blocks[cur[-1]].page == b.page or not (self._has_body(cur, closed_at) or cover):
            return False
        own = [j for j in range(i, len(self.blocks)) if self.blocks[j].page == b.page
               and not self._footer(j) and j not in self.furniture]
        if not own or own[0] != i or len(own) > 5 or sum(len(self.blocks[j].flat) for j in own) > 600:
            return False
        if any(re.search(r"\bsommaire\b|\(\d+\s+pages?\)", fold(self.blocks[j].flat)) for j in own):
            return False  # the recueil's table of contents, which names the acts too
        key = _key(" ".join(self.blocks[j].flat for j in own))[:60]
        listed, contents_pages = self._listed()
        if len(key) >= 30 and b.page not in contents_pages and key in listed:
            return True  # the page repeats an entry of the table of contents ("07-2019-06-26-002 - modification …")
        if len(own) > 3 or sum(len(self.blocks[j].flat) for j in own) > 400:
            return False
        return any(ACT_TITLE.search(self.blocks[j].flat) for j in own) and not any(
            is_prose(self.blocks[j].flat) for j in own)

    def _under_visas(self, cur: list[int], i: int) -> bool:
        """A heading just under the visas on the same page ("Vu le code … / ARRETE n°22-2019 / Article 1er"): the
        act's own title or verb, which a text layer may put after its visas."""
        prev = self.blocks[cur[-1]] if cur else None
        return bool(prev) and prev.page == self.blocks[i].page and bool(re.match(r"^\s*vu\s", prev.flat, re.I)) \
            and (VERB_LINE.match(self.blocks[i].flat) is not None or _NUMBERED_ACT.match(self.blocks[i].flat) is not None)

    def _listed(self) -> tuple[str, range]:
        """The text of the recueil's table of contents, as keys, and its pages: from the one that says "SOMMAIRE"
        to the last before a page that repeats one of its entries or holds an act's visas or articles."""
        if not hasattr(self, "_listed_cache"):
            pages = [b.page for b in self.blocks if _CONTENTS.match(fold(b.flat))]
            keys, span = [], range(0)
            if pages:
                body = [b.page for b in self.blocks if b.page > pages[0] and _ACT_BODY.match(b.flat)]
                end = body[0] if body else pages[0] + 1
                keys = [_key(b.flat) for b in self.blocks if b.page == pages[0]]
                for page in range(pages[0] + 1, end):  # the contents go on while a page is not one of their entries
                    text = _key(" ".join(b.flat for b in self.blocks if b.page == page))[:60]
                    if len(text) >= 30 and text in "|".join(keys):
                        end = page
                        break
                    keys += [_key(b.flat) for b in self.blocks if b.page == page]
                span = range(pages[0], end)
            self._listed_cache = ("|".join(keys), span)
        return self._listed_cache

    def _reopens(self, cur: list[int], i: int, closed_at: int | None) -> bool:
        """The heading repeated after a document closed, over the same opening as the document's own (a file of
        extracts of one register: "EXTRAIT DU REGISTRE … / L'an deux mille vingt, le 10 février, …"): the next
        document, not a running header (which goes on with the text that came before it)."""
        if closed_at is None or CONTINUED.search(self.blocks[i].flat) or i + 1 >= len(self.blocks) or len(cur) < 2:
            return False
        return _key(self.blocks[i + 1].flat)[:80] == _key(self.blocks[cur[1]].flat)[:80]

    def _numbered_title(self, i: int) -> bool:
        """A délibération's number and title ("2022 DVD 58 : Aménagement de …") above its preamble ("Le
        Conseil de Paris, siégeant en formation de Conseil municipal,"): a title whatever its wording."""
        flat = self.blocks[i].flat
        if not ID_PREFIX.match(flat) or i + 1 >= len(self.blocks):
            return False
        return bool(PREAMBLE.match(self.blocks[i + 1].flat))

    def _card(self, cur: list[int]) -> bool:
        """An invitation card has no prose; the next heading ends it wherever it stands on the page."""
        return any(self._invitation(self.blocks[j].text) for j in cur[:4])

    def _same_project(self, cur: list[int], flat: str) -> bool:
        """The délibération under its exposé des motifs repeats the project's number ("2022 DEVE 45 – …"): one
        projet, one document."""
        key = _key(ID_PREFIX.match(flat).group())
        return any(_key(self.blocks[j].flat).startswith(key) for j in cur)

    def _opens_page(self, cur: list[int], i: int, closed: bool) -> bool:
        """A page that starts a document by itself: a title or letterhead after a blank separator sheet, or a
        newspaper's masthead ("Le Parisien – 9 juillet 2021") that the previous page did not carry."""
        b, prev = self.blocks[i], self.blocks[cur[-1]]
        if self._footer(i) or i in self.furniture or is_prose(b.flat):
            return False
        if prev.page == b.page:  # a clipping in mid-page: its masthead, a title, then the journalist's by-line
            return bool(MASTHEAD.match(b.text.strip().split("\n")[0])) and any(
                BYLINE.match(x.flat) for x in self.blocks[i + 1:i + 4]) and len(cur) >= 2
        if any(n in self.blank for n in range(prev.page + 1, b.page)):
            # a blank verso of a duplex scan inside a letter: its next page goes on with a sentence, the closing
            # formula or the signature, none of which opens a document
            first = b.text.strip().split("\n")[0]
            signature = closed and bool(find_names(first)) and find_names(first)[0][0] <= 1
            return not (b.flat[:1].islower() or is_closing(b.flat) or _SENTENCE.match(b.flat)
                        or b.flat.endswith((".", ",", ";")) or signature)
        first = b.text.strip().split("\n")[0]
        if not MASTHEAD.match(first):
            return False
        top = next((self.blocks[j] for j in cur if self.blocks[j].page == prev.page), prev)
        return _key(top.text.strip().split("\n")[0]) != _key(first)

    @staticmethod
    def _invitation(text: str) -> bool:
        return any(INVITATION.match(line.strip()) for line in text.strip().split("\n")[:4])

    def _sentence_tail(self, cur: list[int], flat: str) -> bool:
        """"18 janvier." alone under "… a été remise au conseil de quartier le": the end of a sentence that OCR
        put in a paragraph of its own, not a letter's date line (which names its place or stands apart)."""
        before = self.blocks[cur[-1]].text.rstrip()
        return bool(re.match(r"^(?:\d|1er|le\s)", flat)) and bool(re.search(r"[a-zà-ÿ,]$", before))

    def _signs_below(self, i: int) -> bool:
        """A date line that ends a document rather than opens one: under it, before the page ends, only a
        signature ("Paris, le 12 mai 2023 / L'architecte des bâtiments de France, / Étienne LAMBERT"), a
        function ending in a comma and a name, no salutation, no subject, no prose."""
        page = self.blocks[i].page
        below = [b for b in self.blocks[i + 1:i + 7] if b.page == page and not self._footer(self.blocks.index(b))]
        rest = [j for j in range(i + 1 + len(below), len(self.blocks)) if self.blocks[j].page == page
                and not self._footer(j) and j not in self.furniture]
        if not below or len(below) > 5 or rest:
            return False
        rows = [r.strip() for b in below for r in b.text.strip().split("\n")]
        # a delegation's lines may stack ("Pour le directeur général de l'ARS, / Pour la directrice …, / La
        # responsable du service …, / Anne Laure POREZ")
        if len(rows) > 5 or any(len(r) > 90 for r in rows) or not rows[0].endswith(",") \
                or any(not r.endswith(",") for r in rows[:-2]):
            return False
        return not re.match(r"^(?:monsieur|madame|mesdames|messieurs|objet|cher|ch[èe]re)\b", fold(rows[0])) \
            and bool(find_names(rows[-1]))

    def _has_body(self, cur: list[int], closed_at: int | None) -> bool:
        if closed_at is not None or any(is_prose(self.blocks[j].flat) for j in cur):
            return True
        if self._contents(cur):  # a recueil's table of contents is a document of its own
            return True
        # OCR cuts a paragraph of prose where the scan's line spacing varies: two short sentences are a body too
        return sum(bool(_SENTENCE.match(self.blocks[j].flat)) for j in cur) >= 2

    def _walk_back(self, cur: list[int], closed_at: int | None) -> int:
        """Move the letterhead above a date line into the new document: the address block, then
        one author (a name, with its function lines below it), never a page footer, nor a signature
        ("La Présidente, / Nadia Kessler"), nor a block of an earlier page than ``page``."""
        floor = 1 if closed_at is None else closed_at + 1
        k = len(cur)
        while k - 1 >= floor:
            flat = self.blocks[cur[k - 1]].flat
            if self._signature(cur[k - 1]):
                break
            if self._footer(cur[k - 1]) or VOTE.match(flat) or not (
                    is_header_like(flat) or self._function_tail(cur, k - 1, floor)):
                break
            k -= 1
            first_line = self.blocks[cur[k]].text.strip().split("\n")[0]
            names = find_names(first_line)
            if names and names[0][0] <= 1 and not re.match(r"^\s*" + CIVILITY, first_line, re.I):
                break  # the author's name opens the letterhead
        # a header block crossing a page break starts at the top of the newest page
        last_page = self.blocks[cur[-1]].page if k < len(cur) else None
        if last_page is not None and any(self.blocks[cur[p]].page != last_page for p in range(k, len(cur))):
            k = next(p for p in range(k, len(cur)) if self.blocks[cur[p]].page == last_page)
        return k

    def _signature(self, j: int) -> bool:
        """A signature block: a function or a date ending in a comma, then a name ("Le 12 avril 2022, /
        Marcel Ribeiro-Thomas")."""
        rows = [r.strip() for r in self.blocks[j].text.strip().split("\n")]
        if len(rows) == 1 and j > 0:  # OCR gives each line of a signature a paragraph of its own
            rows = [r.strip() for r in self.blocks[j - 1].text.strip().split("\n")][-1:] + rows
        return 2 <= len(rows) <= 4 and rows[0].endswith(",") and len(rows[0]) <= 80 and bool(find_names(rows[-1]))

    def _page_letterhead(self, cur: list[int], closed_at: int | None, page: int) -> int:
        """Where a document opened by a heading starts: at the top of the heading's page when only
        letterhead lines stand above the heading there ("MAIRIE DU 11e ARRONDISSEMENT", "CONSEIL DE PARIS
        / Séance du …"), else at the heading itself. Only from a page top: above a heading in mid-page
        stands the end of the previous document (its signature is as short as a letterhead line)."""
        floor = 1 if closed_at is None else closed_at + 1
        k = len(cur)
        while k - 1 >= floor and self.blocks[cur[k - 1]].page == page:
            flat = self.blocks[cur[k - 1]].flat
            if self._footer(cur[k - 1]) or not (is_header_like(flat) or is_date_line(flat)):
                return len(cur)
            k -= 1
        starts_page = k < len(cur) and k >= floor and self.blocks[cur[k - 1]].page != page
        return k if starts_page else len(cur)

    def _act_page_top(self, cur: list[int], closed_at: int | None, page: int) -> int:
        """Where an act whose title and preamble stand near the top of ``page`` starts: at the page's top when only
        short lines stand above its title there (a letterhead that OCR read badly: "raternité", a stamp, a
        service's name run into one paragraph), none of them an article, a "Vu", a signature or the end of a
        sentence of the page before; else at the title."""
        floor = 1 if closed_at is None else closed_at + 1
        above = [k for k in range(len(cur)) if self.blocks[cur[k]].page == page]
        if not above or above[0] < floor or len(above) > 10:
            return len(cur)
        for k in above:
            j = cur[k]
            flat = self.blocks[j].flat
            if len(flat) > 300 or _ACT_BODY.match(flat) or VERB_LINE.match(flat) or self._signature(j) \
                    or k == above[0] and flat[:1].islower() and len(flat) > 12:
                return len(cur)
        return above[0]

    def _function_tail(self, cur: list[int], k: int, floor: int) -> bool:
        """A short lower-case line that goes on the function above it ("chargé du logement"): OCR makes a
        paragraph of each letterhead line, and such a line is not prose."""
        flat = self.blocks[cur[k]].flat
        if not flat[:1].islower() or len(flat) > 80 or flat.endswith((".", ";", ":")):
            return False
        return k - 1 >= floor and is_header_like(self.blocks[cur[k - 1]].flat) or (
            k - 1 >= floor and self._function_tail(cur, k - 1, floor))

    def _new_after_close(self, cur: list[int], closed_at: int, i: int, flat: str) -> bool:
        if _is_caps_title(flat) and not is_closing(flat):
            return True
        new_page = any(self.blocks[j].page != self.blocks[i].page for j in cur[closed_at:])
        if not new_page or re.match(r"^\s*(p\.?\s*s|copie|pj|p\.j|ampliation|annexes?\s*:)", flat, re.I):
            return False
        # a page of prose, or a page opening on a title ("Utilisation IRFM … au cours des 6 derniers mois") after a
        # signed document: what is attached to it, a document of its own
        first_on_page = self.blocks[cur[-1]].page != self.blocks[i].page
        first = self.blocks[i].text.strip().split("\n")[0].strip()
        names = find_names(first)
        signer = bool(names) and names[0][0] == 0 and names[0][1] >= len(first) - 1  # the signature goes on
        # (nor the signer's function, when the signature goes over the page: "Adjoint à la Maire de Paris …")
        title = first_on_page and len(flat) <= 150 and flat[:1].isupper() and not flat.endswith((".", ",", ";", ":")) \
            and not signer and not is_date_line(flat) and not FUNCTION_LINE.match(first)
        return is_prose(flat) or title


# how a line of page furniture is recognised on every page: case, accents, spacing and numbers aside ("Page 2/7")
def _furniture_key(line: str) -> str:
    k = fold(line)
    k = re.sub(r"\bpage\s*\d+(?:\s*(?:/|sur)\s*\d+)?", "page #", k)
    k = re.sub(r"\d+\s*(?:/|sur)\s*\d+\s*$", "#/#", k)  # "3/7" closing a running footer
    k = re.sub(r"(?:^|\s)[-–]?\s*\d{1,3}\s*[-–]?\s*$", " #", k)  # a page number ending the line
    return re.sub(r"[^a-z0-9#/]+", " ", k).strip()


EDGE_LINES = 4  # how far from a page's top or bottom a running header, a footer or a letterhead stands


def _signs(row: str) -> bool:
    """A signature's line: the signer's function or name, which a file of extracts repeats on every page."""
    names = find_names(row)
    named = sum(e - s for s, e, _ in names)
    return (bool(FUNCTION_LINE.match(row)) and len(row) <= 80) or named >= 0.5 * len(row.strip())


def page_furniture(pages: list[Page]) -> dict[str, str]:
    """Lines that repeat at the top or at the bottom of several pages of a file (a running header, a footer with
    the issuer's address and phone, a page count), by key, with the side they stand on: "top" or "bottom".

    A line qualifies on the same side of two pages when it holds a number (an address, a page count, a date),
    else of three: two letters of a dossier may both end on the same signer's name, or open on the same words.
    A salutation, a date line or a closing formula is never furniture.
    """
    seen: dict[tuple[str, str], set[int]] = {}
    for p in pages:
        rows = [r.strip() for r in (p.text or "").splitlines() if r.strip()]
        n = min(EDGE_LINES, len(rows) // 4)  # a short page has short edges: its top is not its bottom
        for side, edge in (("top", rows[:n]), ("bottom", rows[len(rows) - n:] if n else [])):
            for row in edge:
                key = _furniture_key(row)
                if len(re.sub(r"[\W\d#]", "", key)) < 4 or SALUTATION.match(row) or is_date_line(row) \
                        or is_closing(row) or _signs(row):
                    continue
                seen.setdefault((key, side), set()).add(p.number)
    out: dict[str, str] = {}
    for (key, side), on in seen.items():
        if len(on) >= (2 if re.search(r"[#\d]", key) else 3):
            out[key] = "bottom" if side == "bottom" or out.get(key) == "bottom" else "top"
    return out


def segment(pages: list[Page]) -> list[Document]:
    """Cut the pages of one original into documents, in reading order."""
    blocks = [_Block(p.number, sp.text) for p in pages for sp in paragraphs(p.text or "")]
    if not blocks:
        return [Document("", [(0, pages[0].number)])] if pages else []
    blank = {p.number for p in pages if not (p.text or "").strip()}
    furniture = page_furniture(pages)
    repeated: dict[int, str] = {}
    first_seen: set[str] = set()
    for j, b in enumerate(blocks):
        keys = [_furniture_key(r) for r in b.text.split("\n") if r.strip()]
        # the first time a top line appears it may be a document's own heading or letterhead, later its repeat
        if keys and all(k in furniture and (furniture[k] == "bottom" or k in first_seen) for k in keys):
            repeated[j] = "bottom" if any(furniture[k] == "bottom" for k in keys) else "top"
        first_seen.update(k for k in keys if k in furniture)
    stamps = {p.number: p.stamps for p in pages if p.stamps}
    return [_document([blocks[j] for j in idx], furniture, stamps) for idx in _Cutter(blocks, blank, repeated).run()]


def _document(blocks: list[_Block], furniture: dict[str, str], stamps: dict[int, list[dict]]) -> Document:
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    first_seen: set[str] = set()
    read: list[tuple[int, str]] = []
    offset = 0
    for b in blocks:
        if not starts or starts[-1][1] != b.page:
            starts.append((offset, b.page))
        for stamp in stamps.get(b.page, []):
            at = b.text.find(stamp["line"]) if stamp["line"] else -1
            if at >= 0:
                read.append((offset + at, stamp["text"]))
        for m in re.finditer(r"[^\n]+", b.text):
            key = _furniture_key(m.group())
            side = furniture.get(key)
            if side == "bottom" or side == "top" and key in first_seen:
                spans.append((offset + m.start(), offset + m.end(), side))
            if side:
                first_seen.add(key)
        parts.append(b.text)
        offset += len(b.text) + 2
    return Document("\n\n".join(parts), starts, spans, read)
