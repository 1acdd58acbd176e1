"""The e-mail that carries an invitation's link, in the candidate's language, through Django's e-mail backend.

The backend and the SMTP server are settings (``EMAIL_BACKEND``, ``EMAIL_HOST``, ``EMAIL_PORT``,
``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``/``EMAIL_USE_SSL``,
``DEFAULT_FROM_EMAIL``; without ``EMAIL_HOST`` the console backend prints the message). The texts
are the templates ``interviews/email/invitation_<fr|en>.txt`` (subject on the first line).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Invitation

logger = logging.getLogger(__name__)


class MailFailed(Exception):
    """The e-mail could not be handed to the mail server; ``str(e)`` says why (no address, server down…)."""


def _deadline_words(deadline: datetime, language: str) -> str:
    local = timezone.localtime(deadline)
    if language == "fr":
        return local.strftime("%d/%m/%Y à %H:%M") + f" ({settings.TIME_ZONE})"
    return local.strftime("%Y-%m-%d at %H:%M") + f" ({settings.TIME_ZONE})"


def compose(invitation: Invitation, link: str) -> tuple[str, str]:
    """The subject and the body of the invitation e-mail, in the invitation's language."""
    language = invitation.language if invitation.language in ("fr", "en") else "en"
    position = invitation.position
    text = render_to_string(f"interviews/email/invitation_{language}.txt", {
        "name": invitation.candidate_name, "title": position.title, "organisation": position.organisation.name,
        "link": link, "deadline": _deadline_words(invitation.deadline, language),
        "questions": len(position.questions or []),
        "minutes": max(1, round(len(position.questions or []) * position.answer_time_sec / 60)),
    })
    subject, _, body = text.partition("\n")
    return subject.strip(), body.lstrip("\n")


def send(invitation: Invitation, link: str) -> None:
    """E-mail ``link`` to the invitation's address.

    Raises:
        MailFailed: no address, or the backend refused it (the reason, without the address).
    """
    if not invitation.email:
        raise MailFailed("the invitation has no e-mail address")
    subject, body = compose(invitation, link)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[invitation.email])
    try:
        sent = message.send(fail_silently=False)
    except Exception as e:  # smtplib, socket and SSL errors: the recruiter is told, the server logs the details
        logger.warning("invitation %s: e-mail not sent: %s: %s", invitation.pk, type(e).__name__, e)
        raise MailFailed(f"the mail server refused or could not be reached ({type(e).__name__})") from e
    if not sent:
        raise MailFailed("the mail server accepted nothing")
    logger.info("invitation %s: link e-mailed", invitation.pk)
