"""Demo union work for `seed_demo`: mentoring pairs in several provinces with meetings and goals half
met, trainings past (with attendance and certificates) and upcoming (with registrations and a waiting
list), and support records. Written afresh around now on every run, like the livestreams: the demo
objects of the previous run (found by their demo titles and demo accounts) are removed first."""

from datetime import timedelta

from django.utils import timezone

from producers.models import Producer, UnionUnit
from programmes.goals import goals_measure
from programmes.models import (
    MentoringPair,
    MentoringSession,
    PairGoal,
    SupportRecord,
    Training,
    TrainingRegistration,
)
from programmes.models.trainings import new_certificate_code

PAST_TRAINING = "Phòng chống lừa đảo khi bán hàng trực tuyến"
NEXT_TRAINING = "Bán hàng qua livestream cho người mới bắt đầu"
INVITED_TRAINING = "Làm hồ sơ OCOP 3 sao cho sản phẩm nông sản"
TRAININGS = (PAST_TRAINING, NEXT_TRAINING, INVITED_TRAINING)
DEMO_SOURCE_MARK = "(demo)"
TOPICS = [
    ("Chụp ảnh sản phẩm bằng điện thoại", "Đăng lại 3 sản phẩm với ảnh nền trắng"),
    ("Viết mô tả sản phẩm, ghi rõ khối lượng và hạn dùng", "Sửa mô tả 5 sản phẩm"),
    ("Xác nhận đơn và đóng gói gửi đi", "Thử gửi một đơn qua bưu cục"),
    ("Chuẩn bị buổi livestream đầu tiên", "Lên lịch live tối thứ Bảy"),
]


def _province_unit(producer: Producer) -> UnionUnit | None:
    return UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE, province_code=producer.province_code).first()


def _clear(owners: dict, staff: dict) -> None:
    accounts = list(owners.values()) + list(staff.values())
    MentoringPair.objects.filter(mentor__in=accounts).delete()
    Training.objects.filter(title__in=TRAININGS).delete()
    SupportRecord.objects.filter(notes__endswith=DEMO_SOURCE_MARK).delete()


def _pairs(producers: dict, owners: dict, today) -> list[MentoringPair]:
    by_province: dict[int, list[Producer]] = {}
    for slug, producer in producers.items():
        if slug in owners and producer.union_unit_id:
            by_province.setdefault(producer.province_code, []).append(producer)
    pairs = []
    for _province, group in sorted(by_province.items()):
        number = len(pairs)
        verified = [p for p in group if p.verification_status == Producer.Verification.VERIFIED]
        others = [p for p in group if p not in verified[:1]]
        if not verified or not others or len(pairs) >= 5:
            continue
        mentor_producer, mentee = verified[0], others[-1]
        unit = _province_unit(mentee)
        if unit is None:
            continue
        started = today - timedelta(days=50 + 10 * number)
        pair = MentoringPair.objects.create(
            unit=unit, mentor=owners[mentor_producer.slug], mentee=mentee,
            focus=["sales", "photos", "live", "ocop", "listing"][number % 5], started_on=started,
            planned_end_on=started + timedelta(days=180))
        PairGoal.objects.create(pair=pair, kind=PairGoal.Kind.FIRST_PRODUCT, sort_order=0)
        PairGoal.objects.create(pair=pair, kind=PairGoal.Kind.FIRST_ORDER, sort_order=1)
        PairGoal.objects.create(pair=pair, kind=PairGoal.Kind.MONTHLY_SALES, target_orders=10,
                                target_revenue=3_000_000, sort_order=2)
        PairGoal.objects.create(pair=pair, kind=PairGoal.Kind.CUSTOM, text="Ghi sổ thu chi mỗi tuần", sort_order=3,
                                met_at=timezone.now() - timedelta(days=5) if number % 2 else None)
        # One pair has gone quiet (last met 40 days ago), to show the officer's warning.
        gaps = [45, 40] if number == 1 else [40, 26, 12, 3][: 2 + number % 3]
        for index, days_ago in enumerate(gaps):
            topic, next_step = TOPICS[index % len(TOPICS)]
            MentoringSession.objects.create(pair=pair, held_on=today - timedelta(days=days_ago),
                                            channel=["in_person", "zalo", "phone"][index % 3], topic=topic,
                                            notes="Chị em trao đổi cởi mở, đã làm thử ngay tại buổi gặp.",
                                            next_step=next_step, logged_by=pair.mentor)
        goals_measure(pair)
        pairs.append(pair)
    return pairs


