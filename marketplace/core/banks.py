"""Banks of the NAPAS network with their BIN (the 6 digits VietQR carries), most used first.

A maintained table: VietQR needs the BIN, buyers recognise the short name.
"""

NAPAS_BANKS: list[tuple[str, str, str]] = [
    ("970436", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    ("970415", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    ("970418", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    ("970405", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    ("970407", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    ("970422", "MB Bank", "Ngân hàng TMCP Quân đội"),
    ("970416", "ACB", "Ngân hàng TMCP Á Châu"),
    ("970432", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    ("970403", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    ("970423", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    ("970437", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh"),
    ("970443", "SHB", "Ngân hàng TMCP Sài Gòn – Hà Nội"),
    ("970441", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    ("970448", "OCB", "Ngân hàng TMCP Phương Đông"),
    ("970426", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    ("970440", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    ("970431", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    ("970449", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam"),
    ("970428", "Nam A Bank", "Ngân hàng TMCP Nam Á"),
    ("970409", "Bac A Bank", "Ngân hàng TMCP Bắc Á"),
    ("970412", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    ("970452", "KienlongBank", "Ngân hàng TMCP Kiên Long"),
    ("970425", "ABBANK", "Ngân hàng TMCP An Bình"),
    ("970427", "VietABank", "Ngân hàng TMCP Việt Á"),
    ("970438", "BaoViet Bank", "Ngân hàng TMCP Bảo Việt"),
    ("970400", "Saigonbank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    ("970419", "NCB", "Ngân hàng TMCP Quốc Dân"),
    ("970430", "PG Bank", "Ngân hàng TMCP Thịnh vượng và Phát triển"),
    ("970454", "Viet Capital Bank", "Ngân hàng TMCP Bản Việt"),
    ("970429", "SCB", "Ngân hàng TMCP Sài Gòn"),
    ("970433", "VietBank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    ("970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"),
    ("970439", "Public Bank", "Ngân hàng TNHH MTV Public Việt Nam"),
    ("970458", "UOB", "Ngân hàng TNHH MTV United Overseas Bank Việt Nam"),
    ("970424", "Shinhan Bank", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
]


def bank_choices() -> list[tuple[str, str]]:
    return [(bin_, f"{short} — {full}") for bin_, short, full in NAPAS_BANKS]


def bank_short_name(bin_: str) -> str:
    return next((short for code, short, _ in NAPAS_BANKS if code == bin_), "")
