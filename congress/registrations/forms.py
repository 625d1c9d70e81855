"""Forms of the registration pages: they validate input and hand it to congress.services."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from congress.core.departements import DEPARTEMENT_CHOICES
from congress.core.formatting import format_euros
from congress.core.french import format_date
from congress.organisations.models import OrganisationKind
from congress.registrations.models import OrderState, PaymentMethod, Registration


class DelegateForm(forms.ModelForm):
    days = forms.MultipleChoiceField(
        label=_("Jours de présence"), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Registration
        fields = [
            "full_name", "email", "function", "days", "needs_lsf", "needs_hearing_loop",
            "needs_step_free", "needs_easy_read", "dietary_needs", "other_needs", "needs_shared",
            "photo_consent",
        ]  # fmt: skip
        widgets = {"other_needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, congress, individual=False, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["days"].choices = [
            (day.isoformat(), format_date(day, "l j F Y")) for day in congress.days
        ]
        self.fields["days"].initial = [day.isoformat() for day in congress.days]
        if individual:
            del self.fields["full_name"]
            del self.fields["email"]
        else:  # blank only at the welcome desk (the model allows it for walk-ins)
            self.fields["email"].required = True

    def _post_clean(self):
        # The service builds and validates the registration; nothing to construct here.
        pass


class OrderForm(forms.Form):
    tariff = forms.ChoiceField(label=_("Tarif"))
    invitation_code = forms.CharField(
        label=_("Code d'invitation"),
        required=False,
        help_text=_("Seulement pour les intervenant·es et invité·es."),
    )
    code_service = forms.CharField(
        label=_("Code service (Chorus Pro)"), max_length=100, required=False
    )
    engagement_number = forms.CharField(
        label=_("Numéro d'engagement / bon de commande"), max_length=100, required=False
    )

    payment_method = forms.ChoiceField(
        label=_("Mode de paiement"),
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Sans objet pour un tarif gratuit."),
    )

    def __init__(self, *args, tariffs, public_body=False, methods=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.tariffs = {str(t.pk): t for t in tariffs}
        self.fields["tariff"].choices = [
            (str(t.pk), f"{t.name} – {format_euros(t.price)}") for t in tariffs
        ]
        if not public_body:
            del self.fields["code_service"]
            del self.fields["engagement_number"]
        paid = [m for m in PaymentMethod if m in methods and m != PaymentMethod.FREE]
        if paid:
            self.fields["payment_method"].choices = [(m.value, m.label) for m in paid]
            self.fields["payment_method"].initial = paid[0].value
        else:
            del self.fields["payment_method"]

    def clean_tariff(self):
        return self.tariffs[self.cleaned_data["tariff"]]


class StartForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Pour qui ?"))
    count = forms.IntegerField(label=_("Nombre de personnes à inscrire"), min_value=1, initial=1)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.ORDER_MAX_DELEGATES  # read per form: tests and deployments change it
        count = self.fields["count"]
        count.max_value = limit
        count.validators.append(MaxValueValidator(limit))
        count.widget.attrs["max"] = limit
        self.fields["organisation"].choices = [("", _("Moi-même, à titre individuel"))] + [
            (o.slug, o.name) for o in organisations
        ]
        self.fields["organisation"].required = False


class RecordPaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Date du paiement"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(label=_("Référence (mandat, virement)"), max_length=120)


class BoardFilterForm(forms.Form):
    tariff = forms.ChoiceField(label=_("Tarif"), required=False)
    kind = forms.ChoiceField(
        label=_("Type d'organisation"),
        required=False,
        choices=[("", _("Tous")), ("individual", _("Individuel"))] + list(OrganisationKind.choices),
    )
    state = forms.ChoiceField(
        label=_("État du paiement"),
        required=False,
        choices=[("", _("Tous"))] + list(OrderState.choices),
    )
    departement = forms.ChoiceField(
        label=_("Département"), required=False, choices=[("", _("Tous"))] + DEPARTEMENT_CHOICES
    )

    def __init__(self, *args, tariffs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tariff"].choices = [("", _("Tous"))] + [(str(t.pk), t.name) for t in tariffs]
