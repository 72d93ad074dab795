"""Quantities in French council documents: value multiplied out, kind, unit, subject."""

import pytest

from archivage.extract.figures import find_figures


def figs(text):
    return [(f.value, f.kind) for f in find_figures(text)]


def test_budget_amounts_are_multiplied_out():
    text = ("Un budget de 1,2 million d'euros a été voté, dont 120 000 € pour la voirie, cent vingt mille "
            "euros pour les écoles et 2,5 M€ d'investissement.")
    found = find_figures(text)
    assert [(f.value, f.kind, f.unit) for f in found] == [
        (1_200_000, "money", "EUR"), (120_000, "money", "EUR"), (120_000, "money", "EUR"),
        (2_500_000, "money", "EUR")]
    assert found[0].subject == "budget"
    assert found[0].text == "1,2 million d'euros"


def test_money_in_words_and_ranges():
    assert figs("environ trois millions d'euros seront alloués") == [(3_000_000, "money")]
    assert figs("entre 2 et 3 millions d'euros") == [(2_000_000, "money"), (3_000_000, "money")]
    assert figs("une subvention exceptionnelle de 600 € et 50 000 euros HT") == [(600, "money"), (50_000, "money")]


def test_percentages():
    found = find_figures("- +13,5% des atteintes volontaires\n- +8.5% des recels\n- 38 pour cent en 2017")
    assert [(f.value, f.kind) for f in found] == [(13.5, "percent"), (8.5, "percent"), (38, "percent")]
    assert found[0].subject == "atteintes volontaires"
    assert figs("vidés de 50% de leurs effectifs") == [(50, "percent")]
    assert figs("de 10 à 15 %") == [(10, "percent"), (15, "percent")]


def test_counts():
    assert figs("Une quinzaine de logements seront livrés") == [(15, "count")]
    assert figs("la trentaine de mesures du plan, ses 4 axes et 6 agents") == [
        (30, "count"), (4, "count"), (6, "count")]
    assert figs("10 000 créations de postes et + 3000 gardes à vue") == [(10_000, "count"), (3000, "count")]
    assert figs("dans 19 des 20 arrondissements parisiens") == [(19, "count"), (20, "count")]


def test_vote_counts():
    assert figs("Le vœu est adopté par 12 voix pour, 3 contre et 2 abstentions.") == [
        (12, "count"), (3, "count"), (2, "count")]
    assert figs("Nombre de conseillers en exercice : 15 ; présents : 12 ; votants : 14.") == [
        (15, "count"), (12, "count"), (14, "count")]


def test_a_bare_number_continuing_a_count():
    text = "les effectifs sont passés en 10 ans de 800 policiers à 480 aujourd'hui (450 en septembre)"
    assert figs(text) == [(10, "duration"), (800, "count"), (480, "count"), (450, "count")]


def test_durations_and_measures():
    assert figs("une convention pour une durée de 3 ans ; depuis 15 ans ; une dame de 80 ans") == [
        (3, "duration"), (15, "duration"), (80, "duration")]
    assert figs("Un an et demi après, les travaux dureront six mois") == [(1.5, "duration"), (6, "duration")]
    found = find_figures("il y a 200 mètres à faire, 3 km de pistes, 1 250 m² de bureaux et 2 tonnes de déchets")
    assert [(f.value, f.kind, f.unit) for f in found] == [
        (200, "measure", "m"), (3, "measure", "km"), (1250, "measure", "m²"), (2, "measure", "t")]


