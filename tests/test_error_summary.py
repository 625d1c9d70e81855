"""Every form with errors starts with an error summary that links to each field in error.

The summary is rendered once, centrally (templates/bootstrap5/errors.html for every
`{{ form|crispy }}`, the `error_summary` tag for forms laid out by hand). This test walks the
site's forms on the demo edition, submits each one empty, and checks that the page answers with
a summary whose links all lead to an element of the page, and that required fields are announced
(« * obligatoire ») before any submission.
"""

from html.parser import HTMLParser

import pytest
from django import forms
from django.urls import reverse

from congress.accounts.demo import DEMO_DOMAIN
from congress.accounts.models import User
from congress.editions.models import Congress
from congress.organisations.models import Membership
from congress.templatetags.error_summary import summary_items
from tracks.models import Session, TrackRole

DEMO_SLUG = "congres-solidarites-2024"


class Page(HTMLParser):
    """The ids of a page, its error summaries and their links."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.summaries = 0
        self.summary_links: list[str] = []
        self.summary_items = 0
        self.required_legends = 0
        self._depth = 0  # >0 inside a summary
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if "required-legend" in (attrs.get("class") or ""):
            self.required_legends += 1
        if "data-error-summary" in attrs:
            self.summaries += 1
            self._depth = 1
            assert attrs.get("tabindex") == "-1" and attrs.get("role") == "alert"
            return
        if self._depth and tag == "div":
            self._depth += 1
        if self._depth and tag == "li":
            self.summary_items += 1
        if self._depth and tag == "a":
            self.summary_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._depth and tag == "div":
            self._depth -= 1


def demo_user(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def demo_workshop_of_the_moderator() -> tuple[str, int]:
    """A workshop of the demo moderator whose outcome is still open: (congress slug, pk)."""
    congress = Congress.objects.get(slug=DEMO_SLUG)
    tracks = TrackRole.objects.filter(user=demo_user("animateur")).values("track")
    workshop = (
        Session.objects.filter(congress=congress, track__in=tracks, session_type__is_workshop=True)
        .exclude(outcome__status="submitted")
        .order_by("pk")
        .first()
    )
    return congress.slug, workshop.pk


def form_pages() -> list[tuple[str | None, str]]:
    congress = Congress.objects.get(slug=DEMO_SLUG)
    organisation = Membership.objects.filter(user=demo_user("asso")).earliest("pk").organisation
    _slug, workshop_pk = demo_workshop_of_the_moderator()
    slug = [congress.slug]
    return [
        (None, reverse("login")),
        (None, reverse("sign_up")),
        (None, reverse("password_reset")),
        ("asso", reverse("organisation_create")),
        ("asso", reverse("organisation_edit", args=[organisation.slug])),
        ("participant", reverse("password_change")),
        ("organisateur", reverse("call_settings", args=slug)),
        ("organisateur", reverse("session_create", args=slug)),
        ("organisateur", reverse("track_roles", args=slug)),
        ("organisateur", reverse("endorsement_period", args=slug)),
        ("animateur", reverse("outcome_edit", args=[congress.slug, workshop_pk])),
    ]


@pytest.mark.django_db
def test_every_form_submitted_empty_starts_with_a_summary_linking_to_its_fields(
    seeded_demo, client
):
    problems = []
    for who, url in form_pages():
        client.logout()
        if who:
            client.force_login(demo_user(who))
        before = Page(client.get(url).content.decode())
        if not before.required_legends:
            problems.append(f"{url}: no « * obligatoire » legend before submission")
        if before.summaries:
            problems.append(f"{url}: an error summary before any submission")
        # A key nobody reads: views that bind their form to `request.POST or None` see a post.
        response = client.post(url, {"empty-submission": "1"})
        page = Page(response.content.decode())
        # Some views answer an invalid form with 400 (Bad Request), others with 200.
        if response.status_code not in (200, 400) or page.summaries < 1 or not page.summary_items:
            problems.append(f"{url}: HTTP {response.status_code}, {page.summaries} summaries")
            continue
        missing = [href for href in page.summary_links if href[1:] not in page.ids]
        if missing or not page.summary_links:
            problems.append(f"{url}: summary links {page.summary_links}, missing {missing}")
    assert problems == [], "\n".join(problems)


class Sample(forms.Form):
    name = forms.CharField(label="Nom")
    choice = forms.ChoiceField(
        label="Choix", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )

    def clean(self):
        raise forms.ValidationError("Une erreur du formulaire entier.")


def test_summary_lists_non_field_errors_then_each_field_with_a_link_to_its_input():
    form = Sample(data={})
    items = summary_items(form)
    assert [(item.get("label"), item["href"]) for item in items] == [
        (None, ""),
        ("Nom", "id_name"),
        ("Choix", "id_choice_0"),
    ]
    assert items[0]["message"] == "Une erreur du formulaire entier."
    # A form already summarised on the page (the outcome form's formset) is not listed twice.
    assert summary_items(form) == []
    assert summary_items(Sample()) == []  # an unbound form has no errors to show
