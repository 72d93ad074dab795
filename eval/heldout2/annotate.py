"""Build the second held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout2/annotate.py

Two real documents, and two dossiers written in other hands than ``eval/heldout``:

- ``aiglun-2015-11-04-compte-rendu``: a scanned compte rendu of a village conseil municipal
  (``/work/shared/realdocs``); its text is the scan's ground truth transcription.
- ``paris14-conseil-de-quartier-2019-11-19``: a born-digital compte rendu of a Paris conseil de quartier;
  its text is the PDF's text layer (pdfplumber, form feeds between pages).
- ``dossier-residence-chateau-landon-2022``: a letter co-signed by two élus to a housing company, its
  director's reply ("Réf. :", "Affaire suivie par", "Le Directeur général,"), a Conseil de Paris vœu
  ("Sur proposition de", "adopté à la majorité"), a tenants' association letter to a mayor.
- ``dossier-chantier-roquette-2020``: a Conseil de Paris délibération ("Délibère : Article 1 :"), the
  minutes of a conseil d'arrondissement signed by its mayor, a dated press release, a traffic arrêté
  with date ranges.

Each document is cut from the text at the first line given in ``start``; values follow
``/work/shared/eval/GUIDELINES.md`` (years inside identifiers such as "2020 DVD 12" or "n°01/2015" are
optional dates; people quoted or proposing a vœu are optional signatories; small numbers in words that
count ordinary things are optional figures).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

DOSSIERS = {
    "aiglun-2015-11-04-compte-rendu": [
        dict(start="Compte rendu du conseil municipal", type="compte_rendu",
             title="Compte rendu du conseil municipal du mercredi 4 novembre 2015",
             date="2015-11-04",
             # "Vu le maire, Daniel JUGY." and "Le secrétaire de séance, Marion JUSTRABO" sign the minutes.
             signatories=[person("Daniel JUGY", "maire"), person("Marion JUSTRABO", "secrétaire de séance")],
             addressees=[],
             dates=["2015-11-04", "2015-09-11", "2011", "2015", "2015-06-08", "2016", "2015-09-01",
                    "2015-01-09", "2015-10-01", "2015-11-27", "2015-11-30", "2014", "2020", "2015-09-24"],
             figures=fig((10000, "money"), (13570, "money"), (3600, "money"), (3, "duration"), (26, "count"),
                         (600, "money"), (60, "money"), (1, "count"), (1500, "count"), (30, "money"))),
    ],
    "paris14-conseil-de-quartier-2019-11-19": [
        dict(start="Conseil de quartier (CQ)", type="compte_rendu",
             title="Conseil de quartier (CQ) Jean Moulin-Porte d'Orléans : réunion plénière du 19 novembre 2019",
             date="2019-11-19",
             signatories=[],
             addressees=[],
             # "en janvier prochain" in November 2019.
             dates=["2019-11-19", "2020-01"],
             figures=fig((62, "count"), (196000, "money"), (7, "count"), (12, "count"), (500, "money"),
                         (1000, "money")),
             optional_figures=fig((2, "count"))),
    ],
    "dossier-residence-chateau-landon-2022": [
        dict(start="MAIRIE DU 10e ARRONDISSEMENT\nGroupe", type="lettre",
             title="Lettre de Léa Fontanel et Karim Bensalem au Directeur général de Paris Seine Habitat",
             date="2022-11-14",
             signatories=[person("Léa FONTANEL", "Conseillère de Paris"),
                          person("Karim BENSALEM", "Adjoint à la Maire du 10e arrondissement chargé du logement")],
             addressees=[person("Thierry VAUCLAIR", "Directeur général de Paris Seine Habitat")],
             optional_addressees=[person("Anne DUPONT-MARTIN", "Maire du 10e arrondissement")],
             dates=["2022-11-14", "2017", "2022-10", "2022-11-02", "2022-10-20", "2023", "2019"],
             figures=fig((15, "count"), (80, "duration"), (5, "measure"), (12, "percent"), (4800000, "money"),
                         (212, "count"), (15, "duration")),
             optional_figures=fig((2, "count"), (3, "count"))),
        dict(start="PARIS SEINE HABITAT", type="lettre",
             title="Lettre de Thierry Vauclair, Directeur général de Paris Seine Habitat, à Léa Fontanel et "
                   "Karim Bensalem",
             date="2022-12-02",
             signatories=[person("Thierry VAUCLAIR", "Directeur général")],
             addressees=[person("Léa FONTANEL", "Conseillère de Paris"),
                         person("Karim BENSALEM", "Adjoint à la Maire du 10e arrondissement")],
             dates=["2022-12-02", "2022-11-14", "2022-11-18", "2022-11-25", "2022-11-29", "2023-03-06",
                    "2023-01-17", "2022-11"],
             optional_dates=["2022"],
             figures=fig((4, "duration"), (150, "money"), (1200000, "money"), (6, "duration"), (30, "percent"),
                         (46, "count")),
             optional_figures=fig((2, "count"), (3, "count"))),
        dict(start="CONSEIL DE PARIS\nSéance", type="voeu",
             title="Vœu relatif à la résidence Château-Landon (10e)",
             date="2022-12-13",
             signatories=[],
             optional_signatories=[person("Léa FONTANEL", ""), person("Karim BENSALEM", "")],
             addressees=[],
             dates=["2022-12-13", "2022", "2019", "2023-03-06", "2023-01-31"],
             figures=fig((212, "count"), (8, "duration"), (4800000, "money"), (80000, "money"), (6, "duration"),
                         (40, "percent"), (65, "duration"), (120000, "money")),
             optional_figures=fig((2, "count"), (3, "count"), (2, "duration"))),
        dict(start="AMICALE DES LOCATAIRES", type="lettre",
             title="Lettre de Mireille Jouanneau, Présidente de l'Amicale des locataires de la résidence "
                   "Château-Landon, à la Maire du 10e arrondissement",
             date="2023-01-09",
             signatories=[person("Mireille JOUANNEAU", "Présidente")],
             addressees=[person("Anne DUPONT-MARTIN", "Maire du 10e arrondissement")],
             dates=["2023-01-09", "2022-12-13", "2023-01-17", "2022-11", "2022-10-03", "2022-11-25", "2022-10"],
             figures=fig((40, "count"), (500, "count"), (91, "duration"), (30, "percent"), (2, "duration"))),
    ],
    "dossier-chantier-roquette-2020": [
        dict(start="CONSEIL DE PARIS\nSéance", type="deliberation",
             title="2020 DVD 12 Plan de renouvellement des réseaux d'eau potable 2020-2024. Approbation du "
                   "programme et de la participation de la Ville de Paris",
             date="2020-02-04",
             signatories=[],
             optional_signatories=[person("Célestin NAVARRO", "")],
             addressees=[],
             dates=["2020-02-04", "2020", "2024", "2019-06-12", "2020-01-21"],
             optional_dates=["2019"],
             figures=fig((160, "measure"), (12400000, "money"), (35, "percent"), (4, "duration"))),
        dict(start="MAIRIE DU 11e ARRONDISSEMENT\n\nCONSEIL", type="compte_rendu",
             title="Conseil d'arrondissement du 11e : procès-verbal sommaire de la séance du jeudi 12 mars 2020",
             date="2020-03-12",
             signatories=[person("Bertrand QUÉRÉ", "Maire du 11e arrondissement")],
             addressees=[],
             dates=["2020-03-12", "2020-02-06", "2020-03-16", "2020-04-30", "2019", "2018", "2020-04-02"],
             optional_dates=["2020"],
             figures=fig((24, "count"), (30, "count"), (3, "count"), (2500000, "money"), (60, "percent"),
                         (6, "duration"), (20, "count"), (5, "count"), (2, "count"), (18500, "money"),
                         (75, "duration"), (312, "count"), (250, "count"))),
        dict(start="MAIRIE DU 11e ARRONDISSEMENT\n\nCOMMUNIQUÉ", type="communique",
             title="Rue de la Roquette : le chantier de rénovation du réseau d'eau reporté au mois de mai",
             date="2020-04-03",
             signatories=[],
             optional_signatories=[person("Bertrand QUÉRÉ", "Maire du 11e arrondissement")],
             addressees=[],
             dates=["2020-04-03", "2020-03-16", "2020-05-04", "2020-05-22", "1900", "2020-05"],
             figures=fig((2500000, "money"), (1.8, "measure"), (15, "percent"), (15, "count"), (10, "duration"))),
        dict(start="VILLE DE PARIS\n\nDirection", type="arrete",
             title="Arrêté n° 2020 T 10873 modifiant, à titre provisoire, les règles de la circulation générale "
                   "et du stationnement rue de la Roquette, à Paris 11e",
             date="2020-04-24",
             signatories=[person("Sophie LANGLADE-RIVIÈRE", "L'Ingénieur des Services Techniques, chef de la "
                                                           "Section territoriale de voirie Centre-Est")],
             addressees=[],
             dates=["2020-04-24", "2014-07-15", "2019-12-30", "2020-05-04", "2020-05-22", "2020-06-01",
                    "2020-12-31"],
             optional_dates=["2020", "2014", "2019"],
             figures=fig((3, "duration"), (24, "count"), (1.5, "measure"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
