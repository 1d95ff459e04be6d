"""Verification documents and certificate scans that are pictures are cleaned as product photos are: no GPS or
camera data, orientation applied, no picture over 40 megapixels. PDFs are kept exactly as uploaded."""

import io

from PIL import ExifTags, Image

from producers.models import OcopCertificate, VerificationDocument
from tests.core.test_uploads import _phone_photo_exif, _png_claiming
from tests.factories_producers import PDF_BYTES, image_bytes, upload
from tests.seller.test_ocop_declare import _form

UPLOAD = "/seller/verification/documents/"


def stored_image(field_file) -> Image.Image:
    with field_file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_a_photo_of_a_paper_loses_its_gps_and_camera_data_and_stands_upright(seller_client, shop):
    photo = image_bytes("JPEG", size=(40, 20), exif=_phone_photo_exif(orientation=6), comment="21.03N 105.85E")

    seller_client.post(UPLOAD, {"kind": "id", "file": upload(photo, "cccd.jpg")})

    document = VerificationDocument.objects.get(producer=shop)
    picture = stored_image(document.file)
    assert len(picture.getexif()) == 0 and "comment" not in picture.info
    assert picture.size == (20, 40)  # the orientation was applied, then dropped
    assert document.content_type == "image/jpeg" and document.size == document.file.size
    assert document.original_name == "cccd.jpg"


def test_a_20000_by_20000_png_is_refused_and_nothing_is_stored(seller_client, shop):
    response = seller_client.post(UPLOAD, {"kind": "id", "file": upload(_png_claiming(20_000, 20_000), "to.png")})

    assert "Ảnh quá lớn (hơn 40 triệu điểm ảnh)." in response.content.decode()
    assert not VerificationDocument.objects.filter(producer=shop).exists()


def test_a_pdf_is_stored_byte_for_byte(seller_client, shop):
    seller_client.post(UPLOAD, {"kind": "registration", "file": upload(PDF_BYTES, "dang-ky.pdf")})

    document = VerificationDocument.objects.get(producer=shop)
    with document.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    assert document.content_type == "application/pdf"


def test_a_certificate_scan_is_cleaned_too(seller_client, shop, product):
    photo = image_bytes("JPEG", size=(30, 30), exif=_phone_photo_exif(orientation=1))
    seller_client.post("/seller/certificates/new/", _form(products=[product.pk], scan=upload(photo, "chung-nhan.jpg")))

    certificate = OcopCertificate.objects.get(producer=shop)
    picture = stored_image(certificate.scan)
    assert len(picture.getexif()) == 0
    assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
