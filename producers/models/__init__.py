from producers.models.follow import FollowNews, FollowNewsDelivery, ProducerFollow
from producers.models.ocop import OcopCertificate
from producers.models.producer import Producer
from producers.models.team import ProducerInvitation, ProducerMember, ProducerPhoto
from producers.models.union import UnionStaff, UnionUnit
from producers.models.verification import VerificationDocument, VerificationRequest

__all__ = [
    "FollowNews", "FollowNewsDelivery", "OcopCertificate", "Producer", "ProducerFollow", "ProducerInvitation",
    "ProducerMember", "ProducerPhoto",
    "UnionStaff", "UnionUnit", "VerificationDocument", "VerificationRequest",
]
