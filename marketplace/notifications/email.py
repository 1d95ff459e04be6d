"""Email through Django's mail backend, as the site always sent it."""

import smtplib

from django.core.mail import EmailMessage

from marketplace.notifications.errors import SendError


def send(address: str, subject: str, body: str) -> str:
    try:
        EmailMessage(subject, body, None, [address]).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        raise SendError(str(error)[:500], permanent=True) from error
    except (smtplib.SMTPException, OSError) as error:
        raise SendError(str(error)[:500]) from error
    return ""
