"""Date stamps read again: the rubber stamp that dates a letter in coloured ink beside "Vesoul, le".

Tesseract reads a page as black on white; a stamp in blue, red or violet ink over or beside black text, with
its digits spaced ("1 8 NOV. 2022"), comes out as "8 NOV. 2022" (the 8th), "& 3 MARS 2023" or nothing. Here
the stamp's coloured ink is separated from the black text (chroma: how far a pixel is from grey), each stamp
is cut out and read again on its own, in a few binarisations, with one tesseract run for the whole page, and
each reading is tied to the text line it stands beside. Which reading is the document's date is decided
later, with the other evidence (``extract.owndate``).

Only colour pages with stamp-sized patches of coloured ink pay for it: on a black-and-white scan the check is
one look at the page's colours.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# how far from grey (max - min of R, G, B) a pixel must be to be a stamp's ink; paper and black text under
# JPEG noise stay under 30, blue, red and violet inks are over 80
STAMP_CHROMA = 60
# a stamp's ink patch, in pixels at 300 dpi: a word of a few letters up to a large round seal
MIN_STAMP_W, MAX_STAMP_W = 120, 1800
MIN_STAMP_H, MAX_STAMP_H = 35, 700


@dataclass
class StampReading:
    line: str  # the OCR text line the stamp stands beside ("Vesoul, le"), or "" when none is near
    text: str  # what the stamp says, read on its own
    box: tuple[int, int, int, int]  # left, top, width, height in the page raster


def chroma(rgb: np.ndarray) -> np.ndarray:
    """How coloured each pixel is (0 for grey, black or white; up to 255)."""
    return cv2.subtract(rgb.max(axis=2), rgb.min(axis=2))


def has_stamp_ink(rgb: np.ndarray, gray: np.ndarray, dpi: float) -> bool:
    """Enough coloured ink for a stamp, and less than the page's black ink (a letter typed in blue is not
    stamped all over): a cheap test, on a pixel in sixteen, that spares other pages everything else."""
    small = chroma(rgb[::4, ::4])
    if int((small >= STAMP_CHROMA).sum()) * 16 < 1500 * (dpi / 300) ** 2:
        return False
    dark = gray[::4, ::4] < 128
    # the text itself is black (grey-ish), not in the ink a stamp would be in
    return bool(dark.any()) and float(np.median(small[dark])) < STAMP_CHROMA / 2.5


def stamp_boxes(tint: np.ndarray, dpi: float) -> list[tuple[int, int, int, int]]:
    """The patches of coloured ink the size of a stamp, top to bottom (a frame and the text inside it are one)."""
    px = dpi / 300
    mask = (tint >= STAMP_CHROMA).astype(np.uint8)
    # glue the letters and digits of a stamp into one patch, not the lines of a coloured letterhead
    grown = cv2.dilate(mask, np.ones((max(1, int(9 * px)), max(1, int(31 * px))), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    boxes = []
    for x, y, w, h, _area in stats[1:]:
        if not (MIN_STAMP_W * px <= w <= MAX_STAMP_W * px and MIN_STAMP_H * px <= h <= MAX_STAMP_H * px):
            continue
        if int(mask[y:y + h, x:x + w].sum()) >= 400 * px * px:
            boxes.append((int(x), int(y), int(w), int(h)))
    inside = {b for b in boxes for o in boxes if o != b and o[0] <= b[0] and o[1] <= b[1]
              and b[0] + b[2] <= o[0] + o[2] and b[1] + b[3] <= o[1] + o[3]}
    return sorted((b for b in boxes if b not in inside), key=lambda b: (b[1], b[0]))


def stamp_crops(tint: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> list[np.ndarray]:
    """The stamp alone, black on white, turned level and without its frame, in two binarisations (Otsu on its
    ink's contrast, and the same thickened a little: worn stamps print broken strokes)."""
    x, y, w, h = box
    pad = int(12 * dpi / 300)
    region = tint[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad]
    region = cv2.normalize(region, None, 0, 255, cv2.NORM_MINMAX)
    _, ink = cv2.threshold(region, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)  # 255 where ink
    ink = _level(ink)
    ink = _without_frame(ink)
    paper = 255 - ink
    thick = cv2.erode(paper, np.ones((3, 3), np.uint8))
    return [paper, thick]


def _level(ink: np.ndarray) -> np.ndarray:
    """Turn a stamp applied askew level: the angle of the ink's smallest enclosing rectangle (its frame or its
    line of text), within 15 degrees."""
    points = cv2.findNonZero(ink)
    if points is None or len(points) < 50:
        return ink
    (_, _), (rw, rh), angle = cv2.minAreaRect(points)
    if rw < rh:
        angle -= 90
    if angle < -45:
        angle += 90
    if abs(angle) < 0.5 or abs(angle) > 15:
        return ink
    h, w = ink.shape
    big = cv2.copyMakeBorder(ink, h // 4, h // 4, w // 8, w // 8, cv2.BORDER_CONSTANT, value=0)
    bh, bw = big.shape
    m = cv2.getRotationMatrix2D((bw / 2, bh / 2), angle, 1.0)
    return cv2.warpAffine(big, m, (bw, bh), flags=cv2.INTER_NEAREST, borderValue=0)


def _without_frame(ink: np.ndarray) -> np.ndarray:
    """A stamp's frame and rules are long straight strokes that OCR reads as "L", "[" or "|": take them out."""
    h, w = ink.shape
    # longer than any glyph: half the stamp's width across, most of its height down (a "1" is a short stroke)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(15, w // 2)), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((max(15, int(h * 0.6)), 1), np.uint8))
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    return cv2.subtract(ink, rules)


def attach(box: tuple[int, int, int, int], lines: list[tuple[str, tuple[int, int, int, int]]]) -> str:
    """The text line a stamp dates: the line to its left in the same row ("Vesoul, le"), else the line it
    overlaps, else the nearest line above or below within two line heights."""
    x, y, w, h = box
    cy = y + h / 2
    row = [(t, b) for t, b in lines if b[1] - b[3] <= cy <= b[1] + 2 * b[3]]
    left = [(t, b) for t, b in row if b[0] < x]
    if left:
        return max(left, key=lambda tb: tb[1][0] + tb[1][2])[0]
    if row:
        return row[0][0]
    near = [(abs(b[1] + b[3] / 2 - cy), t) for t, b in lines if abs(b[1] + b[3] / 2 - cy) <= 2.5 * b[3]]
    return min(near)[1] if near else ""
