"""Permission predicates of the reports app."""

from congress.editions.permissions import is_organiser


def can_view_reports(user, congress) -> bool:
    """The dashboard, the report and the data exports are for the edition's organisers."""
    return is_organiser(user, congress)


def can_generate_report(user, congress) -> bool:
    return is_organiser(user, congress)
