"""segment(): where a dossier's documents begin and end, across pages."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archivage.model import Page
from archivage.segment import segment

SEED = Path(__file__).resolve().parent.parent / "samples" / "dossier-securite-18e-2019.txt"
SEED_STARTS = ["TRANQUILLITÉ PUBLIQUE", "LETTRE D'ERIC LEJOINDRE", "VOEU VOTÉ", "Colombe BROSSEL", "COMMUNIQUÉ DE PRESSE"]


def _pages(*texts: str, first: int = 1) -> list[Page]:
    return [Page(n, t, "ocr") for n, t in enumerate(texts, first)]


def _wrap(text: str) -> str:
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in text.split("\n\n"))


def test_seed_as_text_gives_its_five_documents():
    docs = segment(_pages(SEED.read_text(encoding="utf-8")))
    assert [next(s for s in SEED_STARTS if d.text.startswith(s)) for d in docs] == SEED_STARTS
    # continuations stay with their document
    assert "(SUITE)" in docs[2].text and "(SUITE)" in docs[4].text
    assert "L'INTERIEUR, CHRISTOPHE CASTANER, LE 26 FÉVRIER 2019\n" in docs[1].text
    assert docs[3].text.rstrip().endswith("Ymorrel")


def test_seed_wrapped_like_ocr_and_cut_into_pages():
    text = _wrap(SEED.read_text(encoding="utf-8"))
    # a page break before every heading and in the middle of letters, as in the scanned sample
    for marker in ["LETTRE D'ERIC", "L'INTERIEUR, CHRISTOPHE CASTANER, LE 26", "VOEU VOTÉ", "Colombe BROSSEL",
                   "Hier soir une habitante m'a dit", "COMMUNIQUÉ DE PRESSE"]:
        text = text.replace(marker, "\f" + marker)
    docs = segment(_pages(*text.split("\f")))
    assert [next(s for s in SEED_STARTS if d.text.startswith(s)) for d in docs] == SEED_STARTS
    assert [d.pages for d in docs] == [[1], [2, 3], [4, 5], [6, 7, 8], [9, 10]]


LETTER_P1 = """Eric LEJOINDRE
Maire du 18e arrondissement

Madame Marie DUBOIS
Directrice de l'école élémentaire
8, rue Richomme
75018 Paris

Paris, le 4 mai 2021

Madame la Directrice,

Je vous remercie pour votre courrier du 12 avril dernier, par lequel vous appelez mon attention sur
l'état de la cour de récréation de votre école et sur les travaux attendus depuis plusieurs années.

.../..."""

LETTER_P2 = """Les services de la Ville ont programmé la réfection du revêtement pendant les vacances d'été, et
un point d'étape sera fait avec vous à la rentrée de septembre.

Je vous prie d'agréer, Madame la Directrice, l'expression de mes salutations distinguées.

Eric LEJOINDRE

2/2"""

SECOND_LETTER = """Pascal JULIEN
Conseiller de Paris

Monsieur le Préfet de Police
1 bis, rue de Lutèce
75004 Paris

Paris, le 10 mai 2021

Monsieur le Préfet,

Les habitants de la rue Myrha m'ont signalé la réapparition d'un point de deal au pied de leur
immeuble, malgré les opérations conduites au printemps par le commissariat du 18e arrondissement.

Je vous prie de croire, Monsieur le Préfet, à l'assurance de ma haute considération.

Pascal JULIEN"""

ARRETE = """ARRÊTÉ N° 2021 P 10455
instituant une aire piétonne rue Myrha

La Maire de Paris,

Vu le code général des collectivités territoriales ;

Arrête :

Article 1. — Une aire piétonne est instituée rue Myrha.

Fait à Paris, le 2 juin 2021

Pour la Maire de Paris et par délégation,
La Directrice de la Voirie et des Déplacements

