"""Words and StreamField content of the demo pages: home, showcases, about and returns policy."""

from typing import NamedTuple

from wagtail.rich_text import RichText

HOME = {
    "title": "Chợ Phụ nữ",
    "hero_title": "Sản phẩm của chị em khắp 34 tỉnh, thành",
    "hero_text": "Đặc sản, đồ thủ công và du lịch cộng đồng do phụ nữ làm chủ, được Hội Liên hiệp Phụ nữ Việt Nam xác minh.",
    "hero_cta_label": "Xem sản phẩm",
    "hero_cta_url": "/products/",
    "hero_title_en": "Products of women across all 34 provinces and cities",
    "hero_text_en": "Specialities, crafts and community tourism run by women, verified by the Vietnam Women's Union.",
    "hero_cta_label_en": "See products",
}

SHOWCASE_INDEX_TITLE = "Showcase khởi nghiệp"
SHOWCASE_INDEX_INTRO = (
    "<p>Những câu chuyện khởi nghiệp của chị em phụ nữ: từ một bếp nhà, một khung dệt hay một tổ hợp tác nhỏ "
    "đến gian hàng đón khách khắp cả nước.</p>"
)
DEMO_VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"  # a stable public video; staff replace it


class ShowcaseStory(NamedTuple):
    slug: str
    title: str
    summary: str
    producer_slug: str
    cover_key: str
    picture_key: str
    opening: str
    spotlight: str
    quote: str
    quote_author: str
    closing: str


SHOWCASES = [
    ShowcaseStory(
        slug="nuoc-mam-phu-quoc-chi-em-lang-chai",
        title="Nước mắm Phú Quốc: mười hai chị em và những thùng gỗ bời lời",
        summary="Từ những mẻ chượp bán cho thương lái, hợp tác xã của chị em làng chài đã có thương hiệu riêng và khách khắp cả nước.",
        producer_slug="htx-nuoc-mam-phu-nu-phu-quoc",
        cover_key="cover-nuoc-mam",
        picture_key="sp-nuoc-mam-phu-quoc-2",  # the second picture of the signature product (plan.py)
        opening=(
            "<p>Năm 2019, mười hai chị em ở đặc khu Phú Quốc góp mỗi người mười triệu đồng để mua ba thùng gỗ bời lời. "
            "Trước đó, cá cơm chồng các chị đánh về chỉ bán được cho thương lái với giá rẻ.</p>"
            "<h2>Học làm thương hiệu</h2><p>Hội Liên hiệp Phụ nữ tỉnh An Giang mở lớp về bao bì, truy xuất nguồn gốc và "
            "bán hàng trực tuyến. Sau hai năm, nước mắm của hợp tác xã đạt <b>OCOP 4 sao</b>.</p>"
        ),
        spotlight="Hợp tác xã hiện có 27 thành viên, đều là phụ nữ, và bao tiêu cá cơm cho 40 hộ ngư dân.",
        quote="Giờ mỗi chai nước mắm đều có tên hợp tác xã của chị em mình, khách gọi điện hỏi tận nơi.",
        quote_author="Chị Nguyễn Thị Lan, giám đốc hợp tác xã",
        closing="<p>Bước tiếp theo: đón khách tham quan nhà thùng và mở thêm dòng <i>nước mắm nhĩ</i> cho nhà hàng.</p>",
    ),
    ShowcaseStory(
        slug="tho-cam-phong-tho-giu-nghe-det",
        title="Thổ cẩm Phong Thổ: giữ nghề dệt bằng thương mại điện tử",
        summary="Hai mươi chị em người Dao đỏ và người Thái đưa khăn, túi thổ cẩm từ bản làng lên sàn và giữ được nghề của mẹ.",
        producer_slug="tht-det-tho-cam-phong-tho",
        cover_key="cover-tho-cam",
        picture_key="sp-khan-tho-cam-phong-tho-2",
        opening=(
            "<p>Ở Phong Thổ, con gái lớn lên bên khung dệt của mẹ, nhưng nhiều chị từng phải bỏ nghề đi làm thuê vì "
            "thổ cẩm không bán được.</p>"
            "<h2>Một chiếc điện thoại, một gian hàng</h2><p>Tổ hợp tác ra đời năm 2021. Các chị học chụp ảnh sản phẩm "
            "bằng điện thoại, livestream mỗi tối thứ Bảy và nhận đơn đặt dệt theo yêu cầu.</p>"
        ),
        spotlight="Mỗi chiếc khăn mất ba ngày công; tổ chia đều lợi nhuận và để dành một phần mua sợi cho mùa sau.",
        quote="Bán được trên mạng, các em gái trong bản lại muốn học dệt.",
        quote_author="Chị Tẩn Thị Mẩy, tổ trưởng tổ hợp tác",
        closing="<p>Năm nay tổ mở lớp dệt cho khách du lịch và nhận thêm mười học viên trẻ.</p>",
    ),
]

