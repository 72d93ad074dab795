"""Build the held-out gold files (``<dossier>.json``) from the dossier texts and the annotations below.

    python eval/heldout/annotate.py

The texts (``<dossier>.txt``, form feeds between pages) were written for this set: invented people,
the real wording of each genre. Each document is cut from the text at the first line given in
``start``; its values follow ``/work/shared/eval/GUIDELINES.md`` (years inside identifiers such as
"arrêté n° 2023-00187" are optional dates; people named only by function are optional).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

ADJ_LOGEMENT = ("Adjoint à la Maire de Paris chargé du logement, de l'hébergement d'urgence et de la "
                "protection des réfugiés")

DOSSIERS = {
    "dossier-rue-aux-ecoles-18e-2021": [
        dict(start="Association des Parents d'Élèves\nde l'école", type="lettre",
             title="Lettre de Claire Dumesnil, Présidente de l'Association des Parents d'Élèves de l'école "
                   "élémentaire Marcadet, au Maire du 18e arrondissement",
             date="2021-03-08",
             signatories=[person("Claire Dumesnil", "Présidente")],
             addressees=[person("Hugo Vernier", "Maire du 18e arrondissement")],
             optional_addressees=[
                 person("Sandrine Ollier", "Adjointe au Maire du 18e chargée des affaires scolaires"),
                 person("Directrice de l'école élémentaire Marcadet", "Directrice de l'école élémentaire Marcadet")],
             dates=["2021-03-08", "2020-09", "2021-02-02", "2021-02-11", "2020", "2026", "2021-09-01",
                    "2021-03-27"],
             figures=fig((240, "count"), (312, "count"), (13, "count"), (1.4, "measure"), (180, "count"),
                         (168, "count"), (1150, "count"), (3, "duration"), (100, "count"),
                         (12000000, "money")),
             optional_figures=fig((3, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\nLe Maire", type="lettre",
             title="Lettre de Hugo Vernier, Maire du 18e arrondissement, à la Présidente de l'Association des "
                   "Parents d'Élèves de l'école élémentaire Marcadet",
             date="2021-03-22",
             signatories=[person("Hugo Vernier", "Maire du 18e arrondissement")],
             addressees=[person("Claire Dumesnil", "Présidente de l'Association des Parents d'Élèves de "
                                                   "l'école élémentaire Marcadet")],
             optional_addressees=[],
             dates=["2021-03-22", "2021-03-08", "2021-01", "2021-03-15", "2021-03-19", "2022", "2021-03-27"],
             optional_dates=["2021"],
             figures=fig((14, "count"), (2300, "count"), (120, "measure"), (380000, "money"))),
        dict(start="VILLE DE PARIS\nDirection de la Voirie", type="arrete",
             title="Arrêté n° 2021 T 12345 instituant, à titre provisoire, une aire piétonne rue Marcadet, "
                   "à Paris 18e",
             date="2021-07-12",
             signatories=[person("Laurent Pichard", "Chef de la Section territoriale de voirie Nord-Est")],
             addressees=[],
             dates=["2014-07-15", "2021-03-29", "2021-09-01", "2022-06-30", "2021-07-12"],
             optional_dates=["2021", "2014"],
             figures=fig((6, "measure"))),
        dict(start="COMMUNIQUÉ DE PRESSE", type="communique",
             title="Communiqué de presse : Rentrée scolaire : 42 nouvelles « rues aux écoles » dans les "
                   "arrondissements parisiens",
             date="2021-08-30",
             signatories=[], addressees=[],
             dates=["2021-08-30", "2021-09-02", "2020", "2021"],
             figures=fig((42, "count"), (5, "count"), (15000, "count"), (210, "count"), (45, "count"),
                         (3200, "count"), (87, "percent"), (24000000, "money"), (4000000, "money"))),
    ],
    "dossier-encadrement-loyers-2022": [
        dict(start="CONSEIL DE PARIS\nSéance", type="voeu",
             title="Vœu relatif à l'encadrement des loyers et à la lutte contre les locations meublées "
                   "touristiques illégales",
             date="2022-07-07",
             signatories=[],
             optional_signatories=[person("Nadia Bensalem", ""), person("Thomas Giraudet", "")],
             addressees=[],
             dates=["2022-07-07", "2018-11-23", "2019-07-01", "2022", "2021", "2023-11-23"],
             optional_dates=["2018"],
             figures=fig((5, "duration"), (35, "percent"), (27.5, "money"), (11, "percent"), (20000, "count"),
                         (5400000, "money"), (15000, "money"), (10, "count"), (95, "count"), (12, "count"),
                         (3, "count")),
             voeu={"considerants": 6, "demandes": 3, "vote": "95 voix pour, 12 contre, 3 abstentions"}),
        dict(start="VILLE DE PARIS\n\nIan BROSSARD", type="lettre",
             title="Lettre de Ian Brossard au Ministre délégué chargé de la Ville et du Logement, "
                   "Étienne Marchais",
             date="2022-07-18",
             signatories=[person("Ian Brossard", ADJ_LOGEMENT)],
             addressees=[person("Étienne Marchais", "Ministre délégué chargé de la Ville et du Logement")],
             dates=["2022-07-18", "2022-07-07", "2019-07", "2023-11", "2022-09"],
             optional_dates=["2022"],
             figures=fig((3, "duration"), (1240, "count"), (438, "count"), (1650, "money"), (5000, "money")),
             optional_figures=fig((1, "count"))),
        dict(start="MINISTÈRE DE LA TRANSITION", type="lettre",
             title="Lettre du Directeur du Cabinet du Ministre délégué chargé de la Ville et du Logement à "
                   "Ian Brossard",
             date="2022-09-26",
             signatories=[person("Mathieu Arnaud-Vidal", "Directeur du Cabinet")],
             addressees=[person("Ian Brossard", ADJ_LOGEMENT)],
             dates=["2022-09-26", "2022-07-07", "2023-03-31", "2022-10-17"],
             optional_dates=["2022"],
             figures=fig((28, "count"), (120, "duration"), (90, "duration"))),
        dict(start="NOTE À L'ATTENTION", type="note",
             title="Note à l'attention de Madame la Maire de Paris : bilan du contrôle des locations meublées "
                   "touristiques au premier semestre 2022",
             date="2022-10-03",
             signatories=[person("Hélène Corbin", "Directrice du Logement et de l'Habitat")],
             addressees=[],
             optional_addressees=[person("Maire de Paris", "Maire de Paris"),
                                  person("Secrétaire général de la Ville de Paris",
                                         "Secrétaire général de la Ville de Paris")],
             dates=["2022-10-03", "2022", "2022-10-19", "2021", "2022-04-14", "2023", "2022-07"],
             figures=fig((30, "count"), (2870, "count"), (2410, "count"), (19, "percent"), (512, "count"),
                         (187, "count"), (3200000, "money"), (210000, "money"), (4, "count"), (2, "duration"),
                         (10, "count")),
             optional_figures=fig((120, "count"), (120, "duration"))),
    ],
    "dossier-rodeos-chapelle-2023": [
        dict(start="CONSEIL DE QUARTIER LA CHAPELLE", type="compte_rendu",
             title="Conseil de quartier La Chapelle – Marx Dormoy : compte rendu de la réunion plénière du "
                   "jeudi 9 février 2023",
             date="2023-02-09",
             signatories=[],
             optional_signatories=[person("Hervé Kolb", "chargé de mission Conseils de quartier")],
             addressees=[],
             dates=["2023-02-09", "2023", "2022", "2021", "2022-12", "2023-01-16", "2023-01-24", "2023-01-31",
                    "2022-10", "2023-04-11"],
             figures=fig((45, "count"), (37, "count"), (21, "count"), (64, "count"), (3306, "money"),
                         (8264, "money"), (150, "measure"), (12, "count"), (60000, "money"), (5, "count")),
             optional_figures=fig((4, "count"), (2, "count"), (0, "count"))),
        dict(start="ASSEMBLÉE NATIONALE", type="lettre",
             title="Lettre d'Antoine Lesueur, Député de Paris, au Préfet de Police, Jean-Marc Delorme",
             date="2023-01-24",
             signatories=[person("Antoine Lesueur", "Député de la 17e circonscription de Paris")],
             addressees=[person("Jean-Marc Delorme", "Préfet de Police")],
             dates=["2023-01-24", "2023-01-14", "2022-05"],
             figures=fig((80, "measure"), (30, "measure"), (100, "count"))),
        dict(start="PRÉFECTURE DE POLICE\nCabinet", type="arrete",
             title="Arrêté n° 2023-00187 portant interdiction de la circulation des cyclomoteurs et "
                   "motocyclettes non immatriculés dans certaines voies du 18e arrondissement de Paris",
             date="2023-02-13",
             signatories=[person("Sylvain Rouquette", "Directeur de Cabinet")],
             addressees=[],
             dates=["2018-08-03", "2004-04-29", "2022-12-05", "2022-12", "2023-01", "2023-02-20", "2023-05-20",
                    "2023-02-13"],
             optional_dates=["2023", "2018", "2004", "2022"],
             figures=fig((14, "count"), (135, "money"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
