"""Writes of trainings: registering (by the woman or by an officer on her behalf), the waiting list,
cancelling, checking in, and the reminder the day before."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from producers.models import ProducerMember
from programmes.check_in_codes import check_in_open
from programmes.errors import ProgrammeError
from programmes.models import Training, TrainingRegistration
from programmes.models.trainings import new_certificate_code
from programmes.selectors import training_is_open_to

Status = TrainingRegistration.Status
LIST_LATE_DAYS = 7


def _notify(task, registration_id: int) -> None:
    from programmes import tasks

    transaction.on_commit(lambda: getattr(tasks, task).delay(registration_id), robust=True)


def training_register(*, training: Training, user, by=None) -> TrainingRegistration:
    """Register `user` (a member of a producer the training is open to). Beyond capacity she goes on
    the waiting list. Places are counted under a lock on the training, so two women pressing at once
    never both take the last place."""
    membership = ProducerMember.objects.select_related("producer", "producer__union_unit").filter(user=user).first()
    if membership is None:
        raise ProgrammeError(_("Tài khoản này chưa thuộc cơ sở sản xuất nào trên Chợ Phụ nữ."))
    if not training_is_open_to(training, membership.producer):
        raise ProgrammeError(_("Lớp này không dành cho cơ sở %(producer)s.") % {"producer": membership.producer})
    if timezone.now() >= training.ends_at:
        raise ProgrammeError(_("Lớp đã kết thúc, không đăng ký được nữa."))
    try:
        with transaction.atomic():
            locked = Training.objects.select_for_update().get(pk=training.pk)
            if TrainingRegistration.objects.filter(training=locked, user=user).exclude(status=Status.CANCELLED).exists():
                raise ProgrammeError(_("%(person)s đã đăng ký lớp này rồi.") % {"person": user})
            taken = TrainingRegistration.objects.filter(training=locked, status=Status.REGISTERED).count()
            status = Status.REGISTERED if taken < locked.capacity else Status.WAITLISTED
            registration = TrainingRegistration.objects.create(
                training=locked, user=user, producer=membership.producer, status=status,
                registered_by=by if by is not None and by.pk != user.pk else None,
            )
            audit_record(subject=registration, action="training_registered", actor=by or user, to_state=status)
    except IntegrityError as error:  # the same person twice at the same moment
        raise ProgrammeError(_("%(person)s đã đăng ký lớp này rồi.") % {"person": user}) from error
    return registration


def registration_cancel(*, registration: TrainingRegistration, by) -> TrainingRegistration | None:
    """Cancel; a freed place goes to the first woman on the waiting list (who is told by email).
    Returns the promoted registration, if any."""
    if registration.checked_in_at:
        raise ProgrammeError(_("Chị đã điểm danh lớp này, không huỷ được."))
    promoted = None
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=registration.training_id)
        current = TrainingRegistration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            raise ProgrammeError(_("Đăng ký này đã được huỷ."))
        if timezone.now() >= training.starts_at:
            raise ProgrammeError(_("Lớp đã bắt đầu, không huỷ đăng ký được nữa."))
        was = current.status
        current.status, current.cancelled_at = Status.CANCELLED, timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        audit_record(subject=current, action="training_cancelled", actor=by, from_state=was, to_state=Status.CANCELLED)
        if was == Status.REGISTERED:
            promoted = (TrainingRegistration.objects.select_for_update()
                        .filter(training=training, status=Status.WAITLISTED).order_by("created_at", "pk").first())
            if promoted:
                promoted.status = Status.REGISTERED
                promoted.save(update_fields=["status"])
                audit_record(subject=promoted, action="training_promoted", actor=None,
                             from_state=Status.WAITLISTED, to_state=Status.REGISTERED)
                _notify("notify_place_freed", promoted.pk)
    registration.refresh_from_db()
    return promoted


def check_in(*, registration: TrainingRegistration, by, method: str) -> bool:
    """Mark her present; False if she already was (nothing changes). The woman checking herself in
    at the door must hold a place; an officer may also let in someone from the waiting list."""
    training = registration.training
    if method == TrainingRegistration.CheckIn.LIST:
        # The officer's list also takes a paper sheet typed in during the week after.
        if not check_in_open(training, until=training.ends_at + timedelta(days=LIST_LATE_DAYS)):
            raise ProgrammeError(_("Chỉ điểm danh theo danh sách từ 60 phút trước giờ học đến %(days)s ngày sau "
                                   "khi lớp kết thúc.") % {"days": LIST_LATE_DAYS})
    elif not check_in_open(training):
        raise ProgrammeError(_("Mã điểm danh chỉ dùng được trong giờ học (từ 60 phút trước giờ bắt đầu đến khi "
                               "kết thúc)."))
    if registration.status == Status.CANCELLED:
        raise ProgrammeError(_("Đăng ký này đã được huỷ."))
    if method == TrainingRegistration.CheckIn.DOOR and registration.status == Status.WAITLISTED:
        raise ProgrammeError(_("Chị đang trong danh sách chờ. Hãy gặp cán bộ Hội ở cửa lớp để được vào học."))
    with transaction.atomic():
        changed = TrainingRegistration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).exclude(
            status=Status.CANCELLED).update(
            checked_in_at=timezone.now(), checked_in_by=by, check_in_method=method, status=Status.REGISTERED,
            certificate_code=new_certificate_code(),
        )
        if changed:
            audit_record(subject=registration, action="training_checked_in", actor=by, to_state=method)
    registration.refresh_from_db()
    return bool(changed)


def check_in_undo(*, registration: TrainingRegistration, by) -> None:
    """An officer's mistake on the list, put right while the training runs; the certificate goes with it."""
    training = registration.training
    if not check_in_open(training, until=training.ends_at + timedelta(days=LIST_LATE_DAYS)):
        raise ProgrammeError(_("Điểm danh của lớp này đã chốt."))
    with transaction.atomic():
        TrainingRegistration.objects.filter(pk=registration.pk).update(
            checked_in_at=None, checked_in_by=None, check_in_method="", certificate_code=None)
        audit_record(subject=registration, action="training_check_in_undone", actor=by)
    registration.refresh_from_db()


def reminders_due(now=None) -> int:
    """Queue one reminder per registration whose training starts within the next 24 hours (beat runs
    this hourly). Each is claimed by a conditional update first, so two beats never send twice."""
    now = now or timezone.now()
    due = TrainingRegistration.objects.filter(
        status=Status.REGISTERED, reminded_at__isnull=True,
        training__starts_at__gt=now, training__starts_at__lte=now + timedelta(hours=24),
    ).values_list("pk", flat=True)
    queued = 0
    for registration_id in list(due):
        if TrainingRegistration.objects.filter(pk=registration_id, reminded_at__isnull=True).update(reminded_at=now):
            _notify("notify_training_reminder", registration_id)
            queued += 1
    return queued
