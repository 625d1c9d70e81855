"""Serving stored files (private reports, uploaded documents) from a view.

Always as an attachment, never rendered by the browser: `nosniff` so the declared type holds,
and a sandboxing Content-Security-Policy so that, opened anyway, the file runs no script and
reaches no origin.
"""

from django.http import FileResponse


def attachment_response(file, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response
