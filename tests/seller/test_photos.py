"""Product photos from the phone: several at once, cleaned (upright, no EXIF, no GPS), ordered, described."""

import io
import struct
import zlib

import pytest
from PIL import ExifTags
from PIL import Image as PILImage

from marketplace.catalogue.models import ProductImage
from tests.factories_producers import upload


def photo_url(product) -> str:
    return f"/seller/products/{product.pk}/photos/"


def phone_jpeg(size=(120, 60)) -> bytes:
    """A landscape-stored JPEG whose EXIF says "rotate 90° clockwise" and where it was taken."""
    image = PILImage.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: the rotation is visible
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Điện thoại"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (21.0, 1.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (105.0, 51.0, 0.0),
    })
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says width × height: all a decompression bomb needs to be refused."""
    buffer = io.BytesIO()
    PILImage.new("1", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = bytes(data[12:16]) + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


def jpeg_with_corrupt_exif() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (50, 40), (10, 150, 10)).save(buffer, format="JPEG")
    body = buffer.getvalue()
    garbage = b"Exif\x00\x00" + b"II*\x00" + b"\xff\xff\xff\x7f" + b"\x00\x13" * 20  # IFD offset far past the end
    segment = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage
    return body[:2] + segment + body[2:]


def stored_pillow_image(photo: ProductImage) -> PILImage.Image:
    with photo.image.file.open("rb") as handle:
        image = PILImage.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_the_test_photo_really_carries_rotation_and_gps():
    exif = PILImage.open(io.BytesIO(phone_jpeg())).getexif()
    assert exif[ExifTags.Base.Orientation] == 6
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_a_phone_photo_is_stored_upright_without_exif_or_gps(seller_client, shop):
    from tests.seller.conftest import product_of

    product = product_of(shop)
    response = seller_client.post(photo_url(product), {"photos": [upload(phone_jpeg(), "IMG_0001.jpg", "image/jpeg")]})
    assert response.status_code == 302
    photo = product.images.get()
    stored = stored_pillow_image(photo)
    assert stored.size == (60, 120)  # turned upright
    assert stored.getpixel((30, 5))[2] > 150  # the blue half is now on top
    assert not stored.getexif()
    assert b"GPS" not in photo.image.file.open("rb").read()
    assert photo.alt_text == product.name


def test_several_photos_at_once_and_a_bad_one_does_not_lose_the_good_ones(seller_client, product):
    files = [
        upload(phone_jpeg(), "a.jpg"), upload(b"MZ\x90\x00" + b"\0" * 100, "virus.jpg"), upload(phone_jpeg(), "b.jpg"),
    ]
    response = seller_client.post(photo_url(product), {"photos": files})
    page = response.content.decode()
    assert response.status_code == 200
    assert "virus.jpg: Tệp này không phải ảnh hợp lệ hoặc đã bị hỏng." in page
    assert product.images.count() == 1 + 2  # the factory's photo and the two good ones


def test_a_20000_by_20000_png_is_refused_clearly(seller_client, product):
    bomb = png_claiming(20_000, 20_000)
    assert len(bomb) < 200
    response = seller_client.post(photo_url(product), {"photos": [upload(bomb, "to.png", "image/png")]})
    assert "to.png: Ảnh quá lớn (hơn 40 triệu điểm ảnh)." in response.content.decode()
    assert product.images.count() == 1


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_a_jpeg_with_corrupt_exif_is_accepted_without_its_exif(seller_client, product):
    # Decision: a broken EXIF block only loses its orientation hint; the picture itself is good.
    response = seller_client.post(photo_url(product), {"photos": [upload(jpeg_with_corrupt_exif(), "hong.jpg")]})
    assert response.status_code == 302
    photo = product.images.order_by("-sort_order").first()
    stored = stored_pillow_image(photo)
    assert stored.size == (50, 40) and not stored.getexif()


def test_an_svg_is_refused(seller_client, product):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = seller_client.post(photo_url(product), {"photos": [upload(svg, "logo.svg", "image/svg+xml")]})
    assert "không phải ảnh hợp lệ" in response.content.decode()
    assert product.images.count() == 1


def test_posting_no_photo_says_so(seller_client, product):
    response = seller_client.post(photo_url(product), {})
    assert "Hãy chụp hoặc chọn ít nhất một ảnh." in response.content.decode()


def test_the_eleventh_photo_is_refused(seller_client, product):
    files = [upload(phone_jpeg((30, 20)), f"{n}.jpg") for n in range(11)]
    response = seller_client.post(photo_url(product), {"photos": files})
    assert "Mỗi sản phẩm có tối đa 10 ảnh." in response.content.decode()
    assert product.images.count() == 10


def test_reorder_and_describe_photos(seller_client, product):
    seller_client.post(photo_url(product), {"photos": [upload(phone_jpeg(), "b.jpg"), upload(phone_jpeg(), "c.jpg")]})
    first, second, third = product.images.order_by("sort_order", "id")
    seller_client.post(f"/seller/products/{product.pk}/photos/arrange/", {
        f"position-{first.pk}": "3", f"position-{second.pk}": "abc", f"position-{third.pk}": "1",
        f"alt-{third.pk}": "Hũ mật ong trên bàn gỗ",
    })
    ordered = list(product.images.order_by("sort_order").values_list("pk", "alt_text"))
    assert [pk for pk, _alt in ordered] == [third.pk, first.pk, second.pk]
    assert ordered[0][1] == "Hũ mật ong trên bàn gỗ"


def test_remove_a_photo(seller_client, product):
    photo = product.images.get()
    seller_client.post(f"/seller/products/{product.pk}/photos/{photo.pk}/remove/")
    assert not product.images.exists()


def test_the_upload_form_opens_the_camera(seller_client, product):
    page = seller_client.get(photo_url(product)).content.decode()
    assert 'type="file" name="photos" accept="image/*" capture="environment" multiple' in page
