"""Vietnamese đồng: whole numbers, dot as thousands separator, ₫ after: 125.000 ₫."""


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"
