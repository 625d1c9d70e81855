#!/usr/bin/env python3
"""Move ``@transaction.atomic`` decorators into the functions as ``with transaction.atomic():``.

mutmut 3 never mutates a decorated function, so a service opened by ``@transaction.atomic``
escapes mutation testing (issue 19). The convention is now to open the transaction inside the
function; this script converts what is left::

    scripts/atomic_blocks.py              # convert every .py file of the repository
    scripts/atomic_blocks.py a.py pkg/    # only these files / folders
    scripts/atomic_blocks.py --check      # list what is left to convert, exit 1 if anything

For each function decorated by ``django.db.transaction.atomic`` (``@transaction.atomic``,
``@transaction.atomic()``, ``@transaction.atomic(using=...)``, ``@atomic`` when imported so,
any alias): the decorator line goes, and the body after the docstring (which stays first) is
indented one level under ``with transaction.atomic():`` (the decorator's own call when it had
arguments). Comments are kept (a comment on the decorator line moves onto the ``with`` line);
lines inside multi-line strings are not touched, so no string changes. The result is the same
transaction around the same code. Running it again changes nothing. Run ``ruff format``
afterwards: the extra indentation may push some lines past the length limit.

Refused (reported, file left alone): the decorator above other decorators (moving it inside
would leave their code outside the transaction), a body on the ``def`` line, a coroutine or generator.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = "django.db.transaction.atomic"
SKIPPED_DIRS = {"node_modules", "__pycache__"}  # and hidden ones: .git, .venv, .mutmut...


class Refused(Exception):
    """A decorated function this script will not convert by itself."""


@dataclass
class Found:
    function: ast.FunctionDef | ast.AsyncFunctionDef
    decorator: ast.expr


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> dotted name it stands for, from every import of the module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    first = alias.name.split(".")[0]
                    names[first] = first
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def is_atomic(decorator: ast.expr, imports: dict[str, str]) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    dotted = _dotted(target)
    if dotted is None:
        return False
    first, _, rest = dotted.partition(".")
    if first not in imports:
        return False
    return ".".join(filter(None, [imports[first], rest])) == TARGET


def find_decorated(tree: ast.Module) -> list[Found]:
    """Every function of the module decorated by transaction.atomic, in source order."""
    imports = _imports(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if is_atomic(decorator, imports):
                    found.append(Found(node, decorator))
    return sorted(found, key=lambda f: f.function.lineno)


def _string_lines(source: str) -> set[int]:
    """Line numbers (1-based) that continue a multi-line string: their text is string content."""
    inside: set[int] = set()
    fstring_starts: list[int] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        kind = token.type
        if kind == tokenize.STRING:
            inside.update(range(token.start[0] + 1, token.end[0] + 1))
        elif kind == getattr(tokenize, "FSTRING_START", None):
            fstring_starts.append(token.start[0])
        elif kind == getattr(tokenize, "FSTRING_END", None):
            inside.update(range(fstring_starts.pop() + 1, token.end[0] + 1))
    return inside


def _is_generator(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A yield of the function itself (not of a nested function or lambda)."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Yield | ast.YieldFrom):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def convert_one(source: str, found: Found) -> str:
    """The source with this one function converted."""
    function, decorator = found.function, found.decorator
    where = f"line {function.lineno}: {function.name}()"
    if function.decorator_list[-1] is not decorator:
        raise Refused(f"{where}: decorators below transaction.atomic would leave the transaction")
    if isinstance(function, ast.AsyncFunctionDef) or _is_generator(function):
        raise Refused(f"{where}: a coroutine or generator, convert it by hand")
    body = function.body
    if body[0].lineno == function.lineno or any(
        statement.lineno == previous.end_lineno
        for previous, statement in zip(body, body[1:], strict=False)
    ):
        raise Refused(f"{where}: statements share a line, convert it by hand")

    lines = source.splitlines(keepends=True)
    has_docstring = (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    indent = lines[body[0].lineno - 1][: body[0].col_offset]
    unit = indent[: len(indent) - function.col_offset] or "    "
    # The wrapped part: from the first non-blank line after the docstring (so comments that
    # open the body go inside) to the end of the last statement.
    first = body[0].end_lineno + 1 if has_docstring else body[0].lineno
    last = function.end_lineno
    while first <= last and not lines[first - 1].strip():
        first += 1
    if first > last:  # only a docstring: the decorator has nothing to protect
        wrapped_block: list[str] = []
    else:
        strings = _string_lines(source)
        newline = "\r\n" if lines[first - 1].endswith("\r\n") else "\n"
        call = ast.unparse(decorator)
        if not isinstance(decorator, ast.Call):
            call += "()"
        after = lines[decorator.end_lineno - 1][decorator.end_col_offset :].strip()
        comment = f"  {after}" if after.startswith("#") else ""
        wrapped_block = [f"{indent}with {call}:{comment}{newline}"]
        for number in range(first, last + 1):
            line = lines[number - 1]
            if number in strings or not line.strip():
                wrapped_block.append(line)
            else:
                wrapped_block.append(unit + line)
    decorator_lines = range(decorator.lineno - 1, decorator.end_lineno)  # 0-based
    out = []
    for index, line in enumerate(lines):
        number = index + 1
        if index in decorator_lines:
            continue
        if wrapped_block and number == first:
            out.extend(wrapped_block)
        if wrapped_block and first <= number <= last:
            continue
        out.append(line)
    return "".join(out)


def convert(source: str, filename: str = "<source>") -> tuple[str, list[str]]:
    """(converted source, refusals). Converts one function at a time, parsing again after each."""
    refused: list[str] = []
    # Refused functions, by name and distance from the end of the file: functions are taken
    # last first, so every later change happens above them (or around them, indenting only).
    skip: set[tuple[str, int]] = set()
    while True:
        tree = ast.parse(source, filename)
        total = len(source.splitlines())
        pending = [
            f
            for f in find_decorated(tree)
            if (f.function.name, total - f.function.lineno) not in skip
        ]
        if not pending:
            return source, refused
        found = pending[-1]  # the last first: an inner function is converted before its outer
        try:
            converted = convert_one(source, found)
        except Refused as error:
            refused.append(f"{filename}:{error}")
            skip.add((found.function.name, total - found.function.lineno))
            continue
        ast.parse(converted, filename)  # never write a file Python cannot read
        source = converted


def _skipped(folder: str) -> bool:
    return folder.startswith(".") or folder in SKIPPED_DIRS


def _walk(folder: Path) -> list[Path]:
    files = []
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(d for d in folders if not _skipped(d))
        files.extend(Path(parent) / name for name in sorted(names) if name.endswith(".py"))
    return files


def python_files(paths: list[str]) -> list[Path]:
    if not paths:
        return _walk(ROOT)
    files = []
    for name in paths:
        path = Path(name)
        files.extend(_walk(path) if path.is_dir() else [path])
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the repository)")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is left"
    )
    args = parser.parse_args(argv)
    left = 0
    refusals: list[str] = []
    for path in python_files(args.paths):
        source = path.read_text(encoding="utf-8")
        if "atomic" not in source:
            continue
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        converted, refused = convert(source, str(shown))
        refusals.extend(refused)
        if converted != source:
            count = len(find_decorated(ast.parse(source))) - len(refused)
            left += count
            if args.check:
                print(f"{shown}: {count} function(s) decorated with transaction.atomic")
            else:
                path.write_text(converted, encoding="utf-8")
                print(f"{shown}: {count} function(s) converted")
    for refusal in refusals:
        print(f"not converted, {refusal}", file=sys.stderr)
    if args.check:
        return 1 if left or refusals else 0
    return 1 if refusals else 0


if __name__ == "__main__":
    sys.exit(main())
