"""Calendar months in Vietnam's time zone, for the session filter and the report."""

from datetime import date, datetime, time

from django.utils import timezone


def first_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first` to `last`, both included."""
    months, month = [], first_of(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def span(first: date, last: date) -> int:
    """How many months `first`..`last` covers, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def local_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[start of month `first`, start of the month after `last`) as aware datetimes in local time."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first_of(first), time.min, tzinfo=zone)
    end = datetime.combine(add_months(first_of(last), 1), time.min, tzinfo=zone)
    return start, end


def parse_month(value: str) -> date | None:
    """ "2025-06" → 1 June 2025; anything else → None."""
    text = (value or "").strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()):
        return None
    year, month = int(text[:4]), int(text[5:])
    return date(year, month, 1) if 2000 <= year <= 2999 and 1 <= month <= 12 else None
