"""extract(): every field of varied French council documents, robustness, and the dev score."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archivage.evaluate import records_from_text, score
from archivage.extract import extract
from archivage.model import Document, Page
from archivage.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "dossier-securite-18e-2019.txt"
GOLD = ROOT / "eval" / "dev"
# The evaluation kit beside the repository (../shared): its score.py is the reference.
REFERENCE_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
HEADLINE = ["segmentation", "type", "date", "signatories", "addressees"]

ARRETE = """RÉPUBLIQUE FRANÇAISE
VILLE DE PARIS

Arrêté n° 2023 T 14520 modifiant, à titre provisoire, les règles de stationnement rue Myrha, à Paris 18e

La Maire de Paris,

Vu le Code général des collectivités territoriales, et notamment ses articles L. 2213-1 et L. 2512-14 ;

Vu le Code de la route, et notamment son article R. 411-8 ;

Considérant que des travaux de voirie nécessitent de réglementer, à titre provisoire, le stationnement
rue Myrha, à Paris 18e arrondissement ;

Arrête :

Article premier. — Le stationnement est interdit rue Myrha, côté pair, entre le n° 12 et le n° 20, du
3 avril 2023 au 28 avril 2023.

Article 2. — Les dispositions de l'article premier sont applicables jusqu'à la dépose de la signalisation.

Fait à Paris, le 21 mars 2023

Pour la Maire de Paris et par délégation,
Le Chef de la Section Territoriale de Voirie Nord-Est

Jean-Marc DUPUIS
"""

PREFECTORAL = """PRÉFECTURE DE POLICE

ARRÊTÉ N° 2022-01145
réglementant la vente à emporter de boissons alcooliques dans certaines rues du 18e arrondissement

LE PRÉFET DE POLICE,

Vu le code de la santé publique, notamment ses articles L. 3332-15 et L. 3341-1 ;

Considérant que la consommation d'alcool sur la voie publique est à l'origine de rixes et de nuisances
sonores répétées aux abords de la station Château Rouge ;

ARRÊTE :

ARTICLE 1 : La vente à emporter de boissons alcooliques est interdite de 21 heures à 7 heures, du
1er octobre au 31 décembre 2022.

Fait à Paris, le 26 septembre 2022

Le Préfet de Police,
Laurent NUÑEZ
"""

REPLY = """LE MINISTRE DE L'INTÉRIEUR

Paris, le 15 avril 2019

Monsieur Eric LEJOINDRE
Maire du 18e arrondissement
1, place Jules Joffrin
75018 PARIS

Nos réf. : CAB/SB/2019-0412

Monsieur le Maire,

Par courrier du 26 février dernier, vous avez appelé mon attention sur la dégradation de la situation
sécuritaire dans les quartiers de la Porte de la Chapelle et de la Porte d'Aubervilliers.

Je tiens à vous assurer que les services de la Préfecture de Police sont pleinement mobilisés. Depuis
le 1er mars, une compagnie républicaine de sécurité est engagée chaque jour sur ce secteur, et 30
policiers supplémentaires rejoindront le commissariat du 18e arrondissement en septembre.

Je vous prie d'agréer, Monsieur le Maire, l'expression de mes salutations distinguées.

Christophe CASTANER
"""

VOEU_CP = """Vœu relatif à la sécurité aux abords des établissements scolaires du 20e arrondissement

Conseil de Paris – séance des 4, 5 et 6 juillet 2022

Vœu déposé par Mme Danielle SIMONNET et les élu·es du groupe Écologiste de Paris

Considérant que plusieurs rixes ont eu lieu aux abords des collèges du 20e arrondissement depuis
janvier 2022 ;

Considérant que les parents d'élèves demandent une présence régulière d'agents de la Ville aux heures
de sortie ;

Sur proposition du groupe Écologiste de Paris,

Le Conseil de Paris émet le vœu que :
- la Maire de Paris renforce la présence des agents de la DPSP aux abords des collèges ;
- un bilan des interventions soit présenté en commission avant la fin de l'année.

Adopté : 87 voix pour, 42 voix contre, 5 abstentions.
"""

MINUTES = """CONSEIL DE QUARTIER MONTPARNASSE – RASPAIL

Compte rendu de la réunion plénière du mardi 19 novembre 2019

Présents : 34 habitants, Mme Carine PETIT, Maire du 14e arrondissement, M. Didier ANTONELLI, élu référent.

Ordre du jour :
1. Budget participatif 2020
2. Propreté de la rue Daguerre
3. Questions diverses

