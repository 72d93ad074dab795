"""The numbered items of minutes: the délibérations a procès-verbal or compte rendu records.

Minutes are one record dated by their séance; the délibérations they record stay findable inside it as
sections: each numbered item's number, its title and where it starts ("Délibération n° 2020-045 : Budget
primitif", "2021-014 – Travaux de voirie", "3. Subvention au comité des fêtes", "Point n° 4 : …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import lines

# a délibération's own number: "Délibération n° 2020-045", "DCM n°24-12/126", "D 2021.14", "N° 2019/32"
_NUMBERED = re.compile(
    r"^\s*(?:(?:d[ée]lib[ée]ration|d\.?c\.?m\.?|d[ée]cision|point|objet|affaire|rapport|question)\s*)?"
    r"n\s*[°º o]\s*(?P<num>[\w./-]*\d[\w./-]*)\s*[:–—-]?\s*(?P<title>.*)$", re.I)
# a project number opening the line: "2021-014 – Travaux", "24-12/126 : Budget", "V18 2023 03 – Vœu …"
_CODED = re.compile(r"^\s*(?P<num>\d{2,4}[-./]\d{1,4}(?:[-./]\d{1,4})?|[A-Z]{1,4}\d{0,2}\s\d{4}\s\d{1,3})\s*[:–—-]\s*"
                    r"(?P<title>\S.*)$")
# a list item of the ordre du jour in minutes: "3. Subvention …", "3 – FINANCES – …", "III. Urbanisme"
_ITEM = re.compile(r"^\s*(?P<num>\d{1,2}|[IVX]{1,5})\s*[.)–—-]\s+(?P<title>[A-ZÀ-Ý][^\n]{3,})$")


@dataclass
class Section:
    number: str
    title: str
    start: int
    end: int


def find_sections(text: str) -> list[Section]:
    """The numbered items of minutes, in order; each runs to the next one (the last to the text's end)."""
    found: list[tuple[str, str, int]] = []
    items: list[tuple[str, str, int]] = []
    for line in lines(text):
        flat = line.flat
        if len(flat) > 220:
            continue
        m = _NUMBERED.match(flat) or _CODED.match(flat)
        if m and m.group("title").strip(" .:") and not flat.lower().startswith(("vu ", "considérant")):
            found.append((m.group("num").strip(" .:"), _title(m.group("title")), line.start))
            continue
        m = _ITEM.match(flat)
        if m and (len(flat) <= 120 or not re.search(r"[.;]\s*$", flat)):
            items.append((m.group("num"), _title(m.group("title")), line.start))
    # numbered délibérations when the minutes give them, else the items of the agenda they follow; an item listed
    # in the ordre du jour and then discussed is the discussion (its last occurrence)
    chosen = found if len(found) >= 2 else items if len(items) >= 2 else found
    chosen = sorted({num: (num, title, start) for num, title, start in chosen}.values(), key=lambda x: x[2])
    out = []
    for k, (num, title, start) in enumerate(chosen):
        end = chosen[k + 1][2] if k + 1 < len(chosen) else len(text)
        out.append(Section(num, title, start, end))
    return out


def _title(raw: str) -> str:
    title = " ".join(raw.split()).strip(" :–—-")
    return title if len(title) <= 160 else title[:157].rsplit(" ", 1)[0] + "…"
