"""/seller/products/<id>/stock/: add or remove stock of each variant, always with a reason."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.catalogue.services import CatalogueError, stock_adjust
from seller import selectors
from seller.access import seller_required
from seller.forms_products import StockForm


def _form_for(variant, data=None) -> StockForm:
    return StockForm(data, auto_id=f"v{variant.pk}_%s")


@seller_required
def stock_page(request, producer, product_id: int):
    product = selectors.own_product(producer, product_id)
    variants = list(product.variants.order_by("sort_order", "id"))
    forms = {variant.pk: _form_for(variant) for variant in variants}
    if request.method == "POST":
        variant_id = request.POST.get("variant", "")
        variant = get_object_or_404(product.variants, pk=variant_id) if variant_id.isdigit() else None
        if variant is None:
            messages.error(request, _("Hãy chọn phân loại cần đổi tồn kho."))
            return redirect("seller:product_stock", product_id=product.pk)
        form = forms[variant.pk] = _form_for(variant, request.POST)
        if form.is_valid():
            try:
                stock_adjust(variant=variant, delta=form.delta, reason=form.cleaned_data["reason"], by=request.user)
            except CatalogueError as error:
                form.add_error("quantity", error.message)
            else:
                messages.success(request, _("Đã cập nhật tồn kho “%(variant)s”: còn %(stock)s.")
                                 % {"variant": variant.name, "stock": variant.stock})
                return redirect("seller:product_stock", product_id=product.pk)
    return render(request, "seller/stock.html", {
        "producer": producer,
        "product": product,
        "rows": [(variant, forms[variant.pk]) for variant in variants],
        "history": selectors.stock_history(product),
    })
