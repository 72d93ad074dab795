"""Document type from headings and, without one, from structure; titles in sentence case."""

from __future__ import annotations

import pytest

from archivage.extract.doctype import doctype, heading_type, sentence_case, strip_trailing_date
from archivage.extract.text import is_date_line

BODY = "Les services de la Ville interviendront dans le quartier au cours des prochaines semaines."


@pytest.mark.parametrize("text, kind", [
    ("LETTRE DE LA MAIRE DU 18E AU PRÉFET\n\n" + BODY, "lettre"),
    ("VŒU RELATIF AU SQUARE LÉON\n\n" + BODY, "voeu"),
    ("Vœu relatif à l'éclairage public\n\n" + BODY, "voeu"),
    ("COMMUNIQUÉ DE PRESSE\n\n" + BODY, "communique"),
    ("Compte-rendu du conseil de quartier Clignancourt\n\n" + BODY, "compte_rendu"),
    ("PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL\n\n" + BODY, "compte_rendu"),
    ("Arrêté n° 2023 T 1452 portant interdiction de stationner\n\n" + BODY, "arrete"),
    ("Délibération 2021 DAC 12 : subvention à une association\n\n" + BODY, "deliberation"),
    ("Note à l'attention de Madame la Directrice\n\n" + BODY, "note"),
    # no heading: the structure decides
    ("La Maire de Paris,\n\nVu le code de la route ;\n\nArrête :\n\nArticle 1 : le stationnement est interdit.", "arrete"),
    ("Le Conseil municipal,\n\nVu le code général des collectivités territoriales ;\n\nDélibère :\n\n"
     "Article 1 : la subvention est accordée.", "deliberation"),
    ("Considérant les nuisances nocturnes ;\n\nConsidérant les plaintes des riverains ;\n\n"
     "Le conseil de quartier émet le vœu que la Ville installe des bancs.", "voeu"),
    ("Madame la Présidente,\n\n" + BODY + "\n\nJe vous prie d'agréer, Madame la Présidente, mes salutations.",
     "lettre"),
    ("Présents : Mme Martin, M. Durand\n\nOrdre du jour : budget participatif\n\n" + BODY, "compte_rendu"),
    ("La Ville de Paris lance un appel à projets.\n\n" + BODY + "\n\nContact presse : 01 42 76 49 61", "communique"),
    (BODY + " " + BODY + " " + BODY, "note"),
    ("", "autre"),
    ("12 45 78 2019", "autre"),
])
def test_doctype(text, kind):
    assert doctype(text) == kind


def test_a_word_in_the_body_does_not_make_the_type():
    text = ("TRANQUILLITÉ PUBLIQUE : CE QUI A ÉTÉ FAIT\n\nVous pouvez retrouver le communiqué de presse et la "
            "lettre du Maire dans les documents joints. " + BODY * 3)
    assert doctype(text) == "note"


def test_sentence_case_titles():
    heading = "LETTRE D'ERIC LEJOINDRE (MAIRE DU 18E) AU MINISTRE DE L'INTERIEUR, CHRISTOPHE CASTANER, LE 26 FÉVRIER 2019"
    title = strip_trailing_date(sentence_case(heading, ["Eric Lejoindre", "Christophe Castaner"]))
    assert title == "Lettre d'Eric Lejoindre (Maire du 18e) au Ministre de l'Intérieur, Christophe Castaner"
    assert sentence_case('COMMUNIQUÉ DE PRESSE PRÉSENTANT LE "PLAN CRACK"') == (
        "Communiqué de presse présentant le « plan crack »")
    assert sentence_case("Vœu relatif au square Léon") == "Vœu relatif au square Léon"


@pytest.mark.parametrize("closing", [
    "Nous vous prions de bien vouloir agréer, Madame la Maire, l'expression de notre haute considération.",
    "Je vous prie de recevoir, Monsieur le Préfet, l'assurance de ma parfaite considération.",
    "Veuillez accepter, Madame, nos salutations distinguées.",
    "Recevez, Monsieur le Directeur, l'expression de nos sentiments les meilleurs.",
    "Bien cordialement,",
    "Très respectueusement,",
])
def test_letters_closed_by_any_usual_formula(closing):
    text = "Madame la Directrice,\n\n" + BODY + "\n\n" + closing + "\n\nLouise MARCHAND"
    assert doctype(text) == "lettre"


@pytest.mark.parametrize("line, ok", [
    ("Marseille, le 12 septembre 2022", True),
    ("Boulogne-Billancourt, le lundi 5 décembre 2022", True),
    ("AUBERVILLIERS, LE 2 FÉV. 2021", True),
    ("Nantes le 30 juin 2020", True),
    ("Le 14 mars 2023", True),
    # the end of a sentence that OCR wrapped is not a date line
    ("la commission a rendu son avis le 3 mars.", False),
    ("Le collectif des riverains a écrit au Maire le 3 mars 2023", False),
])
def test_date_lines(line, ok):
    assert is_date_line(line) is ok


