"""Names, functions and addresses of signatories and addressees."""

from __future__ import annotations

import pytest

from archivage.extract import extract
from archivage.extract.people import clean_function, find_names, find_people, natural_case
from archivage.model import Document


@pytest.mark.parametrize("raw, name", [
    ("Christophe CASTANER", "Christophe Castaner"),
    ("Jean-Pierre LE PAGE", "Jean-Pierre Le Page"),
    ("MARIE-CLAUDE DE LA TOUR", "Marie-Claude de La Tour"),
    ("Colombe BROSSEL", "Colombe Brossel"),
])
def test_natural_case(raw, name):
    assert natural_case(raw) == name


@pytest.mark.parametrize("text, names", [
    ("Colombe BROSSEL", ["Colombe Brossel"]),
    ("Ymorrel", []),                                   # a signature scribble read by OCR
    ("Cher Christophe Castaner,", ["Christophe Castaner"]),
    ("Monsieur le Ministre de l'Intérieur Christophe Castaner", ["Christophe Castaner"]),
    ("Xavière DUCROCQ, Directrice", ["Xavière Ducrocq"]),   # unknown first name, surname in capitals
    ("Mairie du 18e - 1, place Jules Joffrin - 75018 Paris", []),
    ("LA MAIRE DE PARIS", []),
])
def test_find_names(text, names):
    assert [n for _, _, n in find_names(text)] == names


def test_function_is_cut_before_a_second_function():
    f = clean_function("Adjointe à la Maire de Paris Chargée de la sécurité, de la prévention et de l'intégration "
                       "Conseillère de Paris et du 19e Arrondissement")
    assert f == "Adjointe à la Maire de Paris Chargée de la sécurité, de la prévention et de l'intégration"
    assert clean_function("LE PRÉFET DE POLICE,") == "Préfet de Police"


def _names(people):
    return [(p.name, p.function) for p in people]


def test_heading_names_signatory_and_addressee():
    text = ("LETTRE DE CAROLINE DUMAS (PRÉSIDENTE DE L'ASSOCIATION ARC-EN-CIEL) À LA MAIRE DE PARIS, ANNE HIDALGO\n\n"
            "Madame la Maire,\n\nNous vous remercions de votre soutien.\n\nBien à vous.")
    signers, addressees = find_people(text, "lettre", text.split("\n")[0])
    assert [n for n, _ in _names(signers)] == ["Caroline Dumas"]
    assert "Présidente" in signers[0].function
    assert _names(addressees) == [("Anne Hidalgo", "Maire de Paris")]


def test_signature_with_function_above_and_delegation():
    text = ("Arrêté n° 2022-10\n\nVu le code de la route ;\n\nArrête :\n\nArticle 1 : la rue est fermée.\n\n"
            "Fait à Paris, le 2 mai 2022\n\nPour le Préfet de Police et par délégation,\n"
            "Le Directeur de l'Ordre Public et de la Circulation\n\nJérôme FOUCAUD")
    signers, addressees = find_people(text, "arrete")
    assert _names(signers) == [("Jérôme Foucaud", "Directeur de l'Ordre Public et de la Circulation")]
    assert addressees == []


def test_collective_authors_and_body_names_are_not_signatories():
    text = ("VŒU DU GROUPE ÉCOLOGISTE\n\nConsidérant les propos de Monsieur Pierre DURAND ;\n\n"
            "Les élu-e-s du 18e demandent que la Ville agisse.\n\nDanielle SIMONNET\nConseillère de Paris")
    assert find_people(text, "voeu") == ([], [])


