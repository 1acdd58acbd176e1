"""``manage.py export_api_reference [--check]``: write ``docs/api.md`` from the app's OpenAPI schema.

    python web/manage.py export_api_reference            # (re)writes docs/api.md
    python web/manage.py export_api_reference --check    # exit 1 when docs/api.md is stale

The schema is built in this process with drf-spectacular's ``SchemaGenerator`` (the same
schema ``/api/schema/`` serves), then rendered as compact Markdown: for each path and method
its description, parameters, request body and response codes, then the data schemas. The
output depends on the schema only (paths, methods, codes and schemas in a fixed order), so
regenerating an unchanged API gives the same bytes.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

logger = logging.getLogger(__name__)

#: Where the reference goes, relative to the repository root.
DEFAULT_OUTPUT = Path("docs") / "api.md"
#: The command that regenerates the reference (said by ``--check`` and the test when it is stale).
REGENERATE = "python web/manage.py export_api_reference"

_METHODS = ("get", "post", "put", "patch", "delete")
_REF_PREFIX = "#/components/schemas/"
_ENUM_ITEM = re.compile(r"^\* `(?P<value>[^`]*)` - (?P<label>.*)$")


def build_schema() -> dict[str, Any]:
    """The OpenAPI schema of the app as plain JSON types (what ``/api/schema/?format=json`` serves)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def slug(text: str) -> str:
    """GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces → hyphens."""
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _text(description: str | None) -> str:
    """A schema description as Markdown: reST double backticks become single ones, enum bullet lists dropped."""
    if not description:
        return ""
    lines = [line for line in description.replace("``", "`").splitlines() if not _ENUM_ITEM.match(line.strip())]
    return "\n".join(lines).strip()


def _cell(text: str) -> str:
    """Text that fits in one Markdown table cell: one line, pipes escaped."""
    return re.sub(r"\s+", " ", text).strip().replace("|", "\\|")


def _summary(description: str | None, limit: int = 140) -> str:
    """First sentence of a description (at most ``limit`` characters), for the index of operations."""
    text = re.sub(r"\s+", " ", _text(description).split("\n\n")[0]).strip()
    depth = 0
    for i, char in enumerate(text):  # the first sentence end outside parentheses
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth <= 0 and char in ".;:" and (i + 1 == len(text) or text[i + 1] == " "):
            text = text[:i + 1] if char == "." else text[:i]
            break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


