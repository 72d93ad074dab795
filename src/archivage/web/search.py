"""The search page: the CLI's query language, facets with counts, a date range, sort, pages.

The URL holds the whole state (French parameter names), so a search can be bookmarked or sent.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import APIRouter, Request

from ..search import QueryError, find
from .app import need, render

router = APIRouter(include_in_schema=False)

# URL parameter -> find() argument
PARAMS = {"q": "query", "type": "type", "du": "date_from", "au": "date_to", "signataire": "signatory",
          "destinataire": "addressee", "personne": "person", "lieu": "place", "org": "org",
          "chiffre": "figure_kind", "min": "figure_min", "max": "figure_max", "a_verifier": "review"}
SORTS = {"pertinence": "relevance", "recent": "newest", "ancien": "oldest"}
FACET_PARAM = {"type": "type", "signatory": "signataire", "addressee": "destinataire", "person": "personne",
               "place": "lieu", "org": "org", "figure_kind": "chiffre"}
FACET_LABELS = {"type": "Type", "year": "Année", "signatory": "Signataire", "addressee": "Destinataire",
                "person": "Personne", "place": "Lieu", "org": "Organisation", "figure_kind": "Chiffres",
                "review": "À vérifier"}
PER_PAGE = 20


# The query layer's sentences (English, shared with the CLI), said in French on the page.
ERRORS_FR = [
    (re.compile(r"^OR must stand between"), "OU se place entre deux mots, comme dans : crack OU drogue."),
    (re.compile(r"^OR cannot join an excluded"), "OU ne peut pas joindre un mot exclu ; écrivez -tag -graffiti pour exclure les deux."),
    (re.compile(r"^The search only excludes"), "La recherche ne fait qu'exclure des mots : ajoutez au moins un mot à chercher."),
    (re.compile(r"^A lone '-'"), "Un « - » seul doit être suivi du mot à exclure, comme dans : -manifestation."),
    (re.compile(r"^The search has an unbalanced quote"), "Un guillemet n'est pas fermé : fermez l'expression par un second \"."),
    (re.compile(r"^The start date (\S+) is after the end date (\S+)\.$"), r"La date de début \1 est après la date de fin \2."),
    (re.compile(r"^Dates are written .*not '(.*)'\.$"), r"Une date s'écrit 2019, 2019-03 ou 2019-03-15, pas « \1 »."),
    (re.compile(r"^Unknown document type '(.*)';"), r"Type de document inconnu : « \1 »."),
    (re.compile(r"^Unknown figure kind '(.*)';"), r"Sorte de chiffre inconnue : « \1 »."),
]


def error_fr(message: str) -> str:
    for pattern, french in ERRORS_FR:
        m = pattern.match(message)
        if m:
            return m.expand(french) if m.groups() else french
    return message


def state_of(request: Request) -> dict[str, str]:
    """The search's parameters from the URL (only those known, non-empty, trimmed)."""
    q = request.query_params
    state = {k: q.get(k, "").strip()[:500] for k in (*PARAMS, "tri", "page")}
    return {k: v for k, v in state.items() if v}


def find_args(state: dict[str, str]) -> dict:
    """find() arguments from the page's state; QueryError (one sentence) for a value that is not one."""
    args = {}
    for param, name in PARAMS.items():
        value = state.get(param)
        if not value:
            continue
        if name in ("figure_min", "figure_max"):
            try:
                args[name] = float(value.replace(",", ".").replace(" ", ""))
            except ValueError:
                raise QueryError(f"« {value} » n'est pas un nombre.") from None
        elif name == "review":
            args[name] = True
        else:
            args[name] = value
    args["sort"] = SORTS.get(state.get("tri", "pertinence"), "relevance")
    try:
        args["page"] = max(1, int(state.get("page", "1")))
    except ValueError:
        args["page"] = 1
    return args


def url(state: dict[str, str], **changes) -> str:
    """/recherche with the state changed (None removes a parameter); back to page 1 unless a page is given."""
    new = {**state, **changes}
    if "page" not in changes:
        new.pop("page", None)
    return "/recherche?" + urlencode({k: v for k, v in new.items() if v not in (None, "")})


def facet_links(state: dict, facets: dict | None) -> list[dict]:
    """Each facet's values with their count and the URL that narrows the search to it."""
    out = []
    for name, counts in (facets or {}).items():
        items = []
        for value, n in (counts or {}).items():
            if name == "year":
                link = url(state, du=str(value), au=str(value))
                chosen = state.get("du") == str(value) == state.get("au")
            elif name == "review":
                link, chosen, value = url(state, a_verifier="1"), bool(state.get("a_verifier")), "à vérifier"
            else:
                param = FACET_PARAM[name]
                chosen = state.get(param) == str(value)
                link = url(state, **{param: None if chosen else str(value)})
            items.append({"value": str(value), "count": n, "url": link, "chosen": chosen})
        if items and any(i["count"] for i in items):
            out.append({"name": name, "label": FACET_LABELS.get(name, name), "items": items})
    return out


@router.get("/recherche")
def search_page(request: Request):
    need(request, "lecteur")
    store = request.app.state.store
    state = state_of(request)
    error, results = None, None
    try:
        args = find_args(state)
        results = find(store, limit=PER_PAGE, count=True, facets=True, **args)
    except QueryError as e:
        error = error_fr(str(e))
    pages = 0
    if results is not None and results.total:
        pages = -(-results.total // PER_PAGE)
    page = int(state.get("page", 1)) if state.get("page", "1").isdigit() else 1
    filters = [{"label": label, "value": state[p], "url": url(state, **{p: None})}
               for p, label in (("type", "Type"), ("du", "Du"), ("au", "Au"), ("signataire", "Signataire"),
                                ("destinataire", "Destinataire"), ("personne", "Personne"), ("lieu", "Lieu"),
                                ("org", "Organisation"), ("chiffre", "Chiffres"), ("min", "Au moins"),
                                ("max", "Au plus"), ("a_verifier", "À vérifier")) if state.get(p)]
    return render(request, "search.html", {
        "state": state, "error": error, "results": results, "facets": facet_links(state, results and results.facets),
        "filters": filters, "page": page, "pages": pages,
        "prev_url": url(state, page=str(page - 1)) if page > 1 else None,
        "next_url": url(state, page=str(page + 1)) if pages and page < pages else None,
        "sort_urls": {k: url(state, tri=k) for k in SORTS}, "has_records": store.has_records(),
        "settings": request.app.state.settings,
    })