def test_reply_letter_swaps_roles():
    text = ("LA MAIRE DE PARIS\n\nParis, le 3 juin 2020\n\nMonsieur Pierre MARTIN\nPrésident du conseil syndical\n"
            "22, rue Ordener\n75018 PARIS\n\nMonsieur le Président,\n\nJ'ai bien reçu votre courrier du 2 mai "
            "relatif aux nuisances de la rue Ordener, et j'ai demandé à mes services d'étudier vos propositions.\n\n"
            "Je vous prie de croire, Monsieur le Président, à l'assurance de mes sentiments les meilleurs.\n\n"
            "Anne HIDALGO")
    signers, addressees = find_people(text, "lettre")
    assert _names(signers) == [("Anne Hidalgo", "Maire de Paris")]
    assert _names(addressees) == [("Pierre Martin", "Président du conseil syndical")]
    assert addressees[0].address == "22, rue Ordener 75018 Paris"


# A letter from a tenants' association, as OCR returns it: every line of the letterhead and of the address
# block is a paragraph of its own, the closing is plural, a copy list follows the signature.
OCR_ASSOCIATION_LETTER = """Amicale des locataires
\n
de la résidence Belleville
\n
Lyon, le 4 avril 2023
\n
Madame Justine FAVIER
\n
Directrice générale de l'Office public de l'habitat
\n
Immeuble Le Britannia
\n
20, boulevard Eugène Deruelle
\n
69003 Lyon
\n
Objet : ascenseurs en panne
\n
Madame la Directrice générale,
\n
Depuis le mois de janvier, les deux ascenseurs de la tour B tombent en panne plusieurs fois par semaine et
les habitants des étages élevés, dont de nombreuses personnes âgées, restent parfois bloqués chez eux.
\n
Nous vous prions de croire, Madame la Directrice générale, à l'expression de nos sentiments respectueux.
\n
Pour le conseil d'administration,
\n
Le Trésorier
\n
Karim BENSAÏD
\n
Copie à : M. Olivier Roux, Adjoint au Maire chargé du logement ;
\n
Mme Lucie Perrin, Conseillère municipale""".replace("\n\n\n", "\n\n")


def test_ocr_address_block_across_paragraph_breaks():
    signers, addressees = find_people(OCR_ASSOCIATION_LETTER, "lettre")
    assert _names(addressees) == [("Justine Favier", "Directrice générale de l'Office public de l'habitat")]
    assert addressees[0].address == "Immeuble Le Britannia 20, boulevard Eugène Deruelle 69003 Lyon"
    assert _names(signers) == [("Karim Bensaïd", "Trésorier")]


def test_copy_list_is_never_a_signatory_even_without_a_closing():
    text = ("Objet : fermeture estivale de la piscine Hébert\n\nLes travaux de remise aux normes du bassin "
            "imposent une fermeture de six semaines, du 1er juillet au 15 août, selon le calendrier fourni "
            "par l'entreprise titulaire du marché.\n\nMarc LEFORT\nChef du service des sports\n\n"
            "cc : Mme Agnès Roy, Adjointe\nchargée des sports ;\nM. Paul Simon, Directeur")
    signers, addressees = find_people(text, "note")
    assert _names(signers) == [("Marc Lefort", "Chef du service des sports")]
    assert addressees == []


@pytest.mark.parametrize("block, function, address", [
    # a building name on its own line, then the street
    ("Monsieur Paul VIDAL\nSénateur du Rhône\nPalais du Luxembourg\n15, rue de Vaugirard\n75291 Paris",
     "Sénateur du Rhône", "Palais du Luxembourg 15, rue de Vaugirard 75291 Paris"),
    # the same run together on one line by OCR
    ("Madame Nadine ROCHE Maire de Villeurbanne Hôtel de Ville Place Lazare Goujon 69100 Villeurbanne",
     "Maire de Villeurbanne", "Hôtel de Ville Place Lazare Goujon 69100 Villeurbanne"),
    # "de la Mairie" belongs to the function
    ("Monsieur Yves MARTEL\nDirecteur général des services de la Mairie de Montreuil\nBP 17\n93105 Montreuil",
     "Directeur général des services de la Mairie de Montreuil", "BP 17 93105 Montreuil"),
])
def test_function_stops_at_the_address(block, function, address):
    _, addressees = find_people(block + "\n\nMonsieur,\n\nJe vous écris au sujet du marché.", "lettre")
    assert [(a.function, a.address) for a in addressees] == [(function, address)]


