"""Random texts glued from a vocabulary, for tests that prove a fast scanner finds exactly what
its reference finds: words whole, cut at either end (so they overlap, nest and break off after
one, two or three characters), bracketed, jumbled from their own characters, and filler pieces
that run into them (Latin letters after 5G, 占/全国 around a metric, characters outside the BMP).
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def glued_texts(
    words: Sequence[str],
    seed: int,
    count: int,
    *,
    max_parts: int = 30,
    fillers: Sequence[str] = (),
    brackets: bool = False,
) -> list[str]:
    """``count`` texts of 1 to ``max_parts`` pieces each, the same for the same seed."""
    rng = random.Random(seed)
    chars = sorted({c for w in words for c in w})
    pieces = ["whole", "whole", "whole", "prefix", "prefix", "suffix", "jumble"]
    if brackets:
        pieces.append("bracketed")
    if fillers:
        pieces += ["filler", "filler"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, max_parts)):
            w = rng.choice(words)
            piece = rng.choice(pieces)
            if piece == "whole":
                parts.append(w)
            elif piece == "prefix":
                parts.append(w[: rng.randint(1, len(w))])
            elif piece == "suffix":
                parts.append(w[rng.randint(0, len(w) - 1) :])
            elif piece == "bracketed":
                parts.append("(" + w + ")")
            elif piece == "jumble":
                parts.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 4))))
            else:
                parts.append("".join(rng.choice(fillers) for _ in range(rng.randint(1, 3))))
        out.append("".join(parts))
    return out
