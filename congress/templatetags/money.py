"""French money formatting: `1 234,50 €` (narrow no-break space between thousands)."""

from django import template

from congress.core.formatting import format_euros

register = template.Library()


@register.filter
def euros(value) -> str:
    return format_euros(value)
