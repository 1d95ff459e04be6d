"""Everything union staff use in the Wagtail admin. The scoped permission policies are registered first,
before any module that builds a view asks for one; then the products, producers and livestream screens."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from marketplace.conversations.models import Complaint
from marketplace.conversations.selectors import complaints_for_staff
from marketplace.livestreams.models import LiveSession
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import reviews_for_staff
from union.live.permissions import session_policy
from union.permissions import UnitScopedPermissionPolicy, policies
from union.programmes.permissions import programme_policies

for _model, _policy in policies().items():
    register_permission_policy(_model, _policy)
register_permission_policy(LiveSession, session_policy())
for _model, _policy in programme_policies().items():
    register_permission_policy(_model, _policy)
register_permission_policy(Complaint, UnitScopedPermissionPolicy(
    Complaint, scope=complaints_for_staff, actions={"add": None, "delete": None, "resolve": "change"}))
register_permission_policy(Review, UnitScopedPermissionPolicy(
    Review, scope=reviews_for_staff, actions={"add": None, "delete": None, "hide": "change"}))

from union import bank_transfers as bank_transfer_hooks  # noqa: E402, F401
from union import complaints as complaint_hooks  # noqa: E402, F401
from union import deliveries as delivery_hooks  # noqa: E402, F401
from union import hooks_producers, hooks_products  # noqa: E402, F401  (after the policies)
from union import ledger as ledger_hooks  # noqa: E402, F401
from union import reviews as review_hooks  # noqa: E402, F401
from union import shipping_rates as shipping_rate_hooks  # noqa: E402, F401
from union.live import hooks as live_hooks  # noqa: E402, F401
from union.programmes import hooks as programme_hooks  # noqa: E402, F401


@hooks.register("insert_global_admin_css")
def union_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/union-admin.css"))
