"""The owner invites helpers by phone or email; an invitation is accepted only by the person invited."""

import pytest
from django.core import mail

from producers.models import ProducerInvitation, ProducerMember
from producers.services.errors import ProducerError
from producers.services.team import helper_invite, helper_remove, invitation_accept, invitation_revoke
from tests.factories_producers import UserFactory, member_of

pytestmark = pytest.mark.django_db

HELPER_PHONE = "+84977000222"
HELPER_EMAIL = "hoa.tran@example.vn"


@pytest.fixture
def producer(ha_noi_producer):
    return ha_noi_producer


@pytest.fixture
def owner(producer):
    return member_of(producer, username="chu-htx")


@pytest.fixture
def helper(producer):
    return member_of(producer, role=ProducerMember.Role.HELPER, username="nguoi-giup")


def test_the_owner_invites_by_phone_without_any_email(producer, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)

    assert (invitation.phone, invitation.email, invitation.invited_by) == (HELPER_PHONE, "", owner)
    assert invitation.is_open and len(invitation.token) >= 32
    assert mail.outbox == []


def test_an_email_invitation_is_sent_with_its_link(producer, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = helper_invite(producer=producer, by=owner, email="Hoa.Tran@Example.vn")

    assert invitation.email == HELPER_EMAIL
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [HELPER_EMAIL]
    assert message.subject == f"Lời mời cùng bán hàng với {producer.name}"
    assert f"/seller/invitations/{invitation.token}/" in message.body


def test_a_helper_cannot_invite(producer, helper):
    with pytest.raises(ProducerError) as error:
        helper_invite(producer=producer, by=helper, phone=HELPER_PHONE)

    assert error.value.message == "Chỉ chủ gian hàng mới làm được việc này."
    assert not ProducerInvitation.objects.exists()


def test_the_owner_of_another_producer_cannot_invite(producer, hue_producer):
    other_owner = member_of(hue_producer)

    with pytest.raises(ProducerError):
        helper_invite(producer=producer, by=other_owner, phone=HELPER_PHONE)


def test_an_invitation_needs_a_phone_or_an_email(producer, owner):
    with pytest.raises(ProducerError) as error:
        helper_invite(producer=producer, by=owner)

    assert error.value.message == "Nhập số điện thoại hoặc email của người được mời."


@pytest.mark.parametrize(("first", "second"), [
    ({"phone": HELPER_PHONE}, {"phone": HELPER_PHONE}),
    ({"email": HELPER_EMAIL}, {"email": "HOA.TRAN@example.vn"}),
])
def test_a_second_open_invitation_for_the_same_person_is_refused(producer, owner, first, second):
    helper_invite(producer=producer, by=owner, **first)

    with pytest.raises(ProducerError) as error:
        helper_invite(producer=producer, by=owner, **second)

    assert error.value.message == "Người này đã được mời và chưa trả lời."
    assert ProducerInvitation.objects.count() == 1


def test_after_a_revoke_the_person_may_be_invited_again(producer, owner):
    first = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)
    invitation_revoke(producer=producer, by=owner, invitation_id=first.pk)

    second = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)

    first.refresh_from_db()
    assert first.revoked_at is not None and not first.is_open
    assert second.is_open


@pytest.mark.parametrize(("invited", "user_fields"), [
    ({"phone": HELPER_PHONE}, {"phone": HELPER_PHONE, "email": None}),
    ({"email": HELPER_EMAIL}, {"email": "Hoa.Tran@example.vn"}),
    ({"phone": HELPER_PHONE, "email": HELPER_EMAIL}, {"email": HELPER_EMAIL}),
    ({"phone": HELPER_PHONE, "email": HELPER_EMAIL}, {"phone": HELPER_PHONE, "email": None}),
])
def test_the_invited_person_accepts_by_phone_or_email(producer, owner, invited, user_fields):
    invitation = helper_invite(producer=producer, by=owner, **invited)
    user = UserFactory(**user_fields)

    member = invitation_accept(token=invitation.token, user=user)

    assert (member.producer, member.user, member.role) == (producer, user, ProducerMember.Role.HELPER)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


