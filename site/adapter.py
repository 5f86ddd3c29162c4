"""django-allauth's adapter: its emails go through `canteen_site.emails` like every other email
(written in the recipient's language, with the site's name), and a new account starts in the
language its owner was browsing in."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from .emails import build_email, language_of, queue_email


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        language = translation.get_language()
        if user.pk is None and language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        user = context.get("user")
        # The account's language; an address without an account (a password reset asked for an
        # unknown address) gets the language of the person asking.
        language = language_of(
            user if user is not None and user.pk else email,
            fallback_language=translation.get_language(),
        )
        domain = get_current_site(request).domain if request is not None else ""
        ctx = {
            "request": request,
            "email": email,
            # allauth's own templates name the site `current_site.name`: the site's name, in
            # the recipient's language once rendered (it is a lazy translation).
            "current_site": SimpleNamespace(name=settings.WAGTAIL_SITE_NAME, domain=domain),
        }
        ctx.update(context)
        message = build_email(
            template_prefix,
            ctx,
            email,
            language=language,
            request=request,
            from_email=self.get_from_email(),
        )
        queue_email(message)
