"""The desk's pages, tickets and certificates: behaviour, abuse, query counts."""

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.onsite import tokens
from congress.onsite.models import CheckIn, DeskRole
from congress.registrations import tickets
from congress.registrations.models import OrderState, PaymentMethod
from tests.congress.onsite.conftest import delegate
from tests.factories import CongressFactory, OrganisationFactory, TariffFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def desk_url(edition, **params):
    url = reverse("checkin_desk", args=[edition.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_desk_search_shows_what_the_desk_must_know(client, edition, tariff, volunteer, helene):
    helene.needs_lsf = True
    helene.dietary_needs = "Sans gluten"
    helene.needs_shared = True
    helene.save()
    unpaid = delegate(
        edition, tariff=tariff, name="Hélio Martin", state=OrderState.AWAITING_ON_SITE,
        method=PaymentMethod.ON_SITE, needs_step_free=True, needs_shared=False,
    )  # fmt: skip
    client.force_login(volunteer)
    page = client.get(desk_url(edition, q="HEL")).content.decode()
    assert "Hélène Durand" in page and "Hélio Martin" in page
    assert "Épicerie solidaire du Maine" in page
    assert "interprétation en LSF, Sans gluten" in page
    assert "plain-pied" not in page  # not shared: the desk does not see it
    assert plain("Non réglé : 60,00\xa0€ dus") in plain(page.replace("&nbsp;", "\xa0"))
    assert "paiement sur place" in page
    assert page.count("Enregistrer l'arrivée") == 2
    assert unpaid.pk


def test_desk_check_in_then_second_scan_says_already(client, edition, volunteer, helene):
    client.force_login(volunteer)
    token = tickets.ticket_token(helene)
    scan = reverse("checkin_scan", args=[edition.slug])
    first = client.post(scan, {"token": token}, follow=True)
    assert plain(messages_of(first)[0]).startswith(plain("Hélène Durand : arrivée enregistrée à "))
    second = client.post(scan, {"token": token}, follow=True)
    text = messages_of(second)[0]
    assert plain(text).startswith(plain("Hélène Durand : déjà enregistré·e à "))
    assert text.endswith(" par Victor Bénévole.")
    assert " h " in text
    assert CheckIn.objects.count() == 1
    assert "Déjà enregistré·e à" in second.content.decode()


def test_scan_costs_six_queries_and_one_insert(client, edition, volunteer, helene):
    """Session, user, edition, the user's roles (organiser and desk in one query), the
    registration, the INSERT: no read before the write, no second permission query. A second
    scan reads the first arrival back after the refused INSERT."""
    client.force_login(volunteer)
    scan = reverse("checkin_scan", args=[edition.slug])
    token = {"token": tickets.ticket_token(helene)}
    with CaptureQueriesContext(connection) as first:
        client.post(scan, token)
    sql = [query["sql"] for query in first.captured_queries if "SAVEPOINT" not in query["sql"]]
    assert len(sql) == 6
    assert sql[-1].startswith('INSERT INTO "congress_checkin"')
    assert sum('"congress_deskrole"' in statement for statement in sql) == 1
    with CaptureQueriesContext(connection) as second:
        client.post(scan, token)
    sql = [query["sql"] for query in second.captured_queries if "SAVEPOINT" not in query["sql"]]
    assert len(sql) == 7
    assert sql[-2].startswith('INSERT INTO "congress_checkin"')
    assert sql[-1].startswith('SELECT "congress_checkin"')
    assert CheckIn.objects.count() == 1


def test_desk_check_in_by_button_and_undo(client, edition, volunteer, helene):
    client.force_login(volunteer)
    response = client.post(
        reverse("checkin_create", args=[edition.slug, helene.pk]), {"q": "durand"}
    )
    assert response.url == desk_url(edition, q="durand", r=helene.pk)
    check_in = CheckIn.objects.get()
    undone = client.post(reverse("checkin_undo", args=[edition.slug, check_in.pk]), follow=True)
    assert plain(messages_of(undone)[-1]) == plain("Hélène Durand : arrivée annulée.")
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("kind", ["forged", "other_edition", "cancelled", "empty"])
def test_bad_tokens_get_one_neutral_message(client, edition, tariff, volunteer, helene, kind):
    other = CongressFactory()
    other_registration = delegate(other, tariff=TariffFactory(congress=other), name="Autre")
    cancelled = delegate(edition, tariff=tariff, name="Annulée", status="cancelled")
    token = {
        "forged": tickets.ticket_token(helene)[:-2] + "zz",
        "other_edition": tickets.ticket_token(other_registration),
        "cancelled": tickets.ticket_token(cancelled),
        "empty": "",
    }[kind]
    client.force_login(volunteer)
    response = client.post(
        reverse("checkin_scan", args=[edition.slug]), {"token": token}, follow=True
    )
    assert messages_of(response) == [
        "Billet non reconnu pour ce congrès. Cherchez la personne par son nom."
    ]
    assert "Hélène" not in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_non_desk_users_are_refused(client, edition, helene, tariff):
    other = CongressFactory()
    volunteer_elsewhere = UserFactory()
    DeskRole.objects.create(congress=other, user=volunteer_elsewhere)
    client.force_login(volunteer_elsewhere)
    token = tickets.ticket_token(helene)
    assert client.get(desk_url(edition)).status_code == 403
    assert (
        client.post(reverse("checkin_scan", args=[edition.slug]), {"token": token}).status_code
        == 403
    )
    assert client.post(reverse("checkin_create", args=[edition.slug, helene.pk])).status_code == 403
    assert CheckIn.objects.count() == 0


def test_check_in_after_the_congress_needs_a_chosen_day(client, tariff, volunteer, today):
    over = CongressFactory(
        start_date=today - datetime.timedelta(days=3), end_date=today - datetime.timedelta(days=2)
    )
    DeskRole.objects.create(congress=over, user=volunteer)
    registration = delegate(over, tariff=TariffFactory(congress=over), name="Passé")
    client.force_login(volunteer)
    page = client.get(desk_url(over, q="passe")).content.decode()
    assert "Enregistrer l'arrivée" not in page
    assert "Choisir un jour" in page
    create = reverse("checkin_create", args=[over.slug, registration.pk])
    response = client.post(create, follow=True)
    assert plain(messages_of(response)) == plain(
        ["Le congrès est terminé : choisissez le jour des arrivées à enregistrer."]
    )
    assert CheckIn.objects.count() == 0
    second_day = over.end_date.isoformat()
    page = client.get(desk_url(over, q="passe", day=second_day)).content.decode()
    assert page.count("Enregistrer l'arrivée") == 1
    assert f'<input type="hidden" name="day" value="{second_day}">' in page
    response = client.post(create, {"day": second_day})
    assert response.url == desk_url(over, r=registration.pk, day=second_day)
    assert CheckIn.objects.get().day == over.end_date


def test_desk_checks_in_for_the_first_day_before_the_congress(client, tariff, volunteer, today):
    coming = CongressFactory()  # three months ahead
    DeskRole.objects.create(congress=coming, user=volunteer)
    registration = delegate(coming, tariff=TariffFactory(congress=coming), name="Bientôt")
    client.force_login(volunteer)
    page = client.get(desk_url(coming, q="bientot")).content.decode()
    assert page.count("Enregistrer l'arrivée") == 1
    assert 'name="day" value=' not in page  # the default day is not carried
    response = client.post(
        reverse("checkin_create", args=[coming.slug, registration.pk]),
        {"day": "not-a-date"},
    )
    assert response.url == desk_url(coming, r=registration.pk)
    assert CheckIn.objects.get().day == coming.start_date


def test_desk_search_query_count(client, edition, tariff, volunteer, django_assert_num_queries):
    client.force_login(volunteer)

    def page():
        return client.get(desk_url(edition, q="delegue")).content.decode()

    delegate(edition, tariff=tariff, name="Délégué 1")
    with django_assert_num_queries(10):  # + the accepted press searched
        assert page().count('data-testid="desk-entry"') == 1
    for n in (2, 3):
        registration = delegate(edition, tariff=tariff, name=f"Délégué {n}")
        CheckIn.objects.create(registration=registration, day=edition.start_date, by=volunteer)
    with django_assert_num_queries(10):  # + the accepted press searched
        assert page().count('data-testid="desk-entry"') == 3


def test_ticket_list_query_count(
    client, edition, tariff, manager, organisation, django_assert_num_queries
):
    client.force_login(manager)
    url = reverse("ticket_list", args=[edition.slug])
    delegate(edition, tariff=tariff, organisation=organisation, name="Délégué 1")
    with django_assert_num_queries(8):
        assert client.get(url).content.decode().count('data-testid="ticket-row"') == 1
    for n in (2, 3):
        registration = delegate(edition, tariff=tariff, organisation=organisation, name=f"D {n}")
        CheckIn.objects.create(registration=registration, day=edition.start_date)
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert page.count('data-testid="ticket-row"') == 3
    assert page.count("Attestation de présence") == 2


def test_figures_and_desk_roles_query_count(
    client, edition, tariff, organiser, django_assert_num_queries
):
    client.force_login(organiser)
    board = reverse("onsite_board", args=[edition.slug])
    roles = reverse("desk_roles", args=[edition.slug])
    DeskRole.objects.create(congress=edition, user=UserFactory())
    # The figures, and the walk-ins to invoice (one query when there is none; their own
    # count test: tests/congress/onsite/test_walk_in_invoice.py).
    with django_assert_num_queries(11):  # + the press arrivals
        assert client.get(board).content.decode().count('data-testid="tariff-row"') == 2
    with django_assert_num_queries(7):
        assert client.get(roles).content.decode().count("btn-outline-danger") == 1
    for _n in range(2):
        TariffFactory(congress=edition)
        DeskRole.objects.create(congress=edition, user=UserFactory())
    with django_assert_num_queries(11):  # + the press arrivals
        assert client.get(board).content.decode().count('data-testid="tariff-row"') == 6
    with django_assert_num_queries(7):
        assert client.get(roles).content.decode().count("btn-outline-danger") == 3


def test_desk_roles_grant_and_revoke_pages(client, edition, organiser):
    person = UserFactory(email="victor@example.org", full_name="Victor")
    client.force_login(organiser)
    url = reverse("desk_roles", args=[edition.slug])
    bad = client.post(url, {"email": "nobody@example.org"})
    assert "Aucun compte actif n&#x27;utilise cette adresse" in bad.content.decode()
    client.post(url, {"email": "victor@example.org"})
    role = DeskRole.objects.get(user=person)
    client.post(reverse("desk_role_revoke", args=[edition.slug, role.pk]))
    assert DeskRole.objects.count() == 0


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_ticket_downloads(client, edition, tariff, helene, manager, organisation):
    colleague = delegate(edition, tariff=tariff, organisation=organisation, name="Anne Dupont")
    client.force_login(helene.user)
    own = client.get(reverse("ticket_download", args=[edition.slug, helene.pk]) + "?format=phone")
    assert own["Content-Type"] == "application/pdf"
    text = _pdf_text(own.content)
    assert "Hélène Durand" in text and "Épicerie solidaire du Maine" in text
    # Someone else's ticket: as if it did not exist.
    assert (
        client.get(reverse("ticket_download", args=[edition.slug, colleague.pk])).status_code == 404
    )
    assert (
        client.get(
            reverse("organisation_tickets", args=[edition.slug, organisation.slug])
        ).status_code
        == 404
    )
    client.force_login(manager)
    bundle = client.get(reverse("organisation_tickets", args=[edition.slug, organisation.slug]))
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(bundle.content)).pages) == 2
    empty = OrganisationFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=empty, user=manager, role="manager")
    assert (
        client.get(reverse("organisation_tickets", args=[edition.slug, empty.slug])).status_code
        == 404
    )


