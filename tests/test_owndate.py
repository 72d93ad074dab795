"""A document's own date from all its evidence, reconciled, and what a person should check first.

Wordings met on real council documents: a date in words ("L'an deux mille vingt, le huit juin"), a title
that carries the date ("CR du conseil municipal 17 septembre 2021"), a memo field ("Date : 04/01/2021"), an
act number that spells its date, a date line misread by OCR, a year after the ingest day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from archivage.extract import extract
from archivage.extract.dates import find_dates
from archivage.extract.owndate import own_date
from archivage.model import Document


def record(text: str) -> dict:
    return extract(Document(text, [(0, 1)]))


@pytest.mark.parametrize("phrase, iso", [
    ("L'an deux mille vingt, le huit juin, à dix-huit heures", "2020-06-08"),
    ("L'AN DEUX MILLE VINGT ET UN, LE PREMIER JUILLET", "2021-07-01"),
    ("L'an deux mil dix-neuf, le vingt-huit du mois de mai", "2019-05-28"),
    ("L'an deux mille vingt-deux et le 14 décembre", "2022-12-14"),
    ("le vingt-trois mars deux mil vingt-trois", "2023-03-23"),
    ("trente et un décembre mil neuf cent quatre-vingt-dix-neuf", "1999-12-31"),
])
def test_dates_written_in_words(phrase, iso):
    assert [d.value for d in find_dates(phrase)] == [iso]


def test_numbers_in_words_are_no_date_without_a_month():
    assert find_dates("deux mille vingt habitants et trente-deux conseillers") == []


MINUTES = """COMMUNE DE SAINT-AUBIN

PROCÈS-VERBAL DU CONSEIL MUNICIPAL

L'an deux mille vingt, le huit juin, à dix-huit heures trente, le Conseil Municipal de la Commune de
Saint-Aubin, dûment convoqué, s'est réuni en session ordinaire à la mairie, sous la présidence de Monsieur
Jean Dupuis, Maire.

Date de convocation : 2 juin 2020

Présents : MM. Dupuis, Martin, Mmes Leroy, Petit.

Secrétaire de séance : Mme Leroy.

1. Budget primitif 2020 : le conseil municipal adopte le budget primitif de la commune par 11 voix pour."""


def test_minutes_are_dated_by_the_formula_not_by_their_convocation():
    rec = record(MINUTES)
    assert rec["type"] == "compte_rendu" and rec["date"] == "2020-06-08" and rec["review"] == []
    assert "2020-06-02" in {d["value"] for d in rec["dates"]}


def test_a_title_carries_the_date_of_minutes():
    rec = record("CR du conseil municipal 17 septembre 2021\n\nPrésents : M. Girard, Mme Blanc, M. Roux.\n\n"
                 "Ordre du jour : travaux de voirie, subventions.\n\nLe conseil approuve à l'unanimité la "
                 "subvention de 500 euros au comité des fêtes.")
    assert rec["type"] == "compte_rendu" and rec["date"] == "2021-09-17"


def test_a_memo_header_field_in_figures():
    rec = record("NOTE DE SERVICE\n\nDate : 04/01/2021\nObjet : fermeture de la mairie\n\nLa mairie sera fermée "
                 "le 8 janvier 2021 pour inventaire des archives communales, l'accueil téléphonique restant "
                 "assuré par les agents.")
    assert rec["type"] == "note" and rec["date"] == "2021-01-04"


ARRETE = """PRÉFET DE LA HAUTE-SAÔNE

Arrêté n° 70-2023-03-23-00010 du 23 mars 2023 portant autorisation temporaire de circulation

Le Préfet de la Haute-Saône,

Vu le code de la route ;

ARRÊTE :

Article 1 : La circulation est autorisée.

Vesoul, le {day} MARS 2023

Le Préfet,
Michel Vilbois"""


def test_two_readings_that_agree_win_over_a_misread_date_line():
    rec = record(ARRETE.format(day="3"))
    assert rec["date"] == "2023-03-23"
    assert rec["review"] == [{"field": "date", "reason": "the date line read as 2023-03-03; the title and the "
                                                         "act's number give 2023-03-23"}]


def test_agreeing_evidence_leaves_nothing_to_check():
    rec = record(ARRETE.format(day="23"))
    assert rec["date"] == "2023-03-23" and rec["review"] == []


def test_a_lone_disagreement_is_kept_and_reported():
    text = ARRETE.format(day="3").replace("n° 70-2023-03-23-00010 ", "")
    rec = record(text)
    assert rec["date"] == "2023-03-03"
    assert rec["review"] == [{"field": "date", "reason": "the date line gives 2023-03-03, the title 2023-03-23"}]


LETTER = """Mairie de Lure

Lure, le 15 NOV. {year}

Madame, Monsieur,

Je vous informe que le plan de viabilité hivernale pour l'hiver 2022-2023 entre en vigueur. Les services
municipaux interviendront dès le 1er décembre 2022 sur les voies communales.

Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.

