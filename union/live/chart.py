"""A bar chart drawn on the server as inline SVG: no JavaScript, no library, readable without colours
(each bar carries its value as text and a <title>, and the same figures stand in a table beside it)."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd

SLOT, BAR, PLOT_HEIGHT, TOP, BOTTOM, SIDE = 56, 36, 150, 26, 30, 8
LABELS_UP_TO = 12  # with more bars, every value label would collide with its neighbours


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    centre: int
    value_y: int
    month_label: str
    value_label: str
    title: str


def short_vnd(amount: int) -> str:
    """125000 → "125 k", 1250000 → "1,3 tr", 2000000000 → "2 tỷ": short enough to sit above a bar."""
    for size, template in ((1_000_000_000, _("%(value)s tỷ")), (1_000_000, _("%(value)s tr")),
                           (1_000, _("%(value)s k"))):
        if amount >= size:
            value = round(amount / size, 1)
            return template % {"value": number_format(value, 0 if value == int(value) else 1)}
    return number_format(amount)


def bar_chart(points: list[tuple[date, int]]) -> dict:
    """Geometry of one bar per month, scaled to the largest value; the template draws it."""
    largest = max((value for _month, value in points), default=0)
    step = 1 if len(points) <= LABELS_UP_TO else (len(points) + LABELS_UP_TO - 1) // LABELS_UP_TO
    bars = []
    for index, (month, value) in enumerate(points):
        height = round(value / largest * PLOT_HEIGHT) if largest else 0
        if value and height < 2:
            height = 2  # a small month still shows
        x = SIDE + index * SLOT + (SLOT - BAR) // 2
        y = TOP + PLOT_HEIGHT - height
        month_text = f"{month.month}/{month.year % 100:02d}"
        bars.append(Bar(
            x=x, y=y, width=BAR, height=height, centre=x + BAR // 2, value_y=y - 6,
            month_label=month_text if index % step == 0 else "",
            value_label=short_vnd(value) if step == 1 else "",
            title=_("Tháng %(month)s: %(amount)s") % {"month": f"{month.month}/{month.year}",
                                                      "amount": format_vnd(value)},
        ))
    width = SIDE * 2 + SLOT * max(len(points), 1)
    return {
        "bars": bars, "width": width, "height": TOP + PLOT_HEIGHT + BOTTOM, "baseline": TOP + PLOT_HEIGHT,
        "month_y": TOP + PLOT_HEIGHT + 20, "right": width - SIDE, "left": SIDE, "empty": largest == 0,
    }
