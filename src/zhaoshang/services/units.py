"""Units as reports write them (亿元, 万人次, %) brought to one scale for comparison."""

from __future__ import annotations

_MULTIPLIERS: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
)


def split_unit(unit: str | None) -> tuple[float, str]:
    """亿元 → (1e8, 元); 万人次 → (1e4, 人次); % → (1, %). Lets 35亿元 meet 350000万元."""
    u = (unit or "").strip()
    if u in ("%", "‰", "个百分点"):
        return 1.0, u
    for prefix, factor in _MULTIPLIERS:
        if u.startswith(prefix) and len(u) > len(prefix):
            return factor, u[len(prefix) :]
    return 1.0, u


def comparable(number: float | None, unit: str | None, value_yuan: float | None = None) -> tuple[float | None, str]:
    """A number in base units (元, 人, 吨 …) plus the base unit, for comparing facts
    that the reports wrote with different multipliers."""
    if number is None:
        return None, ""
    if value_yuan is not None:
        return float(value_yuan), "元"
    factor, base = split_unit(unit)
    return float(number) * factor, base
