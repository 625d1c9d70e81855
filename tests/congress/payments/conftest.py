from tests.congress.registrations.conftest import (  # noqa: F401
    ccas_manager,
    edition,
    tariffs,
)
