"""Every email the site sends goes through here, written in its recipient's language.

The rule: an email is written in the preferred language of the account it goes to (the user
given, or the account that owns the address). An address without an account gets the language
the caller knows for it (`fallback_language`: the visitor who just wrote to us, the person
asking for a password reset), else the site's language, French.

Nothing is sent inside the request: `send_email` and `queue_email` hand the rendered message to
the background task queue (`canteen_site.tasks`), which sends it and retries it.

Texts live in templates: `<prefix>_subject.txt` and `<prefix>_message.txt` (plain text, no
autoescaping needed: they use `{% autoescape off %}`). Every template gets `site_name`, the
site's name in the recipient's language.
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import queue_email


def site_name():
    """The site's name as the header shows it, in the active language."""
    return str(settings.WAGTAIL_SITE_NAME)


def _known(language):
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else None


def language_of(recipient, fallback_language=None):
    """The language to write to `recipient`: a user, or an email address."""
    if recipient is None:
        return _known(fallback_language) or settings.LANGUAGE_CODE
    preferred = getattr(recipient, "preferred_language", None)
    if preferred is None and isinstance(recipient, str):
        address = recipient.strip()
        preferred = (
            get_user_model()
            .objects.filter(Q(email__iexact=address) | Q(emailaddress__email__iexact=address))
            .values_list("preferred_language", flat=True)
            .first()
        )
    return _known(preferred) or _known(fallback_language) or settings.LANGUAGE_CODE


def address_of(recipient):
    return recipient if isinstance(recipient, str) else recipient.email


def render_email(template_prefix, context, language, request=None):
    """(subject, body) of the email, rendered in `language`."""
    with translation.override(language):
        context = {"site_name": site_name(), **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", context, request)
        body = render_to_string(f"{template_prefix}_message.txt", context, request)
    # One line; non-breaking spaces (French typography) stay.
    return re.sub(r"[ \t\r\n]+", " ", subject).strip(), body.strip() + "\n"


def build_email(
    template_prefix,
    context,
    recipient,
    *,
    language=None,
    fallback_language=None,
    request=None,
    from_email=None,
):
    """The email for one recipient (a user or an address), in that recipient's language (or in
    `language` when the caller has already settled it)."""
    language = _known(language) or language_of(recipient, fallback_language)
    subject, body = render_email(template_prefix, context, language, request)
    message = EmailMessage(subject, body, from_email, [address_of(recipient)])
    message.extra_headers["Content-Language"] = language
    return message


def send_email(template_prefix, context, recipients, *, fallback_language=None, request=None):
    """Queue one email per recipient (users or addresses), each in its recipient's language;
    the worker sends them once the current transaction commits."""
    if not isinstance(recipients, list | tuple):
        recipients = [recipients]
    messages = [
        build_email(
            template_prefix,
            context,
            recipient,
            fallback_language=fallback_language,
            request=request,
        )
        for recipient in recipients
    ]
    for message in messages:
        queue_email(message)
    return messages


__all__ = ["build_email", "language_of", "queue_email", "render_email", "send_email"]
