"""Rules of stand applications beyond the main paths (issue 15): the exact refusals, what an
accepted stand takes from its application, a stand re-decided or taken back, the mails on a
change of decision only, the number freed by a withdrawal, and the plan's audit."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from congress.audit.models import AuditEntry
from tests.factories import CongressFactory, UserFactory
from tests.spaces import plain
from tracks.stands import services
from tracks.stands.models import Stand, StandApplication, StandHall

pytestmark = pytest.mark.django_db

FIELDS = dict(holder_kind="municipal", contact_email="asso@example.org",
              description="Nos actions de quartier", themes="Logement, insertion",
              surface="small")  # fmt: skip


def apply(evening, name="Les Amis du Quartier", by=None):
    return services.stand_application_submit(
        congress=evening, by=by or UserFactory(), name=name, **FIELDS
    )


def decide(application, organiser, status="accepted", **kwargs):
    return services.stand_application_decide(
        application=application, status=status, by=organiser, **kwargs
    )


def refused(call, *args, **kwargs):
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    return error.value


# --- the exact refusals -------------------------------------------------------------------------


def test_each_refusal_says_why(evening, organiser):
    draft = CongressFactory(kind="evening", status="draft")
    with pytest.raises(PermissionDenied) as error:
        services.stand_application_submit(congress=draft, by=UserFactory(), name="A", **FIELDS)
    assert str(error.value) == "Les demandes de stand ne sont pas ouvertes pour cette édition."
    person = UserFactory()
    apply(evening, "A", by=person)
    assert plain(refused(apply, evening, "A", by=person).messages) == [
        "Vous avez déjà demandé un stand pour cet exposant."
    ]
    application = apply(evening, "B")
    with pytest.raises(PermissionDenied) as error:
        decide(application, UserFactory())
    assert str(error.value) == "Seuls les organisateurs de l'édition décident des stands."
    assert plain(refused(decide, application, organiser, status="bogus").messages) == [
        "Décision inconnue."
    ]


def test_a_full_hall_and_a_taken_number_say_why(evening, organiser):
    StandHall.objects.create(congress=evening, capacity=1)
    decide(apply(evening, "A"), organiser, number="07")
    assert plain(refused(decide, apply(evening, "B"), organiser).messages) == [
        "La salle est complète : mettez cette demande en liste d'attente."
    ]
    StandHall.objects.update(capacity=5)
    assert plain(refused(decide, apply(evening, "C"), organiser, number="07").message_dict) == {
        "number": ["Ce numéro de stand est déjà attribué."]
    }


def test_a_withdrawn_application_is_no_longer_decided(evening, organiser):
    person = UserFactory()
    application = apply(evening, by=person)
    services.stand_application_withdraw(application=application, by=person)
    assert plain(refused(decide, application, organiser, status="refused").messages) == [
        "L'exposant a retiré cette demande."
    ]
    with pytest.raises(PermissionDenied) as error:
        services.stand_application_withdraw(application=application, by=person)
    assert str(error.value) == "Cette demande de stand ne peut plus être retirée."


def test_the_hall_refuses_a_capacity_below_its_stands_with_its_message(evening, organiser):
    decide(apply(evening, "A"), organiser)
    decide(apply(evening, "B"), organiser)
    error = refused(
        services.stand_hall_set, congress=evening, capacity=1, exhibitor_information="",
        by=organiser,
    )  # fmt: skip
    assert plain(error.message_dict) == {
        "capacity": ["La salle compte déjà plus de stands acceptés que ce nombre."]
    }
    with pytest.raises(PermissionDenied) as denied:
        services.stand_hall_set(
            congress=evening, capacity=5, exhibitor_information="", by=UserFactory()
        )
    assert str(denied.value) == "Seuls les organisateurs de l'édition décident des stands."


# --- an accepted stand --------------------------------------------------------------------------


def test_an_accepted_stand_takes_the_application_s_exhibitor_and_a_trimmed_place(
    evening, organiser
):
    before = timezone.now()
    application = decide(apply(evening, "Mairie – Solidarités"), organiser, location="  Hall A ")
    stand = Stand.objects.get()
    assert (stand.congress, stand.name, stand.holder_kind, stand.description, stand.themes,
            stand.number, stand.location) == (
        evening, "Mairie – Solidarités", "municipal", "Nos actions de quartier",
        "Logement, insertion", "01", "Hall A",
    )  # fmt: skip
    application.refresh_from_db()
    assert (application.status, application.stand) == ("accepted", stand)
    assert before <= application.decided_at <= timezone.now()


def test_a_number_taken_on_another_evening_is_free_on_this_one(evening, organiser):
    other = CongressFactory(kind="evening", capacity=100)
    other.organisers.add(organiser)
    decide(apply(other, "Ailleurs"), organiser, number="07")
    decide(apply(evening, "Ici"), organiser, number="07")
    assert sorted(Stand.objects.values_list("congress", "number")) == sorted(
        [(other.pk, "07"), (evening.pk, "07")]
    )


def test_an_accepted_stand_re_decided_keeps_its_own_number_and_place(evening, organiser):
    application = decide(apply(evening), organiser, number="07", location="Hall A")
    decide(application, organiser, number="07")
    decide(application, organiser)
    assert list(Stand.objects.values_list("number", "location")) == [("07", "Hall A")]


def test_a_full_hall_still_lets_an_accepted_stand_be_re_decided(evening, organiser):
    StandHall.objects.create(congress=evening, capacity=1)
    application = decide(apply(evening), organiser)
    decide(application, organiser, location="Hall B")
    assert list(Stand.objects.values_list("number", "location")) == [("01", "Hall B")]


def test_numbers_are_given_in_order_with_two_digits(evening, organiser):
    for name in "ABCDEFGHIJK":
        decide(apply(evening, name), organiser)
    assert list(Stand.objects.order_by("pk").values_list("number", flat=True)) == [
        "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
    ]  # fmt: skip


@pytest.mark.parametrize("status", ["waitlisted", "refused"])
def test_a_stand_taken_back_frees_its_place(evening, organiser, status):
    application = decide(apply(evening), organiser, number="07")
    decide(application, organiser, status=status)
    application.refresh_from_db()
    assert (application.status, application.stand, Stand.objects.count()) == (status, None, 0)


def test_the_applicant_hears_of_each_change_of_decision_only(
    evening, organiser, django_capture_on_commit_callbacks
):
    application = apply(evening)
    with django_capture_on_commit_callbacks(execute=True):
        decide(application, organiser, status="waitlisted")
        decide(application, organiser, status="waitlisted")
        decide(application, organiser, status="refused")
    assert len(mail.outbox) == 2
    assert [m.to for m in mail.outbox] == [["asso@example.org"]] * 2


# --- withdrawal ---------------------------------------------------------------------------------


def test_withdrawing_an_accepted_stand_names_its_number_and_records_when(
    evening, organiser, django_capture_on_commit_callbacks
):
    person = UserFactory()
    application = decide(apply(evening, by=person), organiser, number="07")
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        services.stand_application_withdraw(application=application, by=person)
    application.refresh_from_db()
    assert (application.status, application.stand, Stand.objects.count()) == ("withdrawn", None, 0)
    assert before <= application.decided_at <= timezone.now()
    assert "Le stand 07 est de nouveau libre" in plain(mail.outbox[-1].body)
    decide(apply(evening, "Autre"), organiser, number="07")  # the number is free again
    assert list(Stand.objects.values_list("number", flat=True)) == ["07"]


# --- the hall and its plan ----------------------------------------------------------------------


def test_the_hall_settings_are_stored_for_that_evening(evening, organiser):
    other = CongressFactory(kind="evening")
    StandHall.objects.create(congress=other, capacity=9)
    hall = services.stand_hall_set(
        congress=evening, capacity=4, exhibitor_information="Montage dès 16 h", by=organiser
    )
    assert list(
        StandHall.objects.order_by("pk").values_list(
            "congress", "capacity", "exhibitor_information"
        )
    ) == [(other.pk, 9, ""), (evening.pk, 4, "Montage dès 16 h")]
    assert services.hall_of(evening) == hall
    unset = services.hall_of(CongressFactory(kind="evening", slug="sans-salle"))
    assert (unset.pk, unset.congress.slug, unset.capacity) == (None, "sans-salle", 50)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_setting_the_plan_is_audited_with_what_it_shows(evening, organiser, private_media):
    hall = services.stand_plan_set(
        congress=evening, by=organiser, plan_image=SimpleUploadedFile("a.png", png()),
        plan_description="  Plan de la salle  ", plan_published=False,
    )  # fmt: skip
    assert (hall.capacity, hall.plan_description, hall.plan_published) == (
        50,
        "Plan de la salle",
        False,
    )
    services.stand_plan_set(
        congress=evening, by=organiser, plan_image=None, plan_description="Plan de la salle",
        plan_published=True,
    )  # fmt: skip
    entries = AuditEntry.objects.filter(action="stands.plan").order_by("pk")
    assert [(e.actor, e.congress, e.target_id, e.details) for e in entries] == [
        (organiser, evening, str(hall.pk), {"image": True, "published": False}),
        (organiser, evening, str(hall.pk), {"image": True, "published": True}),
    ]
    with pytest.raises(PermissionDenied) as error:
        services.stand_plan_set(
            congress=evening, by=UserFactory(), plan_image=None, plan_description="",
            plan_published=False,
        )  # fmt: skip
    assert str(error.value) == "Seuls les organisateurs de l'édition décident des stands."
    assert StandApplication.objects.count() == 0
