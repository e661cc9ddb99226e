"""Industry taxonomy matching (placeholder: the taxonomy data and matcher land next)."""


def tag_industries(text: str) -> list[str]:
    """Industry codes mentioned in ``text`` (empty until the taxonomy lands)."""
    return []
