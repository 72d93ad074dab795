"""Scans of the seed pages degraded the ways real scans are, to measure OCR robustness.

    python samples/degrade.py --out-dir /tmp/degraded [--pages 4] [--profile jpeg200 ...]

writes one image-only PDF per profile (``<profile>.pdf``) and the expected text of each page
(``<profile>.txt``, pages separated by form feeds). Profiles:

| profile  | what |
|----------|------|
| clean300 | 300 dpi, no skew, no noise (JPEG quality 75) |
| jpeg200  | 200 dpi, skew up to 0.5 degree, JPEG quality 60 |
| skew3    | 300 dpi, skewed by 1.5 to 3 degrees either way |
| rot90    | 300 dpi, the page turned a quarter (landscape raster) |
| rot180   | 300 dpi, the page upside down |
| noise    | 300 dpi, Gaussian noise (sigma 12) and 0.5 % salt and pepper |

Deterministic: the RNG is seeded from ``--seed`` and the profile name.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import SOURCE, Line, draw_page, image_pdf, jpeg_bytes, layout, page_text, scan_look  # noqa: E402

PROFILES = ["clean300", "jpeg200", "skew3", "rot90", "rot180", "noise"]


def degrade(lines: list[Line], profile: str, rng: random.Random) -> tuple[Image.Image, int, int]:
    """One page rendered for ``profile``: (image, dpi, JPEG quality)."""
    if profile == "clean300":
        return draw_page(lines, 300), 300, 75
    if profile == "jpeg200":
        return scan_look(draw_page(lines, 200), rng, rng.uniform(-0.5, 0.5)), 200, 60
    if profile == "skew3":
        return scan_look(draw_page(lines, 300), rng, rng.uniform(1.5, 3.0) * rng.choice((-1, 1))), 300, 60
    if profile == "rot90":
        img = scan_look(draw_page(lines, 300), rng, rng.uniform(-0.5, 0.5))
        return img.transpose(Image.Transpose.ROTATE_90), 300, 60
    if profile == "rot180":
        img = scan_look(draw_page(lines, 300), rng, rng.uniform(-0.5, 0.5))
        return img.transpose(Image.Transpose.ROTATE_180), 300, 60
    if profile == "noise":
        img = scan_look(draw_page(lines, 300), rng, rng.uniform(-0.5, 0.5), noise=12.0)
        return salt_and_pepper(img, 0.005, rng), 300, 75
    raise ValueError(f"unknown profile {profile!r}, expected one of {', '.join(PROFILES)}")


def salt_and_pepper(img: Image.Image, amount: float, rng: random.Random) -> Image.Image:
    arr = np.array(img)
    nprng = np.random.default_rng(rng.randrange(2**32))
    hit = nprng.random(arr.shape) < amount
    arr[hit] = np.where(nprng.random(int(hit.sum())) < 0.5, 0, 255)
    return Image.fromarray(arr, "L")


def profile_jpegs(pages: list[list[Line]], profile: str, seed: int = 4) -> list[tuple[bytes, int]]:
    rng = random.Random(seed * 1_000_003 + zlib.crc32(profile.encode()))
    out = []
    for lines in pages:
        img, dpi, quality = degrade(lines, profile, rng)
        out.append((jpeg_bytes(img, quality, dpi), dpi))
    return out


def write_profile(pages: list[list[Line]], profile: str, out_dir: Path, seed: int = 4) -> Path:
    """``<profile>.pdf`` (image-only, page size from each image's dpi) and ``<profile>.txt``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{profile}.pdf"
    image_pdf([data for data, _ in profile_jpegs(pages, profile, seed)], pdf)
    (out_dir / f"{profile}.txt").write_text("\f".join(page_text(lines) for lines in pages), encoding="utf-8")
    return pdf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--pages", type=int, default=0, help="first N pages only (0: all)")
    parser.add_argument("--profile", action="append", choices=PROFILES, help="default: all")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    pages = layout(args.source.read_text(encoding="utf-8"))
    if args.pages:
        pages = pages[: args.pages]
    for profile in args.profile or PROFILES:
        print(write_profile(pages, profile, args.out_dir, args.seed))


if __name__ == "__main__":
    main()