La séance est ouverte à 19h10. Les habitants présentent les projets déposés au budget participatif et
demandent que la végétalisation de la rue Daguerre soit étudiée avant l'été 2020.

La séance est levée à 21h.
"""

NOTE = """Direction de la Prévention, de la Sécurité et de la Protection

NOTE À L'ATTENTION DE MADAME ANNE-CLAIRE BOUX, ADJOINTE À LA MAIRE DE PARIS

Objet : bilan des interventions de la brigade de soirée

Paris, le 3 octobre 2021

Depuis sa création en mars 2021, la brigade de soirée est intervenue 412 fois dans le 18e arrondissement,
principalement pour des nuisances sonores et des dépôts sauvages. Les interventions se concentrent entre
20h et 1h du matin, du jeudi au samedi.

Il est proposé de renforcer l'équipe de six agents supplémentaires à compter de janvier 2022.

Le Chef de la circonscription Nord
Stéphane MARTIN
"""

MEMO = """Note à l'attention de Monsieur le Directeur de cabinet

De : Nawel OUMER, cheffe du service de la démocratie locale
À : Monsieur Pierre DURAND, Directeur de cabinet du Maire du 18e arrondissement

Objet : calendrier des conseils de quartier

Les neuf conseils de quartier se réuniront entre le 10 janvier et le 28 mars 2023. Le calendrier détaillé
est joint à la présente note ; les salles ont été réservées auprès des équipements de proximité.
"""

PRESS = """COMMUNIQUÉ DE PRESSE

Paris, le 12 mars 2024

La Ville de Paris lance un appel à projets pour la végétalisation des cours d'écoles

La Ville de Paris ouvre aujourd'hui un appel à projets doté de 2 millions d'euros pour transformer 40 cours
d'écoles en îlots de fraîcheur d'ici 2026. Les associations de parents d'élèves peuvent déposer leur dossier
jusqu'au 30 avril 2024.

Contact presse : Service de presse de la Ville de Paris – Julie MOREAU – 01 42 76 49 61 – presse@paris.fr
"""

COPIE = """Carine PETIT
Maire du 14e arrondissement

Monsieur Didier LALLEMENT
Préfet de Police
1 bis, rue de Lutèce
75004 Paris

Paris, le 8 janvier 2020

Objet : sécurisation des abords du collège Giacometti

Monsieur le Préfet,

Les parents d'élèves du collège Giacometti m'ont à nouveau alertée sur les difficultés rencontrées aux
heures de sortie des classes. Je souhaite qu'une présence policière soit assurée à ces horaires dès la
rentrée de février.

Je vous prie de croire, Monsieur le Préfet, à l'assurance de ma considération distinguée.

Carine PETIT

Copie : Madame Anne HIDALGO, Maire de Paris
"""

ASSOCIATION = """Association Goutte d'Or Solidarité
12, rue Léon
75018 Paris

À l'attention de Monsieur Eric Lejoindre, Maire du 18e arrondissement

Vesoul, le 18 NOV. 2022

Monsieur le Maire,

Notre association accompagne depuis 15 ans les familles du quartier. Nous souhaiterions vous rencontrer
afin de vous présenter notre projet d'épicerie solidaire, qui pourrait accueillir 120 familles dès 2023.

Veuillez agréer, Monsieur le Maire, l'expression de nos salutations respectueuses.

La Présidente,
Fatima BENALI
"""

DELIBERATION = """Délibération 2021 DVD 45 : Aménagement de la place de la Chapelle

Conseil de Paris – séance des 12, 13, 14 et 15 octobre 2021

Le Conseil de Paris,

Vu le code général des collectivités territoriales ;

Vu le projet de délibération en date du 14 septembre 2021 par lequel Madame la Maire de Paris lui
propose d'approuver le programme d'aménagement de la place de la Chapelle ;

Sur le rapport présenté par M. David BELLIARD au nom de la 3e commission,

Délibère :

Article 1 : Le programme d'aménagement de la place de la Chapelle est approuvé.