def test_two_signers_each_with_the_function_below_the_name():
    text = ("Madame la Directrice,\n\nNous vous demandons de rouvrir la halte-garderie dans les meilleurs délais.\n\n"
            "Nous vous prions d'agréer, Madame la Directrice, nos salutations distinguées.\n\n"
            "Romain THÉVENOT\nConseiller d'arrondissement\n\n"
            "Sabine ARNOUX-LEBLANC\nAdjointe au Maire du 15e arrondissement chargée de la petite enfance")
    signers, _ = find_people(text, "lettre")
    assert _names(signers) == [
        ("Romain Thévenot", "Conseiller d'arrondissement"),
        ("Sabine Arnoux-Leblanc", "Adjointe au Maire du 15e arrondissement chargée de la petite enfance")]


def test_minutes_signed_at_the_end_side_by_side():
    text = ("Compte rendu du conseil municipal du lundi 7 mars 2016\n\nPrésents : M. Gilles ARNAUD, "
            "Mme Paule VIDAL.\n\nLe conseil approuve le budget primitif à l'unanimité.\n\n"
            "Séance levée à 20h30.\n\nLe maire,\tLa secrétaire de séance,\n\nGilles ARNAUD.\tPaule VIDAL\n\n2")
    signers, addressees = find_people(text, "compte_rendu")
    assert [n for n, _ in _names(signers)] == ["Gilles Arnaud", "Paule Vidal"]
    assert "secrétaire de séance" in signers[1].function.lower() and addressees == []


def test_minutes_signed_by_the_mayor_and_minutes_not_signed():
    signed = ("Séance du mardi 9 juin 2020\n\nLa séance est levée à 22 heures.\n\n"
              "La Maire du 20e arrondissement,\nÉmilie CORDIER")
    assert _names(find_people(signed, "compte_rendu")[0]) == [("Émilie Cordier", "Maire du 20e arrondissement")]
    unsigned = ("Réunion plénière du 3 juin 2021\n\nMme Julie FERRAND, coordinatrice, présente le budget.\n\n"
                "Prochaine réunion en septembre.\n\nJulie FERRAND")
    assert find_people(unsigned, "compte_rendu") == ([], [])


def test_a_full_stop_ends_a_name_but_not_an_initial():
    assert [n for _, _, n in find_names("Hélène MARCHAL. Yann LE ROUX")] == ["Hélène Marchal", "Yann Le Roux"]
    assert [n for _, _, n in find_names("signé : P. GAUTHIER")] == ["P. Gauthier"]


@pytest.mark.parametrize("text, names", [
    ("Jean-Yves Le DRIAN, ministre", ["Jean-Yves Le Drian"]),      # a surname that keeps its article
    ("Gaëlle Le BRAS", ["Gaëlle Le Bras"]),
    ("Monsieur le MAIRE", []),
    ("Pierre Le Maire de Vannes", []),                               # "Le Maire" in title case: a function
])
def test_surnames_with_a_capitalised_article(text, names):
    assert [n for _, _, n in find_names(text)] == names


ENVOI = """PRÉFECTURE DU CALVADOS
Cabinet du préfet

Caen, le 12 septembre 2022

Monsieur le Président,

J'ai bien reçu votre demande relative à la sécurisation de la véloroute entre Caen et Ouistreham, et je vous
confirme que les crédits de l'État pourront être mobilisés pour les deux passages les plus dangereux.

Je vous prie d'agréer, Monsieur le Président, l'expression de ma considération distinguée.

Le Directeur de cabinet,
Hugo MARTEAU

Monsieur Paul GIRAUD
Président de la communauté urbaine Caen la mer
16-18, rue Rosa Parks
14000 Caen
"""


def test_an_address_block_under_the_signature_is_the_addressee():
    signers, addressees = find_people(ENVOI, "lettre")
    assert [(p.name, p.function) for p in signers] == [("Hugo Marteau", "Directeur de cabinet")]
    assert [(p.name, p.function) for p in addressees] == [
        ("Paul Giraud", "Président de la communauté urbaine Caen la mer")]
    assert addressees[0].address.startswith("16-18, rue Rosa Parks")