def _trainings(producers: dict, owners: dict, staff: dict, now) -> tuple[int, int]:
    central = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
    ha_noi_officer = staff.get("canbo.hanoi")
    ha_noi_unit = ha_noi_officer.union_staff.unit if ha_noi_officer else central
    start_past = (now - timedelta(days=12)).replace(hour=1, minute=30, second=0, microsecond=0)  # 08:30 in Vietnam
    past = Training.objects.create(
        title=PAST_TRAINING, topic=Training.Topic.FRAUD, unit=central, starts_at=start_past,
        ends_at=start_past + timedelta(hours=3), place="", online_url="https://meet.example.org/hoi-phu-nu-tap-huan",
        capacity=40, trainer="Thượng tá Nguyễn Thị Hương, Cục An ninh mạng (khách mời)",
        description="Nhận biết tin nhắn giả ngân hàng, đơn hàng ảo, yêu cầu chuyển khoản trước; cách báo cáo lừa đảo.")
    start_next = (now + timedelta(days=3)).replace(hour=1, minute=0, second=0, microsecond=0)
    upcoming = Training.objects.create(
        title=NEXT_TRAINING, topic=Training.Topic.LIVESTREAM, unit=ha_noi_unit, starts_at=start_next,
        ends_at=start_next + timedelta(hours=4), place="Hội trường Hội LHPN thành phố Hà Nội, 19 Lê Thánh Tông",
        capacity=3, trainer="Chị Phạm Thu Hà, HTX Gốm sứ Phụ nữ Bát Tràng",
        description="Chuẩn bị điện thoại, ánh sáng, kịch bản 30 phút; ghim sản phẩm và chốt đơn trên Chợ Phụ nữ.")
    start_invited = (now + timedelta(days=9)).replace(hour=6, minute=30, second=0, microsecond=0)
    invited = Training.objects.create(
        title=INVITED_TRAINING, topic=Training.Topic.OCOP, unit=central, starts_at=start_invited,
        ends_at=start_invited + timedelta(hours=3), online_url="https://meet.example.org/ocop-3-sao", capacity=25,
        trainer="Văn phòng Điều phối nông thôn mới", audience=Training.Audience.INVITED,
        description="Hồ sơ, tiêu chí chấm điểm và những lỗi thường gặp khi đăng ký OCOP 3 sao.")
    slugs = [slug for slug in owners if slug in producers]
    invited.invited.set([producers[slug] for slug in slugs[:4]])
    attended = 0
    for index, slug in enumerate(slugs[:8]):
        registration = TrainingRegistration.objects.create(training=past, user=owners[slug], producer=producers[slug])
        if index % 4 != 3:  # three in four came
            TrainingRegistration.objects.filter(pk=registration.pk).update(
                checked_in_at=start_past + timedelta(minutes=5 + index), check_in_method="list",
                checked_in_by=staff.get("canbo.trunguong"), certificate_code=new_certificate_code())
            attended += 1
    ha_noi = [slug for slug in slugs if producers[slug].province_code == getattr(ha_noi_unit, "province_code", None)]
    for index, slug in enumerate(ha_noi[:4]):
        TrainingRegistration.objects.create(
            training=upcoming, user=owners[slug], producer=producers[slug],
            status=TrainingRegistration.Status.REGISTERED if index < 3 else TrainingRegistration.Status.WAITLISTED)
    return attended, 3


SUPPORT = [
    (SupportRecord.Kind.POLICY_BANK_LOAN, 50_000_000, 120, "Ngân hàng Chính sách xã hội, tổ tiết kiệm và vay vốn"),
    (SupportRecord.Kind.UNION_FUND_LOAN, 20_000_000, 90, "Quỹ hỗ trợ phụ nữ phát triển"),
    (SupportRecord.Kind.EQUIPMENT, 4_500_000, 60, "Máy hàn miệng túi và cân điện tử"),
    (SupportRecord.Kind.OCOP_HELP, None, 45, "Cán bộ Hội hướng dẫn làm hồ sơ"),
    (SupportRecord.Kind.ONBOARDING, None, 30, "Chụp ảnh, đăng sản phẩm lên Chợ Phụ nữ"),
    (SupportRecord.Kind.GRANT, 10_000_000, 20, "Dự án hỗ trợ phụ nữ khởi nghiệp"),
]


def _support(producers: dict, owners: dict, staff: dict, today) -> int:
    slugs = [slug for slug in owners if slug in producers]
    for index, (kind, amount, days_ago, source) in enumerate(SUPPORT):
        slug = slugs[(index * 3) % len(slugs)]
        SupportRecord.objects.create(
            producer=producers[slug], member=owners[slug], kind=kind, amount=amount,
            given_on=today - timedelta(days=days_ago), source=source,
            follow_up_on=today + timedelta(days=30 - days_ago // 4) if index % 2 == 0 else None,
            notes=f"Ghi nhận từ sổ theo dõi của chi hội {DEMO_SOURCE_MARK}",
            recorded_by=staff.get("canbo.trunguong"))
    return len(SUPPORT)


def ensure_programmes(*, producers: dict, owners: dict, staff: dict, now) -> str:
    today = timezone.localdate(now)
    _clear(owners, staff)
    pairs = _pairs(producers, owners, today)
    met = PairGoal.objects.filter(pair__in=pairs, met_at__isnull=False).count()
    goals = PairGoal.objects.filter(pair__in=pairs).count()
    attended, trainings = _trainings(producers, owners, staff, now)
    records = _support(producers, owners, staff, today)
    provinces = len({pair.mentee.province_code for pair in pairs})
    return (f"Công tác Hội: {len(pairs)} cặp kèm cặp ở {provinces} tỉnh ({met}/{goals} mục tiêu đạt), {trainings} lớp "
            f"tập huấn ({attended} lượt có mặt), {records} khoản hỗ trợ (mentoring pairs, trainings, support)")


