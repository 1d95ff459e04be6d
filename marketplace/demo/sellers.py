"""Demo seller accounts: an owner for every producer, and for two of them a helper and an open invitation.

Sellers sign in with their mobile number; a demo number is drawn from the account's name, so the
same producer gets the same number on every fresh database.
"""

import hashlib

from django.contrib.auth import get_user_model

from marketplace.demo.accounts import DEMO_EMAIL_DOMAIN, SharedPassword
from marketplace.demo.plan import DemoPlan
from producers.models import Producer, ProducerInvitation, ProducerMember

OWNER_PREFIX, HELPER_PREFIX, INVITED_PREFIX = "chu.", "giupviec.", "moi."
EXAMPLE_PRODUCER = "htx-gom-su-phu-nu-bat-trang"  # whose owner's login the command prints
# Producer -> (her helper's name, how the owner invited one more person who has not answered yet).
TEAMS = {
    "htx-gom-su-phu-nu-bat-trang": ("Đỗ Thị Hạnh", "phone"),
    "htx-nuoc-mam-phu-nu-phu-quoc": ("Phạm Thị Hoa", "email"),
}


def demo_phone(key: str, taken: set[str]) -> str:
    """A mobile number "+849xxxxxxxx" drawn from `key`, moved on past any number in `taken`."""
    number = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10**8
    while (phone := f"+849{number:08d}") in taken:
        number = (number + 1) % 10**8
    taken.add(phone)
    return phone


def seller_usernames(plan: DemoPlan) -> list[str]:
    owners = [OWNER_PREFIX + planned.spec.slug for planned in plan.every_producer]
    return owners + [HELPER_PREFIX + slug for slug in TEAMS]


def ensure_sellers(*, plan: DemoPlan, producers: dict[str, Producer], password: SharedPassword) -> dict:
    """Producer slug -> her owner's account; producers that already have an owner keep her."""
    slugs = [planned.spec.slug for planned in plan.every_producer]
    owners = {
        member.producer.slug: member.user
        for member in ProducerMember.objects.filter(producer__slug__in=slugs, role=ProducerMember.Role.OWNER)
        .select_related("producer", "user")
    }
    taken = set(get_user_model().objects.filter(phone__startswith="+849").values_list("phone", flat=True))
    for slug in slugs:
        if slug not in owners:
            producer = producers[slug]
            owners[slug] = _member(
                producer, OWNER_PREFIX + slug, producer.representative_name or producer.name,
                ProducerMember.Role.OWNER, password, taken,
            )
    for slug, (helper_name, invited_by) in TEAMS.items():
        if slug in producers:
            _team(producers[slug], owners[slug], helper_name, invited_by, password, taken)
    return owners


def _member(producer, username: str, name: str, role: str, password: SharedPassword, taken: set[str]):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = password.new_user(username, name=name, phone=demo_phone(username, taken))
        user.save()
    if not ProducerMember.objects.filter(user=user).exists():
        ProducerMember.objects.create(producer=producer, user=user, role=role)
    return user


def _team(producer, owner, helper_name: str, invited_by: str, password: SharedPassword, taken: set[str]) -> None:
    slug = producer.slug
    if not producer.members.filter(role=ProducerMember.Role.HELPER).exists():
        _member(producer, HELPER_PREFIX + slug, helper_name, ProducerMember.Role.HELPER, password, taken)
    if not producer.invitations.exists():
        contact = (
            {"phone": demo_phone(INVITED_PREFIX + slug, taken)} if invited_by == "phone"
            else {"email": f"{INVITED_PREFIX}{slug}@{DEMO_EMAIL_DOMAIN}"}
        )
        ProducerInvitation.objects.create(producer=producer, invited_by=owner, **contact)
