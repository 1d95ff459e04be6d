import json

from django.urls import reverse

HUE_NAMES = ("Thiên Hương", "An Cựu", "TTH-0002")  # producer/product, ward unit, certificate number
HA_NOI_NAME = "Ba Đình"


def text_of(response) -> str:
    """The readable text of a page or of a chooser's JSON answer (which escapes non-ASCII letters)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(response.content), ensure_ascii=False)
    return response.content.decode()


def shows_no_hue(response) -> bool:
    text = text_of(response)
    return not any(name in text for name in HUE_NAMES)


def is_sent_to_login(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    )


def is_refused(response) -> bool:
    """403/404, or Wagtail's answer to PermissionDenied: back to the dashboard with a message."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def draftail(text: str) -> str:
    return json.dumps({"blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text,
                                   "inlineStyleRanges": [], "entityRanges": [], "data": {}}], "entityMap": {}})


def producer_form_data(producer, **overrides) -> dict:
    data = {
        "name": producer.name, "slug": producer.slug, "kind": producer.kind,
        "registration_number": producer.registration_number, "representative_name": producer.representative_name,
        "women_share_percent": producer.women_share_percent or "", "woman_leader": "on" if producer.woman_leader else "",
        "member_count": producer.member_count or "", "province_code": producer.province_code,
        "ward_code": producer.ward_code or "", "union_unit": producer.union_unit_id or "",
        "story": draftail("Chị em trong xã cùng nhau làm sản phẩm sạch."), "logo": "",
        "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0, "photos-MIN_NUM_FORMS": 0, "photos-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data