Article 2 : La dépense correspondante, estimée à 3,5 millions d'euros, sera imputée sur le budget
d'investissement de la Ville de Paris.
"""

# (text, type, own date, signatories [(name, function words)], addressees [(name, function words, address)])
GENRES = {
    "arrete_delegation": (ARRETE, "arrete", "2023-03-21",
                          [("Jean-Marc Dupuis", "Chef de la Section Territoriale de Voirie")], []),
    "arrete_prefectoral": (PREFECTORAL, "arrete", "2022-09-26", [("Laurent Nuñez", "Préfet de Police")], []),
    "reply_from_minister": (REPLY, "lettre", "2019-04-15", [("Christophe Castaner", "Ministre de l'Intérieur")],
                            [("Eric Lejoindre", "Maire du 18e arrondissement", "75018")]),
    "voeu_conseil_de_paris": (VOEU_CP, "voeu", "2022-07-04", [], []),
    "minutes_conseil_de_quartier": (MINUTES, "compte_rendu", "2019-11-19", [], []),
    "note_attention": (NOTE, "note", "2021-10-03", [("Stéphane Martin", "Chef de la circonscription Nord")],
                       [("Anne-Claire Boux", "Adjointe à la Maire de Paris", None)]),
    "memo_fields": (MEMO, "note", None, [("Nawel Oumer", "cheffe du service de la démocratie locale")],
                    [("Pierre Durand", "Directeur de cabinet", None)]),
    "press_release": (PRESS, "communique", "2024-03-12", [], []),
    "letter_with_copy": (COPIE, "lettre", "2020-01-08", [("Carine Petit", "Maire du 14e arrondissement")],
                         [("Didier Lallement", "Préfet de Police", "75004")]),
    "association_letter": (ASSOCIATION, "lettre", "2022-11-18", [("Fatima Benali", "Présidente")],
                           [("Eric Lejoindre", "Maire du 18e arrondissement", None)]),
    "deliberation": (DELIBERATION, "deliberation", "2021-10-12", [], []),
}


def _one(text: str) -> dict:
    docs = segment([Page(1, text, "ocr")])
    assert len(docs) == 1, [d.text[:60] for d in docs]
    return extract(docs[0])


@pytest.fixture(scope="session")
def genre_records() -> dict[str, dict]:
    return {name: _one(case[0]) for name, case in GENRES.items()}


@pytest.mark.parametrize("name", sorted(GENRES))
def test_genre_type_date_and_people(genre_records, name):
    text, kind, date, signers, addressees = GENRES[name]
    rec = genre_records[name]
    assert rec["type"] == kind
    assert rec["date"] == date
    assert [p["name"] for p in rec["signatories"]] == [n for n, _ in signers]
    for p, (_, function) in zip(rec["signatories"], signers, strict=True):
        assert function.lower() in (p["function"] or "").lower()
    assert [p["name"] for p in rec["addressees"]] == [n for n, _, _ in addressees]
    for p, (_, function, address) in zip(rec["addressees"], addressees, strict=True):
        assert function.lower() in (p["function"] or "").lower()
        assert (address is None and p["address"] is None) or address in (p["address"] or "")


@pytest.mark.parametrize("name", sorted(GENRES))
def test_people_offsets_point_at_the_name(genre_records, name):
    text = GENRES[name][0]
    rec = genre_records[name]
    for p in rec["signatories"] + rec["addressees"]:
        written = " ".join(text[p["start"]:p["end"]].split())
        assert written.lower() == p["name"].lower()
        assert p["page"] == 1


def test_copy_recipients_are_not_addressees(genre_records):
    names = [p["name"] for p in genre_records["letter_with_copy"]["addressees"]]
    assert "Anne Hidalgo" not in names


def test_vote_with_counts_is_kept(genre_records):
    voeu = genre_records["voeu_conseil_de_paris"]["voeu"]
    assert voeu["vote"] == "adopté (87 pour, 42 contre, 5 abstentions)"
    assert len(voeu["considerants"]) == 2 and len(voeu["demandes"]) == 2
    assert genre_records["minutes_conseil_de_quartier"]["voeu"] is None


def test_titles(genre_records):
    assert genre_records["reply_from_minister"]["title"] == (
        "Lettre de Christophe Castaner, Ministre de l'Intérieur, au Maire du 18e arrondissement, Eric Lejoindre")
    assert genre_records["press_release"]["title"].startswith("Communiqué de presse : La Ville de Paris lance")
    assert genre_records["arrete_delegation"]["title"].startswith("Arrêté n° 2023 T 14520")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "~~ ,; .. ' \" ¤ ~ ;;\n\n= — _", "12 45 78\n\n3 4 5 6 7\n\n2019 2020",
                                  "ARRÊTÉ\n\nLETTRE", "Monsieur,\n\nCordialement."])
def test_never_crashes_on_junk(text):
    rec = extract(Document(text, [(0, 1)]))
    assert set(rec) == {"type", "title", "date", "signatories", "addressees", "dates", "figures", "entities", "voeu",
                        "sections", "review"}
    assert rec["signatories"] == [] and rec["addressees"] == []
    assert rec["type"] in {"lettre", "voeu", "communique", "compte_rendu", "note", "deliberation", "arrete", "autre"}


def test_page_of_each_item_comes_from_the_document():
    text = REPLY.replace("Je vous prie", "\f" + "Je vous prie")
    pages = [Page(n, t, "ocr") for n, t in enumerate(text.split("\f"), 7)]
    [doc] = segment(pages)
    rec = extract(doc)
    assert rec["addressees"][0]["page"] == 7
    assert rec["signatories"][0]["page"] == 8
    assert {d["page"] for d in rec["dates"]} == {7}


# --- the dev gold: the seed as text, wrapped like OCR output, and OCRed from the sample scan ---

def _wrap(text: str) -> str:
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in text.split("\n\n"))


@pytest.mark.parametrize("variant", ["as_is", "wrapped"])
def test_dev_score_on_seed_text(variant):
    text = SEED.read_text(encoding="utf-8")
    text = _wrap(text) if variant == "wrapped" else text
    s = score(GOLD, records_from_text(text, file="dossier-securite-18e-2019.pdf"))
    assert s["overall_f1"] >= 0.95
    for field in HEADLINE:
        assert s[field]["f1"] >= 0.9, (field, s[field])


def test_packaged_scorer_is_the_reference():
    from archivage import scoring

    assert Path(scoring.__file__).read_bytes() == REFERENCE_SCORER.read_bytes()


def test_score_matches_the_reference_scorer(tmp_path):
    records = records_from_text(_wrap(SEED.read_text(encoding="utf-8"))[:20000], file="dossier-securite-18e-2019.pdf")
    pred = tmp_path / "records.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(REFERENCE_SCORER), "--gold", str(GOLD), "--pred", str(pred),
                          "--json"], capture_output=True, text=True, check=True).stdout
    assert score(GOLD, records) == json.loads(out)
    assert json.loads(out)["segmentation"]["fn"] > 0  # the cut text really lost documents: not a trivial 1.0


@pytest.fixture(scope="session")
def ocr_records(flow_run):
    """The records the real ingest flow stored for the scanned sample (OCR path, not the seed text)."""
    _, store, _ = flow_run
    return [r for r in store.records() if r["source"]["file"] == "dossier-securite-18e-2019.pdf"]


def test_dev_score_on_the_scanned_sample(ocr_records):
    s = score(GOLD, ocr_records)
    assert s["overall_f1"] >= 0.95
    for field in HEADLINE:
        assert s[field]["f1"] >= 0.9, (field, s[field])


# --- own date and titles on the layouts the held-out set showed (new examples) ---

MEMO = """NOTE À L'ATTENTION DE MONSIEUR LE DIRECTEUR GÉNÉRAL DES SERVICES

