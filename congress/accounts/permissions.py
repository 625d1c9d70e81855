"""Per-request permission caches kept on the user object."""


def clear_permission_cache(user) -> None:
    for attr in ("_organiser_of", "_memberships_by_org"):
        if hasattr(user, attr):
            delattr(user, attr)
