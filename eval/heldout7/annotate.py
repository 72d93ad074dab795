"""Build the seventh held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout7/annotate.py

Two dossiers aimed at what the first six sets lack:

- ``dossier-gymnase-lormoy-2023``: budget and sport in a commune of the Essonne. An extract of the register of
  délibérations adopting a "décision modificative" whose table lists chapters with signed amounts
  ("Chapitre 011 – Charges à caractère général : + 12 500,00 €", "– 20 500,00 €") and the quorum
  ("Membres en exercice : 29 – Présents : 24 – Représentés : 3"); the procès-verbal of a later séance with
  many speakers ("M. le Maire donne la parole à Mme …", "Mme BENSAÏD : …") and three délibérations inside it
  (one document), "compte administratif 2022", "taux de la taxe foncière fixé à 20,50 %", "0,8 point",
  "un peu plus de 1 200", "environ 45 %", "convention pluriannuelle d'objectifs 2023-2026", "la rentrée
  2024", signed by the maire and the secretary; a sports club's letter asking for a grant ("saison
  2023-2024", "en juillet et août derniers", "6 semaines", "Le Président,"); an invitation to a public
  meeting ("de 19h à 21h", "2 500 m²", "120 places", "4,2 M€", "18 mois", "le mardi 7 et le mercredi 8
  novembre").
- ``dossier-bar-oberkampf-11e-2023``: a préfet de police's letter on a fermeture administrative ("Réf. :
  2023/CAB/0412 du 4 mai 2023", "Le Préfet de police / à / Monsieur …", "en septembre et octobre
  derniers", "la nuit du 22 au 23 avril", "une quinzaine de personnes", "pour une durée de 15 jours",
  signed "Pour le Préfet de police, et par délégation, La Directrice de cabinet"); the arrêté itself
  ("Article 1er", "dans un délai de 2 mois"); an avis of the architecte des bâtiments de France on a permis
  de construire ("n° PC 075 111 23 V0045", "immeuble de 1880", "6,40 mètres", "85 m²", "1,50 m"); a letter
  of a collège's principal ("La Principale / à / Monsieur …", "le mardi 6 ou le jeudi 8 juin", "Copie :").

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets:

- Types: a register extract is a ``deliberation`` dated by its séance; a procès-verbal holding several
  délibérations is one ``compte_rendu``; an invitation and an ABF avis are ``autre``.
- Own dates: the invitation has none (its event date is not its own, as in ``eval/heldout5``); the avis is
  dated by its "Paris, le …".
- Signatories: functions as the signature writes them ("Le Maire," → "Maire", "Le Président," → "Président",
  as in ``eval/heldout3``); the maire certifying an extract is optional (as in ``eval/heldout3``); the maire and the
  secretary who sign a procès-verbal are signatories (as in ``eval/heldout2``); the maire who invites with
  the council is optional; speakers in a procès-verbal are not signatories; a copy recipient named by
  function only is nobody.
- Dates: "L'an deux mille vingt-trois, le vingt-sept juin" is the séance's date written out; "en septembre
  et octobre derniers" in May 2023 gives 2022-09 and 2022-10; "en juillet et août derniers" in September
  2023 gives 2023-07 and 2023-08; "le mardi 7 et le mercredi 8 novembre", "le mardi 6 ou le jeudi 8 juin"
  give both days; "la rentrée 2024", "au printemps 2024" give the year; "saison 2023-2024" and "2023-2026"
  give both years; "un immeuble de 1880" is a year. Years inside identifiers ("n° 2023-041",
  "2023/CAB/0412", "PC 075 111 23 V0045") are optional dates, and so is the law named in "Association loi
  1901" (a legal status, not a date the letter refers to).
- Figures: the signed amounts of a décision modificative are money as written, without their sign
  ("– 20 500,00 €" → 20500; a signed value is optional); "4,2 M€" is 4200000 euros; "0,8 point" (a
  percentage point) is optional; "un peu plus de 1 200" and "environ 45 %" are the numbers; "moins de 18
  ans" is an age (duration); "2 niveaux", "120 places" are counts; "une quinzaine de personnes" → 15;
  quorum and vote counts are counts; "en un an", "il y a trois ans" are optional; "Chapitre 011", article
  numbers, a permis's number, phone numbers and street numbers ("116-118, rue") are not figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

MAIRE_LORMOY = person("Olivier FAUCHEUX", "Maire de Lormoy-sur-Yvette")
MAIRE_11 = person("François VIDAL-NGUYEN", "Maire du 11e arrondissement")
DIRCAB = person("Mathilde VASSEUR-KEMAL", "Directrice de cabinet du Préfet de police")

DOSSIERS = {
    "dossier-gymnase-lormoy-2023": [
        dict(start="COMMUNE DE LORMOY-SUR-YVETTE\nDépartement", type="deliberation",
             title="Délibération n° 2023-041 du conseil municipal de Lormoy-sur-Yvette : budget principal 2023, "
                   "décision modificative n° 1",
             date="2023-06-27",
             signatories=[],
             optional_signatories=[MAIRE_LORMOY],
             addressees=[],
             dates=["2023-06-27", "2023", "2023-06-21", "2023-04-04"],
             figures=fig((29, "count"), (24, "count"), (3, "count"), (25, "count"), (2, "count"),
                         (12500, "money"), (8000, "money"), (20500, "money"), (45000, "money")),
             optional_figures=fig((-20500, "money"), (-45000, "money"))),
        dict(start="COMMUNE DE LORMOY-SUR-YVETTE\n\nPROCÈS-VERBAL", type="compte_rendu",
             title="Procès-verbal de la séance du conseil municipal de Lormoy-sur-Yvette du 26 septembre 2023",
             date="2023-09-26",
             signatories=[person("Olivier FAUCHEUX", "Maire"), person("Amandine ROCHER", "Secrétaire de séance")],
             addressees=[],
             dates=["2023-09-26", "2023-06-27", "2022", "2021", "2023", "2026", "2024", "2023-10-12"],
             figures=fig((23, "count"), (4, "count"), (2, "count"), (1250000, "money"), (310000, "money"),
                         (6, "percent"), (21, "count"), (20.5, "percent"), (1200, "count"), (45, "percent"),
                         (18, "duration"), (38000, "money"), (27, "count")),
             optional_figures=fig((0.8, "percent"), (0.8, "count"), (0.8, "measure"), (1, "duration"))),
        dict(start="UNION SPORTIVE DE LORMOY", type="lettre",
             title="Lettre de Jean-Marc Oyono, Président de l'Union sportive de Lormoy, au Maire de "
                   "Lormoy-sur-Yvette",
             date="2023-09-04",
             signatories=[person("Jean-Marc OYONO", "Président")],
             addressees=[MAIRE_LORMOY],
             dates=["2023-09-04", "2023", "2024", "2023-07", "2023-08"],
             optional_dates=["1901"],
             figures=fig((1200, "count"), (950, "count"), (180, "count"), (6, "duration"), (14, "count"),
                         (265000, "money"), (15, "percent"), (38000, "money"), (3000, "money")),
             optional_figures=fig((3, "duration"))),
        dict(start="VILLE DE LORMOY-SUR-YVETTE", type="autre",
             title="Invitation à la réunion publique sur le projet de gymnase des Tilleuls du 12 octobre 2023",
             date=None,
             signatories=[],
             optional_signatories=[MAIRE_LORMOY],
             addressees=[],
             dates=["2023-10-12", "2024", "2025", "2023-11-07", "2023-11-08"],
             figures=fig((2500, "measure"), (120, "count"), (4200000, "money"), (40, "percent"),
                         (18, "duration"))),
    ],
    "dossier-bar-oberkampf-11e-2023": [
        dict(start="PRÉFECTURE DE POLICE\nCabinet", type="lettre",
             title="Lettre du Préfet de police (par délégation, sa directrice de cabinet) au Maire du 11e "
                   "arrondissement sur la fermeture administrative du « Zinc d'Oberkampf »",
             date="2023-05-04",
             signatories=[DIRCAB],
             addressees=[MAIRE_11],
             dates=["2023-05-04", "2023-04-13", "2022-09", "2022-10", "2023-04-22", "2023-04-23"],
             optional_dates=["2023"],
             figures=fig((9, "count"), (15, "count"), (2, "count"), (15, "duration"), (6, "duration"))),
        dict(start="PRÉFECTURE DE POLICE\n\nArrêté", type="arrete",
             title="Arrêté n° 2023-00451 du Préfet de police portant fermeture administrative d'un débit de "
                   "boissons",
             date="2023-05-04",
             signatories=[DIRCAB],
             addressees=[],
             dates=["2023-05-04", "2023-04-25", "2022-09-01", "2023-04-23"],
             optional_dates=["2023"],
             figures=fig((9, "count"), (2, "count"), (15, "duration"), (2, "duration"))),
        dict(start="MINISTÈRE DE LA CULTURE", type="autre",
             title="Avis de l'architecte des bâtiments de France sur la demande de permis de construire "
                   "n° PC 075 111 23 V0045, 116-118 rue Oberkampf",
             date="2023-05-12",
             signatories=[person("Étienne LAMBERT-DIALLO", "Architecte des bâtiments de France")],
             addressees=[],
             dates=["2023-05-12", "2023-02-14", "1880", "1997-03-03"],
             optional_dates=["2023"],
             figures=fig((2, "count"), (85, "measure"), (6.4, "measure"), (1.5, "measure"))),
        dict(start="Collège Alain-Fournier", type="lettre",
             title="Lettre de Sophie Arnaud-Tchen, Principale du collège Alain-Fournier, au Maire du 11e "
                   "arrondissement",
             date="2023-05-22",
             signatories=[person("Sophie ARNAUD-TCHEN", "Principale du collège Alain-Fournier")],
             addressees=[MAIRE_11],
             dates=["2023-05-22", "2022-09", "2023-05-04", "2023-05-16", "2023", "2023-06-06", "2023-06-08"],
             figures=fig((640, "count"), (50, "measure"), (15, "duration"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
