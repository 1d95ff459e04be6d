from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from producers.models import Producer, ProducerInvitation, ProducerMember
from producers.services.errors import ProducerError


def _require_owner(producer: Producer, user) -> None:
    if not ProducerMember.objects.filter(producer=producer, user=user, role=ProducerMember.Role.OWNER).exists():
        raise ProducerError(_("Chỉ chủ gian hàng mới làm được việc này."))


@transaction.atomic
def helper_invite(*, producer: Producer, by, phone: str = "", email: str = "") -> ProducerInvitation:
    """Invite a helper by a normalised phone or an email; the email, if any, is sent after commit."""
    _require_owner(producer, by)
    if not phone and not email:
        raise ProducerError(_("Nhập số điện thoại hoặc email của người được mời."))
    open_invitations = ProducerInvitation.objects.filter(producer=producer, accepted_at=None, revoked_at=None)
    if (phone and open_invitations.filter(phone=phone).exists()) or (
        email and open_invitations.filter(email__iexact=email).exists()
    ):
        raise ProducerError(_("Người này đã được mời và chưa trả lời."))
    invitation = ProducerInvitation.objects.create(producer=producer, phone=phone, email=email.lower(), invited_by=by)
    if email:
        from producers.tasks import send_helper_invitation

        # robust: a mail or broker failure is logged; it must not undo the answer to a change already saved.
        transaction.on_commit(lambda: send_helper_invitation.delay(invitation.pk), robust=True)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> ProducerMember:
    invitation = ProducerInvitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise ProducerError(_("Lời mời không còn hiệu lực."))
    matches_phone = bool(invitation.phone) and invitation.phone == user.phone
    matches_email = bool(invitation.email) and (user.email or "").lower() == invitation.email.lower()
    if not (matches_phone or matches_email):
        raise ProducerError(_("Lời mời này dành cho một số điện thoại hoặc email khác."))
    if ProducerMember.objects.filter(user=user).exists():
        raise ProducerError(_("Tài khoản này đã thuộc một nhà sản xuất."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return ProducerMember.objects.create(producer=invitation.producer, user=user, role=ProducerMember.Role.HELPER)


@transaction.atomic
def helper_remove(*, producer: Producer, by, member_id: int) -> None:
    _require_owner(producer, by)
    member = ProducerMember.objects.filter(producer=producer, pk=member_id).first()
    if member is None:
        raise ProducerError(_("Không tìm thấy người này trong nhóm."))
    if member.role == ProducerMember.Role.OWNER:
        raise ProducerError(_("Không thể xoá chủ gian hàng."))
    member.delete()


@transaction.atomic
def invitation_revoke(*, producer: Producer, by, invitation_id: int) -> None:
    _require_owner(producer, by)
    updated = ProducerInvitation.objects.filter(
        producer=producer, pk=invitation_id, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    if not updated:
        raise ProducerError(_("Không tìm thấy lời mời này."))
