"""The demo's livestream calendar: sessions live now, coming up this week, ended with replays, and one cancelled.

Times are relative to when `seed_demo` runs, so the demo always has something live. A pin names a
product by a word of its name ("Nước mắm"); the host's (or co-host's) first product in stock whose
name holds it is pinned, else her next product in stock. The discount is in percent of the normal price.
"""

from typing import NamedTuple

LIVE, UPCOMING, ENDED, CANCELLED = "live", "upcoming", "ended", "cancelled"


class Pin(NamedTuple):
    keyword: str
    discount: int  # percent below the variant's price
    cap: int | None = None  # "20 suất" at the live price
    producer: str = ""  # a co-host's slug; "" is the host


class SessionSpec(NamedTuple):
    state: str
    host: str  # producer slug
    title: str
    platform: str
    stream_url: str
    description: str
    # LIVE: (minutes since it started, minutes until its end); others: (days from today, "HH:MM", minutes).
    when: tuple
    pins: tuple[Pin, ...] = ()
    co_hosts: tuple[str, ...] = ()
    featured: bool = False
    clicks: int = 0
    subscribers: int = 0
    orders: int = 0  # taken from comments during the session
    replay_url: str = ""
    cancel_reason: str = ""


SESSIONS: tuple[SessionSpec, ...] = (
    # --- live now -----------------------------------------------------------------------------------
    SessionSpec(
        LIVE, "htx-nuoc-mam-phu-nu-phu-quoc", "Nước mắm nhĩ Phú Quốc và đặc sản Châu Đốc – giá live tận nhà thùng",
        "youtube", "https://www.youtube.com/live/pQnuocMam01",
        "Chị Lan mở nắp thùng gỗ bời lời cho cả nhà xem chượp cá cơm sau mười hai tháng ủ, đo độ đạm ngay trên "
        "sóng. Chị Sáu ở Châu Đốc cùng live, giới thiệu mắm và quà quê miền Tây. Bình luận «chốt A1 x 2» để "
        "giữ giá live.",
        (15, 45),
        (Pin("Nước mắm", 15), Pin("Chả cá", 10), Pin("Mắm thái", 20, producer="dn-dac-san-chau-doc-ba-sau"),
         Pin("Đường thốt nốt", 12, producer="dn-dac-san-chau-doc-ba-sau")),
        co_hosts=("dn-dac-san-chau-doc-ba-sau",), featured=True, clicks=286, subscribers=4, orders=5,
    ),
    SessionSpec(
        LIVE, "htx-gom-su-phu-nu-bat-trang", "Vẽ men lam trực tiếp – săn ấm chén Bát Tràng giá live",
        "tiktok", "https://www.tiktok.com/@gomsuphunubattrang/live",
        "Các chị vẽ tay men lam lên bộ ấm chén ngay trước ống kính, kể chuyện lò gốm năm trăm tuổi. Bộ ấm "
        "chén giá live chỉ có 20 suất, ai chốt trước được trước.",
        (12, 55),
        (Pin("men lam", 20, cap=20), Pin("Bình hoa", 15), Pin("Đĩa gốm", 10)),
        clicks=173, subscribers=3, orders=4,
    ),
    # --- coming up this week ------------------------------------------------------------------------
    SessionSpec(
        UPCOMING, "htx-che-shan-tuyet-quan-ba", "Chè Shan tuyết cổ thụ Hà Giang – hái búp, sao chảo gang",
        "facebook", "https://www.facebook.com/chesantuyetquanba/videos/1029384756102938",
        "Live từ nương chè trên núi đá Quản Bạ: các chị người Dao hái búp, sao chè trên chảo gang và pha mời "
        "khách. Giá live cho trà Shan tuyết và hồng trà trong suốt buổi.",
        (1, "20:00", 60), (Pin("Shan tuyết", 15), Pin("Hồng trà", 12), Pin("bạc hà", 10)),
        featured=True, clicks=34, subscribers=5,
    ),
    SessionSpec(
        UPCOMING, "htx-ong-mat-u-minh-ha", "Mật ong rừng U Minh: phân biệt mật thật, mật pha",
        "zalo", "https://zalo.me/g/ongmatuminhha",
        "Chị em gác kèo ong chỉ cách thử mật ngay tại nhà, kể chuyện mùa hoa tràm. Mật ong rừng và mật hoa "
        "tràm có giá live.",
        (2, "19:30", 60), (Pin("Mật ong rừng", 18), Pin("hoa tràm", 15)),
        clicks=12, subscribers=2,
    ),
    SessionSpec(
        UPCOMING, "tht-det-tho-cam-phong-tho", "Khăn thổ cẩm Dao đỏ – dệt, thêu, nhuộm chàm",
        "tiktok", "https://www.tiktok.com/@thocamphongtho/live",
        "Hai mươi chị em Dao đỏ và Thái ở Phong Thổ live từ khung dệt: từng hoa văn có tên, có chuyện. "
        "Khăn thổ cẩm giá live có 15 suất.",
        (3, "20:30", 60), (Pin("Khăn thổ cẩm", 20, cap=15), Pin("Túi đeo chéo", 15), Pin("Ví cầm tay", 10)),
        featured=True, clicks=27, subscribers=4,
    ),
    SessionSpec(
        UPCOMING, "htx-ca-phe-phu-nu-buon-ma-thuot", "Rang mộc cà phê tại buôn Ê Đê",
        "youtube", "https://www.youtube.com/watch?v=cFebmtRang7",
        "Từ vườn cà phê xen bơ đến chảo rang củi: các chị Ê Đê rang mẻ mới và pha phin cho cả nhà xem màu "
        "hạt, nghe mùi thơm.",
        (4, "19:30", 75), (Pin("rang mộc", 12), Pin("phin giấy", 10)),
        clicks=9, subscribers=1,
    ),
    SessionSpec(
        UPCOMING, "hkd-lua-van-phuc-ba-hang", "Áo dài lụa Vạn Phúc – thử màu cùng Bà Hằng",
        "facebook", "https://www.facebook.com/luavanphucbahang/videos/2038475610293847",
        "Ba thế hệ phụ nữ nhà Bà Hằng mặc thử áo dài lụa tơ tằm, chỉ cách chọn màu, chọn khổ vải và giữ lụa "
        "bền đẹp.",
        (5, "20:00", 60),
        clicks=5,
    ),
    SessionSpec(
        UPCOMING, "htx-atiso-phu-nu-da-lat", "Vào xưởng nấu cao atiso Đà Lạt",
        "zalo", "https://zalo.me/g/atisophunudalat",
        "Chị em mở cửa xưởng nhỏ đạt chuẩn: sấy hoa, nấu cao atiso và đóng hũ. Cao atiso và siro dâu tằm "
        "có giá live.",
        (6, "19:30", 60), (Pin("Cao atiso", 15), Pin("Siro dâu tằm", 10)),
        clicks=3, subscribers=1,
    ),
    # --- ended, with replays ------------------------------------------------------------------------
    SessionSpec(
        ENDED, "tht-keo-dua-phu-nu-ben-tre", "Kẹo dừa, mứt dừa Bến Tre – quà quê chốt đơn",
        "facebook", "https://www.facebook.com/keoduaphunubentre/videos/3047586910293845",
        "Mười lăm chị em nấu kẹo, sên mứt dừa và đan giỏ bẹ dừa ngay trong vườn.",
        (-2, "20:00", 75), (Pin("Kẹo dừa", 15), Pin("Giỏ đan", 12), Pin("Mứt dừa", 20, cap=30)),
        clicks=642, subscribers=3, orders=8,
        replay_url="https://www.facebook.com/keoduaphunubentre/videos/3047586910293999",
    ),
    SessionSpec(
        ENDED, "htx-che-phu-nu-tan-cuong", "Pha trà ô long Tân Cương cùng chị em",
        "youtube", "https://www.youtube.com/live/tanCuongOl01",
        "Cách pha trà ô long ba nước, chuyện chuyển sang làm chè an toàn từ năm 2015.",
        (-5, "19:30", 60), (Pin("ô long", 15),),
        clicks=418, subscribers=2, orders=5,
        replay_url="https://www.youtube.com/watch?v=tanCuongOl01",
    ),
    SessionSpec(
        ENDED, "htx-toi-phu-nu-ly-son", "Hàng đảo Lý Sơn về: tỏi, đậu phộng đỏ, mực một nắng",
        "tiktok", "https://www.tiktok.com/@toiphunulyson/live",
        "Chị em vun cát biển trồng tỏi, phơi mực một nắng ngay trên đảo.",
        (-9, "20:30", 60), (Pin("Tỏi", 15), Pin("Đậu phộng", 12), Pin("Mực", 18)),
        clicks=1175, subscribers=4, orders=9,
        replay_url="https://www.tiktok.com/@toiphunulyson/video/7412345678901234567",
    ),
    SessionSpec(
        ENDED, "htx-ho-tieu-phu-nu-chu-se", "Hồ tiêu Chư Sê – tiêu đen, tiêu đỏ, tiêu sọ",
        "facebook", "https://www.facebook.com/hotieuchuse/videos/4058697120394856",
        "Chị em Jrai hái tiêu chín từng chùm, phơi và chọn hạt ngay trên sóng.",
        (-14, "20:00", 90), (Pin("Tiêu", 15), Pin("Mật ong", 10)),
        clicks=530, subscribers=2, orders=6,
        replay_url="https://www.facebook.com/hotieuchuse/videos/4058697120394999",
    ),
    SessionSpec(
        ENDED, "hkd-kho-ca-nam-can-co-tu", "Khô cá Năm Căn phơi giàn tre – chốt đơn cùng Cô Tư",
        "zalo", "https://zalo.me/g/khocanamcancotu",
        "Cô Tư và chị em trong xóm lật cá trên giàn tre ven sông, chỉ cách nướng khô cá dứa cho thơm.",
        (-19, "19:30", 60), (Pin("Khô cá dứa", 15), Pin("Nước mắm", 10)),
        clicks=356, subscribers=2, orders=5,
        replay_url="https://zalo.me/g/khocanamcancotu/xem-lai",
    ),
    # --- cancelled ----------------------------------------------------------------------------------
    SessionSpec(
        CANCELLED, "htx-thao-duoc-nguoi-dao-sa-pa", "Lá tắm người Dao đỏ – bài thuốc của bà",
        "facebook", "https://www.facebook.com/thaoduocdaodosapa/videos/5069708130495867",
        "Các chị người Dao đỏ hái lá, nấu nước tắm theo bài thuốc của bà.",
        (2, "20:00", 60),
        clicks=8, subscribers=2,
        cancel_reason="Mưa lớn làm sạt đường lên bản, mất sóng điện thoại. Chị em xin hẹn lại vào tuần sau, "
                      "mong cả nhà thông cảm.",
    ),
)

