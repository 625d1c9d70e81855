import pytest
from django.apps import apps
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from congress.accounts.models import Consent, User
from congress.core import pagecache
from congress.editions.models import Congress
from congress.organisations.models import Organisation
from tracks.models import Session, Track
from tracks.selectors import session_attendee_sheet


def model_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for config in apps.get_app_configs()
        if config.name in {"congress", "tracks", "proposals", "funding", "messaging", "reports"}
        for model in config.get_models()
    }


@pytest.mark.django_db(transaction=True)  # each app's seed commits, as in scripts/serve.sh
def test_seed_demo_loads_the_le_mans_edition_and_is_idempotent(capsys, settings):
    # As scripts/serve.sh runs it: tasks go to the database for the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("seed_demo")
    first = model_counts()
    out = capsys.readouterr().out
    assert "organisateur@demo.congres-solidarites.fr" in out
    # Nothing is left for the worker: the demo's confirmations (tickets attached) would be
    # printed on the console after the accounts list, burying it.
    assert not DBTaskResult.objects.exists()
    congress = Congress.objects.get(slug="congres-solidarites-2024")
    assert (congress.city, congress.start_date.isoformat(), congress.end_date.isoformat()) == (
        "Le Mans",
        "2024-02-02",
        "2024-02-03",
    )
    assert congress.fil_rouge == "Solidarité et Transversalité : où en sommes-nous ?"
    assert list(Track.objects.filter(congress=congress).values_list("slug", flat=True)) == [
        "aide-alimentaire",
        "handicap-inclusion",
        "insertion",
        "engagement",
    ]
    assert Organisation.objects.filter(slug__startswith="demo-").count() == 12
    lsf = Session.objects.filter(congress=congress, lsf_interpretation=True)
    assert set(lsf.values_list("session_type__slug", flat=True)) == {"pleniere", "table-ronde"}
    assert list(
        Session.objects.filter(congress=congress, easy_read_material=True).values_list(
            "title", flat=True
        )
    ) == ["Clôture : restitution des propositions aux décideurs"]
    for organisation in Organisation.objects.all():
        organisation.full_clean()  # every demo identifier is valid
    assert User.objects.get(email="organisateur@demo.congres-solidarites.fr").check_password(
        "congres-demo-2024"
    )

    # Some delegates with needs agreed to share them: the moderators' attendee lists show them.
    sheets = [
        attendee
        for session in Session.objects.filter(congress=congress, session_type__is_workshop=True)
        for attendee in session_attendee_sheet(session)
    ]
    assert any(attendee.needs for attendee in sheets)
    assert any(attendee.needs is None for attendee in sheets)
    shared = Consent.objects.filter(congress=congress, kind="accessibility_data")
    assert shared.filter(given=True).exists() and shared.filter(given=False).exists()

    # The seeds write in bulk, without the signals that make cached pages stale: a reseed makes
    # every edition's pages and the site's stale itself.
    scopes = [pagecache.SITE, *Congress.objects.values_list("pk", flat=True)]
    versions = {scope: pagecache.version(scope) for scope in scopes}
    call_command("seed_demo", "--quiet-logins")
    assert model_counts() == first
    assert all(pagecache.version(scope) != versions[scope] for scope in scopes)


@pytest.mark.django_db
def test_seed_demo_scale_multiplies_organisations_and_people():
    call_command("seed_demo", "--scale", "3", "--quiet-logins")
    # + 31 applicants of LE PROGRÈS and 12 funders of Impact Finance Demain (funding/, issue 16)
    # + la Fabrique de la Solidarité.
    assert Organisation.objects.count() == 12 + 2 * 150 + 31 + 12 + 1
    assert User.objects.filter(email__startswith="delegue").count() == 2 * (12 + 2 * 150)
