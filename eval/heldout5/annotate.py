"""Build the fifth held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout5/annotate.py

Two dossiers aimed at what the first four sets lack:

- ``dossier-nuits-goutte-dor-18e-2021``: a long dossier whose documents are separated by blank pages: an
  open letter ("LETTRE OUVERTE") of a residents' collective to two named addressees at once ("Monsieur le
  Préfet de Police, Monsieur le Maire,"), "Premiers signataires : …" with names in natural case and of
  non-French origin; the reply "à l'attention de Monsieur …" signed by two élus side by side (two functions
  on one line, two names on the next, one a particle name); an invitation card ("… a le plaisir de vous
  convier …"); a "RELEVÉ DE DÉCISIONS"; a budget annex whose table puts HT and TTC amounts in columns with
  a "Total" and a "dont"; a press clipping ("Le Parisien – 9 juillet 2021", "Par …").
- ``dossier-jardin-pajol-18e-2022``: a Conseil de Paris projet de délibération whose "EXPOSÉ DES MOTIFS"
  ("Mesdames, Messieurs, … Je vous prie … de bien vouloir en délibérer. La Maire de Paris") is followed on
  the next page by the délibération under the same title; a blank page; a convention ("Entre les soussignés
  : … Il a été convenu ce qui suit : … Fait à Paris, le …", two signatures side by side preceded by
  "Signé :"); a petition's summary; an adjoint's letter signed "(signé)" then "P. ABDALLAH-ROUSSEL".

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets (where GUIDELINES leaves a
case open the value is optional, as said here):

- Types: an open letter addressed to named people is a ``lettre``; an invitation card, a convention, a
  petition, a budget annex and a press article (written by a journalist, not issued by the institution as a
  communiqué) are ``autre``; a "Relevé de décisions" of a meeting is a ``compte_rendu``. The exposé des
  motifs and the délibération it introduces are one document (``deliberation``): the Conseil de Paris
  publishes them as one projet under one number and title ("2022 DEVE 45"), the exposé ending in "bien
  vouloir en délibérer".
- Own dates: a document's own date as GUIDELINES says; an invitation's event date and an annex's budget
  period are not their own date (``null``); a petition's "Résultat au 30 novembre 2022" dates the summary;
  a press clipping is dated by its publication line; a délibération voted in a session is dated by the
  session's first day (as in ``eval/heldout4``).
- Signatories: a collective ("Le collectif …") signs as nobody; the individuals listed as "Premiers
  signataires" are optional; a journalist's by-line is optional; a nameless "La Maire de Paris" is nobody.
  Two élus signing side by side are both signatories; "Signé :" and "(signé)" are not part of a name; an
  initial and a surname ("P. ABDALLAH-ROUSSEL") name the person. The two parties signing a convention in
  their own name on behalf of their institutions are its signatories.
- Dates: seasons and quarters give their year ("au printemps 2022", "au 1er trimestre 2023" → the year; a
  quarter is no calendar month); a school year "2020-2021" gives both years; "entre le 15 et le 20 mai"
  and "la nuit du 13 au 14 juillet" give both days ("dernier" in June 2021 → 2020); "du 28/06 au
  02/07/2021" gives both days; "mi-septembre" gives the month. "le 14-Juillet" names a holiday: optional.
  Relative expressions ("lundi dernier", "en fin d'année", "l'an dernier", "Lundi soir") are not dates
  (what they resolve to is optional). A recurring month ("payable au mois de janvier") is optional.
  Years inside identifiers ("2022 DEVE 45", "2019 DEVE 112") are optional.
- Figures: ranges give both ends ("entre 15 et 20 %" → 15 and 20 percent; "de 30 à 40 agents" → 30 and
  40); "près de", "plus de" keep the number; "45 k€" → 45000, "1,2 M€" → 1200000; every amount of a table
  (HT and TTC, totals, "dont") is a figure; "euros par mois" is money; m2, m3, ha, kWh and décibels are
  measures. GUIDELINES does not settle fractions in words ("la moitié", "un tiers"), percentage points
  ("+2,3 points"), multipliers ("x2") and ratios ("1 habitant sur 5"): optional. Table headings ("ANNEXE
  1", "Décision 2"), article numbers and times of day ("de 22h à 2h", "19 heures") are not figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

MAIRE_18 = person("Éric DESCHAMPS-NAVARRE", "Maire du 18e arrondissement")
ADJOINTE_18 = person("Marie-Hélène de SAINT-JUST", "Première adjointe")
PRESIDENTE = person("Nguyen Thi Lan", "Présidente de l'association « Les Jardins de la Chapelle »")
FRACTIONS = fig((0.5, "count"), (50, "percent"), (1 / 3, "count"), (33.3, "percent"), (2, "count"))
SESSION = ["2022-10-11", "2022-10-12", "2022-10-13"]

DOSSIERS = {
    "dossier-nuits-goutte-dor-18e-2021": [
        dict(start="COLLECTIF « VIVRE", type="lettre",
             title="Lettre ouverte du collectif « Vivre à la Goutte d'Or » au Préfet de Police et au Maire du "
                   "18e arrondissement",
             date="2021-06-07",
             signatories=[],
             optional_signatories=[person("Nguyen Van Thanh", ""), person("Mohamed Ben Abdallah", ""),
                                   person("Fatima Benali", ""), person("Odile Marchetti", "")],
             addressees=[person("Laurent VASSEUR-KERMAREC", "Préfet de Police"), MAIRE_18],
             # "le printemps 2020"; "la nuit du 13 au 14 juillet dernier" in June 2021 is 2020.
             dates=["2021-06-07", "2020", "2021-05-15", "2021-05-20", "2020-07-13", "2020-07-14"],
             figures=fig((85, "measure"), (2000, "count"), (300, "count"), (14, "count"), (30, "count"),
                         (40, "count"), (6, "count")),
             optional_figures=fig((3, "duration"), (1, "count"), (5, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\n\nParis, le 28 juin", type="lettre",
             title="Lettre d'Éric Deschamps-Navarre, Maire du 18e arrondissement, et de Marie-Hélène de "
                   "Saint-Just, Première adjointe, au collectif « Vivre à la Goutte d'Or »",
             date="2021-06-28",
             signatories=[MAIRE_18, ADJOINTE_18],
             addressees=[person("Nguyen Van Thanh", "")],
             dates=["2021-06-28", "2021-06-07", "2021-07-02", "2021-09", "2022", "2021-07-05"],
             figures=fig((45000, "money"), (90000, "money"), (15, "percent"), (20, "percent")),
             optional_figures=fig((2, "count"))),
        dict(start="Le Maire du 18e arrondissement\na le plaisir", type="autre",
             title="Invitation du Maire du 18e arrondissement à la réunion publique « Tranquillité et vie "
                   "nocturne à la Goutte d'Or » du 5 juillet 2021",
             date=None,
             signatories=[],
             addressees=[],
             dates=["2021-07-05"],
             figures=fig((120, "count"))),
        dict(start="RELEVÉ DE DÉCISIONS", type="compte_rendu",
             title="Relevé de décisions de la réunion publique du 5 juillet 2021, salle Saint-Bruno",
             date="2021-07-05",
             signatories=[],
             addressees=[],
             dates=["2021-07-05", "2021-09-20"],
             optional_dates=["2021-07-14", "2021-12", "2021"],
             figures=fig((96, "count"), (6, "count")),
             optional_figures=FRACTIONS),
        dict(start="ANNEXE 1", type="autre",
             title="Annexe 1 – Budget prévisionnel de la médiation de nuit (juillet 2021 – juin 2022)",
             date=None,
             signatories=[],
             addressees=[],
             dates=["2021-07", "2022-06"],
             figures=fig((4, "count"), (6, "count"), (60000, "money"), (72000, "money"), (12500, "money"),
                         (15000, "money"), (2500, "money"), (3000, "money"), (75000, "money"), (90000, "money"),
                         (30000, "money"), (33.3, "percent"), (45, "money"))),
        dict(start="Le Parisien", type="autre",
             title="Le Parisien, 9 juillet 2021 : « Goutte d'Or : la mairie double le budget de la médiation "
                   "de nuit »",
             date="2021-07-09",
             signatories=[],
             optional_signatories=[person("Sophie Laurier", "")],
             addressees=[],
             # "promis pour septembre" in July 2021; "l'an dernier" is relative.
             dates=["2021-07-09", "2019", "2021-09"],
             optional_dates=["2020", "2021-07-05"],
             figures=fig((100, "count"), (90000, "money"), (45000, "money"), (27, "percent")),
             optional_figures=fig((6, "count"), (2.3, "percent"))),
    ],
    "dossier-jardin-pajol-18e-2022": [
        dict(start="CONSEIL DE PARIS\nSéance", type="deliberation",
             title="2022 DEVE 45 – Convention d'occupation du domaine public avec l'association « Les Jardins "
                   "de la Chapelle » pour un jardin partagé rue Pajol (18e)",
             date="2022-10-11",
             signatories=[],
             addressees=[],
             # "l'année scolaire 2020-2021"; "au 1er trimestre 2023"; the 2019 délibération "des 1er, 2 et 3
             # juillet 2019".
             dates=SESSION + ["2020", "2021", "2023", "2019-07-01", "2019-07-02", "2019-07-03", "2022-09-27",
                              "2022-10-03"],
             optional_dates=["2022", "2019"],
             figures=fig((1200, "measure"), (150, "count"), (30, "count"), (40, "count"), (6, "duration"),
                         (150, "money"), (1200000, "money"), (1800, "money"))),
        dict(start="CONVENTION D'OCCUPATION", type="autre",
             title="Convention d'occupation du domaine public entre la Ville de Paris et l'association « Les "
                   "Jardins de la Chapelle » : jardin partagé de la rue Pajol",
             date="2022-10-24",
             signatories=[person("Jean DE LA FONTAINE-RIVAUD", "Adjoint à la Maire de Paris chargé des espaces "
                                                              "verts"),
                          person("Nguyen Thi Lan", "Présidente")],
             addressees=[],
             dates=["2022-10-24", "2022-11-01"],
             optional_dates=["2022", "2023-01", "2022-01"],
             figures=fig((0.12, "measure"), (6, "duration"), (1800, "money"), (3500, "measure")),
             optional_figures=fig((2, "count"))),
        dict(start="PÉTITION", type="autre",
             title="Pétition « Sauvons le jardin partagé de la rue Pajol ! » : résultat au 30 novembre 2022",
             date="2022-11-30",
             signatories=[],
             addressees=[],
             dates=["2022-11-30"],
             figures=fig((2000, "count"), (12, "count"), (1437, "count"), (612, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\nCabinet", type="lettre",
             title="Lettre de P. Abdallah-Roussel, Adjoint au Maire du 18e, à Nguyen Thi Lan, Présidente de "
                   "l'association « Les Jardins de la Chapelle »",
             date="2022-12-12",
             signatories=[person("P. ABDALLAH-ROUSSEL", "Adjoint au Maire du 18e arrondissement chargé de la "
                                                       "nature en ville")],
             addressees=[PRESIDENTE],
             # "en juin" and "le samedi 14 janvier prochain" in December 2022; "lundi dernier" is relative.
             dates=["2022-12-12", "2022-10-24", "2028", "2022-06", "2023", "2023-01-14"],
             optional_dates=["2022-12-05", "2022"],
             figures=fig((2, "measure"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
