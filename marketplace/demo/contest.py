"""The demo "Livestream IDOL" contest: open for registration, its window around now, every verified host of
a demo session entered, so its leaderboard follows the demo sessions (rewritten on each run)."""

from datetime import timedelta

from marketplace.livestreams.models import LiveSession
from producers.models import Producer, UnionUnit
from programmes.contest_scores import leaderboard
from programmes.models import Contest, ContestEntry

SLUG = "livestream-idol-2026"


def ensure_contest(*, staff: dict, now) -> str:
    central = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
    if central is None:
        return ""
    window = {"registration_opens": now - timedelta(days=14), "registration_closes": now + timedelta(days=10),
              "starts_at": now - timedelta(days=10), "ends_at": now + timedelta(days=20)}
    contest, _ = Contest.objects.update_or_create(slug=SLUG, defaults={
        "title": "Livestream IDOL 2026 — Chị em bán hàng giỏi", "unit": central, **window,
        "rules": ("Thí sinh là cơ sở do phụ nữ làm chủ đã được Hội xác minh. Mỗi buổi live phải được hẹn lịch trên "
                  "Chợ Phụ nữ và ghim sản phẩm. Đơn bị huỷ hoặc hoàn tiền không được tính. Ban tổ chức có quyền loại "
                  "thí sinh có đơn ảo."),
        "weight_orders": 30, "weight_units": 10, "weight_revenue": 40, "weight_subscribers": 10, "weight_clicks": 0,
        "weight_jury": 10, "created_by": staff.get("canbo.trunguong"),
    })
    hosts = set(LiveSession.objects.filter(started_at__gte=contest.starts_at, started_at__lt=contest.ends_at)
                .values_list("host_id", flat=True))
    for producer in Producer.objects.filter(pk__in=hosts, verification_status=Producer.Verification.VERIFIED):
        ContestEntry.objects.get_or_create(contest=contest, producer=producer)
    ranked = [row for row in leaderboard(contest, use_cache=False) if row.rank]
    leader = ranked[0].producer_name if ranked else "—"
    return f"Livestream IDOL: {len(ranked)} thí sinh, dẫn đầu {leader} (/livestream-idol/{SLUG}/)"