Sophie MARTEL"""


def test_a_new_page_alone_is_not_a_new_document():
    docs = segment(_pages(LETTER_P1, LETTER_P2))
    assert len(docs) == 1
    assert docs[0].pages == [1, 2]
    assert docs[0].page_at(docs[0].text.index("Les services de la Ville")) == 2


def test_letters_without_headings_are_cut_at_the_letterhead():
    docs = segment(_pages(LETTER_P1, LETTER_P2 + "\n\n" + SECOND_LETTER, ARRETE, first=3))
    assert [d.text.split("\n")[0] for d in docs] == ["Eric LEJOINDRE", "Pascal JULIEN", "ARRÊTÉ N° 2021 P 10455"]
    assert [d.pages for d in docs] == [[3, 4], [4], [5]]
    assert docs[0].text.rstrip().endswith("2/2")


def test_letter_after_an_arrete_on_the_same_page():
    docs = segment(_pages(ARRETE + "\n\n" + SECOND_LETTER))
    assert [d.text.split("\n")[0] for d in docs] == ["ARRÊTÉ N° 2021 P 10455", "Pascal JULIEN"]
    assert docs[0].text.rstrip().endswith("Sophie MARTEL")


def test_running_header_and_page_footer_do_not_cut():
    p1 = "COMPTE RENDU DU CONSEIL DE QUARTIER CHAPELLE – MARX DORMOY DU 14 MARS 2022\n\n" + (
        "Présents : 25 habitants et trois élus.\n\nLes habitants évoquent la propreté du square et la "
        "circulation rue Marx Dormoy, où les livraisons bloquent régulièrement la chaussée.\n\nPage 1 sur 2")
    p2 = ("Conseil de quartier Chapelle – Marx Dormoy du 14 mars 2022\n\nLe budget participatif est présenté : "
          "quatre projets seront soumis au vote des habitants en septembre.\n\nPage 2 sur 2")
    docs = segment(_pages(p1, p2))
    assert len(docs) == 1 and docs[0].pages == [1, 2]


def test_headings_in_sentence_case_cut():
    voeu = ("Vœu relatif à l'éclairage du square Léon\n\nConsidérant que le square est plongé dans le noir dès "
            "la tombée de la nuit et que les riverains se plaignent de rassemblements nocturnes ;\n\n"
            "Le Conseil du 18e arrondissement émet le vœu que l'éclairage soit renforcé.")
    note = ("Note à l'attention de Madame la Directrice générale des services\n\nObjet : fermeture estivale des "
            "équipements\n\nLes équipements sportifs du 18e arrondissement fermeront du 1er au 15 août pour des "
            "travaux d'entretien programmés de longue date.")
    docs = segment(_pages(voeu + "\n\n" + note))
    assert [d.text[:12] for d in docs] == ["Vœu relatif ", "Note à l'att"]


def test_sentences_that_begin_like_headings_do_not_cut():
    text = ("NOTE SUR LE PLAN CRACK\n\nLe plan mobilise les acteurs du Nord-Est parisien depuis plusieurs mois, "
            "avec des moyens nouveaux pour l'accompagnement des usagers et des riverains.\n\n"
            "Lettre envoyée au préfet. Elle est restée sans réponse à ce jour, malgré nos relances.\n\n"
            "Arrêté municipal du 3 mars : voir annexe. Il interdit la vente d'alcool à emporter.")
    assert len(segment(_pages(text))) == 1


def test_empty_and_blank_pages():
    assert segment([]) == []
    docs = segment(_pages("", "  \n"))
    assert len(docs) == 1 and docs[0].text == ""
    docs = segment(_pages("", "Monsieur le Maire,\n\nVoici la réponse attendue.", ""))
    assert len(docs) == 1 and docs[0].pages == [2]


def test_ocr_letterhead_lines_each_a_paragraph_open_the_letter():
    """OCR makes a paragraph of each letterhead line, the function's lower-case continuation lines too;
    the previous page ends with a stray running header ("VILLE DE PARIS")."""
    voeu_end = ("Vœu relatif à la piétonnisation de la rue Lepic\n\nConsidérant les demandes répétées des "
                "habitants et des commerçants du quartier des Abbesses depuis la concertation de 2022 ;\n\n"
                "Le Conseil de Paris émet le vœu que la rue Lepic soit rendue aux piétons le dimanche.\n\n"
                "Adopté à l'unanimité.\n\nVILLE DE PARIS")
    letter = ("Nathalie GUÉRIN\n\nAdjointe à la Maire de Paris\n\nchargée des mobilités\n\net de l'espace public"
              "\n\nParis, le 9 octobre 2023\n\nMonsieur le Préfet de Police\n\nMonsieur le Préfet,\n\n"
              "Le Conseil de Paris a adopté le vœu ci-joint, dont je vous remercie de bien vouloir examiner la "
              "mise en œuvre avec vos services dans les meilleurs délais.\n\nNathalie GUÉRIN")
    docs = segment(_pages(voeu_end, letter))
    assert [d.pages for d in docs] == [[1], [2]]
    assert docs[1].text.startswith("Nathalie GUÉRIN\n\nAdjointe à la Maire de Paris\n\nchargée des mobilités")


def test_a_heading_takes_the_letterhead_at_the_top_of_its_page():
    letter = ("Monsieur le Maire,\n\nJe vous remercie de votre courrier et vous confirme la tenue de la réunion "
              "publique consacrée au plan de circulation du quartier, avec les services de la voirie.\n\n"
              "Je vous prie d'agréer, Monsieur le Maire, mes salutations distinguées.\n\nLa Directrice,\n\n"
              "Agnès POULAIN")
    minutes = ("MAIRIE DU 13e ARRONDISSEMENT\n\nCONSEIL D'ARRONDISSEMENT\nSéance du lundi 15 juin 2020\n\n"
               "PROCÈS-VERBAL\n\nLa séance est ouverte à 18 heures sous la présidence du Maire, en présence de "
               "vingt-cinq conseillers d'arrondissement, et le quorum est atteint.")
    docs = segment(_pages(letter, minutes))
    assert len(docs) == 2
    assert docs[0].text.rstrip().endswith("Agnès POULAIN")
    assert docs[1].text.startswith("MAIRIE DU 13e ARRONDISSEMENT")


def test_a_short_line_above_a_heading_in_mid_page_stays_with_the_document_before():
    text = ("Monsieur le Maire,\n\nNous vous transmettons nos observations sur le projet de réaménagement de la "
            "place et sur le calendrier des travaux annoncé lors de la dernière réunion publique.\n\n"
            "Veuillez agréer, Monsieur le Maire, nos salutations distinguées.\n\nLe Président,\n\nMarc DELORME\n\n"
            "Vœu relatif à l'éclairage de la place Jeanne-d'Arc\n\nConsidérant que l'éclairage public est "
            "insuffisant sur la place depuis plusieurs mois et que les riverains s'en plaignent régulièrement ;")
    docs = segment(_pages(text))
    assert len(docs) == 2 and docs[0].text.rstrip().endswith("Marc DELORME")


MINUTES_18 = ("CONSEIL D'ARRONDISSEMENT\nSéance du lundi 10 octobre 2022\n\nLa séance est ouverte à 19 heures sous "
              "la présidence de la Maire, qui constate que le quorum est atteint et donne la parole aux rapporteurs.\n\n"
              "V12 2022 07 : Vœu relatif à la fermeture du bureau de poste Daumesnil\n\n"
              "Adopté à l'unanimité des suffrages exprimés, après une intervention de M. Roche sur les horaires.")
VOEU_12 = ("MAIRIE DU 12e ARRONDISSEMENT\n\nConseil d'arrondissement du 10 octobre 2022\n\n"
           "V12 2022 07 – Vœu relatif à la fermeture du bureau de poste Daumesnil\n\n"
           "Considérant que La Poste a annoncé la fermeture du bureau de l'avenue Daumesnil à compter du mois de "
           "janvier, alors qu'il accueille chaque jour plusieurs centaines d'usagers du quartier ;")


def test_a_numbered_vœu_opens_a_document_at_a_page_top_not_in_the_minutes_listing_it():
    docs = segment(_pages(MINUTES_18, VOEU_12))
    assert len(docs) == 2
    assert "V12 2022 07 : Vœu" in docs[0].text and docs[1].text.startswith("MAIRIE DU 12e")


def test_the_date_under_a_certified_extract_is_its_signature():
    text = ("Le conseil municipal, après en avoir délibéré, approuve à l'unanimité le projet de convention avec "
            "le syndicat intercommunal pour l'entretien des chemins ruraux de la commune.\n\n"
            "Fait et délibéré les jour, mois et an susdits.\n\nPour extrait certifié conforme,\n\n"
            "Montbard, le 3 avril 2023\n\nLa Maire,\n\nSylvie BERTHIER")
    assert len(segment(_pages(text))) == 1


def test_a_vote_line_ends_a_vœu_before_a_letterhead_on_the_same_page():
    text = ("Considérant que la ligne de bus 61 ne dessert plus la place Gambetta depuis le début des travaux de "
            "voirie et que les habitants âgés du quartier ne peuvent plus se rendre à la mairie ;\n\n"
            "Le Conseil émet le vœu que la RATP rétablisse la desserte au plus vite.\n\n"
            "Adopté à l'unanimité.\n\n(Votants : 25 – Pour : 25)\n\nMAIRIE DU 20e ARRONDISSEMENT\n\n"
            "6, place Gambetta\n\n75020 Paris\n\nParis, le 14 mars 2023\n\n"
            "Monsieur le Président,\n\nJe vous prie de trouver ci-joint le vœu adopté par le conseil du 20e "
            "arrondissement au sujet de la desserte de la place Gambetta par la ligne de bus 61.")
    docs = segment(_pages(text))
    assert len(docs) == 2
    assert docs[0].text.rstrip().endswith("(Votants : 25 – Pour : 25)")
    assert docs[1].text.startswith("MAIRIE DU 20e ARRONDISSEMENT")


# ---------------------------------------------------------------- held-out 4: Conseil de Paris papers, mid-page starts

def test_deliberation_number_above_its_preamble_opens_a_document_after_a_voeu():
    voeu = ("CONSEIL DE PARIS\nSéance des 14, 15 et 16 novembre 2023\n\n"
            "Vœu déposé par le groupe Communiste relatif aux bains-douches de la rue Oberkampf\n\n"
            "Considérant que la fréquentation des bains-douches a doublé depuis l'hiver dernier, avec plus de 300 "
            "usagers par jour, et que les horaires d'ouverture n'ont pas été étendus depuis plusieurs années ;\n\n"
            "Le vœu est adopté. (Pour : 88 ; Contre : 40 ; Abstention : 3)\n\n"
            "Conseil de Paris – Séance des 14, 15 et 16 novembre 2023 – 6/9")
    delib = ("2023 DSOL 77 : Subvention à l'association Aux Captifs la Libération (11e) pour son accueil de jour.\n\n"
             "Le Conseil de Paris, siégeant en formation de Conseil municipal,\n\n"
             "Vu le Code général des collectivités territoriales ;\n\nDélibère :\n\n"
             "Article 1 : Une subvention de 45 000 euros est attribuée à l'association.")
    docs = segment(_pages(voeu, delib))
    assert [d.text.split("\n")[0] for d in docs] == ["CONSEIL DE PARIS", delib.split("\n")[0]]


def test_numbered_project_in_minutes_without_preamble_stays_in_the_minutes():
    text = ("MAIRIE DU 20e ARRONDISSEMENT\n\nCONSEIL D'ARRONDISSEMENT\nSéance du 3 avril 2023\n\n"
            "La séance est ouverte à 19 heures sous la présidence du Maire, en présence de trente conseillers, "
            "et le compte rendu de la séance précédente est adopté à l'unanimité sans observation.\n\n"
            "2023 DJS 14 : Gymnase des Pyrénées – Travaux de rénovation.\n\nRapporteur : M. Karim OUALI.\n\n"
            "Adopté à l'unanimité.")
    assert len(segment(_pages(text))) == 1


def test_minutes_and_an_arrete_heading_under_a_letterhead_line_start_mid_page():
    letter = ("Monsieur,\n\nJe fais suite à votre demande concernant la fermeture du jardin partagé de la rue des "
              "Haies, que nos services ont examinée avec attention au cours des dernières semaines.\n\n"
              "Je vous prie d'agréer, Monsieur, l'expression de mes salutations distinguées.\n\nLucie FERRAND")
    minutes = ("Conseil de quartier Belleville – Amandiers\nCompte rendu de la réunion publique du mardi 8 juin 2021\n"
               "de 18h30 à 20h, salle des fêtes\n\n"
               "Les habitants présents demandent que le jardin partagé de la rue des Haies reste ouvert le dimanche "
               "et que l'association gestionnaire soit reçue par la mairie avant l'été.\n\n"
               "Mairie du 20e\nArrêté n° 2021 E 0977 fixant les horaires du jardin partagé de la rue des Haies\n\n"
               "La Maire de Paris,\n\nVu le Code général des collectivités territoriales ;")
    docs = segment(_pages(letter, minutes))
    assert [d.text.split("\n")[0] for d in docs] == ["Monsieur,", "Conseil de quartier Belleville – Amandiers",
                                                     "Mairie du 20e"]


def test_a_citizen_letter_dated_in_figures_starts_under_an_arretes_signature():
    text = ("Arrêté n° 2022 P 0311 réglementant le stationnement rue Piat\n\nLa Maire de Paris,\n\n"
            "Vu le Code de la route ;\n\nArrête :\n\nArticle 1 : Le stationnement est interdit rue Piat.\n\n"
            "Fait à Paris, le 4 mars 2022\n\nPour la Maire de Paris et par délégation,\nLe Chef de la Section\n"
            "Paul MORIN\n\n"
            "Odile LAMBERT\n8, rue Piat – 75020 Paris\n\n"
            "à Monsieur Paul MORIN\nSection territoriale de voirie\n\nParis, le 21.3.2022\n\n"
            "Monsieur,\n\nDepuis l'entrée en vigueur de votre arrêté, les livraisons de la boulangerie se font en "
            "double file et la rue est bloquée chaque matin, ce que je vous demande de bien vouloir examiner.\n\n"
            "Veuillez agréer, Monsieur, mes salutations distinguées.\n\nO. Lambert")
    docs = segment(_pages(text))
    assert [d.text.split("\n")[0] for d in docs] == ["Arrêté n° 2022 P 0311 réglementant le stationnement rue Piat",
                                                     "Odile LAMBERT"]


def test_a_date_that_ends_a_wrapped_sentence_opens_no_letter():
    # OCR put the end of a sentence in a paragraph of its own; it looks like a date line but is not one
    text = ("Gisèle ROUX\n5, rue des Vignoles\n75020 Paris\n\nParis, le 9 mai 2022\n\nMadame,\n\n"
            "Notre collectif a alerté la mairie à plusieurs reprises sur l'état de la cour de l'immeuble, et une "
            "lettre signée par quarante familles a été déposée à l'accueil de la mairie le\n\n"
            "12 avril.\n\nNous attendons toujours une réponse et une visite des services techniques sur place.\n\n"
            "Je vous prie d'agréer, Madame, mes salutations distinguées.\n\nGisèle Roux")
    assert len(segment(_pages(text))) == 1


# ---------------------------------------------------------------- held-out 5: separator sheets, cards, clippings
_LETTER_END = ("Monsieur,\n\nNous avons étudié votre demande avec attention et nous reviendrons vers vous très "
               "rapidement avec une proposition chiffrée pour la rénovation du préau de l'école.\n\n"
               "Veuillez agréer, Monsieur, l'expression de nos salutations distinguées.\n\nJeanne MOREAU\nMaire")


def test_a_blank_sheet_before_a_title_page_starts_a_document():
    docs = segment(_pages(_LETTER_END, "", "ANNEXE 2 – Plan de financement du préau\n\nTravaux 48 000 €\n"
                                           "Maîtrise d'œuvre 6 000 €"))
    assert len(docs) == 2 and docs[1].text.startswith("ANNEXE 2")


def test_a_blank_sheet_before_prose_in_lower_case_keeps_the_letter():
    docs = segment(_pages("Madame,\n\nJe reviens vers vous au sujet du préau de l'école Jules-Ferry, dont la "
                          "rénovation a été", "", "votée au budget de la commune pour l'an prochain.\n\n"
                          "Veuillez agréer, Madame, mes salutations.\n\nJeanne MOREAU"))
    assert len(docs) == 1


def test_an_invitation_card_and_a_press_clipping_are_documents_of_their_own():
    card = ("La Maire de Lille\na le plaisir de vous inviter\nà l'inauguration du préau\n\nle samedi 3 juin 2023 "
            "à 11 heures")
    clip = ("La Voix du Nord – 5 juin 2023\n\nLille : le préau rénové inauguré\n\nPar Karim Haddad\n\n"
            "Samedi matin, une centaine de parents ont assisté à l'inauguration du préau de l'école Jules-Ferry, "
            "rénové pour 54 000 euros en six mois de travaux.")
    docs = segment(_pages(_LETTER_END, card, clip))
    assert [d.text.split("\n")[0] for d in docs] == ["Monsieur,", "La Maire de Lille", "La Voix du Nord – 5 juin 2023"]


def test_an_expose_des_motifs_and_its_deliberation_are_one_project():
    expose = ("2023 DAC 12 – Subvention à l'association Lire à Belleville (20e)\n\nEXPOSÉ DES MOTIFS\n\n"
              "Mesdames, Messieurs,\n\nL'association Lire à Belleville anime depuis 2015 des ateliers de lecture "
              "pour les enfants du quartier et sollicite une subvention de fonctionnement pour l'année 2023.\n\n"
              "Je vous prie de bien vouloir en délibérer.\n\nLa Maire de Paris")
    delib = ("2023 DAC 12 – Subvention à l'association Lire à Belleville (20e)\n\nLe Conseil de Paris,\n"
             "siégeant en formation de Conseil municipal,\n\nVu le code général des collectivités territoriales ;"
             "\n\nDélibère :\n\nArticle 1 : Une subvention de 4 000 euros est attribuée à l'association.")
    assert len(segment(_pages(expose, delib))) == 1
    other = delib.replace("2023 DAC 12", "2023 DAC 31")
    assert len(segment(_pages(expose, other))) == 2


def test_a_petition_in_short_sentences_ends_before_the_next_letterhead():
    petition = ("PÉTITION\n\nPour un passage piéton devant l'école\n\nNous, parents d'élèves de l'école Jean-Jaurès, "
                "demandons à la commune d'aménager un passage piéton, car\n\nles enfants traversent sans protection.\n\n"
                "Résultat au 15 mai 2023 : 842 signatures recueillies en ligne.\n\nMAIRIE DE RENNES\n\nCabinet du Maire")
    letter = ("Rennes, le 2 juin 2023\n\nMadame,\n\nJ'ai bien reçu la pétition des parents d'élèves de l'école "
              "Jean-Jaurès et je vous en remercie très sincèrement.\n\nJe vous prie d'agréer, Madame, mes salutations.")
    docs = segment(_pages(petition, letter))
    assert [d.text.split("\n")[0] for d in docs] == ["PÉTITION", "MAIRIE DE RENNES"]


def test_documents_run_together_on_a_scanned_page_still_part():
    """As a scanner's layout gives them, with no page break between: a letter's signature, an invitation card
    (its host's line above the formula), minutes in capitals, an annex numbered like a project, a clipping."""
    page = ("Madame,\n\nNous reviendrons vers vous rapidement avec une proposition pour le préau de l'école.\n\n"
            "Veuillez agréer, Madame, mes salutations distinguées.\n\nJeanne MOREAU\n\n"
            "La Maire de Lille\n\na le plaisir de vous inviter\n\nà l'inauguration du préau\n\n"
            "le samedi 3 juin 2023 à 11 heures\n\n"
            "RELEVÉ DE DÉCISIONS\n\nRéunion du 3 juin 2023\n\nLes parents présents demandent que le préau reste ouvert "
            "le mercredi après-midi et que la commune étudie l'installation de bancs supplémentaires.\n\n"
            "ANNEXE 2 - Plan de financement du préau\n\nTravaux 48 000 €\n\nMaîtrise d'œuvre 6 000 €\n\n"
            "La Voix du Nord - 5 juin 2023\n\nLille : le préau rénové inauguré\n\nPar Karim Haddad\n\n"
            "Samedi matin, une centaine de parents ont assisté à l'inauguration du préau de l'école Jules-Ferry, "
            "rénové pour 54 000 euros en six mois de travaux.")
    docs = segment(_pages(page))
    assert [d.text.split("\n")[0] for d in docs] == [
        "Madame,", "La Maire de Lille", "RELEVÉ DE DÉCISIONS", "ANNEXE 2 - Plan de financement du préau",
        "La Voix du Nord - 5 juin 2023"]


def test_a_dated_subheading_inside_minutes_is_no_clipping():
    text = ("Compte rendu du conseil de quartier\n\nLe bureau présente le programme des animations de l'été et les "
            "budgets votés pour chacune d'elles lors de la dernière séance plénière.\n\nFête de quartier - 26 juin "
            "2023\n\nLa fête aura lieu place du marché, avec une scène ouverte aux associations du quartier.")
    assert len(segment(_pages(text))) == 1


def test_a_letterhead_at_the_foot_of_a_page_stays_with_the_heading_over_the_page():
    end = ("Madame,\n\nNous reviendrons vers vous rapidement avec une proposition pour le préau de l'école.\n\n"
           "Veuillez agréer, Madame, mes salutations distinguées.\n\nJeanne MOREAU\n\n"
           "MAIRIE DE LILLE\n\nCONSEIL MUNICIPAL\n\nSéance du lundi 5 juin 2023")
    minutes = ("COMPTE RENDU SOMMAIRE\n\nLa séance est ouverte à 18 h 30 sous la présidence de Jeanne MOREAU, Maire, "
               "qui constate que le quorum est atteint et ouvre les débats.")
    docs = segment(_pages(end, minutes))
    assert [d.text.split("\n")[0] for d in docs] == ["Madame,", "MAIRIE DE LILLE"]


@pytest.mark.parametrize("after", [
    "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\n\nJeanne MOREAU\nMaire de Lille",
    "Jeanne MOREAU\nMaire de Lille",
    "Les travaux commenceront en juillet.\n\nJe vous prie d'agréer, Madame, mes salutations.\n\nJeanne MOREAU",
])
def test_a_blank_verso_inside_a_duplex_letter_does_not_cut_it(after):
    first = ("Madame,\n\nNous avons étudié votre demande avec attention et nous reviendrons vers vous très "
             "rapidement avec une proposition chiffrée pour la rénovation du préau de l'école.")
    if after.startswith("Jeanne"):
        first += "\n\nJe vous prie d'agréer, Madame, l'expression de mes salutations distinguées."
    assert len(segment(_pages(first, "", after))) == 1


def test_a_heading_under_two_letterhead_lines_opens_a_document():
    """A commission's minutes open on the commission, its conseil de quartier, then "Compte rendu …" in one
    paragraph: the page after a vœu's vote starts a new document."""
    voeu = ("Conseil de quartier Plaine – Lagny\n\nVŒU RELATIF AUX ABORDS DE L'ÉCOLE\n\n"
            "Le conseil de quartier, réuni en séance plénière le 14 mars 2024, considérant que plus de 400 enfants "
            "empruntent chaque jour la rue de la Plaine pour se rendre à l'école, demande que la rue devienne une "
            "rue aux écoles.\n\nAdopté par 42 voix pour, 3 voix contre et 5 abstentions.")
    minutes = ("COMMISSION ESPACE PUBLIC ET MOBILITÉS\nConseil de quartier Plaine – Lagny\n"
               "Compte rendu de la réunion du 2 avril 2024\n\nPrésents : 14 membres.\n\n1. Suite du vœu\n"
               "La commission prend acte de la transmission du vœu au Maire du 20e arrondissement, qui doit y "
               "répondre avant l'été ; les membres suivront les travaux de près.")
    docs = segment(_pages(voeu, minutes))
    assert [d.text.split("\n")[0] for d in docs] == ["Conseil de quartier Plaine – Lagny",
                                                     "COMMISSION ESPACE PUBLIC ET MOBILITÉS"]


def test_a_date_line_over_a_signature_at_the_foot_of_a_page_ends_the_document():
    """An avis or a report signed "Lyon, le 3 juin 2022 / L'ingénieur en chef, / Name" at its foot: the date
    line closes it, the next page's letter starts on its own letterhead."""
    avis = ("AVIS DU SERVICE DE L'EAU\n\nDossier déposé par la société Hydrolia\n\n"
            "Le réseau existant permet le raccordement du lotissement sans renforcement, sous réserve que les "
            "eaux pluviales soient infiltrées sur la parcelle et que le compteur général soit posé en limite.\n\n"
            "Lyon, le 3 juin 2022\n\nL'ingénieur en chef,\n\nPaul MERCADIER")
    letter = ("Société Hydrolia\n\n4, quai Rambaud – 69002 Lyon\n\nLyon, le 9 juin 2022\n\nMonsieur le Maire,\n\n"
              "Nous avons bien reçu l'avis du service de l'eau et vous remercions de sa diligence ; les travaux "
              "de raccordement pourront ainsi commencer dès le mois prochain.")
    docs = segment(_pages(avis, letter))
    assert len(docs) == 2
    assert docs[0].text.rstrip().endswith("Paul MERCADIER") and docs[1].text.startswith("Société Hydrolia")


def test_a_title_after_a_closed_act_takes_the_letterhead_at_the_top_of_its_page():
    arrete = ("Arrêté n° 2022-118 réglementant la circulation\n\nLe Maire,\n\nVu le code de la route ;\n\n"
              "Arrête :\n\nArticle 1 : la circulation est interdite rue Pasteur du 2 au 6 mai 2022 pour "
              "permettre le remplacement des canalisations de gaz sous la chaussée.\n\n"
              "Fait à Dijon, le 25 avril 2022\n\nLe Maire,\n\nFrançois REBSAMEN-DUPUY")
    rapport = ("DIRECTION DES ROUTES\nService de l'exploitation\n\nRAPPORT D'INTERVENTION SUR LA RUE PASTEUR\n\n"
               "Les travaux de remplacement des canalisations ont été achevés dans les délais prévus, sans "
               "incident, et la chaussée a été rendue à la circulation le vendredi soir.")
    docs = segment(_pages(arrete, rapport))
    assert len(docs) == 2
    assert docs[1].text.startswith("DIRECTION DES ROUTES")


def test_documents_sharing_a_page_with_no_date_line_or_capitals_between_them():
    """A vœu in sentence case, then a letter with no "Ville, le" line whose letterhead is one line; the
    letter's date stands in its signature block; a note "À l'attention de" starts on the next page and
    leaves the letter its signature."""
    page1 = ("Vœu relatif à l'éclairage du square des Batignolles\n\n"
             "Considérant que les lampadaires du square sont éteints depuis l'automne et que les familles ne "
             "peuvent plus traverser le square en sécurité après la tombée de la nuit ;\n\n"
             "le Conseil du 17e arrondissement émet le vœu que l'éclairage soit rétabli avant l'hiver.\n\n"
             "Rejeté lors de la séance du 3 octobre 2022.\n\n"
             "Amicale des locataires du 42 rue Legendre, 75017 Paris\n\n"
             "Monsieur Pierre Aubry\nAdjoint au Maire chargé de l'espace public\n16-20, rue des Batignolles\n"
             "75017 Paris\n\n"
             "Monsieur l'Adjoint,\n\n"
             "Les locataires de notre immeuble s'inquiètent de l'éclairage du square voisin, qui reste éteint "
             "depuis plusieurs semaines, et vous demandent de bien vouloir intervenir rapidement.\n\n"
             "Veuillez agréer, Monsieur l'Adjoint, nos salutations distinguées.\n\n"
             "Le 10 octobre 2022,\n\nLe Président,\n\nRaymond Tissier")
    page2 = ("À l'attention de Monsieur Pierre Aubry, Adjoint au Maire\n\nObjet : éclairage du square\n\n"
             "Les services techniques ont commandé le remplacement des câbles du square ; les travaux dureront "
             "trois semaines et l'éclairage sera rétabli à la fin du mois de novembre.\n\n"
             "Le 14 octobre 2022,\n\nSarah Benali")
    docs = segment(_pages(page1, page2))
    assert [d.text.split("\n")[0] for d in docs] == [
        "Vœu relatif à l'éclairage du square des Batignolles", "Amicale des locataires du 42 rue Legendre, "
        "75017 Paris", "À l'attention de Monsieur Pierre Aubry, Adjoint au Maire"]
    assert docs[1].text.endswith("Raymond Tissier") and docs[2].text.endswith("Sarah Benali")


def test_a_reply_under_a_one_line_letterhead_starts_under_the_letter_it_answers():
    page = ("Jeanne Lopez, 3 impasse des Lilas, 31000 Toulouse\n\nMonsieur le Maire,\n\n"
            "Je vous signale que le trottoir de l'impasse des Lilas est défoncé depuis les travaux de l'été dernier "
            "et que les personnes âgées du quartier ne peuvent plus y passer sans danger.\n\n"
            "Je vous prie d'agréer, Monsieur le Maire, mes salutations respectueuses.\n\n"
            "Le 2 février 2023,\nJeanne Lopez\n\n"
            "Marc Ollivier, Maire de Toulouse, place du Capitole, 31000 Toulouse\n\n"
            "Madame Jeanne Lopez\n3, impasse des Lilas\n31000 Toulouse\n\nMadame,\n\n"
            "Les services de la voirie interviendront dans votre impasse au cours du mois de mars pour reprendre "
            "le revêtement du trottoir sur toute sa longueur.\n\n"
            "Je vous prie d'agréer, Madame, mes salutations distinguées.\n\nLe 20 février 2023,\nMarc Ollivier")
    docs = segment(_pages(page))
    assert [d.text.split("\n")[0] for d in docs] == [
        "Jeanne Lopez, 3 impasse des Lilas, 31000 Toulouse",
        "Marc Ollivier, Maire de Toulouse, place du Capitole, 31000 Toulouse"]
    assert docs[0].text.endswith("Le 2 février 2023,\nJeanne Lopez")


@pytest.mark.parametrize("word", ["MOTION", "COMMUNIQUÉ", "VŒU"])
def test_a_one_word_heading_at_the_top_of_a_page_opens_a_document(word):
    """"MOTION" alone over a council's text starts it; it is not the tail of the letter on the page before."""
    letter = ("Ville de Marseille\n\nMarseille, le 3 octobre 2023\n\nMadame l'Adjointe,\n\n"
              "Le plan propreté lancé en mars 2022 a permis de recruter 140 agents.\n\n"
              "Je vous prie d'agréer, Madame l'Adjointe, l'expression de mes salutations distinguées.\n\n"
              "Le Directeur général des services,\nOlivier Caradec")
    other = (f"{word}\n\nLe Conseil municipal de Marseille, réuni le 20 octobre 2023, s'oppose à la fermeture du "
             "bureau de poste de la Belle de Mai et demande à La Poste de maintenir ses horaires.\n\n"
             "Adoptée à l'unanimité.")
    docs = segment(_pages(letter, other))
    assert [d.text.split("\n")[0] for d in docs] == ["Ville de Marseille", word]
    assert docs[0].text.endswith("Olivier Caradec")


# --- page furniture: what every page carries is never a figure, a person or a document -----------------------

PV_PAGE = """PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 12 MARS 2021

{body}

Le conseil municipal, après en avoir délibéré, approuve à l'unanimité la proposition présentée par le Maire
concernant les travaux de réfection de la toiture de l'école élémentaire pour un montant de {amount} euros.

Mairie de Corte – 2 place de l'Hôtel de Ville – BP 12 – 20 250 CORTE – Tél. 04 95 45 24 00
Page {n} / 3"""


def test_a_running_header_and_a_repeated_footer_neither_cut_nor_count():
    from archivage.extract import extract

    bodies = ["Présents : M. Poli, Mme Santini, M. Casanova, Mme Luciani.\n\nSecrétaire de séance : Mme Santini.",
              "2021-014 – Travaux de voirie : le Maire expose que la chaussée du cours Paoli est dégradée.",
              "2021-015 – Subvention au comité des fêtes : le Maire propose une aide exceptionnelle."]
    pages = _pages(*(PV_PAGE.format(body=b, amount=a, n=n)
                     for n, (b, a) in enumerate(zip(bodies, ["12 000", "48 500", "1 500"], strict=True), 1)))
    docs = segment(pages)
    assert len(docs) == 1 and docs[0].pages == [1, 2, 3]
    # the footer (and the header's repeats) are marked on every page; the first header is the document's title
    assert sum(side == "bottom" for *_, side in docs[0].furniture) == 3
    assert [side for *_, side in docs[0].furniture].count("top") == 2
    record = extract(docs[0])
    assert sorted(f["value"] for f in record["figures"]) == [1500, 12000, 48500]
    assert record["type"] == "compte_rendu" and record["date"] == "2021-03-12"


def test_two_letters_ending_on_the_same_signature_keep_their_signers():
    letter = ("Mairie de Lure\n\nLure, le {d} mars 2022\n\nMadame,\n\nJe vous confirme que votre demande de "
              "raccordement au réseau d'assainissement collectif a été examinée par les services techniques de "
              "la commune, qui vous recontacteront.\n\nJe vous prie d'agréer, Madame, mes salutations "
              "distinguées.\n\nLe Maire,\nPierre Morel")
    from archivage.extract import extract

    docs = segment(_pages(letter.format(d=3), letter.format(d=9)))
    assert len(docs) == 2
    assert [[p["name"] for p in extract(d)["signatories"]] for d in docs] == [["Pierre Morel"], ["Pierre Morel"]]


# --- real files: registers, recueils, minutes, what is attached to a letter -------------------------------------

EXTRAIT_PAGE = """MAIRIE DE MASSIAC
EXTRAIT DU REGISTRE
DES DELIBERATIONS DU CONSEIL MUNICIPAL

L'an deux mille vingt, le 10 février, le Conseil Municipal de la Commune de Massiac, dûment convoqué, s'est
réuni en session ordinaire, à la Mairie, sous la présidence de Monsieur Michel DESTANNES, Maire.

D.C. 2020/1-00{n}
{title}

Le Conseil Municipal, après en avoir délibéré et à l'unanimité, approuve la proposition du Maire relative à
{title_lower}, et autorise le Maire à signer toute pièce s'y rapportant.

Le Maire certifie le caractère exécutoire de Fait et délibéré en Mairie, les jours, mois et an que dessus
la présente délibération qui a été publiée le : Pour copie conforme le 12 février 2020
Le Maire, Le Maire,
Michel DESTANNES Michel DESTANNES"""


def test_a_file_of_extracts_of_one_register_is_cut_at_each_repeated_heading():
    from archivage.extract import extract

    titles = ["Comptes de gestion 2019", "Subvention au comité des fêtes", "Tarifs de la cantine scolaire"]
    pages = _pages(*(EXTRAIT_PAGE.format(n=n, title=t, title_lower=t.lower()) for n, t in enumerate(titles, 1)))
    docs = segment(pages)
    assert [d.pages for d in docs] == [[1], [2], [3]]
    records = [extract(d) for d in docs]
    assert {r["type"] for r in records} == {"deliberation"} and {r["date"] for r in records} == {"2020-02-10"}
    assert all([p["name"] for p in r["signatories"]] == ["Michel Destannes"] for r in records)


def test_a_recueils_separator_sheet_opens_the_act_it_names():
    cover = ("RECUEIL DES ACTES\nADMINISTRATIFS SPÉCIAL\nN°070 DU 07/05/2025\n\nPUBLIÉ LE 7 MAI 2025\n\nSommaire\n\n"
             "- DDT-SAER 2025125-0001 - Arrêté du 5 mai 2025 portant renouvellement du bureau (2 pages) Page 2")
    separator = "DDT-SAER 2025125-0001 - Arrêté du 5 mai 2025\nportant renouvellement de la composition du bureau"
    act = ("Arrêté n° DDT-SAER 2025 125 - 0001\nportant renouvellement de la composition du bureau\n\nLe Préfet de "
           "l'Aube,\n\nVu le code rural,\n\nARRÊTE\n\nArticle 1 : La composition du bureau de l'association foncière "
           "est renouvelée pour six ans, ses membres étant désignés par le conseil municipal.\n\nFait à TROYES, "
           "le 5 mai 2025\n\nLe Directeur départemental des territoires,\n\nJean-Christophe CHOLLEY")
    docs = segment(_pages(cover, separator, act))
    assert [d.pages for d in docs] == [[1], [2, 3]]


def test_minutes_keep_the_headings_they_record_until_the_seance_is_closed():
    minutes = ("Ville de Corte\n\nCompte-rendu de la réunion\nDu Conseil Municipal du 22 Avril 2024\n\nLe Maire, après "
               "avoir procédé à l'appel des membres du Conseil Municipal, ouvre la session et rappelle l'ordre du jour "
               "adressé à chacun des conseillers avec la note de synthèse.\n\nARRÊTÉ DU P. L. U. ET BILAN DE "
               "CONCERTATION PUBLIQUE\n\nLe Conseil DECIDE, par 19 voix « Pour », de valider le bilan de la "
               "concertation et de transmettre le projet pour avis à :\n\nMonsieur le Préfet de Haute-Corse,\n\n"
               "Monsieur le Président du Conseil de l'Exécutif de Corse,\n\nMonsieur le Président de la Communauté de "
               "Communes,\n\nPlus rien n'étant inscrit à l'ordre du jour, la séance est levée à 19h50.")
    letter = ("Corte, le 23 avril 2024\n\nMadame,\n\nJe vous informe que le conseil municipal a arrêté hier le projet "
              "de plan local d'urbanisme, qui sera soumis à enquête publique à l'automne prochain.\n\nJe vous prie "
              "d'agréer, Madame, mes salutations distinguées.\n\nXavier POLI")
    docs = segment(_pages(minutes + "\n\nCorte, le 22 avril 2024\n\nLe Maire,\nXavier POLI", letter))
    assert [d.pages for d in docs] == [[1], [2]] and "la séance est levée" in docs[0].text


def test_a_table_attached_to_a_signed_letter_is_a_document_of_its_own():
    letter = ("Laval, le 15 juin 2017\n\nMadame, Monsieur,\n\nVous m'avez sollicité au sujet de l'utilisation de mon "
              "indemnité représentative de frais de mandat ; vous trouverez ci-joint le détail de mes dépenses.\n\n"
              "Je vous prie de croire, Madame, Monsieur, en l'expression de mes sincères salutations.\n\nGuillaume Garot")
    table = ("Utilisation IRFM Guillaume Garot au cours des 6 derniers mois\n\nTotal recettes 30 247,01 €\n\n"
             "Total dépenses 23 008,84 €")
    docs = segment(_pages(letter, table))
    assert [d.pages for d in docs] == [[1], [2]]


def test_a_signed_letter_then_a_letter_dated_atop_the_next_page():
    first = ("Monsieur le maire, suite à la convocation du conseil municipal du 5 mai, je vous ai adressé un courrier "
             "le 30 avril, dont je demande qu'il soit porté au compte rendu de ce conseil municipal.\n\n"
             "Cordialement B. Dubois")
    second = ("Saint Restitut Le 30 AVRIL 2020\n\nMonsieur le Maire,\n\nPar lettre du 28 avril 2020, vous nous convoquez "
              "à un conseil municipal le 5 mai 2020 ; il ne me paraît pas opportun de le tenir avant le 11 mai.\n\n"
              "Je vous prie d'agréer Monsieur le Maire l'expression de ma sincère considération.\n\nB DUBOIS")
    assert [d.pages for d in segment(_pages(first, second))] == [[1], [2]]


def test_a_signers_function_carried_over_to_the_next_page_stays_with_the_letter():
    letter = ("Paris, le 2 juillet 2022\n\nMadame la Présidente,\n\nJe vous confirme que la halle sera rénovée dès "
              "l'an prochain, en lien avec les commerçants et les services de la Ville.\n\nJe vous prie d'agréer, "
              "Madame la Présidente, l'expression de mes salutations distinguées.\n\nJulien Ferrand")
    docs = segment(_pages(letter, "Adjoint à la Maire de Paris chargé du commerce et de l'artisanat"))
    assert [d.pages for d in docs] == [[1, 2]]


@pytest.mark.parametrize("verb", ["ARRÊTÉ :\n\nARTICLE 1 :", "ARRETE\nARTICLE 1er -"])
def test_the_verb_atop_a_page_goes_on_with_the_act(verb):
    # OCR reads the verb "ARRÊTE :" as "ARRÊTÉ :", or joins it to the first article: the articles on the next page
    # are the same act's, not a new document
    first = ("VILLE D'ANTIBES\n\nARRÊTÉ RÉGLEMENTAIRE PERMANENT DE POLICE\n\nLe Maire,\n\nVU le Code de la Route,\n\n"
             "CONSIDÉRANT la nécessité de créer des emplacements de livraison,\n\n"
             "SUR proposition de Monsieur le Directeur Général des Services,")
    second = (f"{verb}\n\nUn emplacement réservé à la livraison est créé boulevard Chancel sur 10 mètres.\n\n"
              "ARTICLE 2 :\n\nLe présent arrêté est applicable dès sa publication.\n\nAntibes, le 7 avril 2016\n\n"
              "Pour le Maire,\nl'Adjoint délégué")
    assert len(segment(_pages(first, second))) == 1


def test_an_article_after_a_certified_copys_margin_box_goes_on_with_the_act():
    # the margin box atop the act ("Expédition certifiée conforme", "Certifié exécutoire … le 14 AVR 2016") closes
    # nothing: "ARTICLE 1 :" is no title, and the reference repeated atop the next page opens no document
    text = ("CA/MFV/2016/328\n\nVILLE D'ANTIBES\n\nARRÊTÉ\n\nOBJET : BOULEVARD GUSTAVE CHANCEL\n\nExpédition certifiée conforme\n\n"
            "Pour le Maire d'ANTIBES,\nLe Directeur\n\nAnthony CLAVERIE\n\nN° Enregistrement :\n\nCertifié exécutoire "
            "compte-tenu de\n\nl'affichage en Mairie,\nle 14 AVR 2016\n\nVU le Code de la Route,\n\n"
            "CONSIDÉRANT les difficultés qu'engendre l'arrêt des véhicules de livraison,\n\nARRÊTÉ :\n\nARTICLE 1 :\n\n"
            "Un emplacement réservé est créé au droit du n° 14.")
    # its reference repeated atop the next page, over the next articles
    more = "CA/MFV/2016/328\n\nARTICLE 2 :\n\nLe présent arrêté est applicable.\n\nAntibes, le 7 avril 2016"
    assert len(segment(_pages(text, more))) == 1


_LETTERHEAD = "RÉPUBLIQUE FRANÇAISE\n\nPRÉFET DE LA CREUSE\n\nDirection départementale des territoires\nService de l'eau"
_PREAMBLE = "La préfète de la Creuse,\nChevalier de la Légion d'honneur,\n\nVu le code de l'environnement ;\n\n" \
            "Vu la demande déposée le 3 mars 2021 par la commune ;\n\nConsidérant que le projet est d'intérêt général ;"


def _act(title: str, subject: str, signer: str) -> str:
    return (f"{_LETTERHEAD}\n\nD 6 AVR. 2021\n{title}\n\n- autorisant {subject}\n\n{_PREAMBLE}\n\nARRÊTE\n\nArticle 1\n\n"
            f"Les travaux de {subject} sont autorisés pour une durée de cinq ans à compter de la notification du "
            f"présent arrêté à la commune.\n\nArticle 2\n\nLa secrétaire générale de la préfecture est chargée de "
            f"l'exécution du présent arrêté qui sera publié au recueil des actes administratifs.\n\n{signer}")


def test_acts_of_a_recueil_that_share_their_title_are_not_one_running_header():
    # each act opens on the same "Arrêté préfectoral du" (its date stamped beside it) and ends on its signer's
    # name without a "Fait à" line: the repeated title followed by a preamble opens the next act
    pages = _pages(_act("Arrêté préfectoral du", "le curage du ruisseau de la Gartempe", "Hélène MOREAU"),
                   _act("Arrêté préfectoral du", "la reconstruction du pont de Saint-Vaury", "Hélène MOREAU"),
                   _act("Arrêté préfectoral du", "le busage du fossé communal", "Paul LEROUX"))
    docs = segment(pages)
    assert [d.pages for d in docs] == [[1], [2], [3]]
    assert all(d.text.startswith("RÉPUBLIQUE FRANÇAISE") for d in docs)


def test_a_recueil_table_of_contents_lists_acts_without_opening_them():
    contents = ("RECUEIL DES ACTES ADMINISTRATIFS\n\nSOMMAIRE du n° 12 publié le 20 avril 2021\n\n"
                "Arrêté préfectoral du 12 avril 2021 autorisant le curage du ruisseau de la Gartempe\n\n"
                "Arrêté préfectoral n° 2021-55 du 14 avril 2021 portant composition de la commission "
                "départementale de la nature\n\nDécision du 15 avril 2021 portant délégation de signature")
    more = ("Arrêté du 16 avril 2021 relatif à la fermeture exceptionnelle de la trésorerie de Guéret\n\n"
            "Arrêté préfectoral du 19 avril 2021 portant agrément d'un garde particulier\n\n"
            "DIRECTION DÉPARTEMENTALE DES FINANCES PUBLIQUES\n\n"
            "Arrêté du 19 avril 2021 portant délégation de signature en matière de contentieux")
    docs = segment(_pages(contents, more, _act("Arrêté préfectoral du", "le curage du ruisseau", "Hélène MOREAU")))
    assert [d.pages for d in docs] == [[1, 2], [3]]


def test_a_sentence_naming_a_deliberation_in_minutes_opens_nothing():
    minutes = ("Compte rendu du conseil municipal du 4 février 2020\n\nPrésents : M. Durand, Mme Petit\n\n"
               "1. Travaux de voirie\n\nLe maire présente le devis de l'entreprise retenue pour la réfection du chemin "
               "des Vignes, d'un montant de 12 400 euros.\n\nDélibération prise en ce sens.\n\nConsidérant l'urgence "
               "des travaux, le conseil autorise le maire à signer le devis.\n\nLa séance est levée à 21 h.")
    assert len(segment(_pages(minutes))) == 1


def test_an_act_without_a_title_opens_on_its_visas_after_the_articles_of_another():
    def closure(day: str) -> str:
        return ("RÉPUBLIQUE FRANÇAISE\nDirection départementale des finances publiques de la Creuse\n\n"
                "Le Directeur départemental des finances publiques de la Creuse\n\nVu le décret n° 2008-310 du 3 avril "
                "2008 relatif à la direction générale des finances publiques ;\n\nVu l'arrêté préfectoral du 2 janvier "
                "2021 portant délégation de signature ;\n\nArrête :\n\nArticle 1 : Le centre des finances publiques de "
                f"Guéret sera exceptionnellement fermé au public le {day}.\n\nArticle 2 : Le présent arrêté sera publié "
                "au recueil des actes administratifs et affiché dans les locaux du service.\n\nPar délégation du préfet,"
                "\nLe Directeur départemental,\n\nPascal ROUX")
    docs = segment(_pages(closure("lundi 10 mai 2021"), closure("vendredi 14 mai 2021")))
    assert [d.pages for d in docs] == [[1], [2]]


def test_a_separator_sheet_that_repeats_an_entry_of_the_contents_opens_its_act():
    # the recueil's tool prints each act's service, number and subject on a sheet of its own, as its contents
    # list them, with no word saying "arrêté"; the act's text layer puts its visas before its numbered title
    contents = ("RECUEIL DES ACTES ADMINISTRATIFS SPÉCIAL N°11-2021\n\nPUBLIÉ LE 7 JUIN 2021\n\nSommaire\n\n"
                "23_DDT_Direction départementale des territoires de la Creuse 23-2021-06-07-004 - composition de la "
                "commission locale de l'eau du bassin de la Gartempe (2 pages)   Page 3")
    separator = ("23_DDT_Direction départementale des territoires de la Creuse\n\n23-2021-06-07-004\n\ncomposition de la "
                 "commission locale de l'eau du bassin de la Gartempe")
    act = ("Vu le code de l'environnement, articles R 212-29 à R 212-34 Vu l'arrêté du 3 mars 2019\n\n"
           "ARRETE n°41-2021\n\nArticle 1er : La commission locale de l'eau du bassin de la Gartempe est composée des "
           "membres désignés en annexe, pour une durée de six ans à compter de la publication du présent arrêté.\n\n"
           "Guéret, le 7 juin 2021\n\nPour la préfète et par délégation, le directeur départemental des territoires,"
           "\n\nService de l'eau\n\nAffaire suivie par : Anne DUVAL\n\nTéléphone 05 55 51 59 00")
    docs = segment(_pages(contents, separator, act))
    assert [d.pages for d in docs] == [[1], [2, 3]]
