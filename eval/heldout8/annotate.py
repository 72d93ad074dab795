"""Build the eighth held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout8/annotate.py

One dossier aimed at what the first seven sets test least: several documents sharing a page.

- ``dossier-marche-aligre-12e-2022``: papers of the 12e arrondissement on the marché d'Aligre. A merchant's
  letter whose letterhead is his name and address on one line ("Marcel Ribeiro-Thomas, 14 rue d'Aligre,
  75012 Paris"), with no "Paris, le" line but a date in its signature block ("Le 12 avril 2022,"); on the
  same page, with no blank line or capitals heading between them, the maire's reply under a one-line
  letterhead ("Claire Montaubin, Maire du 12e arrondissement, 130 avenue Daumesnil, 75012 Paris"), which
  runs onto the next page; right under its signature a vœu whose heading is in sentence case ("Vœu relatif à
  …", "Déposé par", "Considérant", "Adopté à l'unanimité lors de la séance du …"); right under the vœu an
  undated letter of a merchants' association to an adjoint ("La Présidente, / Nadia Kessler"); on the last
  page a note with no "NOTE" heading ("À l'attention de Madame …", "De : …", "Objet : …", dated in its
  signature block), a "Communiqué de presse" in sentence case right under it, and right under the
  communiqué's contact line the adjoint's reply, under a one-line letterhead, dated in its signature block.

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets:

- Types: the note "À l'attention de" is a ``note``; the communiqué is a ``communique``.
- Own dates: a date in the signature block ("Le 12 avril 2022,") is the letter's or note's own date; the
  association's letter has none (``null``); the vœu is dated by its séance.
- Signatories: a private citizen signs without a function (empty, any accepted); "La Présidente," →
  "Présidente" (as in ``eval/heldout7``); the élue filing a vœu is optional (as in ``eval/heldout2``); a
  press contact is nobody. The note's addressee, named, is required.
- Dates: "le 1er mars" in April 2022 → 2022-03-01; "entre octobre et décembre 2021" gives both months;
  "le 17 mai prochain" → 2022-05-17; "en octobre" in a letter of July 2022 about a coming vote → 2022-10;
  "depuis 1987", "construite en 1843" are years; "du 15 décembre 2023 au 2 janvier 2024" gives both days.
- Figures: "avant 7 heures" and "à 19h" are times of day, not figures; "30 minutes" and "14 mois" are
  durations; "une trentaine" → 30; "2,4 millions d'euros" → 2400000; "300 m²", "450 m²" are measures;
  "01 44 68 12 12" and street numbers are not figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

MAIRE_12 = person("Claire Montaubin", "Maire du 12e arrondissement")
RIBEIRO = person("Marcel Ribeiro-Thomas", "")
FERRAND = person("Julien Ferrand", "Adjoint à la Maire de Paris chargé du commerce et de l'artisanat")
KESSLER = person("Nadia Kessler", "Présidente de l'Association des commerçants du marché d'Aligre")

DOSSIERS = {
    "dossier-marche-aligre-12e-2022": [
        dict(start="Marcel Ribeiro-Thomas, 14 rue", type="lettre",
             title="Lettre de Marcel Ribeiro-Thomas, commerçant du marché d'Aligre, à la Maire du 12e "
                   "arrondissement sur l'horaire des livraisons",
             date="2022-04-12",
             signatories=[RIBEIRO],
             addressees=[MAIRE_12],
             dates=["2022-04-12", "1987", "2022-03-01"],
             figures=fig((42, "count"), (30, "count"), (6, "duration"))),
        dict(start="Claire Montaubin, Maire du 12e arrondissement, 130", type="lettre",
             title="Réponse de la Maire du 12e arrondissement à Marcel Ribeiro-Thomas",
             date="2022-05-03",
             signatories=[MAIRE_12],
             addressees=[RIBEIRO],
             dates=["2022-05-03", "2022-04-12", "2021-10", "2021-12", "2022-05-17"],
             figures=fig((150, "count"), (30, "duration"))),
        dict(start="Vœu relatif à la rénovation", type="voeu",
             title="Vœu du Conseil du 12e arrondissement relatif à la rénovation de la halle du marché Beauvau",
             date="2022-05-16",
             signatories=[],
             optional_signatories=[person("Lucie Garnier-Bah", "")],
             addressees=[],
             dates=["2022-05-16", "1843", "2004", "2021-06", "2023"],
             figures=fig((300, "measure"), (12, "count"), (26, "count"), (2400000, "money"))),
        dict(start="Association des commerçants du marché d'Aligre –", type="lettre",
             title="Lettre de l'Association des commerçants du marché d'Aligre à l'adjoint chargé du commerce",
             date=None,
             signatories=[person("Nadia Kessler", "Présidente")],
             addressees=[FERRAND],
             dates=["2022-05-16", "2020"],
             figures=fig((68, "count"), (25, "percent"), (12, "count"), (5000, "money"))),
        dict(start="À l'attention de Madame Claire", type="note",
             title="Note du directeur général des services à la Maire du 12e arrondissement sur les travaux "
                   "de la halle Beauvau",
             date="2022-06-20",
             signatories=[person("Hugo Delacroix", "Directeur général des services")],
             addressees=[MAIRE_12],
             dates=["2022-06-20", "2023-01", "2022-06-28"],
             figures=fig((14, "duration"), (450, "measure"), (2400000, "money"), (60, "percent"),
                         (40, "percent"))),
        dict(start="Communiqué de presse", type="communique",
             title="Communiqué de presse de la Mairie du 12e : la halle Beauvau sera rénovée en 2023",
             date="2022-06-24",
             signatories=[],
             addressees=[],
             dates=["2022-06-24", "2023", "2023-01", "2022-07-05"],
             figures=fig((2400000, "money"), (14, "duration"), (26, "count"))),
        dict(start="Julien Ferrand, Adjoint à la Maire de Paris, Hôtel", type="lettre",
             title="Réponse de l'adjoint chargé du commerce à la présidente de l'Association des commerçants "
                   "du marché d'Aligre",
             date="2022-07-11",
             signatories=[FERRAND],
             addressees=[KESSLER],
             dates=["2022-07-11", "2023-12-15", "2024-01-02", "2022-10"],
             figures=fig((3000, "money"), (12, "count"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
