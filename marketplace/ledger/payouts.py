"""Payout batches: what staff transfer to producers, listed for the bank's bulk-transfer file, then marked paid.

A batch lists the producers of the officer's scope with a positive balance at a date, less what an earlier
batch already listed and not yet paid. Marking paid checks the balance again under the producer's lock:
the ledger never pays more than it owes.
"""

import csv
import io
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.banks import bank_short_name
from marketplace.core.text import spreadsheet_safe
from marketplace.ledger.errors import LedgerError
from marketplace.ledger.models import Payout, PayoutBatch
from marketplace.ledger.postings import post_payout
from marketplace.ledger.selectors import balance, balances, in_flight
from producers.models import Producer

BANK_FILE_COLUMNS = ["STT", "Số tài khoản", "Tên chủ tài khoản", "Ngân hàng", "Số tiền", "Nội dung"]


def payout_batch_create(*, producers, up_to: date, by, unit=None) -> PayoutBatch:
    """A batch over `producers` (already scoped to the officer); LedgerError when nobody is owed anything."""
    if up_to > timezone.localdate():
        raise LedgerError(_("Ngày tính số dư không được ở tương lai."))
    with transaction.atomic():
        owed = balances(producers, up_to)
        listed = in_flight(producers)
        due = {pk: amount - listed.get(pk, 0) for pk, amount in owed.items() if amount - listed.get(pk, 0) > 0}
        if not due:
            raise LedgerError(_("Không có nhà sản xuất nào có số dư dương để chuyển đến ngày này."))
        chosen = list(Producer.objects.filter(pk__in=due).order_by("name"))
        if not any(_has_bank(producer) for producer in chosen):
            raise LedgerError(_("Những nhà sản xuất còn số dư đều chưa khai báo tài khoản ngân hàng."))
        batch = PayoutBatch.objects.create(up_to=up_to, created_by=by, unit=unit)
        for producer in chosen:
            line = Payout(batch=batch, producer=producer, amount=due[producer.pk], bank_bin=producer.bank_bin,
                          bank_account_number=producer.bank_account_number,
                          bank_account_name=producer.bank_account_name)
            if not _has_bank(producer):
                line.status = Payout.Status.SKIPPED
                line.skipped_reason = _("Chưa khai báo tài khoản ngân hàng trong hồ sơ.")
            line.save()
    return batch


def _has_bank(producer: Producer) -> bool:
    return bool(producer.bank_bin and producer.bank_account_number and producer.bank_account_name)


def bank_file(batch: PayoutBatch) -> str:
    """The CSV for the bank's bulk transfer: the pending lines of the batch."""
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(BANK_FILE_COLUMNS)
    lines = batch.payouts.filter(status=Payout.Status.PENDING).select_related("producer").order_by("id")
    for number, payout in enumerate(lines, start=1):
        writer.writerow([number, payout.bank_account_number, spreadsheet_safe(payout.bank_account_name.upper()),
                         bank_short_name(payout.bank_bin), payout.amount,
                         f"CHO PHU NU TT DOT {batch.pk} NSX {payout.producer_id}"])
    return out.getvalue()


def payout_mark_paid(*, payout: Payout, reference: str, by=None) -> Payout:
    reference = (reference or "").strip()
    if not reference or len(reference) > 80:
        raise LedgerError(_("Hãy nhập mã giao dịch ngân hàng (tối đa 80 ký tự)."))
    with transaction.atomic():
        Producer.objects.select_for_update().filter(pk=payout.producer_id).first()
        payout = Payout.objects.select_for_update().select_related("producer").get(pk=payout.pk)
        if payout.status != Payout.Status.PENDING:
            raise LedgerError(_("Khoản này đã được ghi nhận hoặc bị bỏ qua."))
        if payout.amount > balance(payout.producer):
            raise LedgerError(_("Số dư của %(name)s hiện nhỏ hơn số tiền chuyển: không ghi nhận.")
                              % {"name": payout.producer.name})
        payout.status, payout.bank_reference, payout.paid_at = Payout.Status.PAID, reference, timezone.now()
        payout.save(update_fields=["status", "bank_reference", "paid_at"])
        post_payout(payout)
    return payout


def payout_batch_mark_paid(*, batch: PayoutBatch, reference: str, by=None) -> tuple[int, list[str]]:
    """Every pending line of the batch paid under one bank reference; returns (count, problems)."""
    paid, problems = 0, []
    for payout in batch.payouts.filter(status=Payout.Status.PENDING).order_by("id"):
        try:
            payout_mark_paid(payout=payout, reference=reference, by=by)
            paid += 1
        except LedgerError as error:
            problems.append(error.message)
            if not (reference or "").strip() or len(reference.strip()) > 80:
                break
    return paid, problems
