"""One product hidden by the ward officer, so the example seller's dashboard shows what that looks like."""

from marketplace.catalogue.models import Product
from marketplace.catalogue.services import product_staff_hide
from marketplace.core.audit import audit_history
from marketplace.demo.plan import DemoPlan
from marketplace.demo.sellers import EXAMPLE_PRODUCER

HIDING_OFFICER = "canbo.battrang"
HIDDEN_REASON = (
    "Ảnh sản phẩm đang là ảnh minh hoạ, chưa phải ảnh chụp hàng thật. Chị chụp lại ảnh sản phẩm thật "
    "rồi báo Hội để mở bán lại nhé."
)


def ensure_staff_hidden_product(plan: DemoPlan, *, staff: dict) -> int:
    """Hide the example producer's last published product, once (a product ever hidden is left alone)."""
    slugs = [p.slug for p in plan.products if p.producer.spec.slug == EXAMPLE_PRODUCER and p.status == "published"]
    product = Product.objects.filter(slug__in=slugs[-1:]).first()
    if product is None or len(slugs) < 2:
        return 0  # the first one is the producer's signature product: it stays on sale
    if product.staff_hidden or audit_history(product).filter(action="product_staff_hidden").exists():
        return 0
    product_staff_hide(product=product, by=staff[HIDING_OFFICER], reason=HIDDEN_REASON)
    return 1
