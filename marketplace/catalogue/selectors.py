"""Read queries of the catalogue. Every storefront read starts from `products_visible()`."""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from marketplace.catalogue import spelling
from marketplace.catalogue.filters import SORT_ORDER, ProductFilter
from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant
from marketplace.catalogue.search import NEWEST_FIRST, bounded_candidates, capped_count, search_terms
from marketplace.core import cache_version
from marketplace.core.geography import province_by_codename, province_names
from marketplace.core.money import format_vnd
from producers.models import OcopCertificate, Producer
from producers.selectors import scoped_to_staff

CARD_RENDITIONS = ("fill-240x240|format-webp", "fill-480x480|format-webp")
# Every spec the product page asks for must be prefetched: Wagtail takes a prefetched list as complete
# and would try to create a missing one again (IntegrityError, a 500 on the second view).
GALLERY_RENDITIONS = (
    "max-480x480|format-webp", "max-960x960|format-webp", "fill-96x96|format-webp", "fill-1200x630|format-jpeg"
)
FACET_FIELDS = ("category", "province", "ocop", "kind")


def products_visible() -> QuerySet[Product]:
    """What a buyer may see: published, not hidden by staff, not deleted, from a verified producer."""
    return Product.objects.filter(
        status=Product.Status.PUBLISHED,
        staff_hidden=False,
        deleted_at__isnull=True,
        producer__verification_status=Producer.Verification.VERIFIED,
    )


def _images_prefetch(specs: tuple[str, ...]) -> Prefetch:
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        "images",
        queryset=ProductImage.objects.select_related("image").prefetch_related(
            Prefetch("image__renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs))
        ),
    )


THUMBNAIL = "fill-96x96|format-webp"


def thumbnails_prefetch(path: str = "images") -> Prefetch:
    """A product's photos with their 96 px thumbnail rendition, for lists of lines (cart, order page)."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        path,
        queryset=ProductImage.objects.select_related("image").order_by("sort_order", "id").prefetch_related(
            Prefetch("image__renditions", queryset=rendition_model.objects.filter(filter_spec=THUMBNAIL))
        ),
    )


def with_card_data(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Everything a product card shows, in a fixed number of queries however many cards."""
    return (
        queryset.select_related("producer", "category")
        .defer("description", "search_text", "producer__story", "category__description")
        .prefetch_related(_images_prefetch(CARD_RENDITIONS))
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ProductListing:
    filterset: ProductFilter
    page: Page
    sort: str
    query: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    selected_category: Category | None = None
    suggestion: str = ""  # "Có phải bạn muốn tìm …?" when the query found nothing
    total: int = 0  # matches, counted up to SEARCH_COUNT_CAP for a search
    total_capped: bool = False  # more than SEARCH_COUNT_CAP: the page says "hơn 10.000"

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(parameters to drop, label) for each filter in force, so the buyer sees and removes it."""
        active = [(name, value.label) for name, values in self.facets.items() for value in values if value.selected]
        cleaned = self.filterset.form.cleaned_data
        if cleaned.get("min_price") is not None or cleaned.get("max_price") is not None:
            low, high = cleaned.get("min_price"), cleaned.get("max_price")
            label = f"{format_vnd(low) if low is not None else '0'} – {format_vnd(high) if high is not None else '…'}"
            active.append(("min_price,max_price", label))
        if cleaned.get("in_stock"):
            active.append(("in_stock", str(_("Còn hàng"))))
        return active


def filtered_products(*, params: QueryDict) -> tuple[ProductFilter, QuerySet[Product], str]:
    """The buyer's filters applied and sorted; invalid values are left out (see filterset.errors)."""
    if any("\x00" in value for value in params.values()):
        # PostgreSQL refuses NUL in text: a pasted one must not turn a lookup into a server error.
        params = params.copy()
        for key in list(params):
            params.setlist(key, [value.replace("\x00", "") for value in params.getlist(key)])
    filterset = ProductFilter(params, queryset=products_visible())
    sort = filterset.chosen_sort()
    queryset = filterset.qs
    if sort == "relevance":
        queryset = queryset.order_by("-relevance", "-created_at", "-id")
    else:
        queryset = queryset.order_by(*SORT_ORDER[sort])
    return filterset, with_card_data(queryset), sort


def product_list(*, params: QueryDict, page_number: str | None = None, per_page: int | None = None) -> ProductListing:
    filterset, queryset, sort = filtered_products(params=params)
    query = filterset.search_query
    per_page = per_page or settings.PRODUCTS_PER_PAGE
    if search_terms(query):
        paginator, total = _search_paginator(queryset, params=params, query=query, sort=sort, per_page=per_page)
    else:
        paginator = CachedCountPaginator(queryset, per_page)
        paginator.cache_key = _filter_state_key("count", params)
        total = paginator.count
    page = paginator.get_page(page_number)
    cleaned = filterset.form.cleaned_data
    return ProductListing(
        total=min(total, settings.SEARCH_COUNT_CAP),
        total_capped=total > settings.SEARCH_COUNT_CAP,
        filterset=filterset,
        page=page,
        sort=sort,
        query=query,
        facets=product_facets(params=params),
        selected_category=cleaned.get("category"),
        suggestion=search_suggestion(params=params, query=query) if query and not total else "",
    )


def _search_paginator(
    queryset: QuerySet[Product], *, params: QueryDict, query: str, sort: str, per_page: int
) -> tuple[Paginator, int]:
    """Pages over at most the best SEARCH_CANDIDATE_LIMIT (by relevance) or SEARCH_COUNT_CAP (other sorts).

    Counting and ranking every match grew with the number of matches (seconds at 100,000
    products); see marketplace/catalogue/search.py for the bounded candidate set. The ranked ids
    are kept with the count, so a page view fetches only its own products by primary key.
    """
    total = _cached(_filter_state_key("count", params), lambda: capped_count(queryset))
    if sort != "relevance":
        paginator = Paginator(queryset, per_page)
        paginator.count = min(total, settings.SEARCH_COUNT_CAP)  # known: no second count
        return paginator, total
    limit = settings.SEARCH_CANDIDATE_LIMIT
    candidates = bounded_candidates(queryset, query, limit) if total > limit else queryset
    ids = _cached(_filter_state_key("ranked", params), lambda: list(candidates.values_list("pk", flat=True)[:limit]))
    return Paginator(RankedProducts(ids), per_page), total


def _cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.FACET_CACHE_SECONDS)
    return value


