"""The demo's products fit their producers: each producer lists her trades, each product template has
one, and trades come from where they are really made (no fish sauce from a highland pepper co-operative).

Pure planning, no database: `build_plan` is what `seed_demo` writes.
"""

import pytest

from marketplace.demo.data_applicants import APPLICANTS
from marketplace.demo.data_producers import PRODUCERS
from marketplace.demo.plan import GROUP_OF_LEAF, TEMPLATES, TEMPLATES_BY_TRADE, build_plan, main_leaf
from marketplace.demo.product_art import LOOKS, TRADE_COLOURS

# Provinces (two-tier codes since 1 July 2025) with a coast.
COASTAL_PROVINCES = {22, 31, 33, 37, 38, 40, 42, 44, 46, 48, 51, 52, 56, 66, 68, 79, 82, 86, 91, 92, 96}
# A coastal province can reach far inland since the 2025 mergers (Gia Lai holds Quy Nhơn), so seafood
# is held to the producers who live by the sea.
SEASIDE_PRODUCERS = {
    "htx-nuoc-mam-phu-nu-phu-quoc",
    "hkd-kho-ca-nam-can-co-tu",
    "htx-toi-phu-nu-ly-son",
    "dn-dac-san-bien-nha-trang",
    "htx-hai-san-phu-nu-van-don",
}
SEAFOOD = {"nuoc-mam", "hai-san-kho", "cha-ca", "mam-tom", "phong-tom", "sa-te"}
# Where the trades the issue names come from (province codes): Đắk Nông is in Lâm Đồng (68) now,
# Bình Phước in Đồng Nai (75), Hà Giang in Tuyên Quang (8), Yên Bái in Lào Cai (15).
MADE_IN = {
    "nuoc-mam": {91, 56, 22, 96, 68},
    "tieu": {52, 68, 75, 91, 66},
    "ca-phe": {66, 68, 52},
    "arabica": {68, 14, 44},
    "che-shan": {8, 15, 12},
    "che-xanh": {19, 25, 14, 68},
    "o-long": {68, 14, 19, 25},
    "gom": {1, 48},
    "lua": {1, 68, 48, 91},
    "tho-cam": {8, 11, 12, 14, 15},
    "may-tre": {1},
    "coi": {37, 38},
    "non-la": {46, 1},
    "mat-ong-rung": {96, 8, 15},
    "mat-ong-ca-phe": {66, 52, 68},
}
PRODUCERS_BY_SLUG = {spec.slug: spec for spec in PRODUCERS + APPLICANTS}


@pytest.fixture(scope="module")
def plan():
    return build_plan()


def test_every_template_has_one_trade_and_a_look_that_can_be_drawn():
    for leaf, templates in TEMPLATES.items():
        assert leaf in GROUP_OF_LEAF
        for template in templates:
            assert template.kind in TRADE_COLOURS, template.name
            assert template.look in LOOKS, template.name
    assert sum(len(pairs) for pairs in TEMPLATES_BY_TRADE.values()) == sum(len(t) for t in TEMPLATES.values())


def test_every_producer_lists_trades_that_exist_and_applicants_too():
    for spec in PRODUCERS + APPLICANTS:
        assert spec.trades, spec.slug
        assert set(spec.trades) <= set(TEMPLATES_BY_TRADE), spec.slug
        assert len(set(spec.trades)) == len(spec.trades), spec.slug
        assert main_leaf(spec) in GROUP_OF_LEAF


def test_every_planned_product_is_of_a_trade_of_its_producer_and_named_after_her_place(plan):
    for product in plan.products:
        spec = product.producer.spec
        assert product.template.kind in spec.trades, (spec.slug, product.name)
        assert (product.leaf_slug, product.template) in TEMPLATES_BY_TRADE[product.template.kind]
        assert spec.place in product.name


def test_seafood_comes_only_from_producers_by_the_sea(plan):
    for product in plan.products:
        if product.template.kind in SEAFOOD:
            spec = product.producer.spec
            assert spec.slug in SEASIDE_PRODUCERS, product.name
            assert spec.province_code in COASTAL_PROVINCES, product.name
    assert {p.producer.spec.slug for p in plan.products if p.template.kind == "nuoc-mam"} <= SEASIDE_PRODUCERS
    fish_sauce = [p for p in plan.products if "Nước mắm" in p.name or "Mắm" in p.name.split()[0]]
    assert fish_sauce and all(
        p.producer.spec.slug in SEASIDE_PRODUCERS | {"dn-dac-san-chau-doc-ba-sau"} for p in fish_sauce
    )


def test_the_pepper_cooperative_sells_pepper_and_coffee_but_no_fish_sauce(plan):
    chu_se = [p for p in plan.products if p.producer.spec.slug == "htx-ho-tieu-phu-nu-chu-se"]
    names = " ".join(p.name for p in chu_se)
    assert "Tiêu" in names and "Cà phê" in names
    assert "mắm" not in names.lower() and not {p.template.kind for p in chu_se} & SEAFOOD


@pytest.mark.parametrize("trade", sorted(MADE_IN))
def test_famous_trades_come_from_where_they_are_made(plan, trade):
    provinces = {p.producer.spec.province_code for p in plan.products if p.template.kind == trade}
    assert provinces, f"no demo product of {trade}"
    assert provinces <= MADE_IN[trade], (trade, provinces - MADE_IN[trade])


def test_every_category_has_products_and_names_and_slugs_are_unique(plan):
    assert {p.leaf_slug for p in plan.products} == set(GROUP_OF_LEAF)
    assert len({p.name for p in plan.products}) == len({p.slug for p in plan.products}) == len(plan.products)
    assert len(plan.products) >= 300


def test_a_producer_never_sells_a_trade_she_does_not_list_even_in_benchmarks():
    import random

    from marketplace.demo.bulk import _plan_one, _planned_pictures

    plan = build_plan()
    looks, rng = _planned_pictures(plan), random.Random(3)
    for number in range(300):
        product = _plan_one(number, plan.producers, looks, rng)
        assert product.template.kind in product.producer.spec.trades
        # benchmark products borrow a planned picture of the same producer
        planned = {p.pictures[0][0] for p in plan.products if p.producer is product.producer}
        assert product.pictures[0][0] in planned
