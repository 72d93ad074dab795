"""Build the fourth held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout4/annotate.py

Two dossiers aimed at what the first three sets lack:

- ``dossier-pistes-rivoli-cdp-2022``: Conseil de Paris papers as a scan's OCR gives them. A vœu "déposé
  par le groupe Écologiste de Paris relatif à …" adopted with a vote count in brackets ("(Pour : 97 ;
  Contre : 45 ; Abstention : 9)"), a délibération "2022 DVD 58 : …" ("Le Conseil de Paris, siégeant en
  formation de Conseil municipal, Vu … Délibère : Article 1 : …") over three pages, a vœu "repoussé", a
  traffic arrêté with a long "Vu" chain citing laws and decrees, "ARTICLE 1er" headings and "Le présent
  arrêté entre en vigueur le lendemain de sa publication". OCR damage: words hyphenated across lines
  ("sécu-/rité"), "l9 mai", "ler octobre", "l0 août", "2O19", "Mrne", stray "|" and "«" at line starts,
  a running footer "Conseil de Paris – Séance des 5, 6, 7 et 8 juillet 2022 – 2/5" on every page.
- ``dossier-square-serpollet-18e-2021``: a citizen's letter to a nameless "Madame la Maire" ("Paris, le
  02/03/2021", "Objet :", "P.J. :", signed by name only), the adjoint's reply ("N/Réf.", "V/Réf.",
  "Affaire suivie par", "courant mars", "l2 avril 2021", "Copie :"), the minutes of a conseil de quartier
  ("Présent(e)s :", "Excusé(e)s :", "Ordre du jour : 1) … 2) …", "de 19h à 21h30", budgets "8 264 €",
  "3 306,50 €"), an arrêté starting mid-page under the minutes ("Vu la loi n° 2019-1461 du 27 décembre
  2019", a "- 2 -" page number inside its Vu chain), the citizen's follow-up starting mid-page under the
  arrêté ("Paris, le 7.6.2021", signed "B. Collignon" under his letterhead "Bernard COLLIGNON").

Decisions, following ``/work/shared/eval/GUIDELINES.md`` and the earlier sets:

- OCR-damaged dates ("l9 mai 2022", "ler octobre 2022", "2O19", "l2 avril 2021") are the dates they
  stand for and are required: an archivist searches for the date, not for the OCR error.
- The year inside a law's or decree's number ("loi n° 2019-1461", "décret n° 2020-1310"), a deliberation's
  or an arrêté's number ("2022 DVD 58", "2021 P 10322") or a reference ("CAB/EV/2021-0347") is an
  identifier: optional. The date the law or decree was signed ("du 27 décembre 2019") is required.
- A session held over several days ("Séance des 5, 6, 7 et 8 juillet 2022") refers to each of those
  days; the running footer repeats it on every page, so every document of that dossier refers to them.
  The own date of a vœu or délibération voted in that session is its first day (2022-07-05).
- A nameless addressee ("Madame la Maire / Mairie du 18e arrondissement") names nobody: no addressee is
  required, and a record naming her by her function ("Maire du 18e arrondissement") is not penalised
  (optional, as in ``eval/heldout``). A "Copie :" to a nameless official is nobody either.
- A private citizen signs without a function: his function is empty (any function is accepted). His
  follow-up is signed "B. Collignon" under the letterhead "Bernard COLLIGNON": the signatory is Bernard
  Collignon.
- People who propose a vœu ("Sur proposition de …") or report a délibération are optional signatories;
  "Affaire suivie par" names a contact, not a signatory. The attendees of minutes are not signatories.
- A vote count is a count; article numbers ("L. 2213-1"), "covid-19", "3e Commission", times of day and
  the numbers of an agenda ("1) … 2) …") are not figures; "trois reprises" is optional.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

SESSION = ["2022-07-05", "2022-07-06", "2022-07-07", "2022-07-08"]
MAIRE_18 = person("Maire du 18e arrondissement", "Maire du 18e arrondissement")

DOSSIERS = {
    "dossier-pistes-rivoli-cdp-2022": [
        dict(start="CONSEIL DE PARIS\nSéance", type="voeu",
             title="Vœu déposé par le groupe Écologiste de Paris relatif à la sécurisation des pistes cyclables "
                   "de la rue de Rivoli et du boulevard de Sébastopol",
             date="2022-07-05",
             signatories=[],
             optional_signatories=[person("Fatima KHELIFI", "")],
             addressees=[],
             dates=SESSION + ["2019", "2021", "2022-05-19", "2022", "2022-10-01"],
             figures=fig((38, "percent"), (11000, "count"), (214, "count"), (9, "count"), (2.4, "measure"),
                         (650000, "money"), (18, "duration"), (97, "count"), (45, "count"))),
        dict(start="2022 DVD 58 :", type="deliberation",
             title="2022 DVD 58 : Aménagement de la piste cyclable de la rue de Rivoli (1er et 4e "
                   "arrondissements). Approbation des modalités de réalisation et demande de subvention",
             date="2022-07-05",
             signatories=[],
             optional_signatories=[person("Damien ROUSSEL-AUBRY", "")],
             addressees=[],
             dates=SESSION + ["2021-06-08", "2021-06-09", "2021-06-10", "2021", "2026", "2022-06-21",
                              "2022-06-27", "2022"],
             figures=fig((3.1, "measure"), (4850000, "money"), (50, "percent"), (112, "count"), (38, "count"),
                         (12, "count"))),
        dict(start="Vœu déposé par le groupe Changer Paris", type="voeu",
             title="Vœu déposé par le groupe Changer Paris relatif au stationnement des deux-roues motorisés "
                   "dans le 1er arrondissement",
             date="2022-07-05",
             signatories=[],
             optional_signatories=[person("Arnaud DELCOURT-VIGNAL", "")],
             addressees=[],
             dates=SESSION + ["2020", "2022-09-01", "2023"],
             figures=fig((2500, "count"), (1000, "count"), (41, "count"), (102, "count"), (6, "count"))),
        dict(start="VILLE DE PARIS\nDirection", type="arrete",
             title="Arrêté n° 2022 T 14718 modifiant, à titre provisoire, les règles de la circulation générale "
                   "rue de Rivoli, à Paris 1er et 4e arrondissements",
             date="2022-08-10",
             signatories=[person("Nadège FOURCROY-LEBLANC", "L'Ingénieure des Travaux, cheffe de la Section "
                                                           "territoriale de voirie Centre")],
             addressees=[],
             dates=SESSION + ["2019-12-24", "2020-10-29", "2021-02-03", "2022-08-22", "2022-09-30",
                              "2022-08-10"],
             optional_dates=["2019", "2020", "2021", "2022"],
             figures=fig((800, "measure"))),
    ],
    "dossier-square-serpollet-18e-2021": [
        dict(start="Bernard COLLIGNON\n14, rue Duhesme\n", type="lettre",
             title="Lettre de Bernard Collignon, riverain, à la Maire du 18e arrondissement : nuisances au "
                   "square Léon-Serpollet",
             date="2021-03-02",
             signatories=[person("Bernard COLLIGNON", "")],
             addressees=[],
             optional_addressees=[MAIRE_18],
             # "depuis l'été 2020"; "le 15 février dernier", "depuis janvier", "le 18 janvier" (2021).
             dates=["2021-03-02", "1998", "2020", "2021-02-15", "2021-01", "2021-01-18"],
             figures=fig((4, "count"), (6, "measure"), (127, "count")),
             optional_figures=fig((3, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\nCabinet", type="lettre",
             title="Lettre de Mourad Belkacem, Adjoint à la Maire du 18e, à Bernard Collignon",
             date="2021-03-29",
             signatories=[person("Mourad BELKACEM", "Adjoint à la Maire du 18e arrondissement chargé des espaces "
                                                    "verts et de la propreté")],
             addressees=[person("Bernard COLLIGNON", "")],
             optional_addressees=[MAIRE_18],
             # "courant mars"; "du 1er avril au 31 octobre", "le 20 mai" (2021).
             dates=["2021-03-29", "2021-03-02", "2021-03", "2021-04-12", "2021-04-01", "2021-10-31",
                    "2021-05-20"],
             optional_dates=["2021"],
             figures=fig((8264, "money"), (4, "count"))),
        dict(start="Conseil de quartier Clignancourt", type="compte_rendu",
             title="Conseil de quartier Clignancourt – Jules Joffrin : compte rendu de la réunion plénière du "
                   "jeudi 20 mai 2021",
             date="2021-05-20",
             signatories=[],
             addressees=[],
             dates=["2021-05-20", "2021-04-14", "2021-06-01", "2021-09-30", "2021", "2021-06-26", "2021-09-23"],
             figures=fig((38, "count"), (8264, "money"), (3306.5, "money"), (2500, "money"), (12, "count"),
                         (1200, "money"), (31, "count"), (2, "count"), (3, "duration"))),
        dict(start="Ville de Paris\nArrêté", type="arrete",
             title="Arrêté n° 2021 E 0412 portant réglementation des horaires d'ouverture du square "
                   "Léon-Serpollet (18e)",
             date="2021-05-25",
             signatories=[person("Carine DELAUNAY-PETIT", "La Directrice des Espaces verts et de "
                                                         "l'environnement")],
             addressees=[],
             dates=["2021-05-25", "2019-12-27", "2014-03-13", "2021-05-20", "2021-06-01", "2021-09-30"],
             optional_dates=["2019", "2021"],
             figures=fig((3400, "measure"))),
        dict(start="Bernard COLLIGNON\n14, rue Duhesme –", type="lettre",
             title="Lettre de Bernard Collignon à Mourad Belkacem, Adjoint à la Maire du 18e",
             date="2021-06-07",
             signatories=[person("Bernard COLLIGNON", "")],
             addressees=[person("Mourad BELKACEM", "Adjoint à la Maire du 18e arrondissement")],
             # "le l4 avril", "du 25 mai dernier", "depuis le 1er juin", "en mars" (2021); "la saison 2022".
             dates=["2021-06-07", "2021-04-14", "2021-05-25", "2021-06-01", "2021-03", "2022"],
             optional_dates=["2021"],
             figures=fig((5, "count"), (127, "count"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
