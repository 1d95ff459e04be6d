"""Read-only public JSON API under /api/v1/ (django-ninja). OpenAPI at /api/v1/openapi.json."""

from django.core.paginator import Paginator
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError

from marketplace.catalogue import selectors
from marketplace.catalogue.models import Category, Product
from producers.models import Producer

api = NinjaAPI(title="Chợ Phụ nữ API", version="1", urls_namespace="api-v1", docs_url="/docs")

MAX_PAGE_SIZE = 100


class ApiError(Exception):
    def __init__(self, status: int, message: str, details: dict | None = None):
        self.status, self.message, self.details = status, message, details or {}


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(request, {"error": exc.message, "details": exc.details}, status=exc.status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return api.create_response(request, {"error": "Tham số không hợp lệ.", "details": exc.errors}, status=422)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"error": "Không tìm thấy."}, status=404)


class VariantOut(Schema):
    sku: str
    name: str
    price: int
    compare_at_price: int | None
    in_stock: bool


class ProducerRef(Schema):
    slug: str
    name: str
    kind: str
    province: str
    is_verified: bool


class ProductSummary(Schema):
    slug: str
    name: str
    price: int
    in_stock: bool
    category: str
    producer: ProducerRef
    origin_province: str
    ocop_stars: int | None
    url: str
    image: str | None


class ProductDetail(ProductSummary):
    description: str
    unit: str
    variants: list[VariantOut]
    images: list[str]


class ProductPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ProductSummary]


class CategoryOut(Schema):
    slug: str
    name: str
    name_en: str
    parent: str | None
    depth: int


class ProducerOut(ProducerRef):
    url: str


def _producer_ref(producer: Producer) -> dict:
    return {
        "slug": producer.slug, "name": producer.name, "kind": producer.kind,
        "province": producer.province_name, "is_verified": producer.is_verified,
    }


def _image_url(product: Product, spec: str) -> str | None:
    images = list(product.images.all())
    return images[0].image.get_rendition(spec).url if images else None


def _summary(product: Product, image_spec: str = selectors.CARD_RENDITIONS[0]) -> dict:
    # image_spec must be among the renditions the selector prefetched: Wagtail takes a prefetched
    # list as complete and would try to create a missing rendition again (IntegrityError).
    return {
        "slug": product.slug, "name": product.name, "price": product.price, "in_stock": product.in_stock,
        "category": product.category.slug, "producer": _producer_ref(product.producer),
        "origin_province": product.origin_province_name, "ocop_stars": product.ocop_stars,
        "url": product.get_absolute_url(), "image": _image_url(product, image_spec),
    }


@api.get("/products", response=ProductPage, summary="Sản phẩm, với cùng bộ lọc như trang /products/")
def list_products(request, page: int = 1, page_size: int = 24):
    if page < 1 or page_size < 1 or page_size > MAX_PAGE_SIZE:
        raise ApiError(400, f"page phải ≥ 1 và page_size từ 1 đến {MAX_PAGE_SIZE}.")
    filterset, queryset, _sort = selectors.filtered_products(params=request.GET)
    if not filterset.form.is_valid():
        raise ApiError(400, "Bộ lọc không hợp lệ.", {k: [str(e) for e in v] for k, v in filterset.form.errors.items()})
    paginator = Paginator(queryset, page_size)
    if page > paginator.num_pages:
        raise ApiError(404, "Trang này không có sản phẩm.", {"pages": paginator.num_pages})
    current = paginator.page(page)
    return {
        "count": paginator.count, "page": page, "pages": paginator.num_pages,
        "results": [_summary(p) for p in current.object_list],
    }


@api.get("/products/{slug}", response=ProductDetail, summary="Một sản phẩm")
def get_product(request, slug: str):
    try:
        product = selectors.product_detail(slug=slug)
    except Product.DoesNotExist:
        raise ApiError(404, "Không tìm thấy sản phẩm.") from None
    images = [img.image.get_rendition(selectors.GALLERY_RENDITIONS[1]).url for img in product.images.all()]
    return {
        **_summary(product, image_spec=selectors.GALLERY_RENDITIONS[0]),
        "description": product.description, "unit": product.unit, "images": images,
        "variants": [
            {"sku": v.sku, "name": v.name, "price": v.price, "compare_at_price": v.compare_at_price,
             "in_stock": v.stock > 0}
            for v in product.variants.all()
        ],
    }


@api.get("/categories", response=list[CategoryOut], summary="Cây danh mục")
def list_categories(request):
    nodes = selectors.category_tree()
    by_path = {node.path: node for node in nodes}
    steplen = Category.steplen
    return [
        {
            "slug": node.slug, "name": node.name, "name_en": node.name_en, "depth": node.depth,
            "parent": by_path[node.path[:-steplen]].slug if node.depth > 1 else None,
        }
        for node in nodes
    ]


@api.get("/producers", response=list[ProducerOut], summary="Nhà sản xuất")
def list_producers(request):
    return [{**_producer_ref(p), "url": p.get_absolute_url()} for p in Producer.objects.order_by("name")]