def test_sentence_case_keeps_particles_low_and_civilities_up():
    title = sentence_case("NOTE À L'ATTENTION DE MONSIEUR LE DIRECTEUR DE LA VOIRIE", ["Directeur de la Voirie"])
    assert title == "Note à l'attention de Monsieur le Directeur de la Voirie"


@pytest.mark.parametrize("text", [
    "Conseil de quartier Belleville\nRéunion plénière du 14 octobre 2021\n40 personnes présentes\n"
    "Les habitants évoquent la propreté de la rue de Belleville et le marché du boulevard.",
    "Séance du jeudi 2 février 2017\nLe conseil examine le projet d'aménagement de la place du village et "
    "la réfection du chemin communal.",
])
def test_minutes_that_open_on_their_meeting(text):
    assert doctype(text) == "compte_rendu"


@pytest.mark.parametrize("text, kind, line", [
    ("V12 2022 07 – Vœu relatif à la fermeture du bureau de poste\n\nConsidérant que …", "voeu",
     "V12 2022 07 – Vœu relatif à la fermeture du bureau de poste"),
    ("2023 DAC 112 : Délibération portant subvention au conservatoire\n\nLe Conseil de Paris …", "deliberation",
     "2023 DAC 112 : Délibération portant subvention au conservatoire"),
    ("INFORMATION PRESSE\n\nNantes, le 3 mai 2023\n\nLa ligne 4 du busway prolongée", "communique",
     "INFORMATION PRESSE"),
])
def test_headings_after_a_number_and_press_information(text, kind, line):
    assert heading_type(text) == (kind, line)


@pytest.mark.parametrize("text", [
    "CONVENTION DE PARTENARIAT\n\nEntre les soussignés : la commune de Lille, d'une part, et l'association Lire, "
    "d'autre part, il a été convenu ce qui suit.",
    "PÉTITION\n\nNous, parents d'élèves de l'école Jules-Ferry, demandons la rénovation du préau de l'école.",
    "La Maire de Lille\na le plaisir de vous convier\nà l'inauguration du préau\nle samedi 3 juin 2023",
    "La Voix du Nord – 5 juin 2023\n\nLille : le préau rénové inauguré\n\nPar Karim Haddad\n\nSamedi matin, une "
    "centaine de parents ont assisté à l'inauguration du préau de l'école Jules-Ferry.",
])
def test_conventions_petitions_invitations_and_clippings_are_autre(text):
    assert doctype(text) == "autre"


def test_a_deliberation_about_a_convention_is_still_a_deliberation():
    text = ("2023 DAC 12 – Convention de partenariat avec l'association Lire\n\nLe Conseil de Paris,\n\n"
            "Vu le code général des collectivités territoriales ;\n\nDélibère :\n\nArticle 1 : La convention est "
            "approuvée.")
    assert doctype(text) == "deliberation"


def test_a_letter_with_a_familiar_salutation_and_closing():
    text = ("MAIRIE DU 20e ARRONDISSEMENT\n\nParis, le 18 avril 2024\n\nMadame Hélène VAUQUELIN\n\n"
            "Chère Madame, chère amie,\n\nJe vous remercie pour le vœu adopté par votre conseil de quartier. "
            "Les travaux dureront trois semaines pendant l'été.\n\nBien à vous,\n\nKarim BELHADJ-ROUSSEAU")
    assert doctype(text) == "lettre"


@pytest.mark.parametrize("text", [
    "MINISTÈRE DE LA CULTURE\n\nAVIS DE L'ARCHITECTE DES BÂTIMENTS DE FRANCE\n\nDemande de permis de construire "
    "n° PC 069 123 22 00012\n\nAvis favorable assorti de prescriptions : les menuiseries seront en bois.",
    "VILLE DE MONTBARD\n\nINAUGURATION\n\nLa Maire et le conseil municipal vous invitent à l'inauguration de la "
    "médiathèque le samedi 3 juin 2023 à 11h, en présence des associations de la commune et des enfants des "
    "écoles qui ont participé au projet.",
])
def test_an_avis_and_an_invitation_in_the_third_person_are_other_documents(text):
    assert doctype(text) == "autre"


def test_a_letter_that_invites_stays_a_letter():
    text = ("Madame la Présidente,\n\nJe vous invite à une réunion de travail le 12 mai en mairie, pour "
            "préparer la fête du quartier avec les associations.\n\nJe vous prie d'agréer, Madame la "
            "Présidente, l'expression de mes salutations distinguées.")
    assert doctype(text) == "lettre"


def test_a_form_field_with_a_participle_is_no_date_line():
    assert not is_date_line("Déposée le 14 février 2023") and not is_date_line("Reçu le 3 mai 2022")
    assert is_date_line("Paris le 3 mai 2022") and is_date_line("Saint-Denis, le 3 mai 2022")


