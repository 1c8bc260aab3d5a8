"""YAML loading that keeps line numbers and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; for a file keyed by
commitment ID that would hide a duplicate ID, so duplicates are reported.
"""

from __future__ import annotations

from typing import Any

import yaml

from .problems import Problem


class Lined(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]


class _Loader(yaml.SafeLoader):
    pass


# libyaml's parser when PyYAML has it (the wheels do): the same safe types and
# marks, several times faster. On a syntax error the pure-Python loader parses
# again, because it points at the line that is wrong, libyaml at a later one.
class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Lined:
    loader.flatten_mapping(node)
    result = Lined()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.duplicates.append((key, result.key_lines[key], line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str, file: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse ``text``; return the data and the problems (syntax, duplicate keys)."""
    try:
        data, duplicates = _parse(_FastLoader, text)
    except yaml.YAMLError:
        try:
            data, duplicates = _parse(_Loader, text)
        except yaml.YAMLError as error:
            return None, [syntax_problem(error, file, line_offset)]
    return data, _duplicates(duplicates, file, line_offset)


SYNTAX = "cannot read the YAML"


def syntax_problem(error: yaml.YAMLError, file: str, line_offset: int = 0) -> Problem:
    """A YAML syntax error at its line and column, with the fix its kind calls for."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    column = f" (column {mark.column + 1})" if mark is not None else ""
    reason = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "\\t" in reason or "tab" in reason:
        fix = "indent with spaces, never tabs"
    elif "mapping values are not allowed" in reason:
        fix = "put the value in quotes: a value containing ': ' must be quoted ('title: \"A: B\"')"
    elif "could not find expected ':'" in reason or "simple key" in reason:
        fix = "each line is 'key: value'; check the colon after the key and the indentation of the lines above"
    elif "found unexpected end of stream" in reason or "while scanning a quoted scalar" in (context or ""):
        fix = "close the quote opened on that line (or earlier)"
    elif "flow" in (context or "") or "expected ',' or ']'" in reason or "expected ',' or '}'" in reason:
        fix = "close the list with ']' (or the mapping with '}') on the same line, or quote a value starting with '['"
    else:
        fix = ("check the indentation, the colons and the quotes on that line "
               "(a value containing ': ' or starting with '[' must be quoted)")
    return Problem(file, line, f"{SYNTAX}{column}: {reason}", fix)


def is_syntax(problem: Problem) -> bool:
    return problem.message.startswith(SYNTAX)


def _parse(loader_class: type, text: str) -> tuple[Any, list[tuple[Any, int, int]]]:
    """The data, and the duplicate keys (key, first line, second line)."""
    loader = loader_class(text)
    loader.duplicates = []
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def _duplicates(duplicates: list[tuple[Any, int, int]], file: str, line_offset: int) -> list[Problem]:
    return [
        Problem(
            file,
            second + line_offset,
            f"'{key}' appears twice (first on line {first + line_offset})",
            "keep one entry per ID; give a new item a new, unused ID",
        )
        for key, first, second in duplicates
    ]


def line_of(mapping: Any, key: Any) -> int | None:
    """The line of ``key`` in a mapping loaded by :func:`load`, if known."""
    if isinstance(mapping, Lined):
        return mapping.key_lines.get(key, mapping.line)
    return None
