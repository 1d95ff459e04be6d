"""Team: the owner invites helpers by phone or email and removes them; helpers only look; accepting."""

import pytest
from django.core import mail

from producers.models import ProducerInvitation, ProducerMember
from tests.factories_producers import UserFactory


def test_the_owner_invites_a_helper_by_phone_written_any_usual_way(seller_client, shop):
    response = seller_client.post("/seller/team/", {"identifier": "0977 000 333"}, follow=True)
    invitation = ProducerInvitation.objects.get(producer=shop, phone="+84977000333")
    assert f"/seller/invitations/{invitation.token}/" in response.content.decode()


def test_the_owner_invites_a_helper_by_email_and_an_email_goes_out(seller_client, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post("/seller/team/", {"identifier": "Hoa.Tran@Example.vn"})
    assert ProducerInvitation.objects.filter(producer=shop, email="hoa.tran@example.vn").exists()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("typed", "message"), [
    ("0123", "Số điện thoại di động có 10 chữ số"),
    ("0912-abc-678", "Số điện thoại chỉ gồm chữ số"),
    ("+1 202 555 0100", "Chỉ nhận số điện thoại Việt Nam (+84)."),
    ("ten@", "Email này chưa đúng"),
    ("", "Hãy điền mục này."),
])
def test_a_malformed_phone_or_email_is_refused(seller_client, shop, typed, message):
    response = seller_client.post("/seller/team/", {"identifier": typed})
    assert message in response.content.decode()
    assert not ProducerInvitation.objects.filter(producer=shop).exists()


def test_inviting_the_same_person_twice_is_refused(seller_client, invitation):
    response = seller_client.post("/seller/team/", {"identifier": "0977000222"})
    assert "Người này đã được mời và chưa trả lời." in response.content.decode()
    assert ProducerInvitation.objects.filter(phone="+84977000222").count() == 1


def test_the_owner_revokes_an_invitation(seller_client, invitation):
    seller_client.post(f"/seller/team/invitations/{invitation.pk}/revoke/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_the_owner_removes_a_helper(seller_client, helper):
    member = ProducerMember.objects.get(user=helper)
    seller_client.post(f"/seller/team/members/{member.pk}/remove/")
    assert not ProducerMember.objects.filter(pk=member.pk).exists()


def test_the_owner_cannot_remove_herself(seller_client, owner):
    member = ProducerMember.objects.get(user=owner)
    response = seller_client.post(f"/seller/team/members/{member.pk}/remove/", follow=True)
    assert "Không thể xoá chủ gian hàng." in response.content.decode()
    assert ProducerMember.objects.filter(pk=member.pk).exists()


def test_a_helper_sees_the_team_but_no_buttons_and_cannot_act(client, helper, owner, invitation):
    client.force_login(helper)
    page = client.get("/seller/team/").content.decode()
    assert "Người giúp" in page and "Chủ" in page
    assert "Bỏ khỏi nhóm" not in page and "Huỷ lời mời" not in page and "Tạo lời mời" not in page
    assert invitation.token not in page
    owner_member = ProducerMember.objects.get(user=owner)
    client.post(f"/seller/team/members/{owner_member.pk}/remove/")
    client.post(f"/seller/team/invitations/{invitation.pk}/revoke/")
    response = client.post("/seller/team/", {"identifier": "0977 000 444"})
    assert "Chỉ chủ gian hàng mới làm được việc này." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert ProducerMember.objects.filter(pk=owner_member.pk).exists()
    assert not ProducerInvitation.objects.filter(phone="+84977000444").exists()


def test_the_invited_person_accepts(client, shop, invitation):
    invited = UserFactory(username="duoc-moi", phone="+84977000222")
    client.force_login(invited)
    url = f"/seller/invitations/{invitation.token}/"
    assert shop.name in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == "/seller/"
    assert ProducerMember.objects.get(user=invited).role == ProducerMember.Role.HELPER


def test_someone_else_cannot_use_the_invitation(client, invitation, stranger):
    client.force_login(stranger)
    response = client.post(f"/seller/invitations/{invitation.token}/")
    assert "Lời mời này dành cho một số điện thoại hoặc email khác." in response.content.decode()
    assert not ProducerMember.objects.filter(user=stranger).exists()


def test_a_revoked_or_unknown_invitation_is_404(client, invitation, stranger):
    client.force_login(stranger)
    assert client.get("/seller/invitations/khong-co/").status_code == 404
    ProducerInvitation.objects.filter(pk=invitation.pk).update(revoked_at="2025-01-01T00:00:00Z")
    response = client.get(f"/seller/invitations/{invitation.token}/")
    assert response.status_code == 404
    assert "Lời mời này không còn hiệu lực." in response.content.decode()