# Who comments "chốt đơn": (name, mobile, province code, street).
BUYERS = (
    ("Nguyễn Thị Thu Hà", "0912 408 215", 1, "Số 12 ngõ 45 Nguyễn Chí Thanh"),
    ("Trần Minh Châu", "0903 771 642", 79, "88/3 Lê Văn Sỹ"),
    ("Lê Thị Hồng Nhung", "0988 235 117", 48, "Tổ 7, đường Hoàng Diệu"),
    ("Phạm Thu Trang", "0355 902 384", 31, "Số 5 Lạch Tray"),
    ("Võ Thị Kim Yến", "0778 614 290", 92, "Hẻm 51 đường 30 Tháng 4"),
    ("Đặng Thị Mỹ Linh", "0932 118 506", 56, "21 Trần Phú"),
    ("Hoàng Thị Lan Anh", "0868 440 713", 40, "Xóm 3, đường Lê Lợi"),
    ("Bùi Thị Ngọc Ánh", "0397 205 861", 1, "Tầng 4, số 27 Trần Duy Hưng"),
    ("Ngô Thị Phương", "0911 563 027", 75, "Ấp 2, đường Đồng Khởi"),
    ("Huỳnh Thị Bích", "0834 790 152", 86, "Số 9 Nguyễn Đình Chiểu"),
    ("Đỗ Thị Quỳnh", "0976 381 449", 24, "Khu phố 4, Lý Thái Tổ"),
    ("Trương Thị Diễm", "0707 256 938", 82, "Số 14 Hùng Vương"),
)
NOTES = ("", "", "Gọi trước khi giao", "Giao giờ hành chính", "", "Để ở phòng bảo vệ", "")
CARRIERS = ("Giao hàng tiết kiệm", "Viettel Post", "VNPost", "J&T Express")
SUBSCRIBER_EMAIL = "khach.demo{n}@example.vn"