# --- kinds of real council documents ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    # a notice of a meeting, its agenda and nothing of its record
    ("RÉUNION PLÉNIÈRE\n\nDU CONSEIL DE QUARTIER\n\nLE MERCREDI 18 JANVIER DE 19H30 À 21H30\n\nOrdre du jour de la "
     "réunion :\n\n1/ Budget d'investissement\n\n2/ Vergers urbains\n\n3/ Questions diverses", "autre"),
    # the extract's heading first, then the avis it holds
    ("Commission nationale du patrimoine\n\nExtrait du procès-verbal de la séance du 28 janvier 2021 :\n\nAVIS SUR LE "
     "PROJET DE DÉLIMITATION :\n\nLa Commission se prononce à l'unanimité en faveur du projet.", "deliberation"),
    # under a page number and letterhead lines
    ("1\nCompte-rendu de la séance\nDu Conseil Communautaire\n25 septembre 2025\n\nÉtaient présents : M. Roux.\n\n"
     "Considérant que le budget doit être voté, considérant l'avis de la commission, le conseil demande un report.",
     "compte_rendu"),
    ("MAIRIE DE MASSIAC\nEXTRAIT DU REGISTRE\nDES DELIBERATIONS DU CONSEIL MUNICIPAL\n\nL'an deux mille vingt, le "
     "10 février, le Conseil Municipal s'est réuni.", "deliberation"),
    ("EXTRAIT DU REGISTRE DES ARRÊTÉS DU MAIRE\n\nArrêté n° 2022-045\n\nLe Maire,\n\nVu le code,\n\nARRÊTE\n\n"
     "Article 1 : Le stationnement est interdit.", "arrete"),
    ("DECISION 71/2017\n\nLe Président du syndicat,\n\nVu la délibération du comité syndical,\n\nDECIDE\n\nArticle 1 : "
     "La proposition est acceptée.", "arrete"),
    ("Avis n° 20172386 du 21 septembre 2017\n\nMonsieur Morlier a saisi la Commission d'accès aux documents "
     "administratifs, par courrier enregistré le 8 juillet 2017, à la suite du refus opposé à sa demande.", "autre"),
    ("1\nARDÈCHE\nRECUEIL DES ACTES\nADMINISTRATIFS SPÉCIAL\nN°07-2019-066\n\nPUBLIÉ LE 6 AOÛT 2019\n\nSommaire\n\n"
     "07-2019-07-16-003 - Arrêté préfectoral modifiant l'organisation des services (3 pages) Page 3", "autre"),
    # an agenda under its heading, however long, its items "Adoption …", "Vote …" (nothing of a meeting held)
    ("ORDRE DU JOUR\nDU CONSEIL MUNICIPAL\nMardi 18 mars 2025 à 17h30\n\n1- Finances communales :\n\n"
     + "".join(f"{k} - Adoption du budget annexe, vote des taux et approbation du plan de financement n° {k}\n\n"
               for k in range(40)) + "En communication : compte-rendu des réunions du Conseil Municipal", "autre"),
    # the same heading over the record of the meeting is minutes
    ("ORDRE DU JOUR\n\n1 - Budget\n\nPrésents : M. Roux, Mme Lenoir.\n\nLa séance est ouverte à 18h.", "compte_rendu"),
    # a charter under its title in sentence case
    ("1\nCharte 2018 des Conseils de quartier du 14ème arrondissement\n\nLe Conseil a décidé la mise en place de six "
     "conseils de quartier. Ils se réunissent au moins trois fois par an.", "autre"),
])
def test_real_kinds(text, kind):
    assert doctype(text) == kind


def test_an_act_whose_vu_ocr_lost_is_still_an_arrete():
    text = ("PRÉFET DE LA SEINE-MARITIME\n\nORIL INDUSTRIE - ARRETE -\nSite de Baclair\n\nMesures d'urgence\n\n"
            "La partie législative du Livre V du Code de l'Environnement,\n\nQue le site se situe sur ce bassin versant,"
            "\n\nARTICLE 1 -\n\nLa société est tenue de se conformer aux prescriptions du présent arrêté.\n\n"
            "ARTICLE 2 -\n\nL'exploitant réalise des investigations.")
    assert doctype(text) == "arrete"


def test_a_printed_email_is_a_letter():
    mail = ("Sujet : RE : Demande d'accès aux dépenses de vos frais de mandat\nDe : Philippe GOSSELIN <pg@example.fr>\n"
            "Date : 19/05/2017 09:37\nPour : Regards Citoyens <contact@example.org>\n\nBonjour,\n\nj'ai bien reçu votre "
            "mail et vous en remercie. La déclaration a bien été déposée dans les temps.\n\nCordialement")
    assert doctype(mail) == "lettre"
    # the same fields on a form are no letter
    assert doctype("De : service urbanisme\nÀ : service voirie\nObjet : travaux rue Jaurès\n\nPlanning des "
                   "travaux de voirie du mois de mai, par quartier et par rue, avec les dates prévues.") != "lettre"


def test_a_salutation_beside_a_pen_mark_still_makes_a_letter():
    text = ("Guéret, le 14 mars 2022\n\n{€ Monsieur le Maire,\n\nVous m'avez transmis le projet de révision du plan "
            "local d'urbanisme. J'émets un avis favorable.\n\nJe vous prie d'agréer, Monsieur le Maire, mes "
            "salutations distinguées.\n\nValérie SIMONET")
    assert doctype(text) == "lettre"
