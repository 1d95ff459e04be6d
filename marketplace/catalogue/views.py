from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.catalogue import selectors
from marketplace.catalogue.models import Product
from marketplace.core.views import Http404ForVisitor
from producers.models import Producer


def product_list(request):
    listing = selectors.product_list(params=request.GET, page_number=request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "catalogue/product_list.html",
        {"listing": listing, "page_obj": listing.page, "query_without_page": query_without_page.urlencode()},
    )


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
            "related": selectors.related_products(product=product),
            "ocop_certificate": selectors.product_ocop_certificate(product=product),
        },
    )


def producer_detail(request, slug: str):
    try:
        producer = selectors.producer_detail(slug=slug)
    except Producer.DoesNotExist:
        raise Http404ForVisitor(_("Không tìm thấy nhà sản xuất này.")) from None
    products = selectors.producer_products(producer=producer)
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(request, "producers/producer_detail.html", {"producer": producer, "page_obj": page})
