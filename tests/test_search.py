"""Search as an archivist uses it, on SQLite and on PostgreSQL (when ARCHIVAGE_TEST_POSTGRES_URL is set).

Every test runs against both backends through the ``db`` fixture: the same query must find
the same records whichever database holds them.
"""

from __future__ import annotations

import pytest

from archivage.errors import ArchivageError
from archivage.search import QueryError, facets, find, search
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


# -- the query layer of the CLI, the pages and the API -------------------------------------------

ALL_BY_DATE = [MINUTES, LETTER_LEJOINDRE, VOEU, COMMUNIQUE, LETTER_BROSSEL, ARRETE]  # "2019" is 2019-01-01


def test_find_gives_the_total_and_every_facet(db):
    result = find(db, "sécurité OR policier", facets=True)
    assert result.total == 3 and result.total_exact and result.facets_exact
    assert {h.id for h in result.hits} == {LETTER_LEJOINDRE, VOEU, LETTER_BROSSEL}
    f = result.facets
    assert f["type"] == {"lettre": 2, "voeu": 1} and f["year"] == {"2019": 3}
    assert f["signatory"] == {"Colombe Brossel": 1, "Eric Lejoindre": 1}
    assert f["addressee"] == {"Christophe CASTANER": 1, "Christophe Castaner": 1}
    assert f["person"] == {"Christophe CASTANER": 1, "Colombe Brossel": 1}
    assert f["place"] == {"Porte de la Chapelle": 2} and f["org"] == {"Préfet de Police": 1}
    assert f["figure_kind"] == {"count": 2, "percent": 1} and f["review"] == {}
    assert facets(db, "sécurité OR policier") == f
    only = find(db, type="arrete", facets=["figure_kind", "year"], count=False)
    assert only.total is None and only.facets == {"figure_kind": {"duration": 1, "money": 1}, "year": {"2020": 1}}
    with pytest.raises(QueryError, match="Unknown facet 'colour'"):
        find(db, facets=["colour"])


def test_sort_by_date_both_ways(db):
    assert [h.id for h in find(db, sort="oldest", limit=None).hits] == ALL_BY_DATE
    assert [h.id for h in find(db, sort="newest", limit=None).hits] == ALL_BY_DATE[::-1]
    assert [h.id for h in find(db, "castaner", sort="oldest").hits] == [LETTER_LEJOINDRE, LETTER_BROSSEL]
    assert [h.id for h in find(db, "castaner", sort="newest").hits] == [LETTER_BROSSEL, LETTER_LEJOINDRE]
    with pytest.raises(QueryError, match="Unknown sort 'date'"):
        find(db, sort="date")


def test_pages_split_the_same_order(db):
    whole = [h.id for h in search(db, "paris OR habitant OR crack", limit=None)]
    assert len(whole) == 6
    pages = [find(db, "paris OR habitant OR crack", page=n, limit=4) for n in (1, 2, 3)]
    assert [h.id for p in pages for h in p.hits] == whole
    assert [len(p.hits) for p in pages] == [4, 2, 0] and {p.total for p in pages} == {6}
    assert [h.id for h in find(db, sort="oldest", offset=4, limit=10).hits] == ALL_BY_DATE[4:]
    with pytest.raises(QueryError, match="numbered from 1"):
        find(db, page=0)


def archive_of_copies(url: str, council_records: list[dict], copies: int) -> Store:
    """``copies`` copies of every council record (ties in score: the same text many times)."""
    import copy as copying

    store = Store(url)
    for n in range(copies):
        sha = f"{n:04d}" + "e5" * 30
        records = []
        for r in council_records:
            c = copying.deepcopy(r)
            c["id"] = f"{sha[:16]}-p{len(records) + 1}"
            c["source"] = {"file": f"copie-{n:04d}.pdf", "sha256": sha, "pages": [len(records) + 1]}
            if n % 7 == 0:
                c["review"] = [{"field": "type", "reason": "heading and letterhead disagree"}]
            records.append(c)
        store.save_original(sha256=sha, file=f"copie-{n:04d}.pdf", stored_path="/x", size=1,
                            pages=len(records), records=records)
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def copies(request, council_records, fresh_database, tmp_path_factory):
    store = archive_of_copies(fresh_database(request.param, tmp_path_factory.mktemp("copies")),
                              council_records, 60)
    yield store
    store.close()


@pytest.mark.parametrize("query, filters", [
    ("crack", {}), ("sécurité OR policier", {}), ("habitant", {"date_from": "2019"}),
    ("", {"place": "chapelle"}), ("", {"person": "hidalgo"}), ("", {"figure_kind": "count", "figure_min": 100}),
    ("paris", {"review": True}), ("", {}),
])
def test_faster_paths_give_the_same_records_in_the_same_order(copies, monkeypatch, query, filters):
    """Pages read only as far as needed, selective filters driving the query: same hits as the full list."""
    whole = [(h.id, h.score) for h in search(copies, query, limit=None, **filters)]
    assert whole
    for limit in (1, 5, 17):
        assert [(h.id, h.score) for h in search(copies, query, limit=limit, **filters)] == whole[:limit]
    assert [(h.id, h.score) for h in find(copies, query, offset=33, limit=10, **filters).hits] == whole[33:43]
    import archivage.search.sql as module

    counted = find(copies, query, facets=True, **filters)
    monkeypatch.setattr(module, "SELECTIVE", 0)  # the other plan for name and figure filters
    assert [(h.id, h.score) for h in search(copies, query, limit=None, **filters)] == whole
    assert [(h.id, h.score) for h in search(copies, query, limit=5, **filters)] == whole[:5]
    monkeypatch.setattr(module, "WALK", 1)  # not among the newest: start from the filter's own records
    assert [(h.id, h.score) for h in search(copies, query, limit=5, **filters)] == whole[:5]
    again = find(copies, query, facets=True, **filters)
    assert (again.total, again.facets) == (counted.total, counted.facets)


