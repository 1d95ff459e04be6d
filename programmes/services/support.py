"""The rules of a support record, checked by the admin form and by anything else that saves one."""

from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.money import format_vnd
from programmes.models import SupportRecord
from programmes.models.support import MAX_SUPPORT_AMOUNT
from programmes.selectors import members_exist


def support_problems(record: SupportRecord) -> dict[str, str]:
    problems = {}
    if record.is_money and not record.amount:
        problems["amount"] = _("Khoản vay hoặc hỗ trợ tiền cần ghi số tiền.")
    if record.amount is not None and not 1_000 <= record.amount <= MAX_SUPPORT_AMOUNT:
        problems["amount"] = _("Số tiền phải từ 1.000 ₫ đến %(max)s.") % {"max": format_vnd(MAX_SUPPORT_AMOUNT)}
    today = timezone.localdate()
    if record.given_on and record.given_on > today:
        problems["given_on"] = _("Ngày hỗ trợ không thể ở tương lai.")
    if record.given_on and record.given_on.year < 2000:
        problems["given_on"] = _("Ngày hỗ trợ không hợp lệ.")
    if record.follow_up_on and record.given_on and record.follow_up_on < record.given_on:
        problems["follow_up_on"] = _("Ngày theo dõi lại phải sau ngày hỗ trợ.")
    if record.member_id and record.producer_id and not members_exist(record.producer_id, record.member_id):
        problems["member"] = _("Người nhận không phải thành viên của cơ sở này.")
    return problems


def support_saved(record: SupportRecord, *, by, created: bool) -> None:
    audit_record(subject=record, action="support_created" if created else "support_updated", actor=by,
                 to_state=record.kind)
