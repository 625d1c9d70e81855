"""French grammar in templates: « de » / « à » before a name, ordinals, « 1er » in dates.

Registered as a built-in library (settings.TEMPLATES « builtins »): every template gets these
filters without `{% load %}`, and its `date` filter replaces Django's so that every date written
with a « j » format reads « 1er janvier 2027 » in French, the e-mails and PDFs included.
"""

import re

from django import template
from django.template import defaultfilters
from django.utils import formats
from django.utils.html import conditional_escape, format_html

from congress.core.french import first_day_format, in_city, of_name, ordinal_suffix

register = template.Library()

# A number followed by a French (or English) ordinal suffix, as a word of its own.
ORDINAL_IN_TEXT = re.compile(r"\b(\d+)(er|re|e|nd|st|rd|th)(?!\w)")


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    """Django's `date` filter, with « 1er » for the first day of a month in French."""
    if value in (None, ""):
        return ""
    format_string = arg or "DATE_FORMAT"
    if format_string.isupper():  # a named format (DATE_FORMAT…): its pattern, then « 1er »
        format_string = formats.get_format(format_string)
    return defaultfilters.date(value, first_day_format(value, format_string))


@register.filter(name="de", is_safe=True)
def de_filter(name) -> str:
    """« de » + a name with its article or elision: « de l'Épicerie… », « du CCAS du Mans »."""
    return of_name(str(name))


@register.filter(name="a_ville", is_safe=True)
def a_ville(name) -> str:
    """« à » + a city: « au Mans », « à Angers »."""
    return in_city(str(name))


@register.filter(is_safe=True)
def ordinal(number, gender: str = "") -> str:
    """« 2<sup>e</sup> », « 1<sup>er</sup> » (« 1<sup>re</sup> » with "f") as HTML."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return conditional_escape(number)
    suffix = ordinal_suffix(number, feminine=gender == "f")
    return format_html("{}<sup>{}</sup>", number, suffix)


@register.filter(is_safe=True)
def sup_ordinals(text) -> str:
    """A name as HTML with its ordinals raised: « 2e Congrès » → « 2<sup>e</sup> Congrès »
    (« 1er », « 1re », « 3e »; « 2nd » in English). For HTML pages only: PDFs and e-mails keep
    the plain name."""
    text = str(text or "")
    parts, last = [], 0
    for match in ORDINAL_IN_TEXT.finditer(text):
        parts.append(conditional_escape(text[last : match.start()]))
        parts.append(format_html("{}<sup>{}</sup>", match.group(1), match.group(2)))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return format_html("{}" * len(parts), *parts)
