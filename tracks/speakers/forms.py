from django import forms
from django.utils.translation import gettext_lazy as _

from tracks.models import Session
from tracks.speakers.models import SpeakerProfile


class SpeakerProfileForm(forms.ModelForm):
    """The organisers' form: who speaks, and where (adding a profile, or editing it with the
    version it was read at)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = SpeakerProfile
        fields = ["name", "function", "organisation_name", "email", "bio", "sessions"]
        widgets = {
            "sessions": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.filter(congress=congress).order_by(
            "starts_at", "title"
        )


class OwnSpeakerProfileForm(forms.Form):
    """The speaker's own form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    name = forms.CharField(label=_("Nom"), max_length=200)
    function = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    bio = forms.CharField(
        label=_("Courte présentation"),
        max_length=SpeakerProfile._meta.get_field("bio").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = forms.FileField(
        label=_("Photo"), required=False, help_text=_("PNG ou JPEG, 1 Mo au plus.")
    )
    remove_photo = forms.BooleanField(label=_("Retirer ma photo"), required=False)
    photo_consent = forms.BooleanField(
        label=_("J'accepte que ma photo soit publiée sur le site de l'édition."),
        required=False,
        help_text=_(
            "Sans votre accord, la photo reste privée : seuls vous et les organisateurs la voient."
        ),
    )


class SpeakerEmailForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de l'intervenant·e"))
