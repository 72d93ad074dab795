"""Names, functions and addresses of signatories and addressees."""

from __future__ import annotations

import pytest

from archivage.extract.people import clean_function, find_names, find_people, natural_case


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