@pytest.mark.parametrize("text", [
    "Paris, le 26 février 2019 : entre 2018 et 2019, en novembre 2018",
    "ouvert dès 17h jusqu'à 20h, de 8h30 à 17h00, 24h/24 et 7j/7",
    "Téléphone : 01 53 41 50 80 - Fax 01.53.41.17.04",
    "Mairie du 18e - 1, place Jules Joffrin - 75018 Paris",
    "Place Beauvau 75800 PARIS cedex 08",
    "la Zone de Sécurité Prioritaire 10/18, décision modificative n°01/2015 au compte 73925",
    "vu l'article L. 2122-22 et le décret 95-21",
    "le 18e arrondissement, la 3e édition, pour la 1ère fois, le 19° arrondissement",
    "qui ne relève pas de l'urgence \"17\", des appels du 17",
    "https://www.mairie18.paris.fr/goutte-d-or-131 ou ecoute18@interieur.gouv.fr",
    "deux agents de la propreté",
])
def test_numbers_that_are_not_figures(text):
    assert figs(text) == []


def test_mentions_point_into_the_text():
    text = "C'est 9 millions d'euros qui ont été débloqués pour 3 ans."
    found = find_figures(text)
    assert [(text[f.start:f.end], f.value, f.kind) for f in found] == [
        ("9 millions d'euros", 9_000_000, "money"), ("3 ans", 3, "duration")]


def test_genre_phrases_from_the_heldout_set():
    # "dont N" and "contre N" count what the count before them counts
    assert figs("42 nouvelles rues aux écoles, dont 5 dans le 18e") == [(42, "count"), (5, "count")]
    assert figs("2 870 contrôles, contre 2 410 au premier semestre 2021") == [(2870, "count"), (2410, "count")]
    assert figs("Adopté à 95 voix contre 12") == [(95, "count"), (12, "count")]
    assert figs("sur le modèle des 168 « rues aux écoles »") == [(168, "count")]
    assert figs("3 millions de voyageurs et 1,5 million d'habitants") == [(3e6, "count"), (1.5e6, "count")]
    assert figs("le Conseil de Paris compte 163 élus ; imputé au compte 6574") == [(163, "count")]
    # OCR breaks a line between digit groups; a vœu number is a reference
    assert figs("s'élève à 210\n000 euros") == [(210000, "money")]
    assert figs("transmission du vœu 2022 V. 187 relatif aux loyers") == []


def test_hours_after_de_are_a_duration_unless_a_range_of_the_day():
    assert figs("L'entreprise doit intervenir dans un délai de 6 heures après le signalement.") == [(6, "duration")]
    assert figs("La déchetterie est ouverte de 8 heures à 12 heures le samedi.") == []
    assert figs("Le conseil se réunira à 20 heures en salle des fêtes.") == []


def test_a_number_opening_a_line_under_a_heading_counts():
    text = "Composition du bureau de quartier\n9 habitants et 4 représentants d'associations siègent au bureau."
    assert figs(text) == [(9, "count"), (4, "count")]


def test_numbered_rubrics_of_minutes_are_not_counts():
    text = ("Adopté à l'unanimité des membres présents et représentés.\n\n"
            "3 URBANISME – Modification simplifiée du plan local d'urbanisme\n"
            "Le maire présente les 14 parcelles concernées.")
    assert figs(text) == [(14, "count")]


def test_a_unit_stays_in_its_paragraph_and_is_no_elided_article():
    """Held-out 3: "Votants : 17 / (blank) / L'an deux mille…" is no 17 litres."""
    assert figs("Membres en exercice : 27\n\nL'an deux mille vingt-trois, le conseil s'est réuni.") == [(27, "count")]
    assert not [f for f in figs("Ils étaient 12 l'an dernier.") if f[1] == "measure"]
    assert figs("une cuve de 300 litres de fioul") == [(300, "measure")]


def test_the_minutes_of_a_time_of_day_count_nothing():
    assert figs("La séance est ouverte à 19 h 45 sous la présidence de la maire.") == []
    assert figs("Rendez-vous à 9h30 devant la mairie avec 40 bénévoles.") == [(40, "count")]


