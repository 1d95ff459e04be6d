from functools import partial

from django import forms as django_forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalogue import selectors
from marketplace.catalogue.models import Product
from marketplace.catalogue.stock_alerts import StockAlertError, stock_alert_subscribe
from marketplace.core.page_cache import cached_for_visitors, live_part
from marketplace.core.views import Http404ForVisitor
from producers.models import Producer


@cached_for_visitors
def product_list(request):
    listing = selectors.product_list(params=request.GET, page_number=request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "catalogue/product_list.html",
        {"listing": listing, "page_obj": listing.page, "query_without_page": query_without_page.urlencode()},
    )


STOCK_PART = live_part("stock")


def _live_stock(request, body: bytes, slug: str) -> bytes:
    """A kept product page with the stock of now: orders change it far more often than anything else on it."""
    part = STOCK_PART.search(body)
    product = selectors.product_for_buying(slug=slug) if part else None
    if product is None:
        return body
    form = get_template("catalogue/_stock_part.html").render(
        {"product": product, "request": request, "csrf_token": get_token(request)}).strip()
    return body[:part.start()] + form.encode() + body[part.end():]


@cached_for_visitors(live_parts=_live_stock)
def product_detail(request, slug: str):
    try:
        product = selectors.product_detail(slug=slug)
    except Product.DoesNotExist:
        raise Http404ForVisitor(_("Không tìm thấy sản phẩm này. Có thể sản phẩm đã ngừng bán.")) from None
    return render(
        request,
        "catalogue/product_detail.html",
        {
            "product": product,
            "breadcrumbs": selectors.category_breadcrumbs(product.category),
            "related": partial(selectors.related_products, product=product),  # fetched only if not kept
            "ocop_certificate": selectors.product_ocop_certificate(product=product),
        },
    )


@cached_for_visitors
def producer_detail(request, slug: str):
    try:
        producer = selectors.producer_detail(slug=slug)
    except Producer.DoesNotExist:
        raise Http404ForVisitor(_("Không tìm thấy nhà sản xuất này.")) from None
    products = selectors.producer_products(producer=producer)
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(request, "producers/producer_detail.html", {"producer": producer, "page_obj": page})


@require_POST
def stock_alert(request, slug: str):
    """"Báo tôi khi có hàng" on a sold-out variant of the product: her email, then back to the product."""
    try:
        product = selectors.product_detail(slug=slug)
    except Product.DoesNotExist:
        raise Http404ForVisitor(_("Không tìm thấy sản phẩm này. Có thể sản phẩm đã ngừng bán.")) from None
    raw_variant = request.POST.get("variant", "")
    variant = next((v for v in product.variants.all() if str(v.pk) == raw_variant), None)
    email = django_forms.EmailField(max_length=254, required=True)
    try:
        address = email.clean(request.POST.get("email", ""))
    except django_forms.ValidationError:
        messages.error(request, _("Email này chưa đúng, ví dụ: ten@gmail.com."), extra_tags="stock-alert")
        return redirect(product.get_absolute_url() + "#stock-alert")
    if variant is None:
        messages.error(request, _("Hãy chọn phân loại đang hết hàng."), extra_tags="stock-alert")
        return redirect(product.get_absolute_url() + "#stock-alert")
    try:
        stock_alert_subscribe(variant=variant, email=address, user=request.user)
    except StockAlertError as error:
        messages.error(request, error.message, extra_tags="stock-alert")
    else:
        messages.success(request, _("Khi “%(variant)s” có hàng lại, chúng tôi sẽ gửi thư tới %(email)s.")
                         % {"variant": variant.name, "email": address}, extra_tags="stock-alert")
    return redirect(product.get_absolute_url() + "#stock-alert")
