"""The error summary at the top of every form with errors (issue 14, RGAA 11.10 / 11.11).

`{% error_summary form formset … %}` lists the errors of the given forms and formsets: a title,
then one link per field in error (to the field's input, with its label and message) and the
errors that belong to no field. The crispy-forms template pack renders it for every
`{{ form|crispy }}` (templates/bootstrap5/errors.html); forms laid out by hand call it
themselves. static/js/error-summary.js moves the focus to the first summary of the page.
"""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import ngettext

register = template.Library()


def _target_id(bound_field) -> str:
    # Radio buttons and checkbox lists have no input with the field's own id: the first one.
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


def _form_errors(form: BaseForm) -> list[dict]:
    items = [{"message": message, "href": ""} for message in form.non_field_errors()]
    for bound_field in form:
        if bound_field.is_hidden:
            items += [{"message": message, "href": ""} for message in bound_field.errors]
            continue
        for message in bound_field.errors:
            items.append(
                {"label": bound_field.label, "message": message, "href": _target_id(bound_field)}
            )
    return items


SUMMARISED = "_error_summary_shown"


def _summarise(form: BaseForm) -> list[dict]:
    """A form's errors, once: a form already in a summary (the page's) adds nothing again."""
    if not form.is_bound or getattr(form, SUMMARISED, False):
        return []
    setattr(form, SUMMARISED, True)
    return _form_errors(form)


def summary_items(*forms) -> list[dict]:
    """Errors of forms and formsets, in the order they appear on the page."""
    items: list[dict] = []
    for form in forms:
        if isinstance(form, BaseFormSet):
            if not form.is_bound:
                continue
            items += [{"message": message, "href": ""} for message in form.non_form_errors()]
            for subform in form.forms:
                items += _summarise(subform)
        elif isinstance(form, BaseForm):
            items += _summarise(form)
    return items


@register.inclusion_tag("congress/_error_summary.html")
def error_summary(*forms):
    items = summary_items(*forms)
    title = ngettext(
        "Le formulaire contient %(n)s erreur",
        "Le formulaire contient %(n)s erreurs",
        len(items),
    ) % {"n": len(items)}
    prefix = next((f.prefix for f in forms if getattr(f, "prefix", None)), "") or "form"
    return {"items": items, "title": title, "summary_id": f"error-summary-{prefix}"}


@register.inclusion_tag("congress/_required_legend.html")
def required_legend(*forms):
    """« * obligatoire »: said before the fields, when a visible field of the forms is required."""
    required = any(
        bound_field.field.required and not bound_field.is_hidden
        for form in forms
        if isinstance(form, BaseForm)
        for bound_field in form
    )
    return {"required": required}