@pytest.mark.parametrize("invited", [
    {"phone": HELPER_PHONE},
    {"email": HELPER_EMAIL},
    {"phone": HELPER_PHONE, "email": HELPER_EMAIL},
])
def test_someone_else_holding_the_link_cannot_accept(producer, owner, invited):
    invitation = helper_invite(producer=producer, by=owner, **invited)
    stranger = UserFactory(phone="+84903000111", email="nguoi.la@example.vn")

    with pytest.raises(ProducerError) as error:
        invitation_accept(token=invitation.token, user=stranger)

    assert error.value.message == "Lời mời này dành cho một số điện thoại hoặc email khác."
    assert not ProducerMember.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.is_open


def test_a_used_revoked_or_unknown_token_is_refused(producer, owner):
    used = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)
    invitation_accept(token=used.token, user=UserFactory(phone=HELPER_PHONE))
    revoked = helper_invite(producer=producer, by=owner, email=HELPER_EMAIL)
    invitation_revoke(producer=producer, by=owner, invitation_id=revoked.pk)
    late = UserFactory(email=HELPER_EMAIL)

    for token in (used.token, revoked.token, "khong-co-loi-moi-nay"):
        with pytest.raises(ProducerError) as error:
            invitation_accept(token=token, user=late)
        assert error.value.message == "Lời mời không còn hiệu lực."

    assert not ProducerMember.objects.filter(user=late).exists()


def test_someone_already_in_a_producer_cannot_accept(producer, owner, hue_producer):
    invitation = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)
    seller_elsewhere = member_of(hue_producer, phone=HELPER_PHONE)

    with pytest.raises(ProducerError) as error:
        invitation_accept(token=invitation.token, user=seller_elsewhere)

    assert error.value.message == "Tài khoản này đã thuộc một nhà sản xuất."
    assert ProducerMember.objects.get(user=seller_elsewhere).producer == hue_producer
    invitation.refresh_from_db()
    assert invitation.is_open


def test_the_owner_removes_a_helper(producer, owner, helper):
    member = ProducerMember.objects.get(user=helper)

    helper_remove(producer=producer, by=owner, member_id=member.pk)

    assert not ProducerMember.objects.filter(user=helper).exists()


def test_the_owner_cannot_be_removed(producer, owner):
    member = ProducerMember.objects.get(user=owner)

    with pytest.raises(ProducerError) as error:
        helper_remove(producer=producer, by=owner, member_id=member.pk)

    assert error.value.message == "Không thể xoá chủ gian hàng."
    assert ProducerMember.objects.filter(pk=member.pk).exists()


def test_members_of_another_producer_cannot_be_removed(producer, owner, hue_producer):
    other_helper = member_of(hue_producer, role=ProducerMember.Role.HELPER)
    member = ProducerMember.objects.get(user=other_helper)

    with pytest.raises(ProducerError) as error:
        helper_remove(producer=producer, by=owner, member_id=member.pk)

    assert error.value.message == "Không tìm thấy người này trong nhóm."
    assert ProducerMember.objects.filter(pk=member.pk).exists()


def test_a_helper_cannot_remove_anyone(producer, owner, helper):
    other = member_of(producer, role=ProducerMember.Role.HELPER)

    with pytest.raises(ProducerError):
        helper_remove(producer=producer, by=helper, member_id=ProducerMember.objects.get(user=other).pk)

    assert ProducerMember.objects.filter(producer=producer).count() == 3


def test_invitation_revoke_only_by_the_owner_and_only_open_ones(producer, owner, helper, hue_producer):
    invitation = helper_invite(producer=producer, by=owner, phone=HELPER_PHONE)
    with pytest.raises(ProducerError):
        invitation_revoke(producer=producer, by=helper, invitation_id=invitation.pk)
    other_owner = member_of(hue_producer)
    with pytest.raises(ProducerError):
        invitation_revoke(producer=hue_producer, by=other_owner, invitation_id=invitation.pk)

    invitation_revoke(producer=producer, by=owner, invitation_id=invitation.pk)
    with pytest.raises(ProducerError) as error:
        invitation_revoke(producer=producer, by=owner, invitation_id=invitation.pk)

    assert error.value.message == "Không tìm thấy lời mời này."
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