def test_counts_are_exact_up_to_the_limit_then_estimated(copies, monkeypatch):
    import archivage.search.sql as module

    exact = find(copies, "habitant", facets=True)
    assert exact.total == 120 and exact.total_exact and exact.facets["type"] == {"compte_rendu": 60, "voeu": 60}
    assert exact.facets["review"] == {"to_review": 18}
    monkeypatch.setattr(module, "EXACT_LIMIT", 20)
    monkeypatch.setattr(module, "SAMPLE_TARGET", 10)
    monkeypatch.setattr(module, "NAME_SAMPLE", 10)
    estimate = find(copies, "habitant", facets=True)
    assert not estimate.total_exact and not estimate.facets_exact
    assert 40 <= estimate.total <= 300  # a sample of the shards, scaled up
    assert set(estimate.facets["type"]) <= {"compte_rendu", "voeu"}
    assert [h.id for h in estimate.hits] == [h.id for h in exact.hits]  # the hits are never estimated


@pytest.mark.parametrize("filters", [{}, {"date_from": "2019"}])
def test_beyond_the_window_the_best_of_the_newest_matches_come_first(copies, monkeypatch, filters):
    """A word in most records is ranked among the RANK_WINDOW matches stored last, not all of them."""
    import archivage.search.sql as module

    exact = find(copies, "habitant", limit=None, **filters)
    assert exact.rank_exact and len(exact.hits) == 120
    stored_last = {h.id for h in exact.hits if int(h.file[6:10]) >= 35}  # 2 matches a copy: copies 35-59
    monkeypatch.setattr(module, "RANK_WINDOW", 50)
    monkeypatch.setattr(module, "PG_RANK_WINDOW", 50)
    first = find(copies, "habitant", limit=10, **filters)
    assert not first.rank_exact
    assert [h.id for h in first.hits] == [h.id for h in exact.hits if h.id in stored_last][:10]
    whole = [h.id for h in find(copies, "habitant", limit=None, **filters).hits]
    assert sorted(whole) == sorted(h.id for h in exact.hits)
    assert [h.id for n in range(1, 13) for h in find(copies, "habitant", page=n, limit=10, **filters).hits] == whole


def test_a_hyphenated_compound_is_two_words_on_both_backends(db):
    # PostgreSQL's own parser kept "Chapelle-Goutte" as a third token: the phrase then missed it.
    for store in (db,):
        sha = "f6" * 32
        record = {"id": f"{sha[:16]}-p1", "source": {"file": "quartier.pdf", "sha256": sha, "pages": [1]},
                  "type": "note", "title": None, "date": None, "signatories": [], "addressees": [], "dates": [],
                  "figures": [], "entities": [], "voeu": None, "text": "Porte de la Chapelle-Goutte d'Or : réunion."}
        store.save_original(sha256=sha, file="quartier.pdf", stored_path="/q", size=1, pages=1, records=[record])
        try:
            assert record["id"] in ids(search(store, '"porte de la chapelle"'))
            assert ids(search(store, '"chapelle goutte d or"')) == {record["id"]}
        finally:
            with store.engine.begin() as conn:  # leave the shared archive as it was
                from archivage.store.write import delete_records

                delete_records(conn, store.backend, sha)
                conn.exec_driver_sql(f"DELETE FROM originals WHERE sha256 = '{sha}'")


def test_cli_review_facets_sort_and_pages(tmp_path, council_records, save_by_file, capsys):
    from archivage.cli import main

    home = tmp_path / "home"
    store = Store(f"sqlite:///{home / 'archivage.db'}")
    records = [dict(r) for r in council_records]
    records[1] = {**records[1], "review": [{"field": "date", "reason": "stamp read as 2019-05-28 and 2019-05-26"}]}
    save_by_file(store, records, "/x")
    store.close()

    def run(*argv):
        assert main(["--home", str(home), "search", *argv]) == 0
        return capsys.readouterr().out

    out = run("--review")
    assert out.count("id ") == 1 and VOEU in out and "(à vérifier)" in out
    out = run("--facets", "--sort", "oldest", "--limit", "2", "--page", "2")
    assert out.startswith("6 document(s) match") and "type: " in out and "review: to_review 1" in out
    assert out.index(f"id {VOEU}") < out.index(f"id {COMMUNIQUE}") and " 3. [voeu]" in out
    data = __import__("json").loads(run("castaner", "--facets", "--json"))
    assert data["total"] == 2 and data["facets"]["type"] == {"lettre": 2} and len(data["hits"]) == 2
    assert "No more documents." in run("--page", "9")
