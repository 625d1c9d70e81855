"""The admin of each sub-domain lives in its package; Django's autodiscovery imports this module."""

from congress.accounts import admin as accounts  # noqa: F401
from congress.audit import admin as audit  # noqa: F401
from congress.editions import admin as editions  # noqa: F401
from congress.onsite import admin as onsite  # noqa: F401
from congress.organisations import admin as organisations  # noqa: F401
from congress.payments import admin as payments  # noqa: F401
from congress.registrations import admin as registrations  # noqa: F401
