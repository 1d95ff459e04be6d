"""Producers who have just signed up and wait for the union's answer, so the staff have a queue.

Kept apart from PRODUCERS and planned with a generator of their own: adding them leaves the
products planned for PRODUCERS (and so an already seeded database) exactly as they were. They
have no products yet; Hà Nội and An Giang each get some, for the demo officers of those provinces.
"""

from marketplace.demo.types import ProducerSpec as P

APPLICANTS = [
    P("hkd-gom-men-lam-co-thuy", "Hộ kinh doanh Gốm men lam Cô Thuý", "hkd", 1, "Bát Tràng", "Bát Tràng",
      ("gom",),
      "Cô Thuý vẽ men lam trên từng chiếc bát, chiếc đĩa và muốn đưa gốm của gia đình lên sàn.", False),
    P("tht-non-la-lang-chuong", "Tổ hợp tác Nón lá làng Chuông", "tht", 1, "Thanh Oai", "làng Chuông",
      ("non-la", "tranh-theu"),
      "Mười chị em làng Chuông chuốt vành, khâu nón bằng lá cọ phơi sương, mỗi chiếc nón mất cả ngày.", False),
    P("htx-duong-thot-not-tri-ton", "HTX Đường thốt nốt Phụ nữ Tri Tôn", "htx", 91, "Tri Tôn", "Tri Tôn",
      ("thot-not",),
      "Chị em người Khmer hứng nước thốt nốt từ sáng sớm và nấu đường trong chảo gang dưới chân núi Cô Tô.",
      False),
    P("tht-lua-my-a-tan-chau", "Tổ hợp tác Lãnh Mỹ A Tân Châu", "tht", 91, "Tân Châu", "Tân Châu",
      ("lua",),
      "Các chị giữ nghề dệt lãnh Mỹ A đen bóng, nhuộm bằng trái mặc nưa theo cách của các bà.", False),
]

# The applicant whose papers the union sent back, and why (the seller reads it on /seller/).
CHANGES_REQUESTED = {
    "tht-non-la-lang-chuong": (
        "Ảnh căn cước của người đại diện bị mờ, không đọc được số. Chị chụp lại mặt trước rõ nét "
        "và tải lên giúp Hội nhé."
    ),
}
