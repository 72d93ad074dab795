"""Search as an archivist uses it, on SQLite and on PostgreSQL (when ARCHIVAGE_TEST_POSTGRES_URL is set).

Every test runs against both backends through the ``db`` fixture: the same query must find
the same records whichever database holds them.
"""

from __future__ import annotations

import pytest

from archivage.errors import ArchivageError
from archivage.search import QueryError, facets, search
from archivage.store import Store

LETTER_LEJOINDRE, VOEU, LETTER_BROSSEL, COMMUNIQUE = (f"{'a1' * 8}-p{p}" for p in (2, 4, 5, 6))
ARRETE, MINUTES = f"{'b2' * 8}-p1", f"{'c3' * 8}-p1"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db(request, council_records, fresh_database, tmp_path_factory):
    url = fresh_database(request.param, tmp_path_factory.mktemp(f"search-{request.param}"))
    store = Store(url)
    by_original: dict[str, list[dict]] = {}
    for record in council_records:
        by_original.setdefault(record["source"]["sha256"], []).append(record)
    for sha, recs in by_original.items():
        store.save_original(sha256=sha, file=recs[0]["source"]["file"], stored_path=f"/archive/{sha}.pdf",
                            size=1000, pages=max(p for r in recs for p in r["source"]["pages"]),
                            records=recs)
    yield store
    store.close()


def ids(hits) -> set[str]:
    return {hit.id for hit in hits}


def test_name_finds_the_two_letters_to_castaner(db):
    assert ids(search(db, "Castaner")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}
    assert ids(search(db, "castaner")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}


def test_accents_do_not_matter(db):
    assert ids(search(db, "securite")) == {LETTER_LEJOINDRE, VOEU}
    assert ids(search(db, "SÉCURITÉ")) == {LETTER_LEJOINDRE, VOEU}
    assert ids(search(db, "voeu")) == {VOEU}  # the ligature œ in "vœu" and "VŒU"


def test_plural_and_singular_meet(db):
    assert ids(search(db, "policier")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}
    assert ids(search(db, "policiers")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}
    assert ids(search(db, "habitant")) == {VOEU, MINUTES}


def test_words_are_all_required_phrases_keep_their_order(db):
    assert ids(search(db, "sécurité chapelle")) == {LETTER_LEJOINDRE, VOEU}
    assert ids(search(db, "sécurité crack")) == {LETTER_LEJOINDRE}
    assert ids(search(db, '"porte de la chapelle"')) == {LETTER_LEJOINDRE, VOEU}
    assert ids(search(db, '"chapelle de la porte"')) == set()


def test_exclusion_alternatives_and_prefix(db):
    assert ids(search(db, "sécurité -castaner")) == {VOEU}
    assert ids(search(db, 'chapelle -"plan crack"')) == {VOEU}
    assert ids(search(db, "myrha OR crack")) == {ARRETE, COMMUNIQUE, LETTER_LEJOINDRE}
    assert ids(search(db, "manifest*")) == {LETTER_BROSSEL}


def test_best_match_comes_first(db):
    hits = search(db, "crack")
    assert [h.id for h in hits] == [COMMUNIQUE, LETTER_LEJOINDRE]  # in the title and twice in the text
    assert hits[0].score > hits[1].score


def test_snippet_highlights_the_real_words(db):
    [hit] = search(db, "securite -castaner")
    assert "[sécurité]" in hit.snippet
    assert hit.snippet_markup("<b>", "</b>").count("<b>") == hit.snippet.count("[")
    assert "\n" not in hit.snippet and len(hit.snippet) < 300
    assert hit.type == "voeu" and hit.date == "2019-05-28"
    assert hit.file == "dossier-securite-18e.pdf" and hit.pages == [4]


def test_type_filter(db):
    assert ids(search(db, type="voeu")) == {VOEU}
    assert ids(search(db, type="Vœu")) == {VOEU}
    assert ids(search(db, "sécurité", type="lettre")) == {LETTER_LEJOINDRE}
    with pytest.raises(QueryError, match="Unknown document type 'memo'"):
        search(db, type="memo")