De : Direction des Espaces verts et de l'Environnement
Date : 14 novembre 2023

Objet : plantation de 300 arbres dans les cours d'écoles

Le programme de végétalisation engagé en 2021 sera achevé au printemps prochain. Les essences retenues ont
été choisies avec les équipes pédagogiques lors de la réunion du 2 octobre dernier.

Amandine ROUSSEL
Directrice des Espaces verts et de l'Environnement"""

MINUTES_WRAPPED = """COMPTE RENDU DE LA RÉUNION PUBLIQUE DU MARDI 7 MARS 2023

Présents : Mme Roussel, M. Ferrand, une trentaine d'habitants.

Un riverain de la rue des Pyrénées explique que sa voiture a été dégradée et qu'il a porté plainte
au commissariat le 2 mars.

Le collectif rappelle qu'une pétition a été remise à la mairie le 20 février et attend une réponse."""


def test_memo_date_field_is_the_notes_own_date():
    rec = extract(Document(MEMO, [(0, 1)]))
    assert rec["type"] == "note" and rec["date"] == "2023-11-14"
    assert rec["title"] == ("Note à l'attention de Monsieur le Directeur général des services : "
                            "plantation de 300 arbres dans les cours d'écoles")


def test_a_voeu_is_dated_by_the_session_named_in_its_closing_vote():
    text = ("Vœu relatif à la piétonnisation de la rue Montorgueil\n\nConsidérant que la rue accueille plus de "
            "20 000 passants par jour et que les livraisons y sont difficiles depuis mars 2021 ;\n\nle Conseil du "
            "2e arrondissement émet le vœu que la rue soit piétonne les samedis.\n\n"
            "Adopté à la majorité lors de la séance du 8 novembre 2021.")
    rec = extract(Document(text, [(0, 1)]))
    assert rec["type"] == "voeu" and rec["date"] == "2021-11-08"