def test_certificate_download_verify_and_zip(
    client, edition, tariff, helene, organiser, organisation, today
):
    url = reverse("certificate_download", args=[edition.slug, helene.pk])
    client.force_login(helene.user)
    assert client.get(url).status_code == 404  # not checked in: nothing to certify
    CheckIn.objects.create(registration=helene, day=today)
    response = client.get(url)
    text = _pdf_text(response.content)
    number = f"ATT-{today.year}-{helene.pk:05d}"
    assert "Attestation de présence" in text and number in text and "Hélène Durand" in text
    assert "Soit 1 journée de présence." in text
    verify = client.get(reverse("certificate_verify", args=[tokens.certificate_token(helene)]))
    page = verify.content.decode()
    assert verify.status_code == 200 and "Cette attestation est valide." in page
    assert number in page and "Hélène" not in page and "Durand" not in page
    forged = client.get(reverse("certificate_verify", args=["123:forged"]))
    assert forged.status_code == 404 and "n'est pas valide" in forged.content.decode()
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    zip_url = reverse("organisation_certificates", args=[edition.slug, organisation.slug])
    assert client.get(zip_url).status_code == 404
    client.force_login(organiser)
    archive = zipfile.ZipFile(io.BytesIO(client.get(zip_url).content))
    assert archive.namelist() == [f"{number}-helene-durand.pdf"]
    settings_page = client.get(
        reverse("certificate_settings", args=[edition.slug])
    ).content.decode()
    assert "Épicerie solidaire du Maine – 1 attestation (ZIP)" in settings_page
    other = OrganisationFactory()
    assert (
        client.get(
            reverse("organisation_certificates", args=[edition.slug, other.slug])
        ).status_code
        == 404
    )


