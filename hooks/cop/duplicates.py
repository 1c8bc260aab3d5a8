"""Commitments that may say the same thing: a warning for the editor and the
reviewer, never an error (two close titles can still ask different things).

The measure is simple enough to check by hand. A title becomes a set of
words: lower case, split at anything that is not a letter, a possessive
``'s`` dropped, the stop words below left out, and each word cut to its first
five letters, so that ``privacy`` and ``private``, ``account`` and
``accounts`` count as one word (truncation, the crudest stemmer, which needs
no dictionary). Two titles are close when their sets share at least half of
all their words (Jaccard index >= :data:`THRESHOLD`).

Only commitments that apply to a common sector are compared (an all-sector
commitment shares every sector, so it is compared with every commitment of
its key area and beyond): those are the ones one company must follow
together, where saying a thing twice confuses. Commitments of one key area in
different sectors are left alone, because the guide writes them in parallel
on purpose: ISP-01 and MNO-04 ask internet providers and mobile operators for
the same blocking (0.78), and a warning on every check would teach editors to
ignore warnings.

"Give children's accounts the highest privacy settings by default" against
SM-02 "Make children's accounts private and safe by default":
{child, accou, highe, priva, setti, defau} and {child, accou, priva, safe,
defau} share 4 of 7 words: 0.57, a warning. Every pair of the guide's own
commitments is below the threshold (tests/test_duplicates.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .catalog import Catalog

THRESHOLD = 0.5
STEM = 5
# Words that carry no duty of their own: articles, prepositions, pronouns,
# and the verbs most titles start with ("make", "give", "keep"...).
STOP_WORDS = frozenset("""
a an the and or nor but of to in on at by for with from into onto about as than then so
is are be been it its this that these those their them they you your our we who whom which what
where when how every each all any some own other more most very only also not
make give keep put set let get use take have do
sexual abuse material csam
""".split())
# The last line above: the subject most titles of the CSAM key area share
# ("child sexual abuse material"). Four shared words of subject alone made
# "Block known ..." and "Cut access, preserve, report, then remove ..." look alike;
# what is compared is what each title asks a company to do.
_LETTERS = re.compile(r"[^\W\d_]+")


def words(title: str) -> frozenset[str]:
    """The title's words as compared: see the module's description."""
    text = re.sub(r"['’]s\b", "", title.lower())
    return frozenset(word[:STEM] for word in _LETTERS.findall(text) if word not in STOP_WORDS)


def similarity(a: str, b: str) -> float:
    """Jaccard index of the two titles' words: shared words over all words."""
    first, second = words(a), words(b)
    union = first | second
    return len(first & second) / len(union) if union else 0.0


@dataclass(frozen=True)
class Close:
    """A commitment whose title is close to an earlier one's."""

    id: str  # the later of the two, in commitments.yml's order: the likely newcomer
    other: str
    score: float
    shared: tuple[str, ...]  # the words they share (as compared)
    common: tuple[str, ...]  # the sectors they share


def near_duplicates(titles: Mapping[str, str], groups: Mapping[str, Iterable[str]]) -> list[Close]:
    """Every pair of commitments that share a group (``groups``: each
    commitment's sector IDs, in commitments.yml's order) and whose titles are close."""
    order = list(groups)
    members = {cid: frozenset(groups[cid]) for cid in order}
    found: list[Close] = []
    for later_index, later in enumerate(order):
        for earlier in order[:later_index]:
            common = members[later] & members[earlier]
            if not common or later not in titles or earlier not in titles:
                continue
            score = similarity(titles[later], titles[earlier])
            if score >= THRESHOLD:
                shared = tuple(sorted(words(titles[later]) & words(titles[earlier])))
                found.append(Close(later, earlier, score, shared, tuple(sorted(common))))
    return found


def warnings(catalog: "Catalog") -> list[Problem]:
    """The close pairs of the catalog's commitments, as warnings at the later
    one's heading in the original language: both IDs, the titles, the shared
    words and what to do."""
    default = catalog.default
    titles = {cid: placed.title for cid, placed in catalog.placed[default].items()}
    groups = {cid: c.sectors for cid, c in catalog.model.commitments.items()}
    out: list[Problem] = []
    for close in near_duplicates(titles, groups):
        placed = catalog.placed[default][close.id]
        scan = catalog.pages[default].get(placed.page)
        line = next((s.line for s in scan.sections if s.id == close.id), None) if scan else None
        where = "every sector" if len(close.common) == len(catalog.model.sectors) else \
            "the sector " + ", ".join(close.common) if len(close.common) == 1 else "the sectors " + ", ".join(close.common)
        out.append(Problem(
            f"docs/{placed.page}", line,
            f"{close.id} may repeat {close.other}: '{titles[close.id]}' and '{titles[close.other]}' share "
            f"{len(close.shared)} of their {len(words(titles[close.id]) | words(titles[close.other]))} title words "
            f"({', '.join(close.shared)}; similarity {close.score:.2f}, warned from {THRESHOLD}) and apply to {where}",
            f"if {close.id} asks what {close.other} asks, strengthen {close.other} instead of adding {close.id}; "
            "if not, make its title say how it differs. The reviewer decides; this is a warning, not an error"))
    return out