def test_an_e_mail_address_is_not_a_function():
    assert clean_function("<marc.vidal@ville-vannes.fr>") is None
    assert clean_function("marc.vidal@ville-vannes.fr, Chef du service voirie") == "Chef du service voirie"


# ---------------------------------------------------------------- held-out 4: private persons and nameless addressees

CITIZEN_REPLY = ("Odile LAMBERT\n8, rue Piat – 75020 Paris\n\n"
                 "à Madame Hélène VIDAL\nConseillère de Paris déléguée à la voirie\nHôtel de Ville\n\n"
                 "Paris, le 21.3.2022\n\nMadame,\n\nJe vous remercie de votre réponse du 10 mars et des mesures "
                 "prises pour les livraisons de la rue Piat, qui ont rendu la circulation plus fluide.\n\n"
                 "Veuillez agréer, Madame, mes salutations distinguées.\n\nO. Lambert")


def test_a_signature_with_an_initial_is_the_letterheads_person():
    signers, addressees = find_people(CITIZEN_REPLY, "lettre")
    assert _names(signers) == [("Odile Lambert", None)]
    assert _names(addressees) == [("Hélène Vidal", "Conseillère de Paris déléguée à la voirie")]


def test_a_nameless_maire_is_named_by_her_town_hall_and_a_street_is_no_function():
    text = ("Jacques PERRIN\n3, allée des Tilleuls\n25000 Besançon\n\nMonsieur le Maire\nMairie de Besançon\n"
            "2, rue Mégevand\n25034 Besançon Cedex\n\nBesançon, le 12/05/2022\n\nMonsieur le Maire,\n\n"
            "Je souhaite attirer votre attention sur l'état du trottoir de l'allée des Tilleuls, dont plusieurs "
            "dalles sont descellées depuis l'hiver et rendent le passage dangereux.\n\n"
            "Je vous prie d'agréer, Monsieur le Maire, l'expression de mes salutations respectueuses.\n\n"
            "Jacques Perrin")
    signers, addressees = find_people(text, "lettre")
    assert [p.name for p in signers] == ["Jacques Perrin"]
    assert _names(addressees) == [("Maire de Besançon", "Maire de Besançon")]
    reply = ("Monsieur Jacques PERRIN\n3, allée des Tilleuls\n25000 Besançon\n\nBesançon, le 2 juin 2022\n\n"
             "Monsieur,\n\nVotre courrier a retenu toute mon attention et les services de la voirie interviendront "
             "sur le trottoir de l'allée des Tilleuls dans les prochaines semaines.\n\n"
             "Veuillez agréer, Monsieur, mes salutations distinguées.\n\nClaire MOULIN\nAdjointe au Maire")
    _, addressees = find_people(reply, "lettre")
    assert [(p.name, p.function, p.address) for p in addressees] == [
        ("Jacques Perrin", None, "3, allée des Tilleuls 25000 Besançon")]


def test_two_signatures_side_by_side_each_keep_their_function():
    text = ("Madame,\n\nNous vous remercions de votre courrier.\n\nVeuillez agréer, Madame, nos salutations.\n\n"
            "La Maire de Lyon                        Le Premier adjoint\n"
            "Grégoire DUCHÊNE                        Sandrine PERRAUD-LAMY\n")
    signers, _ = find_people(text, "lettre")
    got = {(p.name, p.function) for p in signers}
    assert got == {("Grégoire Duchêne", "Maire de Lyon"), ("Sandrine Perraud-Lamy", "Premier adjoint")}, got


@pytest.mark.parametrize("line, name", [
    ("Madame Tran Thi Mai", "Tran Thi Mai"),
    ("Monsieur Ould Ahmed Salem", "Ould Ahmed Salem"),
    ("Signé : Diallo Mamadou", "Diallo Mamadou"),
])
def test_a_civility_or_signe_anchors_a_name_with_an_unknown_first_name(line, name):
    assert [n for _, _, n in find_names(line)] == [name]


