"""Build the sixth held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout6/annotate.py

Two dossiers aimed at what the first five sets lack:

- ``dossier-bus-26-depute-2019``: a députée's letter under an "ASSEMBLÉE NATIONALE / RÉPUBLIQUE FRANÇAISE"
  letterhead ("Députée de Paris (15e circonscription)", "Bien à vous,", a "P.S. :" after the signature) to
  the PDG of the RATP; the reply of a RATP network director ("Madame la Députée,", "au 2e trimestre 2019",
  "150 k€", "0,5 %", "en 2024-2025", "d'ici 2030"); a question écrite with its réponse ministérielle as the
  JO prints them ("Question publiée au JO le 12/03/2019 page 2345"); the députée's newsletter, a "compte
  rendu de mandat" ("N° 6 – Été 2019", "1/3 de mes amendements").
- ``dossier-rue-plaine-20e-2024``: papers of the 20e arrondissement, not the 18e: a vœu of a conseil de
  quartier (not of a council: "Le conseil de quartier …, réuni en séance plénière le …, Demande : – que …",
  "Adopté par 42 voix pour, 3 voix contre et 5 abstentions", "d'ici le 31/12"); the minutes of one of its
  commissions with numbered agenda points; the maire's letter "Chère Madame, chère amie," closing "Bien à
  vous," with a "P.S. :"; an "arrêté portant délégation de signature" naming delegates; a letter of an
  AP-HP hospital director signed "Dr …".

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets:

- Types: a question écrite with its réponse, and a député's newsletter, are ``autre``; the vœu of a conseil
  de quartier is a ``voeu``; a commission's minutes are a ``compte_rendu``.
- Own dates: a question écrite is dated by its publication at the JO; a newsletter by its issue ("Été
  2019" → 2019); a conseil de quartier's vœu by its plenary session.
- Signatories: the author of a question écrite and of a newsletter writes in her own name but signs
  neither: optional. The delegates an arrêté names are neither signatories nor addressees. "Dr" is a
  civility, not part of the name. The animator of a commission is optional.
- Dates: "au 2e trimestre 2019" gives the year; "au 2e trimestre" without a year is optional; "le 31/12"
  and "le 13 juin" take the document's year; "en 2024-2025" and "la période 2016-2020" give both years;
  "d'ici 2030" gives 2030. The JO page numbers and identifiers ("n° 2024-20-017", "DB/2019-0112") are no
  dates (their years are optional).
- Figures: "45 minutes", "toutes les 7 minutes", "en 2 heures" are durations; "2 h 30" (a duration in two
  units) is optional; "0,5 %" is 0.5 percent; "150 k€" is 150000 euros; "3 000 m²" a measure; "42 km/h" a
  measure; "1/3" is optional (a fraction, as in ``eval/heldout5``); "24 heures sur 24" is optional; vote
  counts are counts; "N° 6" of a newsletter, "L. 2511-27", JO page numbers and phone numbers are not figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

DEPUTEE = person("Pauline MARCHAND-OKAFOR", "Députée de Paris (15e circonscription)")
MAIRE_20 = person("Karim BELHADJ-ROUSSEAU", "Maire du 20e arrondissement")
THIRD = fig((1 / 3, "count"), (33.3, "percent"))

DOSSIERS = {
    "dossier-bus-26-depute-2019": [
        dict(start="ASSEMBLÉE NATIONALE", type="lettre",
             title="Lettre de Pauline Marchand-Okafor, Députée de Paris, au Président-directeur général de la RATP",
             date="2019-02-04",
             signatories=[DEPUTEE],
             addressees=[person("Jean-Baptiste DELORME", "Président-directeur général de la RATP")],
             # "depuis l'automne 2018".
             dates=["2019-02-04", "2018", "2019-02-18"],
             figures=fig((45, "duration"), (75, "percent"), (3000, "measure"), (1250, "count")),
             optional_figures=fig((2.5, "duration"), (2, "duration"), (30, "duration"), (150, "duration"))),
        dict(start="RATP\nDirection des Bus", type="lettre",
             title="Lettre de Thierry N'Diaye-Lefort, Directeur du réseau Bus de la RATP, à Pauline "
                   "Marchand-Okafor, Députée de Paris",
             date="2019-03-01",
             signatories=[person("Thierry N'DIAYE-LEFORT", "Directeur du réseau Bus")],
             addressees=[person("Pauline MARCHAND-OKAFOR", "Députée de Paris")],
             # "votre courrier du 4 février dernier"; "au 2e trimestre 2019"; "en 2024-2025"; "d'ici 2030".
             dates=["2019-03-01", "2019-02-04", "2019", "2024", "2025", "2030"],
             figures=fig((6, "count"), (150000, "money"), (7, "duration"), (0.5, "percent")),
             optional_figures=fig((1, "duration"))),
        dict(start="15e législature", type="autre",
             title="Question écrite n° 17245 de Pauline Marchand-Okafor sur la qualité de service des bus dans "
                   "l'est parisien, et réponse du ministère chargé des transports",
             date="2019-03-12",
             signatories=[],
             optional_signatories=[person("Pauline Marchand-Okafor", "")],
             addressees=[],
             dates=["2019-03-12", "2019-05-28", "2016", "2020", "2018"],
             figures=fig((95, "percent"), (1000, "count"), (400000000, "money"))),
        dict(start="LA LETTRE DE VOTRE DÉPUTÉE", type="autre",
             title="La lettre de votre députée, n° 6, été 2019 : compte rendu de mandat de Pauline "
                   "Marchand-Okafor",
             date="2019",
             signatories=[],
             optional_signatories=[person("Pauline Marchand-Okafor", "15e circonscription de Paris")],
             addressees=[],
             dates=["2019", "2017-06", "2019-05-28", "2019-09-19"],
             figures=fig((48, "count"), (600, "count"), (12, "count"), (3, "count")),
             optional_figures=THIRD),
    ],
    "dossier-rue-plaine-20e-2024": [
        dict(start="Conseil de quartier Plaine – Lagny\nMairie", type="voeu",
             title="Vœu du conseil de quartier Plaine – Lagny relatif à la sécurisation des abords de l'école "
                   "de la Plaine",
             date="2024-03-14",
             signatories=[],
             addressees=[],
             # "septembre 2024"; "budget participatif 2024-2025"; "d'ici le 31/12" in 2024.
             dates=["2024-03-14", "2023", "2024-09", "2024", "2025", "2024-12-31"],
             figures=fig((400, "count"), (3, "count"), (42, "measure"), (30, "measure"), (25000, "money"),
                         (42, "count"), (5, "count"))),
        dict(start="COMMISSION ESPACE PUBLIC", type="compte_rendu",
             title="Compte rendu de la commission Espace public et mobilités du conseil de quartier Plaine – "
                   "Lagny, 2 avril 2024",
             date="2024-04-02",
             signatories=[],
             optional_signatories=[person("Hélène VAUQUELIN", "")],
             addressees=[],
             dates=["2024-04-02", "2024-03-14", "2024-03-26", "2023-03", "2024-05-07"],
             optional_dates=["2024"],
             figures=fig((14, "count"), (1830, "count"), (2, "duration"), (18, "percent"))),
        dict(start="MAIRIE DU 20e ARRONDISSEMENT\n6, place", type="lettre",
             title="Lettre de Karim Belhadj-Rousseau, Maire du 20e arrondissement, à Hélène Vauquelin, "
                   "coordinatrice du conseil de quartier Plaine – Lagny",
             date="2024-04-18",
             signatories=[MAIRE_20],
             addressees=[person("Hélène VAUQUELIN", "Coordinatrice du conseil de quartier Plaine – Lagny")],
             # "le 14 mars dernier", "le 31/12" and "le 13 juin" in April 2024.
             dates=["2024-04-18", "2024-03-14", "2024-09-02", "2024-12-31", "2024-06-13"],
             figures=fig((38000, "money"), (3, "duration"))),
        dict(start="MAIRIE DU 20e ARRONDISSEMENT\n\nArrêté", type="arrete",
             title="Arrêté n° 2024-20-017 du Maire du 20e arrondissement portant délégation de signature",
             date="2024-05-02",
             signatories=[MAIRE_20],
             addressees=[],
             dates=["2024-05-02", "2020-07-04", "2022-09-15"],
             optional_dates=["2024"],
             figures=fig((15000, "money"))),
        dict(start="AP-HP", type="lettre",
             title="Lettre de Claire Oberthur-Mbaye, Directrice de l'Hôpital Tenon (AP-HP), au Maire du 20e "
                   "arrondissement",
             date="2024-06-13",
             signatories=[person("Claire OBERTHUR-MBAYE", "Directrice de l'Hôpital Tenon")],
             addressees=[MAIRE_20],
             dates=["2024-06-13", "2024-07-01", "2024-08-31", "2023", "2025"],
             figures=fig((2, "count"), (31500, "count"), (1200000, "money")),
             optional_figures=THIRD + fig((24, "duration"), (24, "count"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
