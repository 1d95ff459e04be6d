"""/seller/products/<id>/photos/: photos from the phone camera, several at once; order and alt text."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.catalogue.models import ProductImage
from marketplace.catalogue.services import (
    MAX_PHOTOS,
    CatalogueError,
    product_photo_add,
    product_photo_remove,
    product_photos_arrange,
)
from marketplace.core.uploads import UploadRejected
from seller import selectors
from seller.access import own, seller_required


def _numbered_fields(data, prefix: str) -> dict[int, str]:
    """{photo id: value} from fields named "<prefix><id>"; anything else is ignored."""
    return {int(key[len(prefix):]): value for key, value in data.items()
            if key.startswith(prefix) and key[len(prefix):].isdigit()}


@seller_required
def photo_page(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    failures: list[tuple[str, str]] = []
    if request.method == "POST":
        uploads = [upload for upload in request.FILES.getlist("photos") if upload]
        if not uploads:
            failures.append(("", _("Hãy chụp hoặc chọn ít nhất một ảnh.")))
        saved = 0
        for upload in uploads:  # each photo on its own: a bad one does not lose the good ones
            try:
                product_photo_add(product=product, uploaded=upload, alt_text="", by=request.user)
                saved += 1
            except (UploadRejected, CatalogueError) as error:
                failures.append((upload.name, error.message))
        if saved:
            messages.success(request, _("Đã thêm %(n)s ảnh.") % {"n": saved})
        if not failures:
            return redirect("seller:product_photos", product_id=product.pk)
    return render(request, "seller/photos.html", {
        "producer": producer,
        "product": product,
        "photos": product.images.select_related("image").order_by("sort_order", "id"),
        "failures": failures,
        "max_photos": MAX_PHOTOS,
    })


@seller_required
def photos_arrange(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    if request.method == "POST":
        positions = {}
        for photo_id, raw in _numbered_fields(request.POST, "position-").items():
            try:
                positions[photo_id] = int(raw)
            except ValueError:
                positions[photo_id] = 10_000  # an unreadable number sends the photo to the end
        current = list(product.images.order_by("sort_order", "id").values_list("pk", flat=True))
        rank = {photo_id: index for index, photo_id in enumerate(current)}
        order = sorted(positions, key=lambda photo_id: (positions[photo_id], rank.get(photo_id, len(rank))))
        product_photos_arrange(product=product, order=order, alt_texts=_numbered_fields(request.POST, "alt-"))
        messages.success(request, _("Đã lưu thứ tự và mô tả ảnh."))
    return redirect("seller:product_photos", product_id=product.pk)


@seller_required
def photo_remove(request, producer, product_id: int, photo_id: int):
    product = selectors.own_product(producer, product_id)
    photo = own(ProductImage.objects, "product__producer", producer, pk=photo_id, product=product)
    if request.method == "POST":
        product_photo_remove(product=product, photo_id=photo.pk)
        messages.success(request, _("Đã xoá ảnh."))
    return redirect("seller:product_photos", product_id=product.pk)