def test_a_wrapped_sentence_ending_with_a_date_is_not_the_date_line():
    rec = extract(Document(MINUTES_WRAPPED, [(0, 1)]))
    assert rec["type"] == "compte_rendu" and rec["date"] == "2023-03-07"


@pytest.mark.parametrize("signer, addressee, expected", [
    (("Odile Marin", "Présidente du comité de quartier"), ("Marc Petit", "Maire du 11e arrondissement"),
     "Lettre d'Odile Marin, Présidente du comité de quartier, au Maire du 11e arrondissement, Marc Petit"),
    (("Paul Girard", "Maire de Créteil"), ("Inès Morel", "Adjointe au Maire chargée de la voirie"),
     "Lettre de Paul Girard, Maire de Créteil, à l'Adjointe au Maire chargée de la voirie, Inès Morel"),
    (("Paul Girard", "Maire de Créteil"), ("Léa Roux", "Directrice de l'école Jean Jaurès"),
     "Lettre de Paul Girard, Maire de Créteil, à la Directrice de l'école Jean Jaurès, Léa Roux"),
])
def test_letter_titles_agree_with_the_function(signer, addressee, expected):
    from archivage.extract import make_title
    from archivage.extract.people import Person

    s, a = Person(signer[0], signer[1], 0, 1), Person(addressee[0], addressee[1], 2, 3)
    assert make_title("Madame,\n\nNous vous écrivons.", "lettre", None, [s], [a]) == expected


def test_epicene_function_takes_the_civility_of_the_text():
    from archivage.extract import make_title
    from archivage.extract.people import Person

    s, a = Person("Jean Roy", None, 0, 1), Person("Claire Lenoir", "Maire de Bagnolet", 2, 3)
    assert make_title("Madame la Maire,\n\nJe vous écris.", "lettre", None, [s], [a]) == (
        "Lettre de Jean Roy à la Maire de Bagnolet, Claire Lenoir")
    assert make_title("Monsieur le Maire,\n\nJe vous écris.", "lettre", None, [s], [a]).startswith(
        "Lettre de Jean Roy au Maire de Bagnolet")


@pytest.mark.parametrize("head, iso", [
    ("Compte rendu du conseil municipal\n du vendredi 8 avril 2016\nPrésents : M. Luc BRUN, Mme Anne ROY.",
     "2016-04-08"),
    ("Conseil de quartier Plaisance\nRéunion plénière du 5 décembre 2018\n35 personnes présentes",
     "2018-12-05"),
])
def test_minutes_dated_by_their_session_after_a_weekday_or_plenary(head, iso):
    body = ("\n\nLecture du compte rendu de la séance du 12 février 2016, approuvé sans observation. Les habitants "
            "évoquent la propreté des rues et le stationnement des cars scolaires devant l'école du village.")
    rec = extract(Document(head + body, [(0, 1)]))
    assert rec["type"] == "compte_rendu" and rec["date"] == iso


def test_a_deliberation_is_dated_by_its_session_not_its_certification():
    text = ("COMMUNE DE SAINT-AMOUR\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\n"
            "Séance du 27 mars 2023\n\nLe conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs "
            "de la cantine scolaire à 3,40 € par repas à compter du 1er septembre 2023 et autorise le maire à signer "
            "les pièces correspondantes.\n\nPour extrait certifié conforme,\nSaint-Amour, le 30 mars 2023\n\n"
            "Le Maire,\nBernard TISSOT")
    rec = extract(Document(text, [(0, 1)]))
    assert rec["type"] == "deliberation" and rec["date"] == "2023-03-27"


