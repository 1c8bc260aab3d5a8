"""Each sector page's hand-written summary names every commitment of its sector.

The generated list under a sector page always holds every commitment, but a
reader who stops at the summary (a small company's minimum, a large
company's fuller practice) should not miss one because the editors forgot it.
So the prose of ``docs/sectors/<sector>.md``, in each language, cites each
commitment made for the sector as ``[[ID]]``, or says on a line of its own
that it is left out on purpose, and why:

    <!-- summary leaves out SM-12: covered by the help page it links to -->

Commitments for every sector (``ALL-``) are not required: the summary names
those it relies on. The cost is one pass over each sector page's references.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .problems import Problem
from .scan import lines_outside_code

if TYPE_CHECKING:
    from .catalog import Catalog

_ID = r"[A-Z]{2,4}-\d{2,3}"
OMIT = re.compile(r"^<!--[ \t]*summary leaves out[ \t]+(?P<ids>" + _ID + r"(?:[ \t]*,[ \t]*" + _ID + r")*)"
                  r"[ \t]*:?[ \t]*(?P<why>.*?)[ \t]*-->[ \t]*$")
# Anything an editor may have meant as the marker, written differently.
OMIT_LIKE = re.compile(r"<!--[ \t]*summary[ \t]+(?:leaves?|left)[ \t]+out\b", re.I)
EXAMPLE = "<!-- summary leaves out SM-12: why it is left out -->"


def check(catalog: Catalog) -> list[Problem]:
    from .catalog import display  # the catalog imports this module

    problems: list[Problem] = []
    model = catalog.model
    for sector in model.sectors:
        page = catalog.entity_page("sector", sector)
        expected = [cid for cid in catalog.by_sector.get(sector, []) if not model.commitments[cid].applies_to_all]
        for lang in catalog.languages:
            scanned = catalog.pages[lang].get(page)
            text = catalog.texts[lang].get(page)
            if scanned is None or text is None:
                continue  # no translation: the original is shown, and checked
            file = display(page, lang, catalog.default)
            cited = {ref.id for ref in scanned.references}
            left_out: dict[str, int] = {}
            for index, line, in_code in lines_outside_code(text.split("\n")):
                if in_code:
                    continue
                marker = OMIT.match(line.strip())
                if marker is None:
                    if OMIT_LIKE.search(line):
                        problems.append(Problem(file, index + 1, "this comment looks like a 'left out' marker but is not written as one",
                                                f"write it alone on its line, exactly as {EXAMPLE}"))
                    continue
                ids = [cid.strip() for cid in marker["ids"].split(",")]
                if not marker["why"]:
                    problems.append(Problem(file, index + 1, f"{', '.join(ids)} left out of the summary without a reason",
                                            f"say why after the colon: {EXAMPLE}"))
                for cid in ids:
                    if cid not in expected:
                        problems.append(Problem(file, index + 1, f"{cid} is marked as left out, but it is not a commitment made for this sector",
                                                "remove it from the marker; the sector's commitments are: " + ", ".join(expected)))
                    elif cid in cited:
                        problems.append(Problem(file, index + 1, f"{cid} is both cited and marked as left out",
                                                f"keep one: remove {cid} from the marker, or the [[{cid}]] from the summary"))
                    left_out[cid] = index + 1
            missing = [cid for cid in expected if cid not in cited and cid not in left_out]
            if missing:
                where = next((line for name, line in scanned.directives if name == "commitments"), scanned.title_line)
                problems.append(Problem(file, where, "the summary above the list does not cite " + ", ".join(missing)
                                        + f" ({len(missing)} of the {len(expected)} commitments made for this sector)",
                                        "cite each as [[ID]] where it belongs (a small company's minimum, a large company's "
                                        f"fuller practice), or, on a line of its own, say why it is left out: {EXAMPLE}"))
    return problems