class RankedProducts:
    """A search's ranked product ids; a page's slice fetches only its products, in rank order."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> "CardList":
        return CardList(self.ids[index])


class CardList:
    """A page of products known by id, fetched (with their card data) only when iterated: a page whose cards
    are all kept (templatetags product_cards) needs no query for them."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        self._products: list[Product] | None = None

    def products(self) -> list[Product]:
        if self._products is None:
            # Still visible? The ids are kept for FACET_CACHE_SECONDS at most, under the catalogue version.
            self._products = cards_by_id(self.ids, among=products_visible())
        return self._products

    def visible_ids(self) -> list[int]:
        """The ids still visible, in order, from one query on the primary key (no card data)."""
        visible = set(products_visible().filter(pk__in=self.ids).values_list("pk", flat=True))
        return [pk for pk in self.ids if pk in visible]

    def __iter__(self):
        return iter(self.products())

    def __getitem__(self, index):
        return self.products()[index]

    def __len__(self) -> int:
        return len(self.products())

    def __bool__(self) -> bool:
        return bool(self.ids)


def cards_by_id(ids: list[int], *, among: QuerySet[Product]) -> list[Product]:
    """Those of `ids` found in `among`, with their card data, in the order of `ids`."""
    found = {product.pk: product for product in with_card_data(among.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


# Names read for the vocabulary at most; beyond that the spelling of the newest products is enough.
VOCABULARY_MAX_NAMES = 20_000


def name_vocabulary() -> spelling.Vocabulary:
    """The words of visible product names, built once per catalogue version (one query)."""
    key = f"spelling:v{cache_version.current()}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        newest = products_visible().order_by("-created_at")
        names = newest.values_list("name", flat=True)[:VOCABULARY_MAX_NAMES]
        vocabulary = spelling.build_vocabulary(names)
        cache.set(key, vocabulary, settings.FACET_CACHE_SECONDS * 10)
    return vocabulary


def search_suggestion(*, params: QueryDict, query: str) -> str:
    """A corrected query that finds something with the buyer's other filters, or ""."""
    suggestion = spelling.suggest(query, name_vocabulary())
    if not suggestion:
        return ""
    corrected = params.copy()
    corrected["q"] = suggestion
    return suggestion if ProductFilter(corrected, queryset=products_visible()).qs.exists() else ""


def _filter_state_key(kind: str, params: QueryDict) -> str:
    relevant = sorted((k, v) for k, v in params.lists() if k in ProductFilter.base_filters and k != "sort")
    # Labels are translated, so the language is part of the key as much as the filters are.
    return f"{kind}:v{cache_version.current()}:{get_language()}:" + hashlib.sha256(repr(relevant).encode()).hexdigest()


class CachedCountPaginator(Paginator):
    """The total of a filter state is counted once per FACET_CACHE_SECONDS, not on every page view."""

    cache_key = ""

    @cached_property
    def count(self) -> int:
        total = cache.get(self.cache_key) if self.cache_key else None
        if total is None:
            total = super().count
            if self.cache_key:
                cache.set(self.cache_key, total, settings.FACET_CACHE_SECONDS)
        return total


def product_facets(*, params: QueryDict) -> dict[str, list[FacetValue]]:
    """Counts per facet value, each facet computed with every other filter applied.

    Cached briefly by the filter state: the counts of a popular listing are asked for far more
    often than the catalogue changes.
    """
    key = _filter_state_key("facets", params)
    facets = cache.get(key)
    if facets is None:
        facets = _compute_facets(params)
        cache.set(key, facets, settings.FACET_CACHE_SECONDS)
    return facets


def _without(params: QueryDict, name: str) -> QueryDict:
    copy = params.copy()
    copy.pop(name, None)
    return copy


def _facet_queryset(params: QueryDict, name: str) -> QuerySet:
    queryset = ProductFilter(_without(params, name), queryset=products_visible()).qs.order_by()
    if search_terms(params.get("q") or ""):
        # A broad query's facets count the newest SEARCH_COUNT_CAP matches: the cost stays flat and
        # the page already says "hơn 10.000" when there are more.
        # Only the ids are filtered again: re-applying the search outside would scan every match.
        newest = queryset.order_by(*NEWEST_FIRST).values("pk")[: settings.SEARCH_COUNT_CAP]
        queryset = Product.objects.filter(pk__in=newest)
    return queryset


def _compute_facets(params: QueryDict) -> dict[str, list[FacetValue]]:
    own = ProductFilter(params, queryset=products_visible())
    own.form.is_valid()
    cleaned = own.form.cleaned_data
    return {
        "category": _category_facet(params, cleaned),
        "province": _province_facet(params, cleaned),
        "ocop": _ocop_facet(params, cleaned),
        "kind": _kind_facet(params, cleaned),
    }


def _category_facet(params: QueryDict, cleaned: dict) -> list[FacetValue]:
    queryset = _facet_queryset(params, "category")
    selected = cleaned.get("category")
    nodes = list(selected.get_children()) if selected else list(Category.get_root_nodes())
    if selected and not nodes:
        nodes = [selected]
    counts = dict(queryset.values_list("category__path").annotate(n=Count("id")))
    values = []
    for node in nodes:
        total = sum(n for path, n in counts.items() if path.startswith(node.path))
        values.append(FacetValue(node.slug, node.display_name, total, selected is not None and node.pk == selected.pk))
    return values


def _province_facet(params: QueryDict, cleaned: dict) -> list[FacetValue]:
    queryset = _facet_queryset(params, "province")
    counts = dict(queryset.values_list("origin_province_code").annotate(n=Count("id")))
    names = province_names()
    slugs = {code: slug for slug, code in province_by_codename().items()}
    chosen = cleaned.get("province")
    return [
        FacetValue(slugs[code], names[code], n, slugs[code] == chosen)
        for code, n in sorted(counts.items(), key=lambda item: names.get(item[0], ""))
        if code in names
    ]


def _ocop_facet(params: QueryDict, cleaned: dict) -> list[FacetValue]:
    queryset = _facet_queryset(params, "ocop")
    counts = dict(queryset.filter(ocop_stars__isnull=False).values_list("ocop_stars").annotate(n=Count("id")))
    chosen = cleaned.get("ocop")
    return [
        FacetValue(str(stars), "★" * stars, sum(n for s, n in counts.items() if s >= stars), chosen == str(stars))
        for stars in (3, 4, 5)
    ]


def _kind_facet(params: QueryDict, cleaned: dict) -> list[FacetValue]:
    queryset = _facet_queryset(params, "kind")
    counts = dict(queryset.values_list("producer__kind").annotate(n=Count("id")))
    chosen = cleaned.get("kind")
    return [
        FacetValue(value, str(label), counts.get(value, 0), chosen == value)
        for value, label in Producer.Kind.choices
    ]


def product_detail(*, slug: str) -> Product:
    variants = Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "id"))
    return (
        products_visible()
        .select_related("producer", "producer__logo", "category")
        .prefetch_related(variants, _images_prefetch(GALLERY_RENDITIONS))
        .get(slug=slug)
    )