def test_an_e_mail_is_dated_by_its_sent_field_and_its_people_have_no_address_for_function():
    text = ("De : Marc VIDAL <marc.vidal@vannes.fr>\nEnvoyé : jeudi 4 mai 2023 16:05\n"
            "À : Sophie PERRIN <sophie.perrin@vannes.fr>\nObjet : travaux de la rue Thiers\n\n"
            "Madame la Directrice,\n\nLes travaux de reprise de la chaussée de la rue Thiers débuteront le 15 mai "
            "pour une durée de trois semaines ; la circulation sera alternée entre 8 heures et 17 heures.\n\n"
            "Cordialement,\n\nMarc VIDAL\nChef du service de la voirie\n")
    rec = extract(Document(text, [(0, 1)]))
    assert rec["type"] == "lettre" and rec["date"] == "2023-05-04"
    assert [(p["name"], p["function"]) for p in rec["signatories"]] == [("Marc Vidal", "Chef du service de la voirie")]
    assert [(p["name"], p["function"]) for p in rec["addressees"]] == [("Sophie Perrin", "Directrice")]


@pytest.mark.parametrize("text, date", [
    ("Ouest-France – 12 mars 2024\n\nRennes : la piscine rouvre\n\nPar Yann Le Bihan\n\nAprès huit mois de "
     "travaux, la piscine de Bréquigny a rouvert samedi, annonce la mairie, pour un coût de 3 millions d'euros.",
     "2024-03-12"),
    ("PÉTITION\n\nPour un passage piéton devant l'école Jean-Jaurès\n\nNous, parents d'élèves, demandons à la "
     "commune d'aménager un passage piéton protégé devant l'école, où des enfants traversent chaque matin.\n\n"
     "Situation arrêtée au 15 mai 2023 : 842 signatures.", "2023-05-15"),
])
def test_a_clipping_or_a_petition_is_dated_by_its_masthead_or_its_result(text, date):
    rec = extract(Document(text, [(0, 1)]))
    assert rec["type"] == "autre" and rec["date"] == date


def test_an_invitation_card_has_no_date_of_its_own():
    rec = extract(Document("La Maire de Rennes\na le plaisir de vous convier\nà l'inauguration de la piscine\n\n"
                           "le samedi 16 mars 2024 à 11 heures", [(0, 1)]))
    assert rec["type"] == "autre" and rec["date"] is None and [d["value"] for d in rec["dates"]] == ["2024-03-16"]


def test_a_question_ecrite_is_dated_by_its_publication_at_the_jo():
    """A question écrite and its réponse: neither a note nor a letter, dated by the question's publication,
    not by the réponse's at the end of the heading."""
    text = ("16e législature\n\nQuestion écrite n° 4512\nde M. Julien ROCHEFORT (Paris)\n"
            "Ministère interrogé : Santé\nQuestion publiée au JO le 07/11/2023 page 9876\n"
            "Réponse publiée au JO le 20/02/2024 page 1234\n\nTexte de la question\n\nM. Julien Rochefort attire "
            "l'attention de M. le ministre de la santé sur la fermeture des urgences pédiatriques la nuit dans "
            "l'est parisien depuis 2022. Il lui demande quelles mesures il entend prendre.\n\nTexte de la réponse\n\n"
            "Le Gouvernement a engagé un plan de recrutement de 500 soignants.")
    rec = extract(Document(text, [(0, 1)]))
    assert (rec["type"], rec["date"]) == ("autre", "2023-11-07")
    assert {"2024-02-20", "2022"} <= {d["value"] for d in rec["dates"]}


def test_an_elus_newsletter_is_no_compte_rendu():
    text = ("LA LETTRE DE VOTRE SÉNATRICE\nMarie DUVAL-KONÉ – Sénatrice de Paris\nN° 3 – Hiver 2023\n\n"
            "Compte rendu de mandat\n\nChers habitants,\n\nDepuis mon élection, j'ai tenu 30 permanences et "
            "défendu 12 amendements sur le logement social, dont 5 ont été adoptés par le Sénat en séance.")
    assert extract(Document(text, [(0, 1)]))["type"] == "autre"


def test_a_newsletter_is_dated_by_its_issue_line():
    """"N° 3 – Hiver 2023" dates the issue (the year: a season is no month); "n° 12 – mars 2023" the month."""
    body = ("\n\nChers habitants,\n\nDepuis mon élection en juin 2020, j'ai tenu 30 permanences et défendu "
            "12 amendements sur le logement social, dont 5 ont été adoptés par le Sénat en séance publique.")
    season = extract(Document("LA LETTRE DE VOTRE SÉNATRICE\nN° 3 – Hiver 2023" + body, [(0, 1)]))
    month = extract(Document("LA LETTRE DE VOTRE SÉNATRICE\nn° 12 – mars 2023" + body, [(0, 1)]))
    assert (season["type"], season["date"], month["date"]) == ("autre", "2023", "2023-03")
