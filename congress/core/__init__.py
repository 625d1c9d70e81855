"""The project's plumbing, kept apart from the domain: API plumbing (exception handler,
pagination, throttling, idempotency, OpenAPI hooks), middleware, query expressions, e-mail
helpers, the discovery of each sub-domain's optional modules (``demo``, ``privacy``), spreadsheet
cells no spreadsheet evaluates (``spreadsheets``), private file storage (``storage``) and serving
stored files as attachments (``downloads``)."""