ABOUT = {
    "title": "Giới thiệu",
    "intro": "Chợ Phụ nữ là sàn thương mại điện tử của Hội Liên hiệp Phụ nữ Việt Nam dành cho chị em sản xuất, kinh doanh.",
    "body": (
        "<h2>Chúng tôi là ai</h2><p>Hội giúp hợp tác xã, tổ hợp tác, hộ kinh doanh và doanh nghiệp do phụ nữ làm chủ "
        "đưa sản phẩm đến người mua khắp 34 tỉnh, thành: xác minh nhà sản xuất, chứng nhận OCOP, tập huấn bán hàng "
        "và livestream.</p><h2>Mua hàng thế nào</h2><ul><li>Tìm sản phẩm, kể cả gõ không dấu: "
        "<i>nuoc mam phu quoc</i>.</li><li>Thêm vào giỏ từ nhiều nhà sản xuất.</li><li>Thanh toán khi nhận hàng, "
        "chuyển khoản VietQR hoặc thẻ.</li></ul>"
    ),
    "quote": "Mỗi sản phẩm mua ở đây là một phần thu nhập của chị em phụ nữ.",
    "quote_author": "Hội Liên hiệp Phụ nữ Việt Nam",
}

RETURNS = {
    "title": "Chính sách đổi trả",
    "intro": "Đổi trả trong 7 ngày khi sản phẩm lỗi, hỏng hoặc không đúng mô tả.",
    "body": (
        "<h2>Điều kiện đổi trả</h2><ul><li>Báo cho nhà sản xuất trong 7 ngày kể từ khi nhận hàng, kèm ảnh hoặc "
        "video mở hộp.</li><li>Thực phẩm, đồ uống đã mở nắp không được đổi trả, trừ khi bị hỏng.</li>"
        "<li>Đồ thủ công làm theo yêu cầu riêng chỉ đổi khi có lỗi.</li></ul><h2>Hoàn tiền</h2><p>Tiền được hoàn "
        "về đúng phương thức đã thanh toán trong 5–7 ngày làm việc. Đơn thanh toán khi nhận hàng được hoàn qua "
        "chuyển khoản.</p><h2>Dịch vụ du lịch</h2><p>Huỷ miễn phí trước 48 giờ; sau đó nhà cung cấp giữ lại 50% "
        "tiền đặt.</p>"
    ),
}

FOOTER_TEXT_EN = (
    "Chợ Phụ nữ — the marketplace of the Vietnam Women's Union.\n"
    "The data on this site is sample data for demonstration."
)
FOOTER_TEXT = (
    "Chợ Phụ nữ — sàn thương mại của Hội Liên hiệp Phụ nữ Việt Nam.\n"
    "Dữ liệu trên trang là dữ liệu mẫu để trình diễn."
)


def showcase_body(story: ShowcaseStory, *, producer, products: list, pictures: dict) -> list:
    """Every block type of ShowcaseStreamBlock, in reading order."""
    return [
        ("rich_text", RichText(story.opening)),
        ("image", {"image": pictures[story.picture_key], "alt_text": story.title, "caption": story.summary}),
        ("producer_spotlight", {"producer": producer, "text": story.spotlight}),
        ("quote", {"quote": story.quote, "author": story.quote_author}),
        ("product_grid", {"heading": f"Sản phẩm của {producer.name}", "products": products}),
        ("video", {"url": DEMO_VIDEO_URL, "title": f"Video: {story.title}"}),
        ("rich_text", RichText(story.closing)),
    ]


def standard_body(content: dict) -> list:
    return [
        ("rich_text", RichText(content["body"])),
        ("quote", {"quote": content["quote"], "author": content["quote_author"]}),
    ] if "quote" in content else [("rich_text", RichText(content["body"]))]

LIVE_CALENDAR = {
    "title": "Lịch livestream của Hội",
    "intro": (
        "<p>Những phiên livestream bán hàng của chị em hội viên được Hội giới thiệu: xem trực tiếp trên "
        "Facebook, TikTok, YouTube hoặc Zalo, mua với giá live ngay trên Chợ Phụ nữ, và bấm "
        "<b>Nhắc tôi</b> để nhận email trước giờ live.</p>"
    ),
}
