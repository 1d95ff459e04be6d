"""Demo news for `seed_demo`: the union's sections with their editors, and news in three provinces and
at the central union, one of them a ward officer's announcement still waiting for her province."""

from datetime import timedelta

from django.utils import timezone

from cms.models import NewsIndexPage, NewsPage
from cms.news_access import news_access_ensure, news_editor_sync
from producers.models import UnionUnit

ITEMS = [
    (None, NewsPage.Kind.FRAUD_WARNING, 1, "Cảnh giác: tin nhắn giả danh ngân hàng yêu cầu “xác thực tài khoản”",
     "Ngân hàng không bao giờ gửi đường dẫn yêu cầu nhập mật khẩu hay mã OTP. Chị em nhận được tin như vậy hãy xoá "
     "và báo cán bộ Hội.",
     "<p>Gần đây nhiều chị em bán hàng trực tuyến nhận tin nhắn giả danh ngân hàng, kèm đường dẫn lạ.</p>"
     "<ul><li>Không bấm vào đường dẫn lạ.</li><li>Không đọc mã OTP cho bất kỳ ai.</li>"
     "<li>Gọi tổng đài in trên thẻ ngân hàng để hỏi lại.</li></ul>"),
    (None, NewsPage.Kind.TRAINING_CALL, 3, "Chiêu sinh lớp “Bán hàng qua livestream cho người mới bắt đầu”",
     "Hội LHPN thành phố Hà Nội mở lớp miễn phí cho hội viên; đăng ký trong mục Cùng Hội của kênh người bán.",
     "<p>Lớp học 4 giờ, thực hành ngay trên điện thoại của chị. Số chỗ có hạn.</p>"),
    ("ha_noi", NewsPage.Kind.NEWS, 6, "Hà Nội: 30 hợp tác xã của chị em lên sàn Chợ Phụ nữ",
     "Sau ba tháng, các hợp tác xã gốm, lụa, nông sản của phụ nữ Thủ đô đã có đơn hàng đầu tiên trên sàn.",
     "<p>Hội LHPN thành phố phối hợp các phường, xã hướng dẫn chụp ảnh, viết mô tả và xác nhận đơn.</p>"),
    ("an_giang", NewsPage.Kind.ANNOUNCEMENT, 8, "An Giang: thông báo hỗ trợ vốn vay cho hội viên khởi nghiệp",
     "Hội viên có phương án sản xuất, kinh doanh được xem xét vay vốn qua tổ tiết kiệm và vay vốn của Hội.",
     "<p>Hồ sơ nộp tại chi hội nơi cư trú trước ngày 20 hằng tháng.</p>"),
    ("hue", NewsPage.Kind.NEWS, 12, "Huế: phiên livestream chợ quê bán hết 500 hộp mè xửng",
     "Ba cơ sở của chị em cùng live, chốt hơn 200 đơn trong một buổi tối.",
     "<p>Buổi live được Hội giới thiệu trên lịch livestream của Chợ Phụ nữ.</p>"),
]
PENDING_TITLE = "Bát Tràng: họp chi hội bàn kế hoạch bán hàng Tết"


def ensure_news(*, staff: dict) -> str:
    news_access_ensure()
    for user in staff.values():
        news_editor_sync(user)
    today = timezone.localdate()
    created = 0
    for province, kind, days_ago, title, summary, body in ITEMS:
        section = _section(province)
        if section is None or NewsPage.objects.filter(title=title).exists():
            continue
        page = section.add_child(instance=NewsPage(title=title, kind=kind, summary=summary, body=body,
                                                   date=today - timedelta(days=days_ago), owner=staff.get("canbo.trunguong")))
        page.save_revision(user=staff.get("canbo.trunguong")).publish()
        created += 1
    pending = _pending_announcement(staff)
    return (f"Tin tức: {NewsPage.objects.live().count()} tin đã đăng ({created} mới), "
            f"{pending} tin chờ Hội tỉnh duyệt (news published, waiting for approval)")


def _section(province_codename: str | None):
    from marketplace.core.geography import province_by_codename

    if province_codename is None:
        return NewsIndexPage.objects.filter(unit__level=UnionUnit.Level.CENTRAL).first()
    code = province_by_codename().get(province_codename)
    return NewsIndexPage.objects.filter(unit__level=UnionUnit.Level.PROVINCE, unit__province_code=code).first()


def _pending_announcement(staff: dict) -> int:
    """A ward officer's draft, submitted to her province's workflow and waiting there."""
    writer = staff.get("canbo.battrang")
    section = _section("ha_noi")
    if writer is None or section is None:
        return 0
    page = NewsPage.objects.filter(title=PENDING_TITLE).first()
    if page is None:
        page = section.add_child(instance=NewsPage(
            title=PENDING_TITLE, kind=NewsPage.Kind.ANNOUNCEMENT, live=False, owner=writer,
            summary="Mời chị em hội viên dự họp chi hội tối thứ Sáu tại nhà văn hoá thôn.",
            body="<p>Nội dung: chọn sản phẩm bán dịp Tết, phân công chụp ảnh và livestream.</p>"))
        page.save_revision(user=writer)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, writer)
    return 1 if page.workflow_in_progress else 0