Le Maire,
Pierre Morel"""


def test_a_year_after_today_is_never_taken_silently():
    rec = record(LETTER.format(year="2077"))
    assert rec["date"] == "2022-11-15"
    assert rec["review"] == [{"field": "date", "reason": "the date line read as 2077-11-15 (after today); year "
                                                         "taken from the dates the document cites"}]
    assert record(LETTER.format(year="2022"))["review"] == []


def test_a_year_far_from_every_cited_year_is_doubted():
    dated = own_date(LETTER.format(year="2012"), "lettre", today=dt.date(2026, 12, 2))
    assert dated.value == "2022-11-15" and "years before every year" in dated.review[0]["reason"]
    # citing years long past is what documents do
    older = LETTER.format(year="2022").replace("l'hiver 2022-2023", "la loi de 1905 et l'arrêté de 1998")
    older = older.replace("1er décembre 2022", "1er décembre")
    assert own_date(older, "lettre").review == []


def test_no_date_at_all_is_said():
    dated = own_date("Madame, Monsieur,\n\nLa commune organise le ramassage des encombrants.\n\nLe Maire,\n"
                     "Jacques Martin", "lettre")
    assert dated.value is None and dated.review == [{"field": "date", "reason": "no date of its own was found"}]


def test_a_convocation_is_a_letter_dated_by_its_date_line_not_by_the_seance():
    rec = record("""MAIRIE DE CORTE

Corte, le 8 février 2023

CONVOCATION

Mesdames et Messieurs les Conseillers Municipaux,

J'ai l'honneur de vous convier à la séance du Conseil Municipal qui se tiendra le lundi 13 février 2023 à
18 heures, en salle des délibérations de l'Hôtel de Ville.

Ordre du jour :
1. Approbation du procès-verbal de la séance précédente
2. Budget primitif 2023

Je vous prie d'agréer, Mesdames et Messieurs, l'expression de mes salutations distinguées.

Le Maire,
Xavier Poli""")
    assert rec["type"] == "lettre" and rec["date"] == "2023-02-08"
    assert "2023-02-13" in {d["value"] for d in rec["dates"]} and rec["addressees"] == []


@pytest.mark.parametrize("heading", ["CERTIFICAT D'AFFICHAGE", "Certificat de publication", "ATTESTATION"])
def test_certificates_are_autre(heading):
    rec = record(f"""{heading}

Je soussigné, Jean Girardot, Maire de la commune de Frotey-lès-Vesoul, certifie que la délibération n° 2022-18
du 14 décembre 2022 a été affichée à la porte de la mairie du 16 décembre 2022 au 16 février 2023.

Fait à Frotey-lès-Vesoul, le 17 février 2023

