"""Permission predicates of missions: the association's managers run their own missions."""

from congress.organisations.permissions import can_manage_organisation


def can_post_mission(user, organisation) -> bool:
    """The association's managers (`can_manage_organisation` refuses anonymous and deactivated
    accounts)."""
    return can_manage_organisation(user, organisation)


def can_manage_mission(user, mission) -> bool:
    """Only the managers of the mission's own association edit it and answer applications."""
    return can_post_mission(user, mission.organisation)