def test_a_capitalised_word_alone_is_still_no_name():
    assert find_names("Résidence Bellevue, bâtiment Sud") == []


def test_an_addressee_with_an_unknown_first_name_under_a_civility():
    text = ("Paris, le 3 avril 2023\n\nMadame Tran Thi Mai\nPrésidente de l'amicale des locataires\n12, rue Riquet\n"
            "75019 Paris\n\nMadame la Présidente,\n\nJ'ai bien reçu votre courrier.\n\nJe vous prie d'agréer, Madame "
            "la Présidente, mes salutations distinguées.\n\nLouis GARNIER\nMaire du 19e arrondissement")
    _, addressees = find_people(text, "lettre")
    assert [(p.name, p.function) for p in addressees] == [("Tran Thi Mai", "Présidente de l'amicale des locataires")]


@pytest.mark.parametrize("functions, names", [
    ("Le Maire de Rennes Le Premier adjoint", "Nathalie APPÉRÉ-ROUX Marc HERVÉ"),
    ("Pour la Ville de Rennes Pour le club", "Signé : Nathalie APPÉRÉ-ROUX Signé : Marc HERVÉ"),
])
def test_two_signatures_whose_gap_ocr_closed_are_still_two(functions, names):
    text = ("Madame, Monsieur,\n\nLa Ville de Rennes et le club de natation ont signé ce jour la convention de mise à "
            "disposition de la piscine de Bréquigny pour la saison 2024.\n\nFait à Rennes, le 12 mars 2024.\n\n"
            f"{functions}\n\n{names}\n")
    signers, _ = find_people(text, "autre")
    assert [p.name for p in signers] == ["Nathalie Appéré-Roux", "Marc Hervé"]


def test_a_signer_with_a_title_before_the_name():
    """"Dr Claire …" signs: a doctor's title is not the civility of an address block."""
    text = ("AP-HP\nHôpital Tenon\n\nParis, le 13 juin 2024\n\nMonsieur Karim BELHADJ-ROUSSEAU\n"
            "Maire du 20e arrondissement\n\nMonsieur le Maire,\n\nLe service restera ouvert tout l'été, avec "
            "deux médecins de garde chaque nuit, comme vous l'avez demandé.\n\nJe vous prie d'agréer, Monsieur "
            "le Maire, l'expression de ma considération distinguée.\n\nDr Claire OBERTHUR-MBAYE\n"
            "Directrice de l'Hôpital Tenon")
    signers, to = find_people(text, "lettre")
    assert [s.name.split()[-1].upper() for s in signers] == ["OBERTHUR-MBAYE"]
    assert "Directrice" in (signers[0].function or "")
    assert [a.name.split()[-1].upper() for a in to] == ["BELHADJ-ROUSSEAU"]


def test_minutes_signed_by_two_people_one_above_the_other():
    text = ("PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL\n\nLa séance est ouverte à 20h.\n\n"
            "M. le Maire donne la parole à Mme Lucie PERRET, adjointe aux finances.\n\n"
            "L'ordre du jour étant épuisé, la séance est levée à 22h.\n\n"
            "Le Maire,\nGérard MOULINIER\n\nLe secrétaire de séance,\nKevin GUESSAN")
    signers, _ = find_people(text, "compte_rendu")
    assert [(p.name, p.function) for p in signers] == [
        ("Gérard Moulinier", "Maire"), ("Kevin Guessan", "secrétaire de séance")]


