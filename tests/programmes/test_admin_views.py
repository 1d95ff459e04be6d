"""The officer's screens: pairing with goals, a pair's page, ending; a training's creation, its page, the
check-in list, registering a woman who called, scanning her ticket, the attendance sheet; support records."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programmes.check_in_codes import ticket_code
from programmes.models import MentoringPair, SupportRecord, Training, TrainingRegistration
from programmes.services.trainings import training_register
from tests.programmes.conftest import logged_in, make_pair, make_training

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_root")]


def pair_post(world, people, **overrides):
    today = timezone.localdate()
    data = {
        "unit": world.tree.ha_noi.pk, "mentor_contact": "0912 345 001", "mentee": world.ha_noi.producer.pk,
        "focus": "sales", "started_on": today.isoformat(), "planned_end_on": (today + timedelta(days=120)).isoformat(),
        "goals-TOTAL_FORMS": "1", "goals-INITIAL_FORMS": "0", "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "1000", "goals-0-kind": "first_order", "goals-0-target_orders": "",
        "goals-0-target_revenue": "", "goals-0-text": "", "goals-0-ORDER": "1", "goals-0-DELETE": "", "goals-0-id": "",
    }
    data.update(overrides)
    return data


def test_an_officer_pairs_with_a_goal(world, people):
    client = logged_in(world.ha_noi_staff)
    response = client.post(reverse("mentoring_pairs:add"), pair_post(world, people))
    pair = MentoringPair.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mentoring_pairs:inspect", args=[pair.pk])
    assert (pair.mentor, pair.mentee, pair.created_by) == (people.mentor, world.ha_noi.producer, world.ha_noi_staff)
    assert list(pair.goals.values_list("kind", flat=True)) == ["first_order"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Có đơn hàng đầu tiên" in page.content.decode()
    assert reverse("mentoring_pairs:edit", args=[pair.pk]) in page.content.decode()


@pytest.mark.parametrize("overrides, message", [
    ({"mentor_contact": "0999 999 999"}, "Không tìm thấy tài khoản"),
    ({"mentor_contact": ""}, "số điện thoại hoặc email của người kèm cặp"),
    ({"unit": "hue"}, "không thuộc đơn vị"),
    ({"goals-0-kind": "monthly_sales", "goals-0-target_orders": "-3"}, ""),
    ({"goals-0-kind": "monthly_sales", "goals-0-target_orders": "99999999"}, "từ 1 đến"),
    ({"goals-0-kind": "custom"}, "nội dung mục tiêu"),
    ({"planned_end_on": "2020-01-01"}, "sau ngày bắt đầu"),
    ({"started_on": "not-a-date"}, ""),
    ({"mentee": "999999"}, ""),
])
def test_bad_pairs_are_refused_and_nothing_is_saved(world, people, overrides, message):
    if overrides.get("unit") == "hue":
        overrides = {**overrides, "unit": world.tree.hue.pk}
        client = logged_in(world.central_staff)
    else:
        client = logged_in(world.ha_noi_staff)
    response = client.post(reverse("mentoring_pairs:add"), pair_post(world, people, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MentoringPair.objects.count() == 0


def test_a_second_pair_on_the_same_focus_is_refused(world, people):
    make_pair(world, people)
    response = logged_in(world.ha_noi_staff).post(reverse("mentoring_pairs:add"), pair_post(world, people))
    assert response.status_code == 200
    assert "đang được kèm cặp về nội dung này" in response.content.decode()
    assert MentoringPair.objects.count() == 1


def test_ending_a_pair_from_its_page(world, people):
    pair = make_pair(world, people)
    client = logged_in(world.ha_noi_staff)
    url = reverse("mentoring_pairs:end", args=[pair.pk])
    response = client.post(url, {"status": "ended", "reason": ""})
    assert response.status_code == 400 and "lý do dừng sớm" in response.content.decode()
    assert client.post(url, {"status": "ended", "reason": "Chị đi làm xa"}).status_code == 302
    pair.refresh_from_db()
    assert pair.status == "ended" and pair.end_reason == "Chị đi làm xa"


def test_pair_listing_filters_quiet_pairs_and_exports(world, people):
    quiet = make_pair(world, people, started_days_ago=45)
    fresh = make_pair(world, people, focus="ocop", started_days_ago=2)
    client = logged_in(world.ha_noi_staff)
    listing = client.get(reverse("mentoring_pairs:index") + "?quiet=true").content.decode()
    assert reverse("mentoring_pairs:inspect", args=[quiet.pk]) in listing
    assert reverse("mentoring_pairs:inspect", args=[fresh.pk]) not in listing
    csv = client.get(reverse("mentoring_pairs:index") + "?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode("utf-8")
    assert "Cơ sở được kèm cặp" in body and world.ha_noi.producer.name in body
    xlsx = client.get(reverse("mentoring_pairs:index") + "?export=xlsx")
    assert xlsx.status_code == 200
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "chưa gặp nhau trong 30 ngày" in home


def training_post(world, **overrides):
    starts = timezone.localtime() + timedelta(days=3)
    data = {
        "title": "Bán hàng trên Shopee", "topic": "ecommerce", "unit": world.tree.ha_noi.pk,
        "starts_at": starts.strftime("%Y-%m-%d 08:00"), "ends_at": starts.strftime("%Y-%m-%d 11:30"),
        "place": "Hội trường UBND phường Ba Đình", "online_url": "", "capacity": "30", "trainer": "Chị Thu Hà",
        "description": "", "audience": "subtree",
        "materials-TOTAL_FORMS": "1", "materials-INITIAL_FORMS": "0", "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000", "materials-0-title": "Bài giảng", "materials-0-document": "",
        "materials-0-url": "https://drive.example.vn/bai-giang", "materials-0-ORDER": "1", "materials-0-DELETE": "",
        "materials-0-id": "",
    }
    data.update(overrides)
    return data


def test_an_officer_creates_a_training(world):
    response = logged_in(world.ha_noi_staff).post(reverse("trainings:add"), training_post(world))
    training = Training.objects.get()
    assert response.status_code == 302
    assert training.created_by == world.ha_noi_staff and training.materials.get().url.endswith("bai-giang")
    assert timezone.localtime(training.starts_at).hour == 8


@pytest.mark.parametrize("overrides, message", [
    ({"capacity": "0"}, "Số chỗ ít nhất là 1"),
    ({"capacity": "9999999"}, "Số chỗ tối đa"),
    ({"capacity": "ba mươi"}, ""),
    ({"ends_at": "2020-01-01 08:00"}, "Giờ kết thúc phải sau giờ bắt đầu"),
    ({"place": ""}, "địa điểm hoặc đường dẫn"),
    ({"audience": "invited"}, "ít nhất một cơ sở được mời"),
    ({"materials-0-url": ""}, "chọn tệp hoặc ghi đường dẫn"),
    ({"title": ""}, ""),
])
def test_bad_trainings_are_refused(world, overrides, message):
    response = logged_in(world.ha_noi_staff).post(reverse("trainings:add"), training_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Training.objects.count() == 0


def test_a_ward_officer_cannot_organise_for_the_province(world, people):
    response = logged_in(people.ward_staff).post(reverse("trainings:add"), training_post(world))
    assert response.status_code == 200
    assert Training.objects.count() == 0


def test_the_check_in_screen(world, people):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=15), capacity=1)
    registration = training_register(training=training, user=world.ha_noi.owner)
    client = logged_in(world.ha_noi_staff)
    page = client.get(reverse("trainings:inspect", args=[training.pk]))
    assert page.status_code == 200 and "Mã điểm danh tại cửa</title>" in page.content.decode()
    # A woman who called: found by her phone; the class is full, so she waits.
    response = client.post(reverse("trainings:register", args=[training.pk]), {"person": "0912345001"})
    assert response.status_code == 302
    assert TrainingRegistration.objects.get(user=people.mentor).status == "waitlisted"
    again = client.post(reverse("trainings:register", args=[training.pk]), {"person": "0912345001"})
    assert again.status_code == 400 and "đã đăng ký lớp này rồi" in again.content.decode()
    stranger = client.post(reverse("trainings:register", args=[training.pk]), {"person": world.hue.owner.email})
    assert stranger.status_code == 400 and "Không tìm thấy" in stranger.content.decode()
    client.post(reverse("trainings:check_in", args=[training.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.checked_in_at and registration.check_in_method == "list"
    client.post(reverse("trainings:check_in_undo", args=[training.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.checked_in_at is None and registration.certificate_code is None
    # Her ticket scanned with the officer's phone: a confirmation page, then "Xác nhận có mặt".
    ticket_url = reverse("trainings:ticket", args=[ticket_code(registration)])
    shown = client.get(ticket_url)
    assert shown.status_code == 200 and "Xác nhận có mặt" in shown.content.decode()
    assert client.post(ticket_url).status_code == 302
    registration.refresh_from_db()
    assert registration.check_in_method == "ticket"
    assert client.get(reverse("trainings:ticket", args=["gia-mao"])).status_code == 400


def test_attendance_sheet_prints_and_exports(world, people):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=15))
    training_register(training=training, user=world.ha_noi.owner)
    client = logged_in(world.ha_noi_staff)
    url = reverse("trainings:sheet", args=[training.pk])
    assert "Danh sách điểm danh" in client.get(url).content.decode()
    csv = client.get(url + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv") and str(world.ha_noi.owner) in csv.content.decode("utf-8-sig")
    xlsx = client.get(url + "?format=xlsx")
    import io

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 2).value == "Họ tên" and sheet.cell(2, 4).value == world.ha_noi.producer.name


def support_post(world, **overrides):
    data = {"producer": world.ha_noi.producer.pk, "member_contact": "", "kind": "vbsp_loan", "amount": "50000000",
            "given_on": (timezone.localdate() - timedelta(days=10)).isoformat(), "source": "NHCSXH phường Ba Đình",
            "notes": "", "follow_up_on": ""}
    data.update(overrides)
    return data


def test_support_records(world):
    client = logged_in(world.ha_noi_staff)
    assert client.post(reverse("support_records:add"), support_post(world)).status_code == 302
    record = SupportRecord.objects.get()
    assert record.amount == 50_000_000 and record.recorded_by == world.ha_noi_staff


@pytest.mark.parametrize("overrides, message", [
    ({"amount": ""}, "cần ghi số tiền"),
    ({"amount": "0"}, ""),
    ({"amount": "-5"}, ""),
    ({"amount": "900000000000000"}, "Số tiền phải từ"),
    ({"amount": "năm triệu"}, "số nguyên"),
    ({"given_on": "2099-01-01"}, "tương lai"),
    ({"follow_up_on": "2001-01-01"}, "sau ngày hỗ trợ"),
    ({"member_contact": "0999 000 111"}, "Không tìm thấy tài khoản"),
    ({"producer": "hue"}, ""),
])
def test_bad_support_records_are_refused(world, overrides, message):
    if overrides.get("producer") == "hue":
        overrides = {**overrides, "producer": world.hue.producer.pk}
    response = logged_in(world.ha_noi_staff).post(reverse("support_records:add"), support_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SupportRecord.objects.count() == 0


def test_officers_upload_training_materials_into_the_shared_collection(world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    from producers.staff_group import TRAINING_DOCUMENTS

    client = logged_in(world.ha_noi_staff)
    assert client.get(reverse("wagtaildocs_chooser:choose")).status_code == 200
    response = client.post(reverse("wagtaildocs_chooser:create"), {
        "document-chooser-upload-title": "Bài giảng phòng chống lừa đảo",
        "document-chooser-upload-file": SimpleUploadedFile("bai-giang.pdf", b"%PDF-1.4\n%%EOF\n"),
    })
    assert response.status_code == 200
    document = get_document_model().objects.get(title="Bài giảng phòng chống lừa đảo")
    assert document.collection.name == TRAINING_DOCUMENTS and document.uploaded_by_user == world.ha_noi_staff


def test_a_finished_training_shows_no_door_code_and_phones_as_people_dial_them(world):
    training = make_training(world.tree.ha_noi, starts_in=-timedelta(minutes=20))
    world.ha_noi.owner.phone = "+84912000222"
    world.ha_noi.owner.save()
    training_register(training=training, user=world.ha_noi.owner)
    client = logged_in(world.ha_noi_staff)
    page = client.get(reverse("trainings:inspect", args=[training.pk])).content.decode()
    assert "Mã điểm danh tại cửa" in page and "0912 000 222" in page
    Training.objects.filter(pk=training.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    page = client.get(reverse("trainings:inspect", args=[training.pk])).content.decode()
    assert "Mã điểm danh tại cửa" not in page
    assert "0912 000 222" in client.get(reverse("trainings:sheet", args=[training.pk])).content.decode()


def test_editing_a_pair_keeps_its_goals_and_mentor(world, people):
    pair = make_pair(world, people)
    goal = pair.goals.get()
    client = logged_in(world.ha_noi_staff)
    url = reverse("mentoring_pairs:edit", args=[pair.pk])
    form = client.get(url).content.decode()
    assert "0912 345 001" in form  # the mentor, as the officer would type her
    new_end = (timezone.localdate() + timedelta(days=300)).isoformat()
    response = client.post(url, pair_post(world, people, **{
        "started_on": pair.started_on.isoformat(), "planned_end_on": new_end,
        "goals-INITIAL_FORMS": "1", "goals-0-id": str(goal.pk)}))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.planned_end_on.isoformat() == new_end and list(pair.goals.all()) == [goal]
    assert pair.mentor == people.mentor