Le Maire,
Jean Girardot""")
    assert rec["type"] == "autre" and rec["date"] == "2023-02-17"


@pytest.mark.parametrize("text, kind, iso", [
    ("PRÉFET DU VAR\n\nService de l'eau\n\nARRÊTÉ PRÉFECTORAL du 2 2 OCT. 2019\nautorisant une pêche électrique\n\n"
     "Le Préfet du Var,\n\nVu le code de l'environnement ;\n\nARRÊTE\n\nArticle 1 : La pêche est autorisée.", "arrete",
     "2019-10-22"),
    ("RÉPUBLIQUE FRANÇAISE\nLiberté\nÉgalité\nFraternité\n\nDirection de l'environnement\nArrêté n° 2025-860 SG/DCL/BU du "
     "20 mai 2025\nprescrivant l'ouverture d'une enquête publique\n\nVu le code de l'environnement ;\n\nARRÊTE\n\n"
     "Article 1 : Il sera procédé à une enquête publique.", "arrete", "2025-05-20"),
    ("Comité local pour la transition écologique – 16 janvier 2023\n\nPrésents : Mme Maistre, M. Vogel.\n\nLe "
     "comité a examiné le plan climat et la séance est levée à 20 heures après un échange avec les habitants.",
     "compte_rendu", "2023-01-16"),
    ("RECUEIL DES ACTES\nADMINISTRATIFS SPÉCIAL\nN°070 DU 07/05/2025\n\nPUBLIÉ LE 7 MAI 2025\n\nSommaire\n\n- Arrêté "
     "du 5 mai 2025 portant renouvellement du bureau (2 pages) Page 3", "autre", "2025-05-07"),
])
def test_real_own_dates(text, kind, iso):
    rec = record(text)
    assert (rec["type"], rec["date"]) == (kind, iso)


def test_a_stamped_year_one_digit_from_the_acts_code_yields_to_the_code():
    text = ("Pôle Développement Rural - R02-2018-03-12-004 - Arrêté portant autorisation de défrichement\n\n"
            "Le Préfet de la Martinique,\n\nVu le code forestier ;\n\nARRÊTE\n\nArticle 1 : Le défrichement est "
            "autorisé.\n\nFort de France, le 1 2 MARS 2016\n\nLe Préfet, et par délégation\nLe Directeur de "
            "l'Alimentation\n\nJacques HELPIN")
    rec = record(text)
    assert rec["date"] == "2018-03-12"
    assert rec["review"] == [{"field": "date", "reason": "the date line read as 2016-03-12; the act's number gives "
                                                         "2018-03-12"}]


def test_a_title_whose_date_closes_it_on_a_line_of_its_own():
    rec = record("1\nCompte-rendu de la séance\nDu Conseil Communautaire\n25 septembre 2025 à 19h30\n\nÉtaient présents "
                 ": M. Roux, Mme Blanc.\n\nLe procès-verbal de la séance du 26 juin 2025 est approuvé à l'unanimité.")
    assert rec["type"] == "compte_rendu" and rec["date"] == "2025-09-25"


def test_an_acts_title_wrapped_inside_its_date():
    rec = record("SGCD-SRH-DDT n°2025-125-0001 - Arrêté du 5\nmai 2025 portant désignation des membres\n\nLa préfète de "
                 "l'Aube,\n\nVu le code général de la fonction publique ;\n\nARRÊTE\n\nArticle 1 : Sont désignés membres "
                 "de la formation spécialisée les agents suivants.\n\nFait à TROYES, le 0.5 MA 2025")
    assert rec["date"] == "2025-05-05"


def test_an_extract_is_dated_by_its_seance_not_by_the_inter_session_it_reports_on():
    rec = record("MAIRIE DE MASSIAC\nEXTRAIT DU REGISTRE\nDES DELIBERATIONS DU CONSEIL MUNICIPAL\n\nL'an deux mille vingt, "
                 "le 10 février, le Conseil Municipal s'est réuni en session ordinaire.\n\nD.C. 2020/1-015\nCompte rendu "
                 "des décisions du Maire durant l'inter-session du 19/12/2019 au 10/02/2020\n\nLe Maire informe le Conseil "
                 "des décisions prises par délégation.")
    assert rec["type"] == "deliberation" and rec["date"] == "2020-02-10"


def test_a_garbled_year_is_repaired_after_the_acts_the_document_recalls():
    # an act recalls acts before it; the year that puts it just after them wins over one just before a date it cites
    text = ("ARRÊTÉ\n\nLe Maire,\n\nVU l'arrêté municipal en date du 31 octobre 1972,\n"
            "VU l'arrêté en date du 28 mai 2020 portant délégation de signature,\n\nARRÊTE\n\n"
            "Article 1 : L'arrêté en date du 31 janvier 2023 est abrogé.\n\nAntibes, le 11 AVR 2073\n\nPour le Maire,")
    assert own_date(text, "arrete", today=dt.date(2026, 12, 2)).value == "2023-04-11"


def test_a_printed_emails_date_field():
    text = ("Philippe Gosselin\n\nLe : 16 mai 2017 à 23:20 (GMT +02:00)\nDe : \"Regards Citoyens\" <c@example.org>\n"
            "Objet : Demande d'accès\n\nMonsieur le Député,\n\nNous vous écrivons au sujet de la loi du 11 octobre 2013."
            "\n\nBien cordialement,\n\nRegards Citoyens")
    assert own_date(text, "lettre", today=dt.date(2026, 12, 2)).value == "2017-05-16"


@pytest.mark.parametrize("stamp, iso", [("0 6 NOV. 2019", "2019-11-06"), ("D 4 NOV. 2019", "2019-11-04"),
                                        ("nu | 0 G.NOV, 2019", "2019-11-06"), ("0 7 HOV. 2019", "2019-11-07"),
                                        ("3 0 OCT. 2019", "2019-10-30"), ("1 2 AVR. 2021", "2021-04-12")])
def test_a_stamp_beside_a_title_left_blank_dates_the_act(stamp, iso):
    text = (f"PRÉFET DE LA CREUSE\n\n{stamp}\nArrêté préfectoral du\n- portant agrément d'un garde particulier\n\n"
            "La préfète de la Creuse,\n\nVu le code de l'environnement ;\n\nVu la demande du 2 mars 2021 ;\n\n"
            "ARRÊTE\n\nArticle 1 : M. Jean Martin est agréé.")
    assert own_date(text, "arrete").value == iso


def test_no_stamp_no_date_from_an_unrelated_short_line():
    from archivage.extract.owndate import stamp_date

    assert stamp_date("Article 3 2019") is None and stamp_date("Tél. 05 55 2021") is None


def test_a_date_line_read_on_the_subject_line_of_a_two_column_letter():
    text = ("DÉPARTEMENT DE LA CREUSE\n\nLe Président du Conseil départemental\n\nMonsieur le Maire\nMairie d'Ahun\n\n"
            "Révision du PLU - avis du Département Guéret, le 14 MARS 2022\n\nMonsieur le Maire,\n\nVous m'avez "
            "transmis le projet de révision du plan local d'urbanisme prescrite par délibération du 2 juin 2021. "
            "J'émets un avis favorable.\n\nJe vous prie d'agréer, Monsieur le Maire, mes salutations distinguées.\n\n"
            "Valérie SIMONET")
    assert own_date(text, "lettre").value == "2022-03-14"