def product_for_buying(*, slug: str) -> Product | None:
    """Just what the add-to-cart form shows (its variants, their prices and stock), in two small queries."""
    variants = Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "id"))
    return products_visible().only("pk", "slug").prefetch_related(variants).filter(slug=slug).first()


def product_ocop_certificate(*, product: Product) -> OcopCertificate | None:
    """The valid certificate behind the product's OCOP badge (its best one), for its number and expiry."""
    if not product.ocop_stars:
        return None  # no badge, no query
    return (OcopCertificate.objects.valid().filter(products=product)
            .order_by("-stars", "-expires_on").first())


def related_products(*, product: Product, limit: int = 4) -> list[Product]:
    queryset = products_visible().filter(category_id=product.category_id).exclude(pk=product.pk)
    return list(with_card_data(queryset.order_by("-created_at"))[:limit])


def newest_products(*, limit: int = 8) -> list[Product]:
    return list(with_card_data(products_visible().order_by("-created_at", "-id"))[:limit])


def producer_detail(*, slug: str) -> Producer:
    return Producer.objects.select_related("logo").get(slug=slug)


def producer_products(*, producer: Producer) -> QuerySet[Product]:
    return with_card_data(products_visible().filter(producer=producer).order_by("-created_at", "-id"))


def category_breadcrumbs(category: Category) -> list[Category]:
    return list(category.get_ancestors()) + [category]


def category_tree() -> list[Category]:
    return list(Category.get_tree())


def products_for_staff(user) -> QuerySet[Product]:
    """The products of producers in the officer's unit subtree (all of them for the central union)."""
    return scoped_to_staff(Product.objects.select_related("producer", "category"), user, "producer__")
