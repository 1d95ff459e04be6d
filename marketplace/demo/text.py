"""Words of the demo site: producer stories, product descriptions, slugs and SKUs."""

import hashlib
import random

from django.utils.html import escape
from django.utils.text import slugify

from marketplace.core.text import normalise
from marketplace.demo.types import ProducerSpec, ProductTemplate

KIND_CLOSINGS = {
    "htx": "Hợp tác xã do phụ nữ làm chủ, được Hội Liên hiệp Phụ nữ {province} hỗ trợ vốn vay và tập huấn bán hàng trực tuyến.",
    "tht": "Tổ hợp tác chia đều công việc và lợi nhuận; các chị họp mỗi tháng một lần ở nhà văn hoá {ward}.",
    "hkd": "Cơ sở gia đình đã đăng ký hộ kinh doanh, nhận thêm chị em trong {ward} vào làm khi vào vụ.",
    "dn": "Doanh nghiệp do phụ nữ sáng lập, cam kết mua nguyên liệu của bà con {province} với giá công bằng.",
    "cn": "Chị tự làm, tự chụp ảnh và trả lời khách; Hội Phụ nữ {ward} giúp chị mở gian hàng này.",
}

GROUP_CARE = {
    "thuc-pham": "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp; đậy kín sau khi dùng.",
    "do-uong": "Bảo quản nơi thoáng mát; sau khi mở nắp nên giữ lạnh và dùng trong 7 ngày.",
    "thao-duoc": "Sản phẩm hỗ trợ sức khoẻ, không thay thế thuốc chữa bệnh; phụ nữ có thai hỏi ý kiến bác sĩ.",
    "vai-may-mac": "Giặt tay bằng nước lạnh với xà phòng dịu nhẹ, phơi trong bóng râm để giữ màu.",
    "luu-niem-trang-tri": "Mỗi sản phẩm làm thủ công nên màu sắc, vân và kích thước có thể khác ảnh một chút.",
    "du-lich-cong-dong": "Vui lòng đặt trước ít nhất 2 ngày; huỷ miễn phí trước 48 giờ.",
}

CLOSINGS = (
    "Đóng gói cẩn thận, giao hàng toàn quốc trong 2–5 ngày.",
    "Mỗi đơn hàng góp phần tạo việc làm ổn định cho chị em phụ nữ ở địa phương.",
    "Có hoá đơn và tem truy xuất nguồn gốc trên từng sản phẩm.",
    "Nhận làm quà tặng doanh nghiệp, in thiệp theo yêu cầu.",
    "Chị em trực tiếp làm ra, không qua trung gian.",
)


def producer_story(spec: ProducerSpec, *, province: str, ward: str) -> str:
    closing = KIND_CLOSINGS[spec.kind].format(province=province, ward=ward or province)
    return f"<p>{escape(spec.hook)}</p><p>{escape(closing)}</p>"


def product_name(template: ProductTemplate, place: str) -> str:
    return template.name.format(place=place)


def product_description(
    template: ProductTemplate, *, group_slug: str, producer_name: str, province: str, ward: str, rng: random.Random
) -> str:
    origin = f"{ward}, {province}" if ward else province
    return (
        f"<p>{escape(template.blurb)}</p>"
        f"<ul><li>Xuất xứ: {escape(origin)}</li>"
        f"<li>Cơ sở sản xuất: {escape(producer_name)}</li>"
        f"<li>{escape(GROUP_CARE[group_slug])}</li></ul>"
        f"<p>{escape(rng.choice(CLOSINGS))}</p>"
    )


def slug_for(name: str) -> str:
    return slugify(normalise(name))[:180]


def sku_stem(slug: str) -> str:
    """Readable and stable: initials of the product and a short hash of its slug ("NMPQ-F0ACF3")."""
    initials = "".join(word[0] for word in slug.split("-") if word)[:6].upper()
    digest = hashlib.sha1(slug.encode()).hexdigest()[:6].upper()
    return f"{initials}-{digest}"


def round_vnd(amount: float) -> int:
    return max(1000, int(round(amount / 1000)) * 1000)
