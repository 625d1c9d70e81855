"""OpenAPI schema post-processing: document the error responses every endpoint can give.

DRF answers errors with a small set of shapes (``{"detail": ...}`` for authentication,
permission, not-found and throttling errors; field -> messages for validation errors). The
services raise Django's ValidationError / PermissionDenied, which congress.api.exception_handler
turns into those same shapes, so one hook describes them for every operation.
"""

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field name (or `detail` / `non_field_errors`) -> list of messages.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}
DESCRIPTIONS = {
    "400": "Invalid input (French messages by field).",
    "401": "Authentication required.",
    "403": "Not allowed for this user.",
    "404": "Not found (or not visible to this user).",
    "405": "Method not allowed.",
    "413": "Request body too large (DATA_UPLOAD_MAX_MEMORY_SIZE).",
    "429": "Too many requests (throttled).",
}


def _response(code: str) -> dict:
    name = "ValidationError" if code == "400" else "ErrorDetail"
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorDetail", ERROR_DETAIL)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for schema in schemas.values():
        # A record shown whole or in part depending on the caller (an organisation: full for
        # its members, public fields for others) matches both shapes: anyOf, not oneOf.
        if "oneOf" in schema and "discriminator" not in schema:
            schema["anyOf"] = schema.pop("oneOf")
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            codes = ["401", "403", "429"]
            parameter_names = {p.get("name") for p in operation.get("parameters", [])}
            if "{" in path or "page" in parameter_names:  # a page past the end is a 404
                codes.append("404")
            if method != "get" or operation.get("parameters"):
                codes.append("400")
            if method != "get":
                codes.append("413")
            for code in codes:
                responses.setdefault(code, _response(code))
    return result
