"""Read-only public JSON API under /api/v1/ (django-ninja). OpenAPI at /api/v1/openapi.json.

The schema is the contract: every parameter is declared with its bounds, every answer an endpoint can give
(200, 404, 422) is documented with its body, and any request the schema allows is answered 200 or 404.
tests/test_api_schema.py checks it with schemathesis (all checks) on every CI run.
"""

import enum

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError

from marketplace.catalogue import selectors
from marketplace.catalogue.filters import (
    MAX_PRICE_FILTER,
    MAX_QUERY_CHARS,
    SORT_CHOICES,
    province_slug_choices,
)
from marketplace.catalogue.models import Category, Product
from producers.models import Producer

api = NinjaAPI(title="Chợ Phụ nữ API", version="1", urls_namespace="api-v1", docs_url="/docs")

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class ApiError(Exception):
    def __init__(self, status: int, message: str, details: dict | None = None):
        self.status, self.message, self.details = status, message, details or {}


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return api.create_response(request, {"error": exc.message, "details": exc.details}, status=exc.status)


# What a buyer-facing client can show as it is: one Vietnamese message per parameter that broke the schema.
FIELD_MESSAGES = {
    "min_price": "Giá phải là một số nguyên (đồng) từ 0 đến 10.000.000.000.",
    "max_price": "Giá phải là một số nguyên (đồng) từ 0 đến 10.000.000.000.",
    "ocop": "Số sao OCOP phải là 3, 4 hoặc 5.",
    "page": f"page phải là số nguyên từ 1 đến {MAX_PAGE}.",
    "page_size": f"page_size phải là số nguyên từ 1 đến {MAX_PAGE_SIZE}.",
    "category": "Danh mục chỉ gồm chữ không dấu, số, - và _.",
    "slug": "Địa chỉ sản phẩm chỉ gồm chữ không dấu, số, - và _.",
    "province": "Không có tỉnh/thành phố này.",
    "kind": "Không có loại hình này.",
    "sort": "Cách sắp xếp không hợp lệ.",
    "in_stock": "in_stock phải là true hoặc false.",
}


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    details: dict[str, list[str]] = {}
    for error in exc.errors:
        name = str(error.get("loc", ["", "?"])[-1])
        details.setdefault(name, []).append(FIELD_MESSAGES.get(name, "Giá trị không hợp lệ."))
    return api.create_response(request, {"error": "Tham số không hợp lệ.", "details": details}, status=422)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"error": "Không tìm thấy.", "details": {}}, status=404)


class ErrorOut(Schema):
    error: str
    details: dict | list


ProvinceSlug = enum.StrEnum("ProvinceSlug", {slug: slug for slug, _name in province_slug_choices()})
ProducerKind = enum.StrEnum("ProducerKind", {value: value for value, _label in Producer.Kind.choices})
SortOrder = enum.StrEnum("SortOrder", {value: value for value, _label in SORT_CHOICES})


class ProductFilters(Schema):
    """The listing's filters (/products/ takes the same), each with the bounds it is checked against."""

    q: str | None = Field(None, description=f"Tìm không dấu: tên, nhà sản xuất, mô tả (cắt ở {MAX_QUERY_CHARS} ký tự)")
    category: str | None = Field(None, max_length=100, pattern=SLUG_PATTERN, description="Danh mục, gồm danh mục con")
    province: ProvinceSlug | None = None
    ocop: int | None = Field(None, ge=3, le=5, description="Từ N sao OCOP")
    min_price: int | None = Field(None, ge=0, le=MAX_PRICE_FILTER)
    max_price: int | None = Field(None, ge=0, le=MAX_PRICE_FILTER)
    kind: ProducerKind | None = None
    in_stock: bool | None = None
    sort: SortOrder | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(24, ge=1, le=MAX_PAGE_SIZE)


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


def _checked_params(filters: ProductFilters) -> QueryDict:
    """The validated filters as the listing's FilterSet reads them ("false" stays false, "0" too)."""
    params = QueryDict(mutable=True)
    for name, value in filters.dict(exclude={"page", "page_size"}).items():
        if value is not None:
            params[name] = ("true" if value else "false") if isinstance(value, bool) else str(getattr(value, "value", value))
    return params


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


@api.get("/products", response={200: ProductPage, 404: ErrorOut, 422: ErrorOut},
         summary="Sản phẩm, với cùng bộ lọc như trang /products/")
def list_products(request, filters: Query[ProductFilters]):
    empty = {"count": 0, "page": filters.page, "pages": 1, "results": []}
    if filters.min_price is not None and filters.max_price is not None and filters.min_price > filters.max_price:
        return Status(200, empty)  # no price lies in an inverted range
    filterset, queryset, _sort = selectors.filtered_products(params=_checked_params(filters))
    if not filterset.form.is_valid():
        # The schema has checked every value; what is left is a category that does not exist.
        raise ApiError(404, "Không có danh mục này.", {k: [str(e) for e in v] for k, v in filterset.form.errors.items()})
    paginator = Paginator(queryset, filters.page_size)
    if filters.page > paginator.num_pages:
        raise ApiError(404, "Trang này không có sản phẩm.", {"pages": paginator.num_pages})
    current = paginator.page(filters.page)
    return Status(200, {
        "count": paginator.count, "page": filters.page, "pages": paginator.num_pages,
        "results": [_summary(p) for p in current.object_list],
    })


@api.get("/products/{slug}", response={200: ProductDetail, 404: ErrorOut, 422: ErrorOut}, summary="Một sản phẩm")
def get_product(request, slug: str = Path(..., max_length=255, pattern=SLUG_PATTERN)):
    try:
        product = selectors.product_detail(slug=slug)
    except Product.DoesNotExist:
        raise ApiError(404, "Không tìm thấy sản phẩm.") from None
    images = [img.image.get_rendition(selectors.GALLERY_RENDITIONS[1]).url for img in product.images.all()]
    return Status(200, {
        **_summary(product, image_spec=selectors.GALLERY_RENDITIONS[0]),
        "description": product.description, "unit": product.unit, "images": images,
        "variants": [
            {"sku": v.sku, "name": v.name, "price": v.price, "compare_at_price": v.compare_at_price,
             "in_stock": v.stock > 0}
            for v in product.variants.all()
        ],
    })


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
