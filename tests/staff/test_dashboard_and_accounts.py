"""Dashboard panels of the union, the "Cán bộ Hội" group and the create_union_staff command."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from producers.models import UnionStaff
from producers.staff_group import UNION_STAFF_GROUP, union_staff_group_ensure
from tests.staff.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_units_queue_expiring_certificates_and_states(world, ha_noi_client):
    response = ha_noi_client.get(reverse("wagtailadmin_home"))

    text = response.content.decode()
    assert "Hồ sơ chờ xác minh" in text and "<strong>1</strong> hồ sơ" in text
    assert reverse("verification_requests:inspect", args=[world.ha_noi.request.pk]) in text
    assert "Nhà sản xuất theo trạng thái xác minh" in text
    assert "Thiên Hương" not in text


def test_expiring_panel_counts_confirmed_certificates_only(world, ha_noi_client):
    certificate = world.ha_noi.certificate
    text = ha_noi_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Không có chứng nhận nào sắp hết hạn." in text

    certificate.status = certificate.Status.CONFIRMED
    certificate.save()

    text = ha_noi_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("ocop_certificates:inspect", args=[certificate.pk]) in text


def test_people_outside_the_union_get_no_union_panels(world):
    from tests.factories_producers import UserFactory

    editor = UserFactory(username="bien-tap")
    editor.groups.add(Group.objects.get(name=UNION_STAFF_GROUP))

    text = logged_in(editor).get(reverse("wagtailadmin_home")).content.decode()

    assert "Hồ sơ chờ xác minh" not in text


def test_group_holds_admin_access_and_the_documented_permissions(db):
    group = union_staff_group_ensure()

    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("wagtailadmin", "access_admin") in codenames
    assert ("producers", "change_verificationrequest") in codenames and ("catalogue", "change_product") in codenames
    assert not any(codename.startswith("delete_") for _app, codename in codenames)
    assert union_staff_group_ensure() == group  # idempotent


def test_command_creates_a_province_officer_who_can_log_in(world):
    output = call_command_text("--unit-province", "ha_noi", "--email", "Lan@HoiPhuNu.vn", "--phone", "0912 345 678",
                               "--password", "Rau-sach-Ba-Vi-2025", "--name", "Nguyễn Thị Lan")

    user = get_user_model().objects.get(email="lan@hoiphunu.vn")
    assert user.phone == "+84912345678" and user.check_password("Rau-sach-Ba-Vi-2025")
    assert UnionStaff.objects.get(user=user).unit == world.tree.ha_noi
    assert user.groups.filter(name=UNION_STAFF_GROUP).exists() and not user.is_staff
    assert "Đã tạo tài khoản" in output and "Hội LHPN Hà Nội" in output
    assert "HTX Rau sạch Ba Đình" in logged_in(user).get(
        reverse("wagtailsnippets_producers_producer:list")).content.decode()


def test_command_attaches_a_ward_officer_and_moves_an_existing_account(world):
    call_command_text("--unit-province", "1", "--unit-ward", "4", "--email", "phuong@hoiphunu.vn",
                      "--password", "Rau-sach-Ba-Vi-2025")
    output = call_command_text("--central", "--email", "phuong@hoiphunu.vn")

    staff = UnionStaff.objects.get(user__email="phuong@hoiphunu.vn")
    assert staff.unit == world.tree.central and "Đã cập nhật" in output


@pytest.mark.parametrize("args,message", [
    (["--unit-province", "atlantis", "--email", "a@b.vn", "--password", "Rau-sach-Ba-Vi-2025"], "Không có tỉnh"),
    (["--unit-province", "1", "--unit-ward", "19815", "--email", "a@b.vn", "--password", "Rau-sach-Ba-Vi-2025"],
     "Không có Hội phường/xã"),
    (["--unit-province", "1", "--password", "Rau-sach-Ba-Vi-2025"], "Cần --email hoặc --phone"),
    (["--unit-province", "1", "--phone", "12345", "--password", "Rau-sach-Ba-Vi-2025"], "Số điện thoại"),
    (["--unit-province", "1", "--email", "a@b.vn"], "Tài khoản mới cần --password"),
    (["--unit-province", "1", "--email", "a@b.vn", "--password", "123"], "(?i)mật khẩu"),
])
def test_command_explains_bad_input_and_creates_nothing(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command_text(*args)

    assert not get_user_model().objects.filter(email="a@b.vn").exists()


def test_superuser_attaches_an_existing_account_in_the_admin(world):
    client = logged_in(world.superuser)

    response = client.post(reverse("union_staff:add"), {"identifier": "mua@example.vn",
                                                         "unit": world.tree.hue.pk, "title": "Phó chủ tịch"})

    assert response.status_code == 302
    assert UnionStaff.objects.get(user=world.buyer).unit == world.tree.hue
    assert world.buyer.groups.filter(name=UNION_STAFF_GROUP).exists()


def test_attaching_an_unknown_account_is_explained(world):
    response = logged_in(world.superuser).post(reverse("union_staff:add"), {"identifier": "0987654321",
                                                                           "unit": world.tree.hue.pk})

    assert "Chưa có tài khoản nào" in response.content.decode()


def call_command_text(*args) -> str:
    import io

    out = io.StringIO()
    call_command("create_union_staff", *args, stdout=out)
    return out.getvalue()
