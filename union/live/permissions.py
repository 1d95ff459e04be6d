"""The permission policy of live sessions in the admin: the union's scoped policy, with sessions in scope
when their host producer belongs to the officer's unit subtree.

Staff never create or delete a seller's session; "change" is curation (the featured flag) and "cancel"
(a scheduled session, with a reason) needs the same permission.
"""

from functools import cache

from marketplace.livestreams.models import LiveSession
from union.live.selectors import sessions_for_staff
from union.permissions import UnitScopedPermissionPolicy


@cache
def session_policy() -> UnitScopedPermissionPolicy:
    return UnitScopedPermissionPolicy(
        LiveSession, scope=sessions_for_staff, actions={"add": None, "delete": None, "cancel": "change"},
    )