def test_partial_dates_overlap_the_range(db):
    # "2019" (minutes) and "2019-06" (communiqué) overlap March-June 2019; February and 2020 do not.
    assert ids(search(db, date_from="2019-03", date_to="2019-06")) == {VOEU, LETTER_BROSSEL, COMMUNIQUE,
                                                                       MINUTES}
    assert ids(search(db, date_from="2020")) == {ARRETE}
    assert ids(search(db, date_to="2019-02-26")) == {LETTER_LEJOINDRE, MINUTES}
    with pytest.raises(QueryError, match="not 'mars'"):
        search(db, date_from="mars")
    with pytest.raises(QueryError, match="after the end date"):
        search(db, date_from="2020", date_to="2019")


def test_without_text_newest_first(db):
    hits = search(db, limit=3)
    assert [h.id for h in hits] == [ARRETE, LETTER_BROSSEL, COMMUNIQUE]


def test_people_places_and_organisations(db):
    assert ids(search(db, addressee="castaner")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}
    assert ids(search(db, signatory="castaner")) == set()
    assert ids(search(db, signatory="eric lejoindre")) == {LETTER_LEJOINDRE}
    assert ids(search(db, signatory="Hidalgo Anne")) == {ARRETE}  # word order does not matter
    assert ids(search(db, person="hidalgo")) == {ARRETE, COMMUNIQUE}  # signatory or PER entity
    assert ids(search(db, person="castaner")) == {LETTER_LEJOINDRE, LETTER_BROSSEL}
    assert ids(search(db, place="chapelle")) == {LETTER_LEJOINDRE, VOEU}
    assert ids(search(db, place="leon")) == {MINUTES}
    assert ids(search(db, org="prefecture")) == {COMMUNIQUE}
    assert ids(search(db, org="100%")) == set()  # LIKE wildcards in the value are literal


def test_figure_kind_and_range(db):
    assert ids(search(db, figure_kind="money", figure_min=1_000_000)) == {COMMUNIQUE}
    assert ids(search(db, figure_kind="money")) == {COMMUNIQUE, ARRETE}
    assert ids(search(db, figure_kind="count", figure_min=400, figure_max=500)) == {LETTER_BROSSEL}
    # the bounds apply to one figure: the arrêté's 2 months and 135 euros do not make "100 to 200 months"
    assert ids(search(db, figure_kind="duration", figure_min=100, figure_max=200)) == set()
    with pytest.raises(QueryError, match="Unknown figure kind"):
        search(db, figure_kind="euros")


def test_text_and_filters_combine(db):
    assert ids(search(db, "policier", date_from="2019-03", addressee="castaner")) == {LETTER_BROSSEL}


@pytest.mark.parametrize("query", ['"porte de la', "-", "sécurité -", "OR castaner", "crack OR",
                                   "-castaner", 'sécurité OR -"plan crack"'])
def test_bad_query_gives_one_clear_sentence(db, query):
    with pytest.raises(QueryError) as caught:
        search(db, query)
    message = str(caught.value)
    assert isinstance(caught.value, ArchivageError)
    assert message.endswith(".") and "\n" not in message
    assert "sqlite" not in message.lower() and "syntax error" not in message.lower()


def test_punctuation_and_fts_words_are_just_text(db):
    # FTS5 and tsquery operators typed by the user are searched as words, never parsed.
    assert ids(search(db, "(crack) : ^ * {usagers} NEAR")) == set()
    assert ids(search(db, "(crack) : ^ * {usagers}")) == {COMMUNIQUE}
    assert ids(search(db, "crack!")) == {COMMUNIQUE, LETTER_LEJOINDRE}


def test_facets_count_the_matching_records(db):
    counts = facets(db, "sécurité OR policier")
    assert counts["type"] == {"lettre": 2, "voeu": 1}
    assert counts["year"] == {"2019": 3}
    assert counts["signatory"] == {"Colombe Brossel": 1, "Eric Lejoindre": 1}
    assert facets(db, type="arrete")["signatory"] == {"Anne Hidalgo": 1}
