"""A scanned letter dated by a rubber stamp in coloured ink, for the tests and the benchmarks of date stamps.

    stamped_scan(stamps, colour=True) -> PIL image at 200 dpi

``stamps`` lists (words that open the line the stamp goes beside, the stamp's text, its ink, its angle).
The page is drawn at 300 dpi, stamped, then scanned: 200 dpi, blurred, noisy (and JPEG-compressed by whoever
saves it).
"""

from __future__ import annotations

import make_samples
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

LETTER = """PRÉFET DE LA HAUTE-SAÔNE

Vesoul, le

Monsieur le Maire,

Par courrier du 12 octobre 2022, vous avez sollicité l'autorisation d'organiser une manifestation sportive sur
la route départementale 13 pendant l'hiver 2022-2023. J'ai l'honneur de vous faire connaître que cette
autorisation vous est accordée sous réserve du respect des prescriptions jointes.

Je vous prie d'agréer, Monsieur le Maire, l'expression de ma considération distinguée.

Pour le Préfet et par délégation,
le Secrétaire général,
Jean-Marc DUPONT"""

BLUE, RED, VIOLET = (40, 60, 170), (190, 30, 40), (110, 40, 150)


def stamp(img: Image.Image, x: int, y: int, text: str, colour: tuple[int, int, int], angle: float) -> None:
    """A rubber stamp: a frame and a date in coloured ink, applied askew."""
    font = ImageFont.truetype(str(make_samples.BOLD), 60)
    mark = Image.new("RGBA", (560, 110), (0, 0, 0, 0))
    draw = ImageDraw.Draw(mark)
    draw.rectangle([2, 2, 557, 107], outline=colour + (230,), width=6)
    draw.text((28, 18), text, font=font, fill=colour + (235,))
    mark = mark.rotate(angle, expand=True)
    img.paste(mark, (x, y), mark)


def stamped_scan(stamps: list[tuple[str, str, tuple[int, int, int], float]], colour: bool = True,
                 text: str = LETTER) -> Image.Image:
    lines = make_samples.layout(text, extra_breaks=[])[0]
    img = make_samples.draw_page(lines, 300).convert("RGB")
    px = 300 / 72
    for beside, words, ink, angle in stamps:
        line = next(ln for ln in lines if ln.text.startswith(beside))
        stamp(img, int((line.x + 40) * px), int(line.y * px - 70), words, ink, angle)
    img = img.resize((img.width * 2 // 3, img.height * 2 // 3)).filter(ImageFilter.GaussianBlur(1.2))
    noisy = np.asarray(img, np.float32) + np.random.default_rng(3).normal(0, 12, (img.height, img.width, 3))
    img = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    return img if colour else img.convert("L")
