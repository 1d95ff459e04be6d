"""/seller/products/: her products; create and edit with variants, hide, delete, preview."""

import secrets

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.catalogue import selectors as catalogue_selectors
from marketplace.catalogue.models import Product, ProductVariant
from marketplace.catalogue.services import (
    MAX_PHOTOS,
    CatalogueError,
    product_photo_add,
    product_save,
    product_set_status,
    product_soft_delete,
    stock_adjust,
)
from marketplace.core.uploads import UploadRejected
from seller import selectors
from seller.access import seller_required
from seller.forms_products import SOLD_VARIANT, ProductForm, variant_formset


class PhotoRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def _save_product(request, form, formset, photos, *, creating: bool) -> Product:
    product = form.save(commit=False)
    new_status = product.status
    if not creating:
        product.status = form.initial["status"]  # a change of status goes through product_set_status below
    product = product_save(product=product, by=request.user)
    if not creating and new_status != product.status:
        product = product_set_status(product=product, by=request.user, status=new_status)
    formset.instance = product
    variants = formset.save(commit=False)
    for variant in formset.deleted_objects:
        try:
            with transaction.atomic():
                variant.delete()
        except ProtectedError:  # ordered between the form's check and now
            raise CatalogueError(SOLD_VARIANT % {"names": variant.name}) from None
    next_position = (product.variants.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0) + 1
    for variant in variants:
        opening_stock = variant.stock if variant.pk is None else 0
        if variant.pk is None:
            variant.stock = 0  # opening stock is recorded as an adjustment, so the history starts right
            variant.sort_order, next_position = next_position, next_position + 1
        variant.sku = variant.sku or _new_sku(product)
        variant.save()
        if opening_stock:
            stock_adjust(variant=variant, delta=opening_stock, reason=_("Tồn kho ban đầu"), by=request.user)
    for upload in photos:  # one bad photo undoes the whole save: she sees the form again, nothing half-done
        try:
            product_photo_add(product=product, uploaded=upload, alt_text="", by=request.user)
        except (UploadRejected, CatalogueError) as error:
            raise PhotoRejected(f"{upload.name}: {error.message}") from None
    product.refresh_summary()
    return product


def _new_sku(product: Product) -> str:
    while True:
        sku = f"CPN-{product.pk}-{secrets.token_hex(3).upper()}"
        if not ProductVariant.objects.filter(sku=sku).exists():
            return sku


def _product_form_page(request, producer, *, product: Product | None):
    creating = product is None
    instance = product or Product(producer=producer)
    formset_class = variant_formset(extra=1)
    photo_error = ""
    if request.method == "POST":
        form = ProductForm(request.POST, instance=instance)
        formset = formset_class(request.POST, instance=instance, prefix="variants")
        photos = [upload for upload in request.FILES.getlist("photos") if upload]
        room = MAX_PHOTOS - (product.images.count() if product else 0)
        if len(photos) > room:
            photo_error = _("Mỗi sản phẩm có tối đa %(n)s ảnh; hãy chọn bớt ảnh.") % {"n": MAX_PHOTOS}
        if form.is_valid() and formset.is_valid() and not photo_error:
            try:
                saved = _save_product(request, form, formset, photos, creating=creating)
            except (CatalogueError, PhotoRejected) as error:
                # The rolled-back save left ids of rows that no longer exist on the objects: show the
                # form again from what she sent, on objects fresh from the database.
                instance = Product(producer=producer) if creating else selectors.own_product(producer, product.pk)
                form = ProductForm(request.POST, instance=instance)
                formset = formset_class(request.POST, instance=instance, prefix="variants")
                form.full_clean()
                formset.full_clean()
                if isinstance(error, PhotoRejected):
                    photo_error = error.message
                else:
                    form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lưu sản phẩm “%(name)s”.") % {"name": saved.name})
                if creating and not photos:  # a product without a photo hardly sells: the photo page next
                    return redirect("seller:product_photos", product_id=saved.pk)
                return redirect(f"{reverse('seller:products')}#product-{saved.pk}")
        if photos and not photo_error:  # a browser never fills a file box again: say so, rather than lose them
            photo_error = _("Ảnh chưa được lưu vì còn chỗ cần sửa. Sửa xong, hãy chọn lại ảnh rồi bấm Lưu.")
    else:
        form = ProductForm(instance=instance)
        formset = formset_class(instance=instance, prefix="variants")
    return render(request, "seller/product_form.html", {
        "producer": producer, "product": product, "form": form, "formset": formset, "creating": creating,
        "photo_error": photo_error, "more_open": _more_has_errors(form, formset),
        "photo_count": product.images.count() if product else 0, "max_photos": MAX_PHOTOS,
    })


FIRST_STEP_FIELDS = {"__all__", "name", "category", "price", "stock"}


def _more_has_errors(form, formset) -> bool:
    """The folded part opens by itself when something in it needs correcting."""
    if not form.is_bound:
        return False
    if any(name not in FIRST_STEP_FIELDS for name in form.errors) or formset.non_form_errors():
        return True
    return any(index or any(name not in FIRST_STEP_FIELDS for name in variant.errors)
               for index, variant in enumerate(formset.forms) if variant.errors)


@seller_required
def product_list(request, producer):
    return render(request, "seller/product_list.html", {
        "producer": producer,
        "products": selectors.seller_products_listed(producer),
    })


@seller_required
def product_create(request, producer):
    return _product_form_page(request, producer, product=None)


@seller_required
def product_edit(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    return _product_form_page(request, producer, product=product)


@seller_required
def product_status(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    if request.method == "POST":
        status = request.POST.get("status", "")
        try:
            product_set_status(product=product, by=request.user, status=status)
        except CatalogueError as error:
            messages.error(request, error.message)
        else:
            notes = {
                Product.Status.HIDDEN: _("Đã ẩn “%(name)s”. Người mua không thấy sản phẩm này nữa."),
                Product.Status.PUBLISHED: _("Đã đăng bán “%(name)s”."),
                Product.Status.DRAFT: _("Đã chuyển “%(name)s” về bản nháp."),
            }
            messages.success(request, notes[status] % {"name": product.name})
            if status == Product.Status.PUBLISHED and product.staff_hidden:
                messages.warning(request, _("Sản phẩm vẫn đang bị Hội ẩn: %(reason)s")
                                 % {"reason": product.staff_hidden_reason})
    if request.POST.get("next") == "edit":
        return redirect("seller:product_edit", product_id=product.pk)
    return redirect("seller:products")


@seller_required
def product_delete(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    if request.method == "POST":
        product_soft_delete(product=product, by=request.user)
        messages.success(request, _("Đã xoá “%(name)s”.") % {"name": product.name})
        return redirect("seller:products")
    return render(request, "seller/product_delete.html", {"producer": producer, "product": product})


@seller_required
def product_preview(request, producer, product_id: int):
    """The storefront page of her own product, whatever its state, under a "Xem trước" banner."""
    product = selectors.product_for_preview(producer, product_id)
    return render(request, "seller/product_preview.html", {
        "product": product,
        "breadcrumbs": catalogue_selectors.category_breadcrumbs(product.category),
        "related": [],
        "visible_to_buyers": catalogue_selectors.products_visible().filter(pk=product.pk).exists(),
    })
