"""Template filters for French numbers: ``{{ n|fr_int }}``, ``{{ part|fr_pct:whole }}``."""

from django import template

from reports.formatting import fr_money, fr_number, fr_percent

register = template.Library()


@register.filter
def fr_int(value):
    return fr_number(value)


@register.filter
def fr_dec(value, decimals=1):
    return fr_number(value, int(decimals))


@register.filter
def fr_pct(part, whole):
    return fr_percent(part, whole)


@register.filter
def fr_eur(value):
    return fr_money(value)
