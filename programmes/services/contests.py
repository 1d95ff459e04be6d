"""Writes of the contest: its rules checked, registering an entrant, the jury's score, disqualifying."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from producers.models import Producer
from programmes.errors import ProgrammeError
from programmes.models import Contest, ContestEntry


def contest_problems(contest: Contest) -> dict[str, str]:
    problems = {}
    total = sum(contest.weights().values())
    if total != 100:
        problems["weight_orders"] = _("Các trọng số cộng lại phải bằng 100%% (đang là %(total)s%%).") % {"total": total}
    if contest.starts_at and contest.ends_at and contest.ends_at <= contest.starts_at:
        problems["ends_at"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if contest.registration_opens and contest.registration_closes:
        if contest.registration_closes <= contest.registration_opens:
            problems["registration_closes"] = _("Ngày đóng đăng ký phải sau ngày mở đăng ký.")
        elif contest.ends_at and contest.registration_closes > contest.ends_at:
            problems["registration_closes"] = _("Đăng ký phải đóng trước khi cuộc thi kết thúc.")
    return problems


def contest_is_open_to(contest: Contest, producer: Producer) -> bool:
    unit = producer.union_unit
    if unit is None or not unit.path.startswith(contest.unit.path):
        return False
    eligible = list(contest.eligible_units.all())
    return not eligible or any(unit.path.startswith(allowed.path) for allowed in eligible)


def contest_register(*, contest: Contest, producer: Producer, by) -> ContestEntry:
    now = timezone.now()
    if producer.verification_status != Producer.Verification.VERIFIED:
        raise ProgrammeError(_("Chỉ cơ sở đã được Hội xác minh mới đăng ký dự thi được."))
    if not contest_is_open_to(contest, producer):
        raise ProgrammeError(_("Cơ sở của chị không thuộc các đơn vị được dự thi."))
    if not contest.registration_opens <= now <= contest.registration_closes:
        raise ProgrammeError(_("Cuộc thi không trong thời gian đăng ký."))
    try:
        with transaction.atomic():
            entry = ContestEntry.objects.create(contest=contest, producer=producer, registered_by=by)
            audit_record(subject=entry, action="contest_registered", actor=by)
    except IntegrityError as error:
        raise ProgrammeError(_("Cơ sở của chị đã đăng ký cuộc thi này rồi.")) from error
    return entry


def entry_disqualify(*, entry: ContestEntry, by, reason: str) -> ContestEntry:
    reason = (reason or "").strip()
    if not reason:
        raise ProgrammeError(_("Hãy ghi lý do loại."), field="reason")
    if entry.disqualified_at:
        raise ProgrammeError(_("Cơ sở này đã bị loại."))
    with transaction.atomic():
        ContestEntry.objects.filter(pk=entry.pk).update(disqualified_at=timezone.now(), disqualified_reason=reason)
        audit_record(subject=entry, action="contest_disqualified", actor=by, reason=reason)
    entry.refresh_from_db()
    return entry


def entry_jury_score(*, entry: ContestEntry, by, score: int | None) -> ContestEntry:
    if score is not None and not 0 <= score <= 100:
        raise ProgrammeError(_("Điểm giám khảo từ 0 đến 100."), field="score")
    ContestEntry.objects.filter(pk=entry.pk).update(jury_score=score)
    audit_record(subject=entry, action="contest_jury_score", actor=by, to_state=str(score if score is not None else ""))
    entry.refresh_from_db()
    return entry
