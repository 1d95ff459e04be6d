"""A producer's logo and photos: every file goes through clean_photo (type by content, 40 MP cap,
EXIF rotation applied, metadata and GPS removed) before it becomes a Wagtail image."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.core.uploads import clean_photo
from producers.models import Producer, ProducerPhoto
from producers.services.errors import ProducerError

MAX_PRODUCER_PHOTOS = 10


def _image_from_upload(uploaded, *, title: str, stem: str, by):
    clean = clean_photo(uploaded, name_stem=stem)  # raises UploadRejected with a message for the seller
    image = get_image_model()(title=title[:255], uploaded_by_user=by if getattr(by, "pk", None) else None)
    image.file.save(clean.name, clean, save=False)
    image.save()
    return image


@transaction.atomic
def producer_logo_set(*, producer: Producer, uploaded, by) -> Producer:
    old = producer.logo
    producer.logo = _image_from_upload(uploaded, title=f"Logo {producer.name}", stem="logo", by=by)
    producer.save(update_fields=["logo", "updated_at"])
    if old is not None:
        old.delete()
    return producer


@transaction.atomic
def producer_photo_add(*, producer: Producer, uploaded, alt_text: str, by) -> ProducerPhoto:
    photos = ProducerPhoto.objects.filter(producer=producer)
    if photos.count() >= MAX_PRODUCER_PHOTOS:
        raise ProducerError(_("Mỗi nhà sản xuất có tối đa %(n)s ảnh.") % {"n": MAX_PRODUCER_PHOTOS})
    alt_text = (alt_text or producer.name).strip()[:200]
    image = _image_from_upload(uploaded, title=alt_text, stem=producer.slug[:60] or "anh", by=by)
    position = (photos.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    return ProducerPhoto.objects.create(producer=producer, image=image, alt_text=alt_text, sort_order=position)


@transaction.atomic
def producer_photos_describe(*, producer: Producer, alt_texts: dict[int, str]) -> None:
    """New alt texts for her photos (ids of other producers' photos are ignored)."""
    for photo in ProducerPhoto.objects.filter(producer=producer, pk__in=list(alt_texts)):
        photo.alt_text = alt_texts[photo.pk].strip()[:200]
        photo.save(update_fields=["alt_text"])


@transaction.atomic
def producer_photo_remove(*, producer: Producer, photo_id: int) -> None:
    photo = ProducerPhoto.objects.filter(producer=producer, pk=photo_id).select_related("image").first()
    if photo is None:
        raise ProducerError(_("Không tìm thấy ảnh này."))
    image = photo.image
    photo.delete()
    image.delete()
