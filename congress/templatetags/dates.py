"""Long dates as people write them: « 1er mars 2027 » in French, "1 March 2027" in English."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def long_date(value) -> str:
    if not value:
        return ""
    text = date_format(value, "j F Y")
    if value.day == 1 and (get_language() or "").startswith("fr"):
        text = "1er" + text[1:]
    return text
