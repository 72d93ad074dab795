"""Vœu structure: considérants, demandes and the vote."""

from __future__ import annotations

from pathlib import Path

from archivage.extract.voeu import voeu_structure, vote
from archivage.model import Page
from archivage.segment import segment

SEED = Path(__file__).resolve().parent.parent / "samples" / "dossier-securite-18e-2019.txt"


def test_seed_voeu():
    [voeu] = [d for d in segment([Page(1, SEED.read_text(encoding="utf-8"), "ocr")]) if d.text.startswith("VOEU")]
    s = voeu_structure(voeu.text)
    assert len(s["considerants"]) == 16
    assert all(c.startswith("Considérant") for c in s["considerants"])
    assert [d[:20] for d in s["demandes"]] == ["que l'État renforce ", "que les commissariat", "que le Préfet de Pol"]
    assert s["vote"] == "unanimité"


def test_run_on_demandes_and_counts():
    text = ("Vœu relatif aux marchés découverts\n\nConsidérant la fréquentation des marchés ;\n\n"
            "Considérant l'état des étals,\n\nLe Conseil du 18e arrondissement émet le vœu que la Ville rénove "
            "les étals du marché Ornano ; que les horaires soient étendus le dimanche ; qu'un bilan soit "
            "présenté en 2024.\n\nRésultat du vote : 12 pour, 3 contre, 2 abstentions.")
    s = voeu_structure(text)
    assert len(s["considerants"]) == 2
    assert s["demandes"] == ["que la Ville rénove les étals du marché Ornano",
                             "que les horaires soient étendus le dimanche", "qu'un bilan soit présenté en 2024."]
    assert s["vote"] == "adopté (12 pour, 3 contre, 2 abstentions)"


def test_votes():
    assert vote("Adopté à la majorité : 87 voix pour, 42 voix contre, 5 abstentions") == (
        "majorité (87 pour, 42 contre, 5 abstentions)")
    assert vote("Vœu rejeté.") == "rejeté"
    assert vote("Le vœu est adopté.") == "adopté"
    assert vote("Considérant le bruit, le conseil demande des bancs.") is None
