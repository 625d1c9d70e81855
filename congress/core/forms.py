"""Form helpers shared by every app's views."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field when it names fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit_form[T](
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], str] | None,
    then: Callable[[T], HttpResponse],
) -> HttpResponse | None:
    """Hand a valid form's data to a service; the response to send, or None to show the form.

    The shape of every form page: when ``form`` is valid, ``action(form.cleaned_data)`` calls the
    service; a Django ``ValidationError`` it raises is put on the form (``add_service_errors``)
    and None is returned, as for an unbound or invalid form: the view then renders its page with
    the errors (and its own status). When the service succeeds, ``success`` (a text, or a function
    of the service's result; None for no message) is flashed and ``then(result)`` is returned,
    usually a redirect::

        if response := submit_form(
            request, form,
            lambda data: services.grid_save(congress=congress, by=request.user, **data),
            success=_("Grille enregistrée."),
            then=lambda _grid: redirect("funding_meeting_board", congress.slug),
        ):
            return response
        return render(request, "funding/meetings/grid_form.html", {"form": form})

    A form bound only on POST (``request.POST or None``) needs no method check: an unbound form is
    never valid.
    """
    if not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if success is not None:
        messages.success(request, success(result) if callable(success) else success)
    return then(result)


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """A list of checkboxes instead of a multiple select (no Ctrl-click, usable on a tablet).

    static/js/choice-filter.js adds a text box above the list that hides the choices not
    matching what is typed (progressive enhancement: without JavaScript, plain checkboxes).
    """

    def __init__(self, attrs=None, *, filter_label=None):
        attrs = {**(attrs or {}), "data-choice-filter": filter_label or _("Filtrer la liste")}
        super().__init__(attrs)