def test_counts_out_of_a_total_and_parts_of_a_group():
    assert figs("Conseillers présents : 27 sur 33 ; pouvoirs : 3.") == [(27, "count"), (33, "count"), (3, "count")]
    assert figs("7 de ces logements sont vacants depuis l'été.") == [(7, "count")]
    assert figs("4 de nos agents sont en arrêt maladie.") == [(4, "count")]


def test_a_pound_sign_after_an_amount_is_ocr_for_euro():
    assert figs("une aide de 12 500 £ pour la toiture de l'école") == [(12_500, "money")]


def test_held_out_4_identifiers_and_split_amounts():
    # every part of an arrêté's number is an identifier
    assert figs("Arrêté n° 2023 P 10457 instituant une aire piétonne de 1 200 m²") == [(1200, "measure")]
    # OCR sent the thousands of an amount to the next paragraph: the currency after them joins them back
    assert figs("pour un coût estimé à 2\n\n300 000 euros TTC") == [(2300000, "money")]
    # without a currency the two numbers stay apart
    assert figs("Article 2\n\n150 arbres seront plantés") == [(150, "count")]
    # a bracketed vote count
    assert figs("Le vœu est repoussé. (Pour : 38 ; Contre : 97 ; Abstention : 11)") == [
        (38, "count"), (97, "count"), (11, "count")]


@pytest.mark.parametrize("text, expected", [
    ("le taux de chômage recule de 1,2 point en un an", [(1.2, "percent")]),
    ("la participation progresse de +4 points", [(4, "percent")]),
    ("la police a démantelé 9 points de deal", [(9, "count")]),
])
def test_percentage_points_are_percent_but_places_stay_counts(text, expected):
    assert [(f.value, f.kind) for f in find_figures(text)] == expected


def test_an_elided_count_after_a_preposition_counts_the_same_thing():
    text = "Le référendum a recueilli 2 318 votes sur internet et 904 sur place."
    assert [(f.value, f.kind) for f in find_figures(text)] == [(2318, "count"), (904, "count")]


def test_fractions_and_codes_with_a_leading_zero_are_no_figures():
    """"dont 1/3 relevaient" is a fraction (optional), not a count of 1; "75355 Paris 07 SP" is a code."""
    got = [(f.value, f.kind) for f in find_figures("31 500 passages, dont 1/3 relevaient de la médecine de ville")]
    assert got == [(31500.0, "count")]
    assert find_figures("Assemblée nationale, 126, rue de l'Université, 75355 Paris 07 SP") == []
    assert [(f.value, f.kind) for f in find_figures("soit 1 050 euros et 0,5 %")] == [(1050.0, "money"), (0.5, "percent")]


def test_a_count_of_people_named_by_a_pronoun():
    got = [(f.value, f.kind) for f in find_figures("j'ai tenu 48 permanences et reçu plus de 600 d'entre vous.")]
    assert got == [(48.0, "count"), (600.0, "count")]


def test_a_possessive_nos_is_no_number_sign_and_absents_are_counted():
    assert figs("la sécurité de nos 640 élèves") == [(640, "count")]
    assert figs("Présents : 23 conseillers. Pouvoirs : 4. Absents : 2.") == [(23, "count"), (4, "count"), (2, "count")]
    assert figs("voir la pièce no 12 et nos. 14") == []


def test_the_year_of_a_communes_accounts_is_no_count():
    assert figs("Le compte administratif 2022 fait apparaître un excédent de 1 250 000 €.") == [(1_250_000, "money")]
    assert figs("Le budget primitif 2024 prévoit 12 postes.") == [(12, "count")]


def test_an_approximate_number_as_the_subject_of_a_verb_is_a_count():
    assert figs("Sur les 80 familles du quartier, une cinquantaine ont répondu au questionnaire.") == [
        (80, "count"), (50, "count")]
    assert figs("Une vingtaine se sont présentés à la réunion.") == [(20, "count")]
    assert figs("La quarantaine imposée aux navires.") == []