class _Renderer:
    """Render one OpenAPI schema as Markdown (state: the anchors of headings and the schema names)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.components: dict[str, Any] = schema.get("components", {}).get("schemas", {})
        self.anchors: dict[str, str] = {}
        self._used: Counter[str] = Counter()
        self.inline_request: set[str] = set()

    # ------------------------------------------------------------------ anchors

    def anchor(self, heading: str) -> str:
        """The unique anchor of ``heading`` (GitHub appends -1, -2… to repeated ones)."""
        if heading not in self.anchors:
            base = slug(heading)
            n = self._used[base]
            self._used[base] += 1
            self.anchors[heading] = base if n == 0 else f"{base}-{n}"
        return self.anchors[heading]

    def schema_link(self, name: str) -> str:
        """Markdown link to the section of component ``name`` (its name alone for a request body shown inline)."""
        if name in self.inline_request:
            return f"`{name}`"
        return f"[{name}](#{self.anchor(self._schema_heading(name))})"

    @staticmethod
    def _schema_heading(name: str) -> str:
        return f"`{name}`"

    @staticmethod
    def _operation_heading(method: str, path: str) -> str:
        return f"`{method.upper()} {path}`"

    # ------------------------------------------------------------------ types

    def type_of(self, node: Any) -> str:
        """A compact type of a schema node: ``string (uuid)``, ``array of [Progress](#progress)``, ``object``, etc."""
        if not isinstance(node, dict) or not node:
            return "any"
        if "$ref" in node:
            text = self.schema_link(node["$ref"].removeprefix(_REF_PREFIX))
        elif "allOf" in node:
            text = " and ".join(self.type_of(n) for n in node["allOf"])
        elif "oneOf" in node or "anyOf" in node:
            text = " or ".join(self.type_of(n) for n in node.get("oneOf", node.get("anyOf", [])))
        elif "enum" in node:
            text = "one of " + ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in node["enum"])
        elif node.get("type") == "array":
            text = f"array of {self.type_of(node.get('items'))}"
        elif node.get("type") == "object" or "properties" in node:
            props = node.get("properties") or {}
            required = set(node.get("required", []))
            if props:
                inner = ", ".join(f"`{k}`{'' if k in required else '?'}: {self.type_of(v)}" for k, v in props.items())
                text = f"object {{{inner}}}"
            elif isinstance(node.get("additionalProperties"), dict) and node["additionalProperties"]:
                text = f"object of {self.type_of(node['additionalProperties'])}"
            else:
                text = "object"
        elif "type" in node:
            text = str(node["type"])
            if node.get("format"):
                text += f" ({node['format']})"
        else:
            text = "any"
        if node.get("nullable"):
            text += " or null"
        return text

    @staticmethod
    def constraints(node: dict[str, Any]) -> list[str]:
        """The validation rules of a schema node in words (default, lengths, bounds, pattern)."""
        notes = []
        if "default" in node:
            notes.append(f"default `{json.dumps(node['default'], ensure_ascii=False)}`")
        if node.get("minLength") == 1:
            notes.append("not empty")
        for key, word in (("minLength", "at least {} characters"), ("maxLength", "at most {} characters"),
                          ("minimum", "≥ {}"), ("maximum", "≤ {}"), ("minItems", "at least {} items"),
                          ("maxItems", "at most {} items")):
            if key in node and not (key == "minLength" and node[key] == 1):
                notes.append(word.format(node[key]))
        if "pattern" in node:
            notes.append(f"pattern `{node['pattern']}`")
        if node.get("writeOnly"):
            notes.append("write-only")
        return notes

    def fields_table(self, node: dict[str, Any], *, skip_read_only: bool = False) -> list[str]:
        """A table of an object schema's properties: field, type, required, description."""
        props = node.get("properties") or {}
        required = set(node.get("required", []))
        rows = []
        for name, prop in props.items():
            if skip_read_only and isinstance(prop, dict) and prop.get("readOnly"):
                continue
            prop = prop if isinstance(prop, dict) else {}
            words = [w for w in [_text(prop.get("description") or prop.get("title"))] if w]
            words += self.constraints(prop)
            rows.append(f"| `{name}` | {_cell(self.type_of(prop))} | {'yes' if name in required else 'no'} | "
                        f"{_cell('; '.join(words))} |")
        if not rows:
            return []
        return ["| field | type | required | description |", "| --- | --- | --- | --- |", *rows]

    # ------------------------------------------------------------------ sections

    def operations(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(path, method, operation) in a fixed order: paths sorted, methods in HTTP order."""
        ops = []
        for path in sorted(self.schema.get("paths", {})):
            item = self.schema["paths"][path]
            ops += [(path, m, item[m]) for m in _METHODS if m in item]
        return ops

    def common_errors(self) -> dict[str, str]:
        """Error answers (code → description, JSON ``Error`` body) that more than half the operations share."""
        ops = self.operations()
        seen: Counter[tuple[str, str]] = Counter()
        for _, _, op in ops:
            for code, response in op.get("responses", {}).items():
                if code.startswith("4") and self._is_error_body(response):
                    seen[(code, response.get("description", ""))] += 1
        common = {code: text for (code, text), n in seen.items() if n * 2 > len(ops)}
        return dict(sorted(common.items()))

    @staticmethod
    def _is_error_body(response: dict[str, Any]) -> bool:
        content = response.get("content") or {}
        return list(content) == ["application/json"] and \
            content["application/json"].get("schema") == {"$ref": _REF_PREFIX + "Error"}

    def body(self, content: dict[str, Any]) -> str:
        """The bodies of a request or response: ``media type``: type, grouped when the types share one schema."""
        groups: dict[str, list[str]] = {}
        for media, spec in sorted(content.items()):
            groups.setdefault(self.type_of((spec or {}).get("schema")), []).append(f"`{media}`")
        return "; ".join(f"{', '.join(media)}: {kind}" for kind, media in groups.items())

    def request_body_names(self) -> set[str]:
        """Components that only serve as a request body (their fields are shown with the operation)."""
        direct: set[str] = set()
        for _, _, op in self.operations():
            for spec in (op.get("requestBody") or {}).get("content", {}).values():
                ref = (spec or {}).get("schema", {}).get("$ref", "")
                if ref.startswith(_REF_PREFIX):
                    direct.add(ref.removeprefix(_REF_PREFIX))
        elsewhere: set[str] = set()
        for _, _, op in self.operations():
            stripped = {k: v for k, v in op.items() if k != "requestBody"}
            elsewhere |= set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(stripped)))
        for name, node in self.components.items():
            elsewhere |= {r for r in re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(node)) if r != name}
        return direct - elsewhere

    def render_operation(self, path: str, method: str, op: dict[str, Any], common: dict[str, str]) -> list[str]:
        """The section of one operation."""
        out = [f"### {self._operation_heading(method, path)}", ""]
        description = _text(op.get("summary")) or ""
        if op.get("description"):
            description = (description + "\n\n" if description else "") + _text(op["description"])
        if description:
            out += [description, ""]
        auth = sorted({name for req in op.get("security", []) for name in req}) if op.get("security") else []
        facts = [f"Operation `{op.get('operationId', '')}`"]
        facts.append("auth: " + (", ".join(f"`{a}`" for a in auth) if auth else "none"))
        if op.get("deprecated"):
            facts.append("**deprecated**")
        out += [" · ".join(facts), ""]
        params = op.get("parameters") or []
        if params:
            out += ["| parameter | in | type | required | description |", "| --- | --- | --- | --- | --- |"]
            for p in sorted(params, key=lambda p: (("path", "query", "header", "cookie").index(p.get("in", "query"))
                                                   if p.get("in") in ("path", "query", "header", "cookie") else 9)):
                words = [w for w in [_text(p.get("description"))] if w] + self.constraints(p.get("schema") or {})
                out.append(f"| `{p['name']}` | {p.get('in', '')} | {_cell(self.type_of(p.get('schema')))} | "
                           f"{'yes' if p.get('required') else 'no'} | {_cell('; '.join(words))} |")
            out.append("")
        body = op.get("requestBody")
        if body:
            content = body.get("content") or {}
            out += [f"Request body ({'required' if body.get('required') else 'optional'}): {self.body(content)}", ""]
            schemas = [(spec or {}).get("schema") or {} for spec in content.values()]
            first = schemas[0] if schemas else {}
            if first.get("$ref") and all(s == first for s in schemas):
                name = first["$ref"].removeprefix(_REF_PREFIX)
                if name in self.inline_request:
                    node = self.components.get(name, {})
                    if _text(node.get("description")):
                        out += [_text(node["description"]), ""]
                    table = self.fields_table(node, skip_read_only=True)
                    out += [*table, ""] if table else []
        responses = op.get("responses") or {}
        shared = [code for code in sorted(responses, key=str)
                  if common.get(code) == responses[code].get("description", "")
                  and self._is_error_body(responses[code])]
        out += ["| response | body | description |", "| --- | --- | --- |"]
        for code in sorted(responses, key=str):
            if code in shared:
                continue
            response = responses[code]
            kind = self.body(response["content"]) if response.get("content") else "—"
            out.append(f"| {code} | {_cell(kind)} | {_cell(_text(response.get('description')))} |")
        out.append("")
        if shared:
            out += ["Also the [common errors](#common-errors) " + ", ".join(shared) + ".", ""]
        return out

    def render_component(self, name: str, node: dict[str, Any]) -> list[str]:
        """The section of one data schema."""
        out = [f"### {self._schema_heading(name)}", ""]
        if "enum" in node:
            labels = {}
            for line in (node.get("description") or "").splitlines():
                m = _ENUM_ITEM.match(line.strip())
                if m:
                    labels[m["value"]] = m["label"]
            out += ["| value | meaning |", "| --- | --- |"]
            for value in node["enum"]:
                out.append(f"| `{json.dumps(value, ensure_ascii=False)}` | {_cell(labels.get(str(value), ''))} |")
            return [*out, ""]
        if _text(node.get("description")):
            out += [_text(node["description"]), ""]
        table = self.fields_table(node)
        if table:
            out += [*table, ""]
        extra = node.get("additionalProperties")
        if extra:
            kind = self.type_of(extra) if isinstance(extra, dict) and extra else "any"
            out += [f"Other fields: {kind}.", ""]
        if not table and not extra:
            out += [f"Type: {self.type_of(node)}.", ""]
        return out

    def render(self) -> str:
        """The whole reference, ending with one newline."""
        info = self.schema.get("info", {})
        ops = self.operations()
        common = self.common_errors()
        self.inline_request = self.request_body_names()
        # Headings first, so repeated anchors get their suffix in document order.
        for path, method, _ in ops:
            self.anchor(self._operation_heading(method, path))
        shown = [n for n in sorted(self.components) if n not in self.inline_request]
        for name in shown:
            self.anchor(self._schema_heading(name))

        out = ["# API reference", "",
               f"<!-- Generated by `{REGENERATE}` from the OpenAPI schema; do not edit by hand. -->", "",
               f"**{info.get('title', 'API')}** {info.get('version', '')}. "
               f"{_text(info.get('description'))}".strip(), "",
               f"This file is generated from the app's OpenAPI schema (drf-spectacular) by `{REGENERATE}`; "
               "`tests/web/test_api_reference.py` fails when it is out of date. The running server serves the same "
               "schema at `/api/schema/`, with Swagger UI at `/api/docs/` and ReDoc at `/api/redoc/` "
               "(see [web.md](web.md)).", ""]
        schemes = self.schema.get("components", {}).get("securitySchemes", {})
        if schemes:
            out += ["## Authentication", "", "| scheme | type | where | description |", "| --- | --- | --- | --- |"]
            for name in sorted(schemes):
                s = schemes[name]
                where = f"{s.get('in', '')} `{s.get('name', '')}`" if s.get("in") else s.get("scheme", "")
                text = _cell(_text(s.get("description")))
                out.append(f"| `{name}` | {s.get('type', '')} | {_cell(where)} | {text} |")
            out.append("")
        out += ["## Operations", "", "| method | path | summary |", "| --- | --- | --- |"]
        for path, method, op in ops:
            link = f"[`{path}`](#{self.anchor(self._operation_heading(method, path))})"
            summary = _cell(_summary(op.get("summary") or op.get("description")))
            out.append(f"| `{method.upper()}` | {link} | {summary} |")
        out.append("")
        if common:
            body = f" with the {self.schema_link('Error')} body" if "Error" in self.components else ""
            out += ["## Common errors", "",
                    f"Answers every operation may give{body}, unless its own table says otherwise:", "",
                    "| response | description |", "| --- | --- |"]
            out += [f"| {code} | {_cell(_text(text))} |" for code, text in common.items()]
            out.append("")
        out += ["## Endpoints", ""]
        for path, method, op in ops:
            out += self.render_operation(path, method, op, common)
        out += ["## Schemas", ""]
        for name in shown:
            out += self.render_component(name, self.components[name])
        text = "\n".join(out)
        return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def render_reference(schema: dict[str, Any]) -> str:
    """The Markdown API reference of an OpenAPI schema (deterministic: same schema, same text)."""
    return _Renderer(schema).render()


def output_path(option: str | None) -> Path:
    """The file to write or check: ``--output`` if given, else ``docs/api.md`` of the repository."""
    return Path(option) if option else Path(settings.REPO_ROOT) / DEFAULT_OUTPUT


class Command(BaseCommand):
    """``manage.py export_api_reference``: write or check ``docs/api.md``."""

    help = "Write docs/api.md from the OpenAPI schema (--check: exit 1 when it is stale)."

    def add_arguments(self, parser: CommandParser) -> None:
        """``--check`` and ``--output``."""
        parser.add_argument("--check", action="store_true",
                            help="write nothing; exit 1 when the file differs from what the schema gives")
        parser.add_argument("--output", default=None, help=f"file to write or check (default: {DEFAULT_OUTPUT})")

    def handle(self, *args: Any, **options: Any) -> None:
        """Write the reference (unchanged bytes are not rewritten), or with ``--check`` compare it.

        Raises:
            CommandError: With ``--check``, the file is missing or stale (exit code 1).
        """
        path = output_path(options["output"])
        text = render_reference(build_schema())
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                why = "is missing" if current is None else "is stale (the API changed)"
                raise CommandError(f"{path} {why}: run `{REGENERATE}` and commit it", returncode=1)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            logger.info("%s already up to date", path)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Wrote {path} ({len(text.splitlines())} lines).")
