"""No input may end in a traceback: an unexpected exception in a hook becomes
one problem that names the hook and the file it was working on.

A handler that converts a page (``on_page_markdown``, ``on_page_content``)
adds the problem to the language build's list and lets the other pages go on,
so the build reports every page's problems at once (``hooks/cop_output.py``
raises them before any page is written); any other handler stops the build
with the problem.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from mkdocs.exceptions import MkDocsException

from . import state
from .problems import ContentError, Problem

Handler = TypeVar("Handler", bound=Callable[..., Any])
# The events at which a page is converted: a failure there is one page's problem.
PAGE_EVENTS = ("on_page_markdown", "on_page_content")
FIX = ("undo your last change to this file and build again; if the message stays, report it with the file: "
       "the build should have named the mistake")


def unexpected(where: str, file: str, error: BaseException) -> Problem:
    """The problem an unexpected exception becomes."""
    return Problem(file, None, f"an unexpected error in {where}: {type(error).__name__}: {error}", FIX)


def guarded(hook: str) -> Callable[[Handler], Handler]:
    """Wraps an event handler of ``hooks/<hook>.py``. Apply it under
    ``@event_priority``, which then marks the wrapper."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except MkDocsException:
                raise  # ContentError and MkDocs' own errors carry their message already
            except Exception as error:  # noqa: BLE001  (turned into a problem, never lost)
                page = kwargs.get("page")
                file = f"docs/{page.file.src_uri}" if page is not None else "mkdocs.yml"
                problem = unexpected(f"hooks/{hook}.py ({handler.__name__})", file, error)
                if handler.__name__ in PAGE_EVENTS and state.has_current():
                    state.current().problems.append(problem)
                    return args[0] if args else kwargs.get("markdown", kwargs.get("html"))
                raise ContentError([problem]) from error

        return run  # type: ignore[return-value]

    return wrap


def collect(where: str, file: str, check: Callable[..., list[Problem]], *args: Any) -> list[Problem]:
    """The problems of one source check; an unexpected exception in it is one
    more problem, and the other checks still run."""
    try:
        return list(check(*args))
    except ContentError as error:
        return list(error.problems)
    except Exception as error:  # noqa: BLE001
        return [unexpected(where, file, error)]
