"""The organisers' page of an edition's feature switches (issue 15)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions import services
from congress.editions.kinds import FEATURES
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser


class FeaturesForm(forms.Form):
    programme_published = forms.BooleanField(
        label=gettext_lazy("Programme publié"),
        required=False,
        help_text=gettext_lazy("Décoché : l'édition est annoncée, son programme est « à venir »."),
    )

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        for code, feature in FEATURES.items():
            self.fields[code] = forms.BooleanField(
                label=feature.label, required=False, initial=congress.feature_on(code)
            )
        self.fields["programme_published"].initial = congress.programme_published


@login_required
def edition_features(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    form = FeaturesForm(request.POST or None, congress=congress)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        published = data.pop("programme_published")
        services.edition_features_set(
            congress=congress, features=data, programme_published=published, by=request.user
        )
        messages.success(request, _("Les fonctionnalités de l'édition sont enregistrées."))
        return redirect("edition_features", slug=congress.slug)
    return render(
        request,
        "congress/editions/features.html",
        {"congress": congress, "form": form},
    )