def test_a_short_signature_takes_the_letterheads_whole_function():
    """"Le Sous-préfet," signs under "Le Sous-préfet de Villefranche-sur-Saône / à / Monsieur …"."""
    text = ("PRÉFET DU RHÔNE\n\nVillefranche-sur-Saône, le 14 avril 2023\n\n"
            "Le Sous-préfet de Villefranche-sur-Saône\nà\nMonsieur Bruno Tessier\nMaire de Gleizé\n\n"
            "Monsieur le Maire,\n\nJe vous propose une réunion le 11 mai à la sous-préfecture.\n\n"
            "Je vous prie d'agréer, Monsieur le Maire, l'expression de ma considération distinguée.\n\n"
            "Le Sous-préfet,\nAntoine Férec")
    signers, to = find_people(text, "lettre")
    assert [(s.name, s.function) for s in signers] == [("Antoine Férec", "Sous-préfet de Villefranche-sur-Saône")]
    assert [a.name for a in to] == ["Bruno Tessier"]
    # a signer whose function the letterhead does not extend keeps it
    text2 = text.replace("Le Sous-préfet,\nAntoine Férec", "La Secrétaire générale,\nMarie Lenoir")
    signers, _ = find_people(text2, "lettre")
    assert [(s.name, s.function) for s in signers] == [("Marie Lenoir", "Secrétaire générale")]


# --- signatures on real extracts and acts: certification, stamp, delegation, a handwritten scrawl ---------------

EXTRAIT = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\nSéance du 14 décembre 2022\n\nL'an deux mille "
           "vingt-deux, le quatorze décembre, le conseil municipal s'est réuni sous la présidence de M. Jean Girardot, "
           "Maire.\n\nObjet : tarifs de la salle polyvalente\n\nLe conseil municipal, après en avoir délibéré, fixe le "
           "tarif de location à 150 euros.\n\n")


@pytest.mark.parametrize("signature, function", [
    ("Pour extrait conforme,\nLe Maire,\nJean GIRARDOT", "Maire"),
    # the mairie's stamp read by OCR between the function and the typed name
    ("Pour extrait conforme,\nLe Maire,\n\nMAIRIE DE\nFROTEY-LÈS-VESOUL\n(Haute-Saône)\n\nJean GIRARDOT", "Maire"),
    # the certification and the function on one line, a handwritten signature read as a scrawl
    ("Pour extrait conforme, Le Maire,\n\n/ Se Jp\n\nJean GIRARDOT", "Maire"),
])
def test_the_maire_certifying_an_extract_signs_it(signature, function):
    rec = extract(Document(EXTRAIT + signature, [(0, 1)]))
    assert rec["type"] == "deliberation"
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [("Jean Girardot", function)]


def test_an_adjoint_signs_for_the_maire_prevented():
    rec = extract(Document(EXTRAIT + "Fait à Frotey, le 15 décembre 2022\nPour le Maire empêché,\nl'Adjoint délégué,"
                                     "\n\nPaul BERNARD", [(0, 1)]))
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [("Paul Bernard", "Adjoint délégué")]


def test_a_signature_set_in_two_columns_is_one_signer():
    assert [n for _, _, n in find_names("Michel DESTANNES Michel DESTANNES")] == ["Michel Destannes", "Michel Destannes"]


ARRETE_ZONE = ("PRÉFET DE LA ZONE DE DÉFENSE NORD\n\nArrêté portant réglementation de la circulation routière\n\n"
               "Le préfet de la zone de défense et de sécurité Nord,\n\nVu le décret du 6 novembre 2024 portant "
               "nomination de monsieur Vincent LAGOGUEY en qualité de préfet délégué pour la défense et la sécurité "
               "auprès du préfet de la région Hauts-de-France ;\n\nARRÊTE\n\nArticle 1 : La circulation des poids "
               "lourds est interdite sur l'autoroute A1 le 20 mai 2025.\n\n")


def test_a_signer_whose_surname_is_lost_in_the_scrawl_is_named_by_the_acts_vu():
    rec = extract(Document(ARRETE_ZONE + "Fait à Lille, le 19 mai 2025\n\nPour le préfet de zone et par délégation,\n"
                                         "Le préfet délégué pour la défense et la sécurité\n\nVincent\nf", [(0, 1)]))
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [
        ("Vincent Lagoguey", "préfet délégué pour la défense et la sécurité")]


