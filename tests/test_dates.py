"""Dates cited in French council documents, normalised to ISO with the precision written."""

import pytest

from archivage.extract.dates import find_dates, guess_reference, parse_date


def values(text, ref=None):
    return [d.value for d in find_dates(text, ref)]


@pytest.mark.parametrize("phrase, iso", [
    ("Paris, le 26 février 2019", "2019-02-26"),
    ("Fait à Paris, le 3 mars 2021", "2021-03-03"),
    ("LE 26 FÉVRIER 2019", "2019-02-26"),
    ("PARIS, LE 18 NOV. 2022", "2022-11-18"),
    ("Paris, le l9 juin 2019", "2019-06-19"),
    ("le ler mars 2O19", "2019-03-01"),
    ("séance du 26/02/2019", "2019-02-26"),
    ("séance du 26.02.2019", "2019-02-26"),
    ("rapport remis le 2019-03-12", "2019-03-12"),
    ("le 1er sept. 2020", "2020-09-01"),
    ("en novembre 2018", "2018-11"),
    ("Créé en 2004, le GPIS patrouille la nuit", "2004"),
])
def test_parse_date_reads_one_phrase(phrase, iso):
    assert parse_date(phrase) == iso


def test_arrete_gives_its_cited_dates_but_not_article_or_reference_numbers():
    text = ("Vu le code général des collectivités territoriales, notamment son article L. 2212-2 ;\n"
            "Vu l'arrêté n° 2019-00412 du 3 janvier 2019 ;\nArrête :\nArticle 1 : La circulation est interdite "
            "du 4 au 22 mai 2020.\nFait à Paris, le 3 mars 2021")
    assert values(text) == ["2019-01-03", "2020-05-04", "2020-05-22", "2021-03-03"]


def test_yearless_dates_take_their_year_from_the_letter():
    letter = "Paris, le 12 octobre 2022\n\nLors de notre rencontre du 3 septembre dernier, vous avez évoqué…"
    assert values(letter) == ["2022-10-12", "2022-09-03"]
    assert values("la réunion du 3 septembre dernier", ref="2022-10-12") == ["2022-09-03"]
    # "dernier" looks back across the new year; "prochain" looks forward.
    assert values("le 16 décembre dernier", ref="2023-02-01") == ["2022-12-16"]
    assert values("le 10 janvier prochain", ref="2022-11-20") == ["2023-01-10"]


def test_a_list_of_days_shares_its_month_and_its_dernier():
    text = "les violences urbaines des 24 novembre, 1e et 8 décembre et 16 mars derniers"
    assert values(text, ref="2019-06-19") == ["2018-11-24", "2018-12-01", "2018-12-08", "2019-03-16"]


def test_a_first_of_the_month_read_le_by_ocr_in_a_list_of_days():
    # "1e" read "le" by tesseract: only a day can stand before "et" and another day
    text = "Les permanences des 3, le\net 15 mars 2021 sont maintenues ; le 22 mars aussi."
    assert values(text, "2021-02-10") == ["2021-03-03", "2021-03-01", "2021-03-15", "2021-03-22"]
    assert values("Il a vu le président le 8 avril 2021.") == ["2021-04-08"]


def test_ranges_give_both_endpoints():
    assert values("Le plan couvrira les années 2019 à 2021.") == ["2019", "2021"]
    assert values("Entre 2018 et 2019, les atteintes augmentent") == ["2018", "2019"]
    assert values("pour la rentrée 2015-2016") == ["2015", "2016"]
    assert values("du 28 décembre au 3 janvier 2020") == ["2019-12-28", "2020-01-03"]


def test_month_alone_in_a_time_context_is_resolved():
    assert values("depuis février dernier", ref="2019-06-19") == ["2019-02"]
    assert values("dès octobre 2017, puis fin 2017") == ["2017-10", "2017"]
    assert values("Le Champ de Mars est fermé", ref="2019-06-19") == []


def test_undated_note_resolves_dernier_in_the_year_of_its_latest_date():
    note = ("Un vœu a été voté au Conseil d'arrondissement du 28 mai 2019. Une lettre a été envoyée "
            "le 19 juin dernier.")
    ref = guess_reference(note)
    assert ref == "2019-05-28"
    assert values(note, ref) == ["2019-05-28", "2019-06-19"]


def test_weekday_settles_the_year():
    assert values("la réunion du jeudi 3 janvier", ref="2019-11-20") == ["2019-01-03"]


@pytest.mark.parametrize("text", [
    "Téléphone : 01 53 41 50 80 - Fax 01.53.41.17.04",
    "N/REF. HV/CAB/2019-0412",
    "Mairie du 18e - 1, place Jules Joffrin - 75018 Paris",
    "ouvert dès 17h et jusqu'à 20h, 7j/7",
    "les 20 arrondissements, 3 ans de travaux, depuis 15 ans",
    "ce sont 2000 policiers et + 3000 gardes à vue",
    "la semaine passée, hier soir et aujourd'hui",
    "la Zone de Sécurité Prioritaire 10/18",
    "rue du 8 Mai 1945",
    "https://www.mairie18.paris.fr/conseil-2019-11",
])
def test_numbers_that_are_not_dates(text):
    assert values(text, ref="2019-06-19") == []


