"""Reads of the ledger: a producer's balance at a date, her statement, what the carrier still owes, totals."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from marketplace.ledger.models import Account, Entry, Payout
from producers.models import Producer, UnionUnit


def _end_of(day: date) -> datetime:
    """The first instant after `day`, local time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _owed(entries: QuerySet) -> int:
    return -(entries.aggregate(s=Sum("amount"))["s"] or 0)


def balance(producer: Producer, at: date | None = None) -> int:
    """What the marketplace owes her at the end of `at` (today when None)."""
    entries = Entry.objects.filter(producer=producer, account=Account.PAYABLE)
    if at is not None:
        entries = entries.filter(transaction__occurred_at__lt=_end_of(at))
    return _owed(entries)


def cod_pending(producer: Producer) -> int:
    """Cash the carrier collected for her orders and has not yet paid to us."""
    entries = Entry.objects.filter(producer=producer, account=Account.COD_RECEIVABLE)
    return entries.aggregate(s=Sum("amount"))["s"] or 0


@dataclass
class Line:
    entry: Entry
    change: int  # what it adds to (or, negative, takes from) what we owe her
    running: int

    @property
    def size(self) -> int:
        return abs(self.change)


@dataclass
class Statement:
    opening: int
    closing: int
    lines: list = field(default_factory=list)
    cod_pending: int = 0
    payouts: list = field(default_factory=list)


def statement(producer: Producer, date_from: date, date_to: date) -> Statement:
    start = _end_of(date_from - timedelta(days=1))
    opening = _owed(Entry.objects.filter(producer=producer, account=Account.PAYABLE,
                                         transaction__occurred_at__lt=start))
    entries = (Entry.objects.filter(producer=producer, account=Account.PAYABLE,
                                    transaction__occurred_at__gte=start,
                                    transaction__occurred_at__lt=_end_of(date_to))
               .select_related("transaction", "transaction__order")
               .order_by("transaction__occurred_at", "id"))
    lines, running = [], opening
    for entry in entries:
        running -= entry.amount
        lines.append(Line(entry=entry, change=-entry.amount, running=running))
    payouts = list(Payout.objects.filter(producer=producer).exclude(status=Payout.Status.SKIPPED)
                   .select_related("batch").order_by("-batch__created_at", "-id")[:20])
    return Statement(opening=opening, closing=running, lines=lines, cod_pending=cod_pending(producer),
                     payouts=payouts)


def balances(producers: QuerySet, up_to: date) -> dict[int, int]:
    """Producer id → what we owe her at the end of `up_to`, for those with anything posted."""
    rows = (Entry.objects.filter(account=Account.PAYABLE, producer__in=producers,
                                 transaction__occurred_at__lt=_end_of(up_to))
            .values("producer_id").annotate(s=Sum("amount")))
    return {row["producer_id"]: -row["s"] for row in rows if row["s"]}


def in_flight(producers: QuerySet) -> dict[int, int]:
    """Producer id → the sum of payouts listed in a batch but not marked paid yet."""
    rows = (Payout.objects.filter(producer__in=producers, status=Payout.Status.PENDING)
            .values("producer_id").annotate(s=Sum("amount")))
    return {row["producer_id"]: row["s"] for row in rows}


def totals_by_province(producers: QuerySet) -> tuple[list[dict], dict]:
    """What is owed to producers and pending from the carrier, per province union and overall."""
    rows = (Entry.objects.filter(producer__in=producers)
            .values("producer__union_unit__province_code")
            .annotate(payable=Sum("amount", filter=Q(account=Account.PAYABLE)),
                      cod=Sum("amount", filter=Q(account=Account.COD_RECEIVABLE))))
    names = dict(UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE).values_list("province_code", "name"))
    table: dict[str, dict] = {}
    for row in rows:
        name = names.get(row["producer__union_unit__province_code"]) or "—"
        item = table.setdefault(name, {"name": name, "owed": 0, "cod_pending": 0})
        item["owed"] += -(row["payable"] or 0)
        item["cod_pending"] += row["cod"] or 0
    result = sorted(table.values(), key=lambda item: item["name"])
    total = {"owed": sum(r["owed"] for r in result), "cod_pending": sum(r["cod_pending"] for r in result)}
    return result, total