def test_certificate_settings_page_upload_and_signed_certificate(
    client, edition, organiser, helene, today, settings, tmp_path
):
    from congress.onsite.models import CertificateSettings
    from tests.congress.onsite.test_services import png_bytes

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client.force_login(organiser)
    url = reverse("certificate_settings", args=[edition.slug])
    assert 'value="CCAS"' in client.get(url).content.decode()  # the organiser's name proposed
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "signature.png"
    refused = client.post(
        url, {"issuer": "CCAS du Mans", "signatory_name": "Marie", "signature": fake}
    )
    assert "Ce fichier n&#x27;est pas une image PNG ou JPEG lisible." in refused.content.decode()
    assert CertificateSettings.objects.count() == 0
    image = io.BytesIO(png_bytes())
    image.name = "signature.png"
    client.post(
        url, {"issuer": "CCAS du Mans", "signatory_name": "Marie Curie", "signature": image}
    )
    saved = CertificateSettings.objects.get()
    assert (saved.issuer, saved.signatory_name) == ("CCAS du Mans", "Marie Curie")
    CheckIn.objects.create(registration=helene, day=today)
    from pypdf import PdfReader

    pdf = client.get(reverse("certificate_download", args=[edition.slug, helene.pk])).content
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1  # the signature (the QR code is vector)
    assert "Marie Curie" in page.extract_text() and "CCAS du Mans" in page.extract_text()


def test_check_in_of_a_day_the_service_refuses_says_why(
    client, edition, volunteer, helene, monkeypatch
):
    from django.core.exceptions import ValidationError

    from congress.onsite import services

    def refuse(**kwargs):
        raise ValidationError("Cette inscription n'est pas confirmée.")

    monkeypatch.setattr(services, "checkin_record", refuse)
    client.force_login(volunteer)
    response = client.post(reverse("checkin_create", args=[edition.slug, helene.pk]), follow=True)
    assert messages_of(response) == ["Cette inscription n'est pas confirmée."]