def test_the_number_of_a_list_item_is_no_count():
    text = ("DÉLIBÈRE\n\n1- Le programme de travaux est approuvé.\n"
            "2- Une autorisation de programme de 12 millions d'euros est ouverte.\n"
            "3) Une subvention de 500 euros est versée.\n4. Deux agents sont nommés.")
    assert figs(text) == [(12_000_000, "money"), (500, "money")]
    # a number opening a line with no list mark is still a figure
    assert figs("Au total :\n35 commerçants ont signé.") == [(35, "count")]


@pytest.mark.parametrize("line", [
    "Préfecture de la Haute-Saône – 1 rue de la Préfecture – BP 429 – 70 013 VESOUL Cedex – Tél : 03 84 77 70 00",
    "CS 20 001 - 21 035 Dijon Cedex",
    "Hôtel de Ville - 2 place de l'Hôtel de Ville - 20250 CORTE",
    "75011 SAINT-DENIS CEDEX 9",
])
def test_postal_codes_of_letterheads_are_no_figures(line):
    assert find_figures(line) == []


def test_an_amount_in_capitals_is_still_money():
    assert [(f.value, f.kind) for f in find_figures("une subvention de 35 000 EUROS HT.")] == [(35000, "money")]


# --- wordings of real council documents -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Section de fonctionnement : 2.129.622,73 € ; report : 1.874,96 €",
     [(2129622.73, "money"), (1874.96, "money")]),
    ("Il peut être saisi dans un délai d'un mois à compter de sa notification.", [(1, "duration")]),
    ("Parmi les 42 conseillers présents, 10 ont déjà été conseillers de quartier et 13 sont membres.",
     [(42, "count"), (10, "count"), (13, "count")]),
    ("23 Conseillers étaient Présents et Représentés (05 Procurations : M. Rossi).", [(23, "count"), (5, "count")]),
    ("Longueur approximative : 300 à400 m", [(300, "measure"), (400, "measure")]),
])
def test_real_document_wordings(text, expected):
    assert figs(text) == expected


def test_a_year_an_article_is_still_no_duration():
    assert figs("Il y a un an, le conseil avait voté ce projet.") == []


@pytest.mark.parametrize("text, expected", [
    ("Lot n° 1 – Maçonnerie : pour un montant de 21 398.99 € HT", [(21398.99, "money")]),
    ("- Arrêté du 18 avril 2025 attribuant l'habilitation sanitaire (2 pages) Page 3", []),  # a sommaire
    ("recueil n°070\n\n12\n\nArrêté portant désignation", []),  # a page's number alone on its line
    ("Tél : 03 25 46 20", []), ("Modèle 308 Immatriculé 683 QR 07", []),
    ("les articles L 511.1 à L 511.6 du code", []), ("parcelles AK n 29, 30 et 34", []),
    ("EUROFINS - 4, chemin des maures - 33 170 GRADIGNAN est autorisée à réaliser", []),
    ("au chapitre 67, compte 6742 « subvention exceptionnelle »", []),
    ("1 https://www.grandbourg.fr/plan-climat", []),
    ("publié au moins quinze (15) jours avant le début de l'enquête", [(15, "duration")]),
    ("dans les huit (8) premiers jours de celle-ci", [(8, "duration")]),
    # a table of costs: the amount after a body's acronym is still money; the zone's code still is none
    # OCR's readings: a bullet under a line ending with a year, "1er adjoint"
    ("Adoption du Compte Administratif 2022\n% Approbation du Compte de Gestion", []),
    ("Monsieur Maroselli, 1% adjoint délégué aux finances, présente une baisse de 3 % des charges", [(3, "percent")]),
    ("AMO CEREMA 40 921,25 €\nEtude Amiante GO2 1 410,00 €\nen zone UA 12 du plan", [(40921.25, "money"), (1410, "money")]),
])
def test_more_real_document_wordings(text, expected):
    assert figs(text) == expected
