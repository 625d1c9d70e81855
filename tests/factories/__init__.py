"""factory_boy factories, one per model, shared by every test module."""

from decimal import Decimal

import factory
from django.utils import timezone
from stdnum import luhn

from congress.accounts.models import User
from congress.editions.models import Congress, CongressStatus, Room, Venue
from congress.organisations.models import Membership, MembershipRole, Organisation, OrganisationKind
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    RegistrationStatus,
    Tariff,
    TariffAudience,
)
from congress.registrations.sorting import order_sort_name
from tracks.models import SessionType, Track, TrackRole, TrackRoleKind

TEST_PASSWORD = "un-mot-de-passe-solide-2024"


def valid_siret(n: int) -> str:
    siren_body = f"{(50000000 + n) % 100000000:08d}"
    siren = siren_body + luhn.calc_check_digit(siren_body)
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    full_name = factory.Faker("name", locale="fr_FR")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Association solidaire {n}")
    slug = factory.Sequence(lambda n: f"association-{n}")
    siret = factory.Sequence(valid_siret)
    rna = factory.Sequence(lambda n: f"W72{n:07d}")
    commune = "Le Mans"
    insee_code = "72181"
    departement = "72"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    public_listing = True

    class Params:
        ccas = factory.Trait(
            kind=OrganisationKind.CCAS, rna="", name=factory.Sequence(lambda n: f"CCAS {n}")
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


class CongressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Congress

    name = factory.Sequence(lambda n: f"Congrès des Solidarités {2024 + n}")
    slug = factory.Sequence(lambda n: f"congres-{2024 + n}")
    # Three months ahead: registration is open by default (issue 12: phases follow the dates).
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=90))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timezone.timedelta(days=1))
    city = "Le Mans"
    fil_rouge = "Solidarité et Transversalité : où en sommes-nous ?"
    status = CongressStatus.PUBLISHED
    contact_email = "congres@example.org"
    # Factory editions keep workshop sign-up open whatever their dates (the default deadline,
    # the eve of the first day, is tested in tests/tracks/test_signup_rules.py).
    signup_closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=365))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    congress = factory.SubFactory(CongressFactory)
    name = "Palais des Congrès"
    address = "Rue d'Arcole"
    city = "Le Mans"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Salle {n}")
    capacity = 50


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    congress = factory.SubFactory(CongressFactory)
    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    order = factory.Sequence(int)


class SessionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionType

    congress = factory.SubFactory(CongressFactory)
    name = "Atelier"
    slug = factory.Sequence(lambda n: f"atelier-{n}")
    is_workshop = True


class TrackRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackRole

    track = factory.SubFactory(TrackFactory)
    user = factory.SubFactory(UserFactory)
    role = TrackRoleKind.REVIEWER


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    congress = factory.SubFactory(CongressFactory)
    name = factory.Sequence(lambda n: f"Tarif {n}")
    price = Decimal("60.00")
    audience = TariffAudience.ASSOCIATION


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    congress = factory.SubFactory(CongressFactory)
    placed_by = factory.SubFactory(UserFactory)
    payment_method = PaymentMethod.FREE
    state = OrderState.FREE
    total = Decimal("0.00")
    confirmed_at = factory.LazyFunction(timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    order = factory.SubFactory(OrderFactory)
    congress = factory.SelfAttribute("order.congress")
    tariff = factory.SubFactory(
        TariffFactory, congress=factory.SelfAttribute("..congress"), price=Decimal("0.00")
    )
    user = factory.SubFactory(UserFactory)
    full_name = factory.SelfAttribute("user.full_name")
    email = factory.SelfAttribute("user.email")
    price = Decimal("0.00")
    status = RegistrationStatus.CONFIRMED
    sort_name = factory.LazyAttribute(lambda registration: order_sort_name(registration.order))


def make_participant(user, congress):
    """Make `user` a confirmed participant of `congress` (a free confirmed order)."""
    order = OrderFactory(congress=congress, placed_by=user)
    return RegistrationFactory(order=order, congress=congress, user=user)


# --- END registration branch -----------------------------------------------------------------


# --- programme branch: sessions, calls, proposals -------------------------------------------
from datetime import timedelta  # noqa: E402

from proposals.models import (  # noqa: E402
    CallForProposals,
    ProposalState,
    ReviewCriterion,
    Speaker,
    WorkshopProposal,
)
from tracks.models import Session  # noqa: E402


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    congress = factory.SubFactory(CongressFactory)
    session_type = factory.SubFactory(
        SessionTypeFactory, congress=factory.SelfAttribute("..congress")
    )
    track = None
    title = factory.Sequence(lambda n: f"Atelier {n}")
    room = factory.SubFactory(
        RoomFactory,
        venue=factory.SubFactory(VenueFactory, congress=factory.SelfAttribute("...congress")),
    )
    starts_at = factory.LazyAttribute(
        lambda o: (
            timezone.make_aware(
                timezone.datetime.combine(o.congress.start_date, timezone.datetime.min.time())
            )
            + timedelta(hours=10)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    capacity = factory.LazyAttribute(lambda o: o.room.capacity)


class CallFactory(factory.django.DjangoModelFactory):
    """An open call: opened yesterday, closes in a week."""

    class Meta:
        model = CallForProposals

    congress = factory.SubFactory(CongressFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCriterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Critère {n}")
    weight = 1


class WorkshopProposalFactory(factory.django.DjangoModelFactory):
    """A complete proposal (ready to submit), in draft unless told otherwise."""

    class Meta:
        model = WorkshopProposal
        skip_postgeneration_save = True

    congress = factory.SubFactory(CongressFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Épicerie solidaire {n}")
    track = factory.SubFactory(TrackFactory, congress=factory.SelfAttribute("..congress"))
    context = "Familles monoparentales du quartier."
    actions = "Ouverture d'une épicerie solidaire."
    results = "300 familles accueillies ; démarche transposable."
    departement = "72"
    commune = "Le Mans"
    state = ProposalState.DRAFT

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Speaker.objects.create(proposal=obj, name="Nadia Martin", function="Directrice")


# --- end programme branch -------------------------------------------------------------------


# --- BEGIN outcomes branch: workshops, outcomes, policy proposals ---------------------------
from datetime import timedelta as _td  # noqa: E402

from proposals.outcomes.models import (  # noqa: E402
    EndorsementPeriod,
    PolicyProposal,
    PolicyStatus,
)
from tracks.models import Session as _Session  # noqa: E402


class WorkshopFactory(factory.django.DjangoModelFactory):
    """A workshop session of a track (the track and the room belong to the same edition)."""

    class Meta:
        model = _Session

    congress = factory.SubFactory(CongressFactory)
    session_type = factory.SubFactory(
        SessionTypeFactory, congress=factory.SelfAttribute("..congress"), is_workshop=True
    )
    track = factory.SubFactory(TrackFactory, congress=factory.SelfAttribute("..congress"))
    title = factory.Sequence(lambda n: f"Atelier d'échange {n}")
    room = factory.SubFactory(
        RoomFactory,
        venue=factory.SubFactory(VenueFactory, congress=factory.SelfAttribute("...congress")),
    )
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + _td(minutes=90))
    capacity = 40


class PolicyProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyProposal
        skip_postgeneration_save = True

    congress = factory.SubFactory(CongressFactory)
    track = factory.SubFactory(TrackFactory, congress=factory.SelfAttribute("..congress"))
    title = factory.Sequence(lambda n: f"Proposition {n}")
    statement = "Pérenniser les financements de l'aide alimentaire de qualité."
    rationale = "Les financements annuels fragilisent les épiceries solidaires."
    status = PolicyStatus.VALIDATED

    @factory.post_generation
    def sources(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sources.set(extracted)


class EndorsementPeriodFactory(factory.django.DjangoModelFactory):
    """Open now, for a week."""

    class Meta:
        model = EndorsementPeriod

    congress = factory.SubFactory(CongressFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - _td(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + _td(days=7))


# --- END outcomes branch --------------------------------------------------------------------

# --- reports branch: reviews, sign-ups ------------------------------------------------------
from decimal import Decimal  # noqa: E402

from proposals.models import Review  # noqa: E402
from tracks.models import WorkshopSignup  # noqa: E402


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(WorkshopProposalFactory, state=ProposalState.SUBMITTED)
    reviewer = factory.SubFactory(UserFactory)
    weighted_score = Decimal("3.50")
    comment_committee = "Expérience transposable, bien documentée."


class WorkshopSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSignup

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


# --- end reports branch ---------------------------------------------------------------------
