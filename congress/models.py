"""The congress app's models live in its sub-domain packages (see ARCHITECTURE.md); importing
them here registers them with Django under the ``congress`` app label."""

from congress.accounts import models as accounts  # noqa: F401
from congress.audit import models as audit  # noqa: F401
from congress.core import models as core  # noqa: F401
from congress.editions import alerts as edition_alerts  # noqa: F401
from congress.editions import models as editions  # noqa: F401
from congress.editions import partners as edition_partners  # noqa: F401
from congress.onsite import models as onsite  # noqa: F401
from congress.organisations import models as organisations  # noqa: F401
from congress.payments import models as payments  # noqa: F401
from congress.registrations import models as registrations  # noqa: F401
