"""Forms of the messaging app: they validate input and hand it to a service."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from messaging.models import Audience, Message, MessageKind
from messaging.placeholders import check_placeholders
from messaging.selectors import segment_choices

TEXT_HELP = _("Champs possibles : voir la liste ci-dessous, par exemple {prenom}.")


class MessageForm(forms.ModelForm):
    segment = forms.ChoiceField(label=_("Envoyer à"))

    class Meta:
        model = Message
        fields = ["kind", "subject_fr", "body_fr", "subject_en", "body_en"]
        widgets = {
            "kind": forms.RadioSelect,
            "body_fr": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "body_fr": TEXT_HELP,
            "subject_en": _("Facultatif : les personnes ayant choisi l'anglais le recevront."),
        }

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = segment_choices(congress)
        self.fields["kind"].choices = MessageKind.choices
        self.order_fields(["segment", "kind"])
        if self.instance.pk:
            value = self.instance.audience_value
            self.initial["segment"] = (
                f"{self.instance.audience}:{value}" if value else self.instance.audience
            )

    def _labels(self) -> dict:
        return {
            value: f"{group} : {label}" if ":" in value else label
            for group, options in self.fields["segment"].choices
            for value, label in options
        }

    def clean_segment(self):
        value = self.cleaned_data["segment"]
        audience, _sep, parameter = value.partition(":")
        if audience not in Audience.values:
            raise ValidationError(_("Choisissez des destinataires dans la liste."))
        self.audience = {"audience": audience, "audience_value": parameter,
                         "audience_label": str(self._labels()[value])[:300]}  # fmt: skip
        return value

    def _placeholders(self, name):
        value = self.cleaned_data[name]
        check_placeholders(value)
        return value

    def clean_subject_fr(self):
        return self._placeholders("subject_fr")

    def clean_body_fr(self):
        return self._placeholders("body_fr")

    def clean_subject_en(self):
        return self._placeholders("subject_en")

    def clean_body_en(self):
        return self._placeholders("body_en")

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**fields, **self.audience}


class ReminderTextForm(forms.Form):
    subject_fr = forms.CharField(label=_("Objet (français)"), max_length=200)
    body_fr = forms.CharField(label=_("Texte (français)"), widget=forms.Textarea(attrs={"rows": 8}))
    subject_en = forms.CharField(label=_("Objet (anglais)"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Texte (anglais)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("subject_fr", "body_fr", "subject_en", "body_en"):
            try:
                check_placeholders(cleaned.get(name, ""))
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class OptOutForm(forms.Form):
    information = forms.BooleanField(
        label=_("Recevoir les messages d'information des organisateurs"),
        help_text=_("Les messages pratiques (horaires, lieu, paiement) vous parviennent toujours."),
        required=False,
    )
