"""The OCOP product groups (Decision 148/QĐ-TTg, 2023) and their sub-groups: slug, Vietnamese, English."""

OCOP_GROUPS = [
    ("thuc-pham", "Thực phẩm", "Food", [
        ("nong-san-tuoi", "Nông sản tươi sống", "Fresh produce"),
        ("nong-san-so-che", "Nông sản sơ chế", "Minimally processed produce"),
        ("thuc-pham-che-bien", "Thực phẩm chế biến", "Processed food"),
        ("gia-vi", "Gia vị, nước mắm, tương", "Spices, fish sauce and condiments"),
        ("che-tra", "Chè, trà", "Tea"),
        ("ca-phe-ca-cao", "Cà phê, ca cao", "Coffee and cocoa"),
        ("mat-ong", "Mật ong và sản phẩm từ mật ong", "Honey and honey products"),
    ]),
    ("do-uong", "Đồ uống", "Drinks", [
        ("do-uong-co-con", "Đồ uống có cồn", "Alcoholic drinks"),
        ("do-uong-khong-con", "Đồ uống không cồn", "Soft drinks and juices"),
    ]),
    ("thao-duoc", "Thảo dược", "Herbs and medicinal plants", [
        ("san-pham-duoc-lieu", "Sản phẩm từ dược liệu", "Herbal remedies"),
        ("my-pham-thao-duoc", "Mỹ phẩm từ thảo dược", "Herbal cosmetics"),
        ("tra-duoc-lieu", "Trà dược liệu", "Herbal teas"),
    ]),
    ("vai-may-mac", "Vải và may mặc", "Fabrics and garments", [
        ("tho-cam", "Thổ cẩm, dệt thủ công", "Brocade and hand weaving"),
        ("lua-to-tam", "Lụa, tơ tằm", "Silk"),
        ("quan-ao-phu-kien", "Quần áo, phụ kiện", "Clothing and accessories"),
    ]),
    ("luu-niem-trang-tri", "Lưu niệm, nội thất, trang trí", "Souvenirs, furniture and decoration", [
        ("may-tre-dan", "Mây tre đan, cói", "Bamboo, rattan and sedge"),
        ("gom-su", "Gốm sứ", "Ceramics"),
        ("do-go", "Đồ gỗ mỹ nghệ", "Wooden crafts"),
        ("thu-cong-my-nghe", "Thủ công mỹ nghệ khác", "Other handicrafts"),
    ]),
    ("du-lich-cong-dong", "Dịch vụ du lịch cộng đồng", "Community tourism services", [
        ("homestay", "Lưu trú homestay", "Homestays"),
        ("trai-nghiem", "Trải nghiệm làng nghề, nông trại", "Craft village and farm experiences"),
    ]),
]
