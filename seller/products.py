"""/seller/products/: her products; create and edit with variants, hide, delete, preview."""

import secrets

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.catalogue import selectors as catalogue_selectors
from marketplace.catalogue.models import Product, ProductVariant
from marketplace.catalogue.services import (
    CatalogueError,
    product_save,
    product_set_status,
    product_soft_delete,
    stock_adjust,
)
from seller import selectors
from seller.access import seller_required
from seller.forms_products import SOLD_VARIANT, ProductForm, variant_formset


@transaction.atomic
def _save_product(request, form, formset, *, creating: bool) -> Product:
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
    if request.method == "POST":
        form = ProductForm(request.POST, instance=instance)
        formset = formset_class(request.POST, instance=instance, prefix="variants")
        if form.is_valid() and formset.is_valid():
            try:
                saved = _save_product(request, form, formset, creating=creating)
            except CatalogueError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Đã lưu sản phẩm “%(name)s”.") % {"name": saved.name})
                if creating:
                    return redirect("seller:product_photos", product_id=saved.pk)
                return redirect("seller:products")
    else:
        form = ProductForm(instance=instance)
        formset = formset_class(instance=instance, prefix="variants")
    return render(request, "seller/product_form.html", {
        "producer": producer, "product": product, "form": form, "formset": formset, "creating": creating,
    })


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
