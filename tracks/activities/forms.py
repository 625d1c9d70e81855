from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.core.french import format_date
from tracks.activities.selectors import venues_of


class ActivityFilterForm(forms.Form):
    venue = forms.TypedChoiceField(label=_("Lieu"), required=False, coerce=int, empty_value=None)
    arrondissement = forms.ChoiceField(label=_("Arrondissement"), required=False)
    day = forms.TypedChoiceField(
        label=_("Jour"), required=False, coerce=date.fromisoformat, empty_value=None
    )
    type = forms.ChoiceField(label=_("Type d'activité"), required=False)
    track = forms.ChoiceField(label=_("Thème"), required=False)
    view = forms.ChoiceField(
        label=_("Présentation"),
        required=False,
        choices=[("day", _("par jour")), ("place", _("par lieu"))],
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        venues = list(venues_of(congress))
        self.fields["venue"].choices = [("", _("Tous les lieux"))] + [
            (v.pk, v.name) for v in venues
        ]
        districts = sorted({v.arrondissement for v in venues if v.arrondissement})
        self.fields["arrondissement"].choices = [("", _("Tous"))] + [(d, d) for d in districts]
        self.fields["day"].choices = [("", _("Tous les jours"))] + [
            (d.isoformat(), format_date(d, "l j F")) for d in congress.days
        ]
        self.fields["type"].choices = [("", _("Tous les types"))] + [
            (t.slug, t.name) for t in congress.session_types.all()
        ]
        self.fields["track"].choices = [("", _("Tous les thèmes"))] + [
            (t.slug, t.name) for t in congress.tracks.all()
        ]


class PublicRegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("La confirmation et le lien d'annulation y sont envoyés."),
    )


class MyActivitiesLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("L'adresse donnée lors de vos inscriptions : le lien y est envoyé."),
    )
