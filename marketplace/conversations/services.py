"""Writes of order conversations: a message from the buyer or the seller (text and/or one cleaned photo), a
complaint raised by the buyer, its resolution by union staff. Each queues the emails it implies."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.conversations.models import Complaint, OrderMessage
from marketplace.core.audit import audit_record
from marketplace.core.uploads import UploadRejected, clean_photo
from marketplace.orders.models import Order

MAX_TEXT = 2000
MAX_MESSAGES_PER_DAY = 40  # per order and side: a conversation, not a chat room to flood


class ConversationError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def _notify(task: str, *args) -> None:
    from marketplace.conversations import tasks

    transaction.on_commit(lambda: getattr(tasks, task).delay(*args), robust=True)


def message_send(*, order: Order, sender: str, author, text: str, photo=None) -> OrderMessage:
    text = (text or "").strip()
    if not text and photo is None:
        raise ConversationError(_("Hãy viết tin nhắn hoặc gửi một ảnh."), field="text")
    if len(text) > MAX_TEXT:
        raise ConversationError(_("Tin nhắn dài tối đa %(n)s ký tự.") % {"n": MAX_TEXT}, field="text")
    since = timezone.now() - timezone.timedelta(days=1)
    if order.messages.filter(sender=sender, created_at__gte=since).count() >= MAX_MESSAGES_PER_DAY:
        raise ConversationError(_("Đã gửi nhiều tin trong hôm nay; hãy chờ bên kia trả lời."))
    image = None
    if photo is not None:
        try:
            clean = clean_photo(photo, name_stem="tin-nhan")
        except UploadRejected as error:
            raise ConversationError(error.message, field="photo") from error
        image = get_image_model()(title=_("Ảnh trao đổi đơn %(number)s") % {"number": order.number},
                                  uploaded_by_user=author if getattr(author, "is_authenticated", False) else None)
        image.file.save(clean.name, clean, save=False)
        image.save()
    message = OrderMessage.objects.create(order=order, sender=sender, text=text, photo=image,
                                          author=author if getattr(author, "is_authenticated", False) else None)
    _notify("notify_message", message.pk)
    return message


def complaint_raise(*, order: Order, text: str, by) -> Complaint:
    text = (text or "").strip()
    if len(text) < 10:
        raise ConversationError(_("Hãy kể rõ điều chưa ổn (ít nhất 10 ký tự)."), field="text")
    if len(text) > MAX_TEXT:
        raise ConversationError(_("Khiếu nại dài tối đa %(n)s ký tự.") % {"n": MAX_TEXT}, field="text")
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(order=order, text=text)
            audit_record(subject=complaint, action="complaint_raised", actor=by)
    except IntegrityError as error:
        raise ConversationError(_("Đơn này đang có một khiếu nại chờ Hội xử lý.")) from error
    _notify("notify_complaint", complaint.pk)
    return complaint


def complaint_resolve(*, complaint: Complaint, by, resolution: str) -> Complaint:
    resolution = (resolution or "").strip()
    if not resolution:
        raise ConversationError(_("Hãy ghi cách giải quyết."), field="resolution")
    with transaction.atomic():
        if not Complaint.objects.filter(pk=complaint.pk, status=Complaint.Status.OPEN).update(
                status=Complaint.Status.RESOLVED, resolution=resolution, resolved_at=timezone.now(), resolved_by=by):
            raise ConversationError(_("Khiếu nại này đã được giải quyết."))
        audit_record(subject=complaint, action="complaint_resolved", actor=by, reason=resolution)
    complaint.refresh_from_db()
    return complaint
