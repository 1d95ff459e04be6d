"""Which channels a person wants, in her order. Email stays the default for who has one (as before);
a phone-only person gets Zalo first (free to read, richer, cheaper than SMS) and SMS when Zalo cannot."""

from django.utils.translation import gettext as _

from marketplace.notifications.models import Channel, ChannelPreference

PHONE_CHANNELS = (Channel.ZALO, Channel.SMS)


def default_channels(*, email: str, phone: str) -> list[str]:
    if email:
        return [Channel.EMAIL.value]
    return [channel.value for channel in PHONE_CHANNELS] if phone else []


def user_channels(user) -> list[str]:
    preference = ChannelPreference.objects.filter(user=user).first()
    if preference is not None:
        return [channel for channel in preference.channels if channel in Channel.values]
    return default_channels(email=user.email or "", phone=user.phone or "")


def preference_save(user, channels: list[str]) -> ChannelPreference:
    """Store her ordered choice; refuse anything that is not one of our channels."""
    unknown = [channel for channel in channels if channel not in Channel.values]
    if unknown or len(set(channels)) != len(channels):
        raise ValueError(_("Kênh nhận thông báo không hợp lệ."))
    preference, _created = ChannelPreference.objects.update_or_create(user=user, defaults={"channels": channels})
    return preference


def email_opted_out(user_ids) -> set[int]:
    """Of these accounts, those who chose not to get email (for callers that still send their own emails)."""
    chosen = ChannelPreference.objects.filter(user_id__in=list(user_ids)).values_list("user_id", "channels")
    return {user_id for user_id, channels in chosen if Channel.EMAIL.value not in channels}
