"""Put a third of the real corpus aside as its test part, before anything is fixed, and never move a file again.

    python eval/real/split.py          # assigns the files of manifest.json that split.json does not know yet

The draw is seeded and stratified by kind of document (so that the test part holds letters, arrêtés, minutes…
in the corpus's proportions): within each kind, files are ranked by sha256(seed:id) and the first ones go to
the test part until it holds a third of that kind (rounded). Files already assigned keep their part, so the
corpus can grow without the test part changing under the annotators' feet. The test part's gold is scored once
before and once after the work on extraction, and its outputs are not read while fixing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261202
# kinds of the manifest grouped as the pipeline types them, so each group is split in thirds
STRATA = {"extrait_registre": "deliberation", "proces_verbal": "compte_rendu", "motion": "voeu",
          "attestation": "autre", "dossier": "dossier"}


def rank(seed: int, id_: str) -> str:
    return hashlib.sha256(f"{seed}:{id_}".encode()).hexdigest()


def split(manifest: list[dict], known: dict[str, str], seed: int = SEED) -> dict[str, str]:
    """{id: "test" | "dev"} for every file of the manifest; ``known`` assignments are kept as they are."""
    parts = dict(known)
    strata: dict[str, list[dict]] = {}
    for m in manifest:
        strata.setdefault(STRATA.get(m["kind"], m["kind"]), []).append(m)
    for members in strata.values():
        target = round(len(members) / 3)
        tested = sum(parts.get(m["id"]) == "test" for m in members)
        for m in sorted((m for m in members if m["id"] not in parts), key=lambda m: rank(seed, m["id"])):
            parts[m["id"]] = "test" if tested < target else "dev"
            tested += parts[m["id"]] == "test"
    return {m["id"]: parts[m["id"]] for m in manifest}


def main() -> None:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    path = HERE / "split.json"
    known = json.loads(path.read_text(encoding="utf-8"))["parts"] if path.exists() else {}
    parts = split(manifest, known)
    path.write_text(json.dumps({"seed": SEED, "parts": parts}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    test = sorted(i for i, p in parts.items() if p == "test")
    print(f"{len(parts)} files: {len(test)} in the test part, {len(parts) - len(test)} in the dev part "
          f"({len(parts) - len(known)} newly assigned)")


if __name__ == "__main__":
    main()
