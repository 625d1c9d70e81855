"""What the registrations keep of other rows and follow (issue 18): the name the board sorts
delegates by (`sorting.py`), through the renames of organisations and people."""

from congress.registrations import sorting


def watch_models() -> None:
    sorting.follow_renames()