def test_a_signer_alone_under_the_last_article_takes_the_function_the_vu_gives():
    rec = extract(Document(ARRETE_ZONE + "Article 2 : Le présent arrêté sera publié au recueil des actes "
                                         "administratifs de la préfecture.\n\nVincent LAGOGUEY", [(0, 1)]))
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [
        ("Vincent Lagoguey", "préfet délégué pour la défense et la sécurité auprès du préfet de la région Hauts-de-France")]


def test_an_acts_date_line_over_a_stacked_delegation_ends_it():
    from archivage.model import Page
    from archivage.segment import segment

    text = (ARRETE_ZONE + "Article 2 : Le directeur est chargé de l'exécution du présent arrêté.\n\n"
            "PRIVAS, le 22 juillet 2019\n\nPour le directeur général de l'ARS,\nPour la directrice départementale,\n"
            "La responsable du service offre de soins ambulatoire,\n\nAnne Laure POREZ")
    [doc] = segment([Page(1, text, "ocr")])
    rec = extract(doc)
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [
        ("Anne Laure Porez", "responsable du service offre de soins ambulatoire")]


def test_a_courtesy_before_the_function_under_a_name():
    rec = extract(Document("ARRÊTÉ N° 2018_02932_VDM\n\nLe Maire de Marseille,\n\nVu le code,\n\nARRÊTONS\n\nArticle 1 "
                           ": L'immeuble est interdit à toute occupation.\n\nJulien RUAS\n\nMonsieur l'Adjoint délégué "
                           "au Bataillon de\nMarins-Pompiers\n\nSigné le : 15 novembre 2018", [(0, 1)]))
    assert rec["date"] == "2018-11-15"
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [
        ("Julien Ruas", "Adjoint délégué au Bataillon de Marins-Pompiers")]


@pytest.mark.parametrize("name, plausible", [
    ("Jean-Yves Fraquet", True), ("J. Martin", True), ("Marie de La Tour", True), ("Nguyen Thi Lan", True),
    ("Henri Dunant 64150 Mourenx", False),  # an address block's street
    ("Corinne Lu \\} L", False),  # a handwritten signature read as letters
    ("Secrétaire Ged", False), ("Julien Rabier – Bâtiment", False),
])
def test_a_name_is_a_few_capitalised_words(name, plausible):
    from archivage.extract.people import plausible_name

    assert plausible_name(name) is plausible


def test_a_signature_read_in_part_beside_a_scrawl_is_the_nominee_of_the_acts_vu():
    """Two columns part the "VU" from its clauses; under the date line, OCR read only the first name."""
    text = ("PRÉFET DE L'AUBE\n\nARRÊTÉ N°SPBA 2025126-0001 du 06 mai 2025\n\nLa sous-préfète de Bar-sur-Aube,\n\n"
            "VU\nVU\n\nle Code des transports ;\nle décret du 3 février 2025 portant nomination de Mme Sabah-Nora "
            "FAOUZI, sous-préfète de Bar-sur-Aube ;\n\nARRÊTE\n\nArticle 1 : La manifestation est autorisée sur le "
            "lac de la forêt d'Orient du 8 au 11 mai 2025.\n\nBar-sur-Aube, le 06 mai 2025.\n\nLas\n\nSabah")
    rec = extract(Document(text, [(0, 1)]))
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [
        ("Sabah-Nora Faouzi", "sous-préfète de Bar-sur-Aube")]


