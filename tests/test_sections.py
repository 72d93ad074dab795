"""Minutes are one record dated by their séance; the délibérations they record are its sections."""

from __future__ import annotations

from archivage.evaluate import pages_from_text
from archivage.extract.sections import find_sections
from archivage.pipeline import records_from_pages

PV = """COMMUNE DE PREUILLY

PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 23 JUILLET 2020

L'an deux mille vingt, le vingt-trois juillet, à vingt heures, le conseil municipal s'est réuni à la mairie
sous la présidence de M. Paul Renard, Maire.

Présents : M. Renard, Mme Caillaud, M. Baudoin, Mme Thibault, M. Roger.

Délibération n° 2020-045 : Budget primitif 2020
Le Maire présente le budget primitif, qui s'équilibre en recettes et en dépenses. Le conseil municipal,
après en avoir délibéré, adopte le budget primitif par 11 voix pour et 2 abstentions.
\fDélibération n° 2020-046 : Tarifs de la cantine scolaire
Le conseil municipal fixe le prix du repas à 3,20 euros à compter de la rentrée de septembre.

Délibération n° 2020-047 : Subvention au comité des fêtes
Une subvention de 800 euros est attribuée au comité des fêtes pour l'organisation du 14 juillet.

La séance est levée à 22 heures.

Le Maire,                         La secrétaire de séance,
Paul Renard                       Anne Caillaud"""


def test_minutes_are_one_record_with_their_deliberations_as_sections():
    [record] = records_from_pages(pages_from_text(PV), file="pv.pdf", sha256="cd" * 32)
    assert record["type"] == "compte_rendu" and record["date"] == "2020-07-23"
    assert [(s["number"], s["title"], s["page"]) for s in record["sections"]] == [
        ("2020-045", "Budget primitif 2020", 1), ("2020-046", "Tarifs de la cantine scolaire", 2),
        ("2020-047", "Subvention au comité des fêtes", 2)]
    cantine = record["sections"][1]
    assert record["text"][cantine["start"]:cantine["end"]].strip().endswith("rentrée de septembre.")


def test_an_agenda_item_discussed_later_is_a_section_where_it_is_discussed():
    text = ("Ordre du jour :\n1. Approbation du procès-verbal\n2. Budget primitif 2023\n\n"
            "1. Approbation du procès-verbal\nLe procès-verbal est approuvé.\n2. Budget primitif 2023\nLe budget est voté.")
    sections = find_sections(text)
    assert [(s.number, s.title) for s in sections] == [("1", "Approbation du procès-verbal"),
                                                      ("2", "Budget primitif 2023")]
    assert text[sections[1].start:].startswith("2. Budget primitif 2023\nLe budget")


def test_other_documents_have_no_sections():
    letter = "Paris, le 3 mai 2021\n\nMadame,\n\n1. Le premier point.\n2. Le second point.\n\nCordialement,\n\nJean Roux"
    [record] = records_from_pages(pages_from_text(letter), file="l.pdf", sha256="ef" * 32)
    assert record["type"] == "lettre" and record["sections"] == []
