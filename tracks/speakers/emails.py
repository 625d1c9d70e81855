"""A confirmed speaker is sent the link to their profile."""

from django.urls import reverse

from congress.core.mail import send_templated, site_url


def send_confirmed(profile) -> None:
    congress = profile.congress
    send_templated(
        to=profile.email,
        template="tracks/speakers/email/confirmed",
        context={
            "profile": profile,
            "congress": congress,
            "edit_url": site_url(reverse("speaker_edit", args=[congress.slug, profile.pk])),
            "list_url": site_url(reverse("speaker_list", args=[congress.slug])),
        },
    )