def test_mentions_point_into_the_text():
    text = "Lors du Conseil de quartier du 21 février 2019, puis en 2020."
    found = find_dates(text)
    assert [(text[d.start:d.end], d.value) for d in found] == [("21 février 2019", "2019-02-21"),
                                                               ("2020", "2020")]


def test_genre_phrases_from_the_heldout_set():
    # a school council meets on a date; a street named after one is not a date
    assert values("Lors du conseil d'école du 11 février 2021, les parents") == ["2021-02-11"]
    assert values("la place du 8 Mai 1945") == []
    # weekdays inside a range keep both ends
    assert values("du lundi 3 au vendredi 7 octobre 2022") == ["2022-10-03", "2022-10-07"]


def test_a_yearless_range_is_placed_by_its_end_nearest_the_letter():
    # written on 20 May: "du 1er juin au 30 septembre" is this summer, not last year's
    assert values("Le jardin sera ouvert du 1er juin au 30 septembre.", "2022-05-20") == ["2022-06-01", "2022-09-30"]
    assert values("Des passages renforcés auront lieu du 2 avril au 15 novembre.", "2022-03-30") == [
        "2022-04-02", "2022-11-15"]
    # a range that ended before the letter keeps its year
    assert values("Les travaux ont eu lieu du 3 au 28 février.", "2022-05-20") == ["2022-02-03", "2022-02-28"]


def test_date_lines_and_ocr_damaged_days():
    assert parse_date("Lyon, le 7.6.2021") == "2021-06-07"
    assert values("l'audit remis le l9 mai 2022 et la séance du ler octobre 2022") == ["2022-05-19", "2022-10-01"]
    # the year inside a law's or an arrêté's number is not a date; the date it was signed is
    assert values("Vu la loi n° 2021-1104 du 22 août 2021 portant lutte contre le dérèglement climatique") == [
        "2021-08-22"]


@pytest.mark.parametrize("text, ref, expected", [
    ("les travaux reprendront mi-octobre", "2023-09-01", ["2023-10"]),
    ("Mi-janvier 2024, le chantier sera terminé", None, ["2024-01"]),
    ("un bilan est attendu pour novembre", "2023-09-01", ["2023-11"]),
])
def test_mid_month_and_a_month_after_pour_are_months(text, ref, expected):
    assert [d.value for d in find_dates(text, ref)] == expected


def test_a_capitalised_month_word_inside_a_sentence_is_a_first_name():
    assert find_dates("la fresque peinte pour Avril et sa classe", "2023-09-01") == []
    assert [d.value for d in find_dates("depuis Avril 2022", None)] == ["2022-04"]


def test_day_and_month_in_figures_without_a_year():
    """"d'ici le 31/12" looks ahead; "du 28/06 au 02/07/2021" takes the year of the range's end; a fraction
    or a reference ("1/3", "ZSP 10/18") is no date; "la période 2016-2020" gives both years."""
    assert [d.value for d in find_dates("un bilan d'ici le 31/12.", "2024-04-18")] == ["2024-12-31"]
    assert [d.value for d in find_dates("Un bilan vous sera présenté le 31/12.", "2024-04-18")] == ["2024-12-31"]
    assert [d.value for d in find_dates("Le bilan présenté le 31/12 était positif.", "2024-04-18")] == ["2023-12-31"]
    assert [d.value for d in find_dates("du 28/06 au 02/07/2021", "2021-06-20")] == ["2021-06-28", "2021-07-02"]
    assert find_dates("dont 1/3 des passages, ZSP 10/18", "2024-04-18") == []
    assert [d.value for d in find_dates("le contrat pour la période 2016-2020 prévoit", "2019-03-12")] == ["2016", "2020"]


def test_two_days_joined_by_ou_le_and_the_year_of_accounts():
    assert values("je vous recevrai le mardi 6 ou le jeudi 8 juin", "2023-05-22") == ["2023-06-06", "2023-06-08"]
    assert values("le compte administratif 2022 et le budget primitif 2024 sont adoptés") == ["2022", "2024"]


@pytest.mark.parametrize("text, iso", [
    ("modification des redevances au 01° janvier 2025", "2025-01-01"),  # OCR of "1er"
    ("vu la demande par courriel du 1“octobre 2019", "2019-10-01"),
    ("à compter du 1° février 2025", "2025-02-01"),
    ("désignés pour six ans jusqu'au O7 juin 2031", "2031-06-07"),  # a capital O for a zero
])
def test_days_as_ocr_misreads_them(text, iso):
    assert [d.value for d in find_dates(text)] == [iso]