@pytest.mark.parametrize("text, kind", [
    ("DECISION\n\n71/2017\n\nLe Président du SICTIAM,\n\nVU le Code,\n\nDECIDE\n\nArticle 1 : La proposition est "
     "acceptée.", "arrete"),
    ("Monsieur le maire, suite à la convocation du conseil municipal du 5 mai, je vous ai adressé un courrier le 30 "
     "avril dont je demande qu'il soit porté au compte rendu de ce conseil.\n\nCordialement B. Dubois", "lettre"),
    ("Utilisation IRFM au cours des 6 derniers mois\n\nTotal recettes 30 247,01 €\nTotal dépenses 23 008,84 €\n"
     "Permanence loyer 5 176,00 ménage 1 275,01 bureautique 2 676,95 téléphonie 413,08 énergies 981,87 abonnements "
     "544,32 impression 806,40 frais de réception 1 204,16 déplacements 3 450,00 véhicule 2 130,55", "autre"),
    ("CHARTE DE L'ÉLU LOCAL\n\n1. L'élu local exerce ses fonctions avec impartialité, diligence, dignité, probité et "
     "intégrité. 2. Dans l'exercice de son mandat, l'élu local poursuit le seul intérêt général.", "autre"),
])
def test_more_real_kinds(text, kind):
    from archivage.extract.doctype import doctype

    assert doctype(text) == kind


def test_the_acts_signer_is_above_a_certified_copys():
    text = ("Vu le code de l'environnement,\n\nARRÊTE\n\nArticle 1 : La société est autorisée à exploiter.\n\n"
            "À ARGENTAN, le 18 décembre 2009\nLe Préfet,\nPour le Préfet et par délégation,\nLe Sous-Préfet d'Argentan\n\n"
            "Yves FRAQUET\n\nPour copie certifiée conforme\nLe Secrétaire Général\n\nde la Sous-Préfecture\n2, DIET E")
    assert [(p.name, p.function) for p in find_people(text, "arrete")[0]] == [("Yves Fraquet", "Sous-Préfet d'Argentan")]


def test_the_delegate_signs_for_the_mayor_when_ocr_read_no_name():
    text = ("Le Maire,\n\nVU l'arrêté en date du 28 mai 2020 portant délégation de fonctions et de signature à Monsieur "
            "Bernard\nDELIQUAIRE, Adjoint au Maire, en matière de circulation,\n\nARRÊTE\n\nArticle 1 : Une aire de "
            "livraison est créée.\n\nAntibes, le 11 avril 2023\n\nPour le Maire,")
    assert [(p.name, p.function) for p in find_people(text, "arrete")[0]] == [("Bernard Deliquaire", "Adjoint au Maire")]
    # two delegates named: nobody can tell which one signed
    two = text.replace("Article 1", "VU l'arrêté portant délégation de signature à Madame Lucie MARTIN, Adjointe,\n\nArticle 1")
    assert find_people(two, "arrete")[0] == []


def test_a_garbled_day_still_anchors_the_signature():
    text = ("Article 5 : Le secrétaire général est chargé de l'exécution du présent arrêté.\n\n"
            "Évreux, le 2 & FEV. 2025\n\nLe Préfet,\n\n__Charles GIUSTI\n\nEr ES\n\n6/6")
    assert [p.name for p in find_people(text, "arrete")[0]] == ["Charles Giusti"]


def test_a_salutation_opening_the_first_paragraph_and_a_name_on_the_closing_line():
    text = ("Monsieur le maire, suite à la convocation du conseil municipal du 5 mai ; je vous ai adressé un courrier "
            "le 30 avril. (Lecture du courrier en séance afin que chacun soit correctement informé)\n\n"
            "Cordialement B. Dubois")
    signers, addressees = find_people(text, "lettre")
    assert [p.name for p in signers] == ["B. Dubois"]
    assert all(len(a.name) < 40 for a in addressees)  # no sentence read as a person


def test_a_surname_cut_short_under_the_signature_takes_the_letterhead_name():
    text = ("VALÉRIE SIMONETTI\nPRÉSIDENTE DU CONSEIL DÉPARTEMENTAL\n\nGuéret, le 14 mars 2022\n\nMonsieur le Maire,\n\n"
            "Vous m'avez transmis le projet de révision du plan local d'urbanisme. J'émets un avis favorable à ce "
            "projet sous réserve des observations jointes.\n\nJe vous prie d'agréer, Monsieur le Maire, mes "
            "salutations distinguées.\n\nValérie SIMONET")
    signers, _ = find_people(text, "lettre")
    assert [p.name for p in signers] == ["Valérie Simonetti"]
