"""Forms of the feedback sub-domain: they validate input and hand it to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracks.feedback.models import QuestionKind, SurveyQuestion

RATING_CHOICES = [
    ("1", _("1 – pas du tout satisfait·e")),
    ("2", _("2 – peu satisfait·e")),
    ("3", _("3 – moyennement satisfait·e")),
    ("4", _("4 – satisfait·e")),
    ("5", _("5 – très satisfait·e")),
]
PLAIN_RATINGS = [(str(n), str(n)) for n in range(1, 6)]


def _question_field(question: SurveyQuestion) -> forms.Field:
    common = {"label": question.label, "required": question.required}
    if question.kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.kind == QuestionKind.CHOICE:
        choices = [(option, option) for option in question.option_list]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    return forms.ChoiceField(choices=PLAIN_RATINGS, widget=forms.RadioSelect, **common)


class AnswerForm(forms.Form):
    """The survey: the overall rating, the organisers' questions (``q_<id>``), a comment. Only
    the fields of this survey's questions are read: any other posted key is ignored."""

    rating = forms.TypedChoiceField(
        label=_("Votre appréciation d'ensemble"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 à 5.")},
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question.pk}"] = _question_field(question)
        self.fields["comment"] = forms.CharField(
            label=_("Un commentaire libre"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Anonyme : votre nom n'est pas enregistré avec vos réponses."),
        )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["label", "kind", "options", "scope", "required"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}


class SurveyDatesForm(forms.Form):
    sessions_close_at = forms.DateTimeField(
        label=_("Clôture des questionnaires d'atelier"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Laisser vide : 30 jours après la fin de chaque atelier."),
    )
    edition_closes_at = forms.DateTimeField(
        label=_("Clôture du questionnaire du congrès"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Laisser vide : 30 jours après le dernier jour du congrès."),
    )
