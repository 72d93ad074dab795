"""Build the third held-out gold files (``<source>.json``) from the texts and the annotations below.

    python eval/heldout3/annotate.py

Three dossiers in a style the first two sets do not cover:

- ``dossier-salle-polyvalente-frotey-2022``: a village outside Paris. The maire's grant request to the
  préfet ("Frotey-lès-Vesoul, le …", signed title first: "Le Maire, / Jean-Pierre DURAND"), the
  préfecture's reply ("Vesoul, le 18 NOV. 2022", "Le Préfet de la Haute-Saône / à / Monsieur …",
  "Pour le Préfet et par délégation, La Secrétaire générale", a particle name, "Page 1/2" footers), an
  extract of the conseil municipal's register ("après en avoir délibéré, à l'unanimité", amounts in
  figures and words, "pour une durée de 3 ans à compter du 1er janvier 2024").
- ``dossier-ecole-belliard-18e-2023``: an e-mail ("De : … Envoyé : … À : … Objet : …"), the minutes of a
  conseil d'arrondissement with numbered projects ("2023 DASCO 45 : …", "18 2023 04") and vote counts, a
  vœu ("émet le vœu : 1. que … 2. que …", "Adopté à l'unanimité des suffrages exprimés"), the maire's
  letter to a female minister ("Madame la Ministre,", signed name first), and on the same page the
  minister's chef de cabinet's reply ("P/O la Ministre", addressee block at the foot of the letter).
- ``dossier-lignes-express-rhone-2021``: a press release with no heading word but "INFORMATION PRESSE"
  ("Lyon, le 1er mars 2021", "Contact presse : …"), a three-page letter of a préfet de région ("P/O le
  Préfet de région", "Page 1/3" footers), the président du conseil départemental's reply.

Values follow ``/work/shared/eval/GUIDELINES.md``: years inside identifiers and references ("2023 DASCO 45",
"Délibération n° 2022-58", "N/Réf. : …/2023-031") are optional dates, "hier" in a dated e-mail is
optional; people quoted or filing a vœu, and the maire certifying a délibération's extract, are optional
signatories; copy recipients are optional addressees; small numbers in words counting ordinary things and
a vote count of zero are optional figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from goldtools import fig, person, write  # noqa: E402

DOSSIERS = {
    "dossier-salle-polyvalente-frotey-2022": [
        dict(start="COMMUNE DE FROTEY-LÈS-VESOUL\nMairie", type="lettre",
             title="Lettre de Jean-Pierre Durand, Maire de Frotey-lès-Vesoul, au Préfet de la Haute-Saône",
             date="2022-10-03",
             signatories=[person("Jean-Pierre DURAND", "Maire")],
             addressees=[person("Thierry BOUCHARDEAU", "Préfet de la Haute-Saône")],
             # "DETR 2023" is the programme year; "le 14 juin dernier" in October 2022.
             dates=["2022-10-03", "2023", "1978", "2019-09", "2022-06-14", "2023-09"],
             figures=fig((1712, "count"), (350, "measure"), (120, "count"), (280, "measure"), (45, "percent"),
                         (186400, "money"), (37280, "money"), (55920, "money"), (93200, "money"), (50, "percent"),
                         (8, "duration"))),
        dict(start="PRÉFET\nDE LA HAUTE-SAÔNE", type="lettre",
             title="Lettre du Préfet de la Haute-Saône au Maire de Frotey-lès-Vesoul",
             date="2022-11-18",
             signatories=[person("Anne-Claire de LA TOUR", "Secrétaire générale")],
             addressees=[person("Jean-Pierre DURAND", "Maire de Frotey-lès-Vesoul")],
             # "le 24 janvier prochain" in November 2022.
             dates=["2022-11-18", "2023", "2022-10-03", "2022-11-07", "2023-01-24", "2022-12-15"],
             optional_dates=["2022"],
             figures=fig((9600000, "money"), (40, "percent"), (150000, "money"))),
        dict(start="DÉPARTEMENT DE LA HAUTE-SAÔNE", type="deliberation",
             title="Délibération n° 2022-58 du conseil municipal de Frotey-lès-Vesoul : rénovation énergétique de "
                   "la salle polyvalente, plan de financement modifié",
             date="2022-12-12",
             signatories=[],
             optional_signatories=[person("Jean-Pierre DURAND", "Maire")],
             addressees=[],
             dates=["2022-12-12", "2022-12-05", "2022-11-18", "2022-09-26", "2023", "2024-01-01", "2022-12-14",
                    "2022-12-15"],
             optional_dates=["2022"],
             figures=fig((19, "count"), (15, "count"), (17, "count"), (40, "percent"), (186400, "money"),
                         (74560, "money"), (20, "percent"), (37280, "money"), (18640, "money"), (55920, "money"),
                         (55000, "money"), (15, "duration"), (3.15, "percent"), (2350.5, "money"), (3, "duration"),
                         (1500, "money"))),
    ],
    "dossier-ecole-belliard-18e-2023": [
        dict(start="De : Claire MOREAU", type="lettre",
             title="Courriel de Claire Moreau (CASPE 18e) au Maire du 18e : effectifs du groupe scolaire Belliard",
             date="2023-01-10",
             signatories=[person("Claire MOREAU", "Directrice de la Circonscription des affaires scolaires et de "
                                                 "la petite enfance (CASPE) 18e")],
             addressees=[person("Jean-François Le GALL", "Maire")],
             # "la rentrée 2023"; the Conseil de Paris "des 7, 8 et 9 février" (2023).
             dates=["2023-01-10", "2023", "2021-09", "2023-02-02", "2023-02-06", "2023-02-07", "2023-02-08",
                    "2023-02-09"],
             optional_dates=["2023-01-09"],
             figures=fig((212, "count"), (247, "count"), (14, "percent"), (480000, "money")),
             optional_figures=fig((2, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\n\nCONSEIL", type="compte_rendu",
             title="Conseil d'arrondissement du 18e : compte rendu sommaire de la séance du lundi 6 février 2023",
             date="2023-02-06",
             signatories=[person("Jean-François Le GALL", "Maire du 18e arrondissement")],
             addressees=[],
             optional_signatories=[person("Fatoumata DIAKITÉ", "Secrétaire de séance")],
             dates=["2023-02-06", "2023-01-09", "2023", "2023-04-03", "2022-03", "2023-03-13"],
             figures=fig((33, "count"), (41, "count"), (4, "count"), (1200, "measure"), (24, "count"),
                         (480000, "money"), (30, "percent"), (37, "count"), (30, "count"), (5, "count"),
                         (2, "count"), (3600000, "money"), (1.4, "measure"), (6, "duration"), (28, "count"),
                         (9, "count")),
             optional_figures=fig((0, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\n\nConseil", type="voeu",
             title="V18 2023 03 – Vœu relatif aux fermetures de classes dans les écoles du 18e arrondissement",
             date="2023-02-06",
             signatories=[],
             optional_signatories=[person("Lucie HAMON-DESCHAMPS", "")],
             addressees=[],
             dates=["2023-02-06", "2023", "2017", "2022-12-14", "2023-06-30"],
             figures=fig((19, "count"), (2, "count"), (11, "count"), (24, "count"), (3, "percent"),
                         (1200000, "money"), (37, "count"), (31, "count"), (6, "count")),
             optional_figures=fig((0, "count"))),
        dict(start="MAIRIE DU 18e ARRONDISSEMENT\n1, place", type="lettre",
             title="Lettre de Jean-François Le Gall, Maire du 18e, à la Ministre de l'Éducation nationale",
             date="2023-02-08",
             signatories=[person("Jean-François Le GALL", "Maire du 18e arrondissement, Conseiller de Paris")],
             addressees=[person("Sylvie RAMBAUD-KERGOAT", "Ministre de l'Éducation nationale et de la Jeunesse")],
             optional_addressees=[person("Bertrand CAZENEUVE", "Recteur de la région académique Île-de-France")],
             # "la séance du 6 février"; "avant la fin du mois de mars" (2023).
             dates=["2023-02-08", "2023-02-06", "2018", "2023-03"],
             optional_dates=["2023"],
             figures=fig((200000, "count"), (60, "count"), (19, "count"), (42, "percent"), (35000000, "money"))),
        dict(start="MINISTÈRE DE L'ÉDUCATION NATIONALE ET DE LA JEUNESSE\nLe Chef", type="lettre",
             title="Lettre du Chef de cabinet de la Ministre de l'Éducation nationale au Maire du 18e",
             date="2023-03-02",
             signatories=[person("Olivier DUCHÊNE-MARTEL", "Chef de cabinet")],
             addressees=[person("Jean-François Le GALL", "Maire du 18e arrondissement")],
             dates=["2023-03-02", "2023-02-08", "2023-02-23"],
             figures=fig((19, "count"), (12, "count"))),
    ],
    "dossier-lignes-express-rhone-2021": [
        dict(start="INFORMATION PRESSE", type="communique",
             title="Transports scolaires : trois nouvelles lignes express entre les Monts du Lyonnais et Lyon dès "
                   "le 6 avril",
             date="2021-03-01",
             signatories=[],
             optional_signatories=[person("Marie-Hélène de SAINT-AUBIN",
                                          "vice-présidente du Département chargée des mobilités")],
             addressees=[],
             dates=["2021-03-01", "2021-04-06", "2021-03-18"],
             figures=fig((38, "measure"), (52, "measure"), (14, "count"), (55, "duration"), (80, "duration"),
                         (2400000, "money"), (60, "percent"), (2.2, "money"), (26, "duration"), (42, "money"),
                         (25, "money"), (3500, "count")),
             optional_figures=fig((3, "count"))),
        dict(start="PRÉFET\nDE LA RÉGION", type="lettre",
             title="Lettre du Préfet de la région Auvergne-Rhône-Alpes au Président du Conseil départemental du "
                   "Rhône",
             date="2021-03-22",
             signatories=[person("Jean-Marc ABADIE-LESTRADE", "Secrétaire général pour les affaires régionales")],
             addressees=[person("Bernard VALLON-MORET", "Président du Conseil départemental du Rhône")],
             # "le 6 avril prochain"; the contrat de plan "2021-2027"; "dès le mois d'avril" (2021).
             dates=["2021-03-22", "2021-04-06", "2019-12-24", "2015", "2021", "2027", "2021-04", "2021-06-25",
                    "2021-09-01"],
             figures=fig((78, "percent"), (45, "duration"), (1500000, "money"), (250000, "money"), (6, "count"),
                         (420, "count"), (500, "measure"), (180000, "money"), (5, "duration")),
             optional_figures=fig((3, "count"))),
        dict(start="DÉPARTEMENT DU RHÔNE", type="lettre",
             title="Lettre de Bernard Vallon-Moret, Président du Conseil départemental du Rhône, au Préfet de "
                   "région",
             date="2021-04-09",
             signatories=[person("Bernard VALLON-MORET", "Président du Conseil départemental du Rhône")],
             addressees=[person("Laurent DUVERNOIS", "Préfet de la région Auvergne-Rhône-Alpes, Préfet du Rhône")],
             dates=["2021-04-09", "2021-03-22", "2021-04-06", "2021-06-25"],
             optional_dates=["2021"],
             figures=fig((1500000, "money"), (1100, "count"), (20, "percent"), (8, "count"), (3, "measure")),
             optional_figures=fig((3, "count"))),
    ],
}


if __name__ == "__main__":
    write(DOSSIERS, HERE)
