"""Form helpers shared by every app's views."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field when it names fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """A list of checkboxes instead of a multiple select (no Ctrl-click, usable on a tablet).

    static/js/choice-filter.js adds a text box above the list that hides the choices not
    matching what is typed (progressive enhancement: without JavaScript, plain checkboxes).
    """

    def __init__(self, attrs=None, *, filter_label=None):
        attrs = {**(attrs or {}), "data-choice-filter": filter_label or _("Filtrer la liste")}
        super().__init__(attrs)
