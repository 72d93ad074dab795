"""Build the ninth held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout9/annotate.py

One dossier from outside Paris, in genres the first eight sets lack:

- ``dossier-presquile-lyon-2023``: papers of the Ville de Lyon on the apaisement of the Presqu'île. A maire's
  "lettre de mission" to his adjointe under a letterhead "Le Maire de Lyon / Hôtel de Ville, 1 place de la
  Comédie, 69001 Lyon" ("Madame l'Adjointe, chère Sophie,", "120 hectares", "avant le 31 mars 2023", "budget
  primitif 2023"); a "rapport au conseil municipal" ("Rapport n° 2023/1456", "Rapporteur : Mme …", "Mesdames,
  Messieurs, …") followed by its délibération ("Vu … Ouï l'avis … DÉLIBÈRE 1- … 2- …", "(Pour : 48 ; Contre :
  15 ; Abstentions : 4)", "Pour extrait conforme, Le Maire de Lyon,"); a sous-préfet's letter ("PRÉFET DU
  RHÔNE / Liberté / Égalité / Fraternité", "Le Sous-préfet de … / à / Monsieur …", "la RD 306", "septembre
  prochain"); a communiqué of the Métropole de Lyon ("lignes de bus C3 et 27", a vice-président quoted); a
  "MOTION" adopted by the conseil municipal ("Présentée par le groupe …", "Considérant …", "Demande : - que …",
  "Adoptée par 51 voix pour, 8 voix contre et 6 abstentions"); a comité d'intérêt local's letter to the maire;
  the reply of the maire's directeur de cabinet ("Monsieur le Maire … m'a chargé de vous répondre", "Le
  Directeur de cabinet,").

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets:

- Types: a lettre de mission is a ``lettre``; the rapport and the délibération it introduces are one
  ``deliberation`` (as the exposé des motifs in ``eval/heldout5``), dated by its séance; a motion adopted by a
  council is, like a vœu, a wish the council votes without deciding anything: ``voeu``, dated by its séance.
- Signatories: the maire certifying the délibération's extract and its rapporteur are optional (as in
  ``eval/heldout3``); the vice-président quoted in the communiqué is optional; a group filing a motion is
  collective, nobody. "Le Directeur de cabinet," → "Directeur de cabinet".
- Dates: "le 9 janvier dernier" in March 2023 → 2023-01-09; "septembre prochain" in April 2023 → 2023-09;
  "les années 2023 à 2026" gives both years; "depuis le mois de mars" in June 2023 → 2023-03; the year inside
  "Rapport n° 2023/1456" and "délibération n° 2021/0987" is an identifier (optional where not also written).
- Figures: "9 maires d'arrondissement", "6 communes" are counts; "2,3 kilomètres", "120 hectares" measures;
  "8 mois", "3 ans" durations; "RD 306", the bus line "27", the list numbers "1-", "2-" and the times "18 h 30",
  "de 6 h à 11 h" are not figures; "Quatre nouvelles stations" is optional.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

MAIRE = person("Grégoire Delorme", "Maire de Lyon")
MARCHAL = person("Sophie Marchal", "Adjointe au Maire de Lyon déléguée aux mobilités et à l'espace public")
VASSEUR = person("Hélène Vasseur", "Présidente du Comité d'intérêt local Saint-Nizier – Cordeliers")

DOSSIERS = {
    "dossier-presquile-lyon-2023": [
        dict(start="Le Maire de Lyon\n\nHôtel", type="lettre",
             title="Lettre de mission du Maire de Lyon à son adjointe aux mobilités sur l'apaisement de la "
                   "Presqu'île",
             date="2023-01-09",
             signatories=[MAIRE],
             addressees=[MARCHAL],
             dates=["2023-01-09", "2023-03-31", "2023", "2021"],
             figures=fig((120, "measure"), (80000, "count"), (40, "percent"), (9, "count"),
                         (4500000, "money"))),
        dict(start="VILLE DE LYON\nCONSEIL MUNICIPAL\n\nSéance", type="deliberation",
             title="Rapport et délibération du Conseil municipal de Lyon approuvant le programme d'apaisement "
                   "de la Presqu'île",
             date="2023-03-27",
             signatories=[],
             optional_signatories=[MAIRE, person("Sophie Marchal", "Rapporteur")],
             addressees=[],
             dates=["2023-03-27", "2023-01-09", "2026", "2023", "2021-07-08"],
             optional_dates=["2021"],
             figures=fig((14, "count"), (2.3, "measure"), (350, "count"), (12000000, "money"),
                         (4500000, "money"), (30, "percent"), (48, "count"), (15, "count"), (4, "count"))),
        dict(start="PRÉFET DU RHÔNE", type="lettre",
             title="Lettre du Sous-préfet de Villefranche-sur-Saône au Maire de Lyon sur le report de trafic",
             date="2023-04-14",
             signatories=[person("Antoine Férec", "Sous-préfet de Villefranche-sur-Saône")],
             addressees=[MAIRE],
             dates=["2023-04-14", "2023-03-27", "2023-09", "2023-05-11"],
             figures=fig((6, "count"), (22000, "count"))),
        dict(start="Métropole de Lyon\n\nCOMMUNIQUÉ", type="communique",
             title="Communiqué de presse de la Métropole de Lyon sur sa participation à l'apaisement de la "
                   "Presqu'île",
             date="2023-05-02",
             signatories=[],
             optional_signatories=[person("Paul Ravier", "vice-président délégué aux déplacements")],
             addressees=[],
             dates=["2023-05-02", "2023-04-28", "2023-09", "2030"],
             figures=fig((3600000, "money"), (8, "duration"), (80, "count"), (60, "percent")),
             optional_figures=fig((4, "count"))),
        dict(start="VILLE DE LYON\nCONSEIL MUNICIPAL – SÉANCE", type="voeu",
             title="Motion du Conseil municipal de Lyon relative à la desserte des communes voisines pendant "
                   "les travaux de la Presqu'île",
             date="2023-05-22",
             signatories=[],
             addressees=[],
             dates=["2023-05-22", "2023-09", "2023-04-14", "2023-09-01"],
             figures=fig((3, "duration"), (15000, "count"), (20, "percent"), (500, "count"), (51, "count"),
                         (8, "count"), (6, "count"))),
        dict(start="Comité d'intérêt local Saint-Nizier – Cordeliers\n12", type="lettre",
             title="Lettre du Comité d'intérêt local Saint-Nizier – Cordeliers au Maire de Lyon sur les "
                   "livraisons pendant les travaux",
             date="2023-06-05",
             signatories=[person("Hélène Vasseur", "Présidente")],
             addressees=[MAIRE],
             dates=["2023-06-05", "2023-03"],
             figures=fig((230, "count"), (35, "count"))),
        dict(start="VILLE DE LYON\nCabinet", type="lettre",
             title="Réponse du Directeur de cabinet du Maire de Lyon à la présidente du Comité d'intérêt local "
                   "Saint-Nizier – Cordeliers",
             date="2023-06-26",
             signatories=[person("Mathieu Ollivier", "Directeur de cabinet")],
             addressees=[VASSEUR],
             dates=["2023-06-26", "2023-06-05", "2023-07-06"],
             figures=fig((12, "count"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
