"""The carrier's COD reconciliation file: which waybills' cash it paid into our bank account.

Accepted: a CSV (comma, semicolon or tab) in UTF-8 with or without BOM, either with a header naming the
waybill and amount columns (GHN's "Mã đơn GHN" / "Tiền thu hộ (COD)" and the like) or two bare columns
waybill, amount. Each line is matched to an order by its tracking number; matched lines are posted
(carrier receivable → bank); the others are kept in the import's report with what is wrong. Posting is
keyed per order, so importing the same file again posts nothing twice.
"""

import csv
import hashlib
import io

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.ledger.errors import LedgerError
from marketplace.ledger.models import CodRemittanceImport, LedgerTransaction
from marketplace.ledger.postings import post_cod_remitted
from marketplace.orders.models import Checkout, Order

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_AMOUNT = 10**12
WAYBILL_HEADERS = {"mã đơn ghn", "mã đơn", "mã vận đơn", "ma van don", "order_code", "waybill", "mã vđ",
                   "tracking", "tracking_number"}
AMOUNT_HEADERS = {"tiền thu hộ", "tiền thu hộ (cod)", "thu hộ", "cod", "cod_amount", "số tiền", "so tien", "amount",
                  "tiền cod"}

OUTCOMES = {
    "matched": gettext_lazy("Khớp, đã ghi nhận"),
    "wrong_amount": gettext_lazy("Sai số tiền"),
    "unknown_waybill": gettext_lazy("Không tìm thấy mã vận đơn"),
    "already_remitted": gettext_lazy("Đã đối soát trước đó"),
    "not_cod": gettext_lazy("Không phải đơn thu hộ"),
    "not_collected": gettext_lazy("Đơn chưa ghi nhận đã giao và thu hộ"),
    "bad_line": gettext_lazy("Dòng không đọc được"),
}


def _rows(data: bytes) -> list[list[str]]:
    if len(data) > MAX_BYTES:
        raise LedgerError(_("Tệp quá lớn (tối đa 2 MB)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerError(_("Tệp không phải CSV mã UTF-8. Hãy lưu lại dưới dạng “CSV UTF-8”.")) from None
    if "\x00" in text:
        raise LedgerError(_("Tệp không phải CSV."))
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        if any(cell.strip() for cell in row):
            rows.append([cell.strip() for cell in row])
        if len(rows) > MAX_ROWS + 1:
            raise LedgerError(_("Tệp có quá nhiều dòng (tối đa %(max)s).") % {"max": MAX_ROWS})
    if not rows:
        raise LedgerError(_("Tệp trống."))
    return rows


def _amount(raw: str) -> int | None:
    text = raw.replace("₫", "").replace("đ", "").replace("VND", "").replace(" ", "").strip()
    if text.endswith((".00", ",00")):
        text = text[:-3]
    text = text.replace(".", "").replace(",", "")
    if not (text.isascii() and text.isdigit()) or len(text) > 13 or int(text) >= MAX_AMOUNT:
        return None
    return int(text)


def parse(data: bytes) -> list[tuple[int, str, int | None]]:
    """(line number, waybill, amount or None when unreadable) for each line of the file."""
    rows = _rows(data)
    header = [cell.lower() for cell in rows[0]]
    waybill_col = next((i for i, name in enumerate(header) if name in WAYBILL_HEADERS), None)
    amount_col = next((i for i, name in enumerate(header) if name in AMOUNT_HEADERS), None)
    start = 1
    if waybill_col is None or amount_col is None:
        if len(rows[0]) >= 2 and _amount(rows[0][1]) is not None:
            waybill_col, amount_col, start = 0, 1, 0  # a bare two-column file
        else:
            raise LedgerError(_("Không tìm thấy cột mã vận đơn và cột tiền thu hộ. Tệp cần hai cột: "
                                "mã vận đơn, số tiền."))
    lines = []
    for number, row in enumerate(rows[start:], start=start + 1):
        waybill = row[waybill_col][:80] if len(row) > waybill_col else ""
        amount = _amount(row[amount_col]) if len(row) > amount_col else None
        lines.append((number, waybill, amount if waybill else None))
    return lines


def cod_file_import(*, data: bytes, file_name: str, by) -> CodRemittanceImport:
    """Import the file or raise LedgerError and change nothing."""
    parsed = parse(data)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        report = CodRemittanceImport.objects.create(file_name=file_name[:200], file_sha256=digest, uploaded_by=by)
        seen: set[int] = set()
        results = []
        for number, waybill, amount in parsed:
            outcome, order = _line(waybill, amount, seen, reference=f"COD-{report.pk}")
            results.append({"line": number, "waybill": waybill, "amount": amount, "outcome": outcome,
                            "order": order.number if order else "", "expected": order.total if order else None})
        report.lines = results
        matched = [r for r in results if r["outcome"] == "matched"]
        report.matched_count, report.problem_count = len(matched), len(results) - len(matched)
        report.matched_total = sum(r["amount"] for r in matched)
        report.save()
    return report


def _line(waybill: str, amount: int | None, seen: set[int], *, reference: str) -> tuple[str, Order | None]:
    if not waybill or amount is None:
        return "bad_line", None
    orders = list(Order.objects.select_for_update().select_related("checkout", "producer")
                  .filter(tracking_number=waybill)[:2])
    if len(orders) != 1:
        return "unknown_waybill", None
    order = orders[0]
    if order.checkout.payment_method != Checkout.PaymentMethod.COD:
        return "not_cod", order
    if order.pk in seen or LedgerTransaction.objects.filter(idempotency_key=f"cod-remitted-{order.pk}").exists():
        return "already_remitted", order
    if not LedgerTransaction.objects.filter(idempotency_key=f"cod-collected-{order.pk}").exists():
        return "not_collected", order
    if amount != order.total:
        return "wrong_amount", order
    seen.add(order.pk)
    post_cod_remitted(order, amount, reference)
    return "matched", order
