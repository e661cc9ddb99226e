"""统一社会信用代码 (GB 32100-2015) validation.

Registrations are only as useful as the companies behind them are real; the check
character catches typos and made-up codes before an editor ever sees them.
"""

from __future__ import annotations

import re

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""31 characters: digits and capitals without I, O, Z, S, V."""
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_character(first17: str) -> str:
    """The 18th character for the first 17."""
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def normalise_credit_code(code: str) -> str:
    return code.strip().upper().replace(" ", "").replace("-", "")


def validate_credit_code(code: str) -> str | None:
    """Return None when valid, else a short reason in Chinese for the form."""
    c = normalise_credit_code(code)
    if len(c) != 18:
        return "统一社会信用代码应为18位"
    if not _SHAPE.match(c):
        return "统一社会信用代码含有不允许的字符"
    if check_character(c[:17]) != c[17]:
        return "统一社会信用代码校验位不正确"
    return None
