"""drf-spectacular post-processing: document every operation's error answers, and the fields a response always holds.

drf-spectacular documents the success answers of a view; the errors DRF and Django add
(400 invalid input, 401 not signed in, 403 CSRF or permission, 404 unknown or another
user's interview, 405, 413 too large, 429 locked out) would otherwise be undocumented, and a
client (or a schema fuzzer) could not tell an expected refusal from a bug. Each is added
with the error body DRF sends: ``{"detail": "..."}`` or, for invalid input, field → messages.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` for a refusal; for invalid input, each field name with its error messages",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}

_ERRORS = {
    "400": "invalid input (field → messages)",
    "401": "not signed in (send `Authorization: Token …` or a session cookie)",
    "403": "refused (CSRF check failed for a session, or not allowed)",
    "404": "no such resource, or one of another user",
    "405": "method not allowed in this state",
    "413": "request body too large",
}


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: add the error answers (and their JSON body) to every operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    ref = {"$ref": "#/components/schemas/Error"}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in ("get", "put", "patch", "post", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            codes = ["400", "401", "403", "404", "405"]
            if "requestBody" in operation:
                codes.append("413")
            for code in codes:
                responses.setdefault(code, {"description": _ERRORS[code]})
            for code, response in responses.items():
                if code[0] == "4" and "content" not in response:
                    response["content"] = {"application/json": {"schema": ref}}
    return result


#: Response components whose every field is in every answer: a model serializer returns each field it
#: declares, also those a client may leave out when writing (the schema would call them optional).
ALWAYS_RETURNED = ("Position",)


def mark_always_returned(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: every property of the :data:`ALWAYS_RETURNED` components is required."""
    schemas = result.get("components", {}).get("schemas", {})
    for name in ALWAYS_RETURNED:
        schema = schemas.get(name)
        if schema and "properties" in schema:
            schema["required"] = sorted(schema["properties"])
    return result


def uuid_path_ids(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: a path parameter matched by the routers' UUID pattern is ``format: uuid``.

    The viewsets' detail routes take a UUID only (``interviews.urls.UUIDRouter``); drf-spectacular shows their
    regex as a ``pattern``, which says less to a client than the format.
    """
    from .urls import UUID_PATTERN

    anchored = f"^{UUID_PATTERN}$"
    for path, item in result.get("paths", {}).items():
        thing = path.strip("/").split("/")[1].removesuffix("s")  # /api/interviews/… → interview
        for operation in item.values():
            parameters = operation.get("parameters", []) if isinstance(operation, dict) else []
            for i, parameter in enumerate(parameters):
                if parameter.get("in") != "path" or parameter.get("schema", {}).get("pattern") != anchored:
                    continue
                described = {"description": f"A UUID string identifying this {thing}."} \
                    if parameter["name"] == "id" and "description" not in parameter else {}
                parameters[i] = {**{k: v for k, v in parameter.items() if k not in ("schema", "required")},
                                 "schema": {"type": "string", "format": "uuid"}, **described,
                                 "required": parameter.get("required", True)}
    return result
