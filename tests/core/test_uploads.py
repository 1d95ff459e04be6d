"""clean_photo: what a seller uploads comes out upright, metadata-free, or refused with a clear message."""

import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms

from marketplace.core.uploads import UploadRejected, clean_photo
from tests.factories_producers import SVG_BYTES, image_bytes, upload

NOT_AN_IMAGE = "Tệp này không phải ảnh hợp lệ hoặc đã bị hỏng."
WRONG_FORMAT = "Chỉ nhận ảnh JPEG, PNG hoặc WebP."
TOO_LARGE = "Ảnh quá lớn (hơn 40 triệu điểm ảnh)."


def _open(clean) -> Image.Image:
    return Image.open(io.BytesIO(clean.read()))


def _phone_photo_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Samsung"
    exif[ExifTags.Base.Model] = "Galaxy A15"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 42.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 51.0, 12.0)
    return exif


def _noise_jpeg(size=(200, 200), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, format="JPEG", **save_options)
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: Pillow judges the size before decoding anything."""
    png = bytearray(image_bytes("PNG", size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(png[24:29])
    png[16:33] = ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(png)


def _with_app1(jpeg: bytes, payload: bytes) -> bytes:
    """Insert an APP1 segment right after the JPEG's start-of-image marker."""
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def test_exif_orientation_is_applied():
    content = image_bytes("JPEG", size=(40, 20), exif=_phone_photo_exif(orientation=6))
    assert Image.open(io.BytesIO(content)).getexif()[ExifTags.Base.Orientation] == 6

    photo = _open(clean_photo(upload(content, "IMG_0001.JPG")))

    assert photo.size == (20, 40)
    assert photo.format == "JPEG"


def test_gps_and_all_exif_are_removed():
    content = image_bytes("JPEG", size=(40, 20), exif=_phone_photo_exif(orientation=1), comment="21.03N 105.85E")
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    clean = clean_photo(upload(content, "IMG_0002.JPG"), name_stem="mat-ong")
    photo = _open(clean)

    assert clean.name == "mat-ong.jpg"
    assert "exif" not in photo.info
    assert len(photo.getexif()) == 0
    assert "comment" not in photo.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_lose_their_exif_too(fmt):
    content = image_bytes(fmt, size=(30, 10), exif=_phone_photo_exif(orientation=8))

    photo = _open(clean_photo(upload(content, "anh")))

    assert photo.size == (10, 30)
    assert photo.format == fmt
    assert len(photo.getexif()) == 0


def test_a_png_with_transparency_keeps_it():
    content = image_bytes("PNG", size=(8, 8), mode="RGBA", color=(176, 18, 79, 0))

    clean = clean_photo(upload(content, "logo.png"))
    photo = _open(clean)

    assert clean.name.endswith(".png")
    assert photo.mode == "RGBA"
    assert photo.getpixel((0, 0))[3] == 0


def test_the_colour_profile_is_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = image_bytes("JPEG", icc_profile=profile, comment="máy ảnh của chị Lan")

    photo = _open(clean_photo(upload(content)))

    assert photo.info["icc_profile"] == profile
    assert "comment" not in photo.info


def test_a_cmyk_jpeg_becomes_rgb():
    content = image_bytes("JPEG", mode="CMYK", color=(0, 255, 255, 0))

    assert _open(clean_photo(upload(content))).mode == "RGB"


def test_a_multi_picture_jpeg_from_a_phone_camera_is_accepted_as_jpeg():
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (40, 20), (200, 0, 0)), Image.new("RGB", (40, 20), (0, 200, 0))
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    clean = clean_photo(upload(buffer.getvalue(), "IMG_0003.JPG"))

    assert clean.name.endswith(".jpg")
    assert _open(clean).format == "JPEG"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SVG_BYTES, NOT_AN_IMAGE),
        (b"Xin chao, day khong phai anh.", NOT_AN_IMAGE),
        (b"%PDF-1.4\n%%EOF\n", NOT_AN_IMAGE),
        (image_bytes("GIF"), WRONG_FORMAT),
        (image_bytes("BMP"), WRONG_FORMAT),
        (image_bytes("TIFF"), WRONG_FORMAT),
        (b"", "Tệp trống."),
        (b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), "Tệp lớn hơn 10 MB. Hãy chụp lại với độ phân giải thấp hơn."),
    ],
)
def test_files_that_are_not_photos_we_take_are_refused(content, message):
    with pytest.raises(UploadRejected) as error:
        clean_photo(upload(content, "anh.jpg"))

    assert error.value.message == message


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (10_000, 10_000), (8_000, 5_001)])
def test_images_over_40_megapixels_are_refused_without_decoding_them(width, height):
    content = _png_claiming(width, height)
    assert len(content) < 200

    with pytest.raises(UploadRejected) as error:
        clean_photo(upload(content, "bom.png"))

    assert "quá lớn" in error.value.message
    assert error.value.message == TOO_LARGE


def test_a_truncated_jpeg_is_refused_clearly():
    content = _noise_jpeg()

    with pytest.raises(UploadRejected) as error:
        clean_photo(upload(content[: len(content) // 2], "hong.jpg"))

    assert error.value.message == NOT_AN_IMAGE


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data", "ignore:Tag data larger than file")
@pytest.mark.parametrize(
    "exif_payload",
    [
        b"Exif\x00\x00" + b"\x00" * 40,
        b"Exif\x00\x00II*\x00\xff\xff\xff\x7f" + b"\x00" * 8,
        b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x05\x01\x12\x00\x03\x00\x00\x00\x01\x00",
        b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\xff\xff\xff\x0f\x00\x00\x00\x00",
        b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x01\x00\x69\x87\x04\x00\x01\x00\x00\x00\xf0\xff\xff\xff",
    ],
    ids=["zeros", "bad-offset", "truncated-entry", "huge-count", "sub-ifd-out-of-range"],
)
def test_a_jpeg_with_corrupt_exif_is_accepted_and_stripped(exif_payload):
    content = _with_app1(_noise_jpeg((40, 20)), exif_payload)

    photo = _open(clean_photo(upload(content, "exif-hong.jpg")))

    assert photo.size == (40, 20)
    assert "exif" not in photo.info
