"""The Markdown the build writes into pages.

Links are written as relative links to the *source* pages (``../roles/x.md``),
so MkDocs resolves them to the right URL in each language (the i18n plugin
maps ``roles/x.md`` to ``roles/x.km.md`` on the Khmer site) and a strict build
checks every one of them. Every function returns Markdown for one block, and
its cost is the size of that block.

Large generated blocks (lists, tables, metadata) are written as HTML instead,
from the Jinja2 templates of ``overrides/partials/cop/`` (``cop.templates``:
autoescaped, and a site can restyle them without touching Python), with their
links resolved by the ``url`` function the hook passes in: Python-Markdown
would spend more time parsing them than every other step of our hooks
together (measured with bench/bench_build.py). The Markdown keeps a one-line
placeholder (``<!-- cop-block:N -->``) per block, and :func:`fill_blocks` puts
the HTML in its place once the page is converted. Headings stay Markdown, so
they keep their place in the table of contents and in MkDocs' anchor checks.

Every link, in HTML or in Markdown prose, is a :class:`~cop.templates.Link`
made by :meth:`Renderer.link` or :meth:`Renderer.commitment_link` and written
by the ``a`` macro of ``partials/cop/links.html``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from . import assessment as assessment_module
from . import changes, citations, downloads, footnotes, terms
from .applicability import bringers, is_legal
from .catalog import Catalog, PARTS, relative
from .contacts import GROUPS
from .procedure import ANYONE
from .releases import Localised
from .scan import COMMITMENT_HEADING, DIRECTIVE, HEADING, heading_text, lines_outside_code
from .templates import Link, Templates, markdown_text

# Footnotes belong to the page that defines them: a quoted part drops its
# references ([^dh]) and any definitions that follow it at the end of a page.
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:")
# The self-assessment statuses, in the order the controls show them; the
# codes are what exports hold, the words come from labels.yml.
STATUSES = ("done", "in-progress", "not-started", "not-applicable")


# Text safe to place inside Markdown inline content (a heading, a table cell).
escape = markdown_text


def _attr(text: str) -> str:
    """Text safe inside a double-quoted Markdown title or admonition title."""
    return text.replace("\\", "\\\\").replace('"', "&quot;")


# (language-neutral source page, anchor) -> the href of that page in this
# language build, relative to the page being rendered.
Url = Callable[[str, str], str]

BLOCK = re.compile(r"<!-- cop-block:(\d+) -->")


def _json(data: object) -> str:
    """JSON for a data block in the page: "</" escaped, so it cannot end the script element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _shown_address(address: str) -> str:
    """An address as a reader reads it: without https:// and a final slash."""
    return address.removeprefix("https://").removesuffix("/")


def fill_blocks(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by its HTML block."""
    if not blocks:
        return html
    return BLOCK.sub(lambda m: blocks[int(m.group(1))], html)


class Renderer:
    """Renders blocks for one page of one language build."""

    def __init__(self, catalog: Catalog, lang: str, here: str, templates: Templates, site_root: str = "",
                 bundle: dict | None = None, pdfs: dict | None = None, url: Url | None = None,
                 history: Localised | None = None, guides: dict | None = None, page_url: str = "",
                 documents: dict | None = None) -> None:
        """``here``: the page's language-neutral source path; ``templates``:
        the language build's templates (:meth:`Templates.use`); ``site_root``:
        the relative URL from the built page to the site's root; ``bundle``:
        the offline bundle published with the site, if any (``href``, ``bytes``);
        ``pdfs``: the checklist PDFs published with it, ``{lang: {sector: {href, bytes}}}``;
        ``url``: resolves a source page to its href in this build (without it,
        links point at the source files); ``history``: the change history in
        this language (without it, no history blocks: the engine-level test
        harness); ``guides``: the whole-guideline PDFs, ``{lang: {href, bytes}}``;
        ``page_url``: the built page's URL from the site root (citations);
        ``documents``: the editable templates published with it,
        ``{lang: {name: {href, bytes}}}``."""
        self.c = catalog
        self.lang = lang
        self.here = here
        self.templates = templates
        self.site_root = site_root
        self.bundle = bundle
        self.pdfs = pdfs or {}
        self.url: Url = url or (lambda target, anchor: relative(here, target) + (f"#{anchor}" if anchor else ""))
        self.history = history
        self.guides = guides or {}
        self.page_url = page_url
        self.documents = documents or {}
        # HTML blocks of this page, in the order of their placeholders.
        self.blocks: list[str] = []
        # Whether this page already carries the assessments' data block.
        self._assessment_data = False

    def block(self, html: str) -> str:
        """A placeholder line for ``html``, filled in by :func:`fill_blocks`."""
        self.blocks.append(html)
        return f"\n<!-- cop-block:{len(self.blocks) - 1} -->\n"

    def render(self, template: str, **values: object) -> str:
        """A placeholder for the HTML of template ``partials/cop/<template>``."""
        return self.block(self.templates.render(template, **values))

    def t(self, key: str, **values: object) -> str:
        return self.c.label(self.lang, key, **values)

    # --- links -----------------------------------------------------------

    def link(self, kind: str, item_id: str, text: str | None = None, anchor: str = "") -> Link:
        """A link to the page of a role, sector or key area."""
        name = text if text is not None else self.c.names[self.lang][item_id]
        return Link(self.url(self.c.entity_page(kind, item_id), anchor), name)

    def commitment_link(self, cid: str, text: str | None = None) -> Link:
        """A link to commitment ``cid``: its ID and title, or ``text``."""
        placed = self.c.placed[self.lang][cid]
        href = self.url(placed.page, cid)
        return Link(href, text) if text else Link(href, placed.title, cid)

    def links(self, kind: str, item_ids: tuple[str, ...] | list[str]) -> list[Link]:
        return [self.link(kind, item_id) for item_id in item_ids]

    def inline(self, link: Link) -> str:
        """A link placed in Markdown (prose, a heading): HTML, its text escaped
        for Markdown too, so it shows as written."""
        return str(self.templates.macros("links.html").a(link, markdown=True))

    def reference(self, item_id: str, text: str | None) -> str | None:
        """``[[ID]]`` or ``[[ID|text]]`` in prose: an HTML link, with its URL
        resolved once per build (a Markdown link would make MkDocs look the page
        up again for every reference). ``cop.wikilinks`` calls it while Markdown
        converts the page and keeps the HTML as it is (raw HTML), so the text is
        escaped once, for HTML. None for an ID the model does not define: the
        hooks report it with its line."""
        kind = self.c.model.kind_of(item_id)
        if kind is None:
            return None
        link = self.commitment_link(item_id, text or None) if kind == "commitment" else self.link(kind, item_id, text or None)
        return str(self.templates.macros("links.html").a(link))

    def by_key_area(self, cids: list[str]) -> list[tuple[str, list[str]]]:
        """Commitments grouped by key area, in taxonomy order; empty areas left out."""
        groups: dict[str, list[str]] = {ka: [] for ka in self.c.model.key_areas}
        for cid in cids:
            groups[self.c.model.commitments[cid].key_area].append(cid)
        return [(ka, members) for ka, members in groups.items() if members]

    # --- a commitment ----------------------------------------------------

    def commitment_heading(self, cid: str, title: str) -> str:
        return f'## <span class="cop-id">{cid}</span> {title} {{ #{cid} .cop-commitment }}'

    def commitment_meta(self, cid: str) -> str:
        commitment = self.c.model.commitments[cid]
        frameworks = self.c.model.frameworks
        bases, notes = self.basis(cid)
        return self.render(
            "meta.html",
            key_area=self.link("key_area", commitment.key_area),
            all_sectors=commitment.applies_to_all,
            sectors=self.links("sector", commitment.sectors),
            roles=self.links("role", commitment.roles),
            partners=self.links("role", commitment.partners),
            # Item names carry their own colon ("Standard 7: default settings").
            references=[(frameworks[fw].name[self.lang], frameworks[fw].items[item][self.lang])
                        for fw, item in commitment.references],
            bases=bases,
            notes=notes,
        )

    def basis(self, cid: str) -> tuple[list[dict[str, str]], list[str]]:
        """What the commitment rests on, as text for
        ``partials/cop/basis.html``: one entry per part, and the different
        notes on what is uncertain."""
        sources = self.c.model.sources
        entries: list[dict[str, str]] = []
        for b in self.c.model.commitments[cid].basis:
            source = sources.sources[b.source] if b.source else None
            entries.append({
                "kind": b.kind,
                "part": b.part[self.lang] if b.part else "",
                "law": sources.laws[b.law][self.lang] if b.law else "",
                "source_publisher": source.publisher[self.lang] if source else "",
                "source_title": source.title[self.lang] if source else "",
                "source_href": source.address if source and source.address and source.address != "print" else "",
                "locator": citations.locator_text(self.c, self.lang, b.locator) if b.locator else "",
                "checked": citations.written_date(self.c, self.lang, b.checked) if b.checked else "",
            })
        notes = list(dict.fromkeys(n for b in self.c.model.commitments[cid].basis
                                   for n in [citations.note_text(self.c, self.lang, b)] if n))
        return entries, notes

    # --- lists -----------------------------------------------------------

    def _list(self, cids: list[str], note: str = "") -> str:
        return self.render("list.html", items=[(self.commitment_link(cid), note) for cid in cids])

    def _grouped(self, cids: list[str], anchor_prefix: str) -> list[str]:
        """Commitments grouped under one heading per key area, in taxonomy order."""
        lines: list[str] = []
        for ka, members in self.by_key_area(cids):
            lines += ["", f"### {escape(self.c.names[self.lang][ka])} {{ #{anchor_prefix}{ka} }}",
                      self._list(members)]
        return lines

    def entity_commitments(self, kind: str, item_id: str) -> str:
        c = self.c
        lines: list[str] = []
        if kind == "role":
            carries, supports = c.by_role[item_id], c.by_partner[item_id]
            if carries or not supports:
                lines += [f"## {escape(self.t('list.role_carries'))} {{ #commitments }}"]
                lines += self._grouped(carries, "ka-") if carries else ["", escape(self.t("list.none"))]
                lines.append("")
            if supports:
                lines += [f"## {escape(self.t('list.role_partner'))} {{ #partner-commitments }}"]
                lines += self._grouped(supports, "partner-ka-")
                lines.append("")
            if carries:
                lines += [self.role_checklists(item_id, carries), ""]
        elif kind == "sector":
            cids = c.by_sector[item_id]
            lines += [f"## {escape(self.t('list.sector'))} {{ #commitments }}", ""]
            lines += [self.inline(Link(self.url(c.checklist_page(item_id), ""), self.t("checklist.for_sector"))), ""]
            lines += self._grouped(cids, "ka-") if cids else ["", escape(self.t("list.none"))]
            lines += ["", self.by_role(cids)]
        else:
            cids = c.by_key_area[item_id]
            lines += [f"## {escape(self.t('list.key_area'))} {{ #commitments }}", ""]
            lines += [self._list(cids)] if cids else [escape(self.t("list.none"))]
        return "\n".join(lines) + "\n"

    def by_role(self, cids: list[str]) -> str:
        """For a sector page: each role with the commitments it has there.

        The matrix links each cell here (``#role-<id>``)."""
        carries: dict[str, list[str]] = {r: [] for r in self.c.model.roles}
        supports: dict[str, list[str]] = {r: [] for r in self.c.model.roles}
        for cid in cids:
            commitment = self.c.model.commitments[cid]
            for role in commitment.roles:
                carries[role].append(cid)
            for role in commitment.partners:
                supports[role].append(cid)
        lines = [f"## {escape(self.t('list.by_role'))} {{ #by-role }}", ""]
        partner_note = f"({self.t('list.as_partner')})"
        roles = []
        for role in self.c.model.roles:
            if not carries[role] and not supports[role]:
                continue
            items = [(self.commitment_link(cid), "") for cid in carries[role]]
            items += [(self.commitment_link(cid), partner_note) for cid in supports[role]]
            # Folded sections, one per role (the page stays short on a phone).
            name = self.c.names[self.lang][role]
            roles.append((role, name, self.link("role", role),
                          self.t("list.count", n=len(items)), items))
        lines.append(self.render("by-role.html", roles=roles))
        return "\n".join(lines) + "\n"

    def commitment_index(self) -> str:
        rows = []
        for cid, commitment in self.c.model.commitments.items():
            placed = self.c.placed[self.lang][cid]
            href = self.url(placed.page, cid)
            rows.append({
                "id": Link(href, "", cid),
                "title": Link(href, placed.title),
                "key_area": self.link("key_area", commitment.key_area),
                "all_sectors": commitment.applies_to_all,
                "sectors": self.links("sector", commitment.sectors),
                "roles": self.links("role", commitment.roles),
            })
        return self.render("index.html", rows=rows)

    def matrix(self) -> str:
        """Roles x sectors; each cell links to that role's list on the sector page."""
        c = self.c
        counts: dict[tuple[str, str], int] = {}
        for commitment in c.model.commitments.values():
            for role in (*commitment.roles, *commitment.partners):
                for sector in commitment.sectors:
                    counts[(role, sector)] = counts.get((role, sector), 0) + 1
        sectors = list(c.model.sectors)
        rows = []
        for role in c.model.roles:
            cells: list[Link | None] = []
            for sector in sectors:
                n = counts.get((role, sector), 0)
                cells.append(Link(self.url(c.entity_page("sector", sector), f"role-{role}"), c.number(self.lang, n),
                                  title=self.t("matrix.cell", n=n, name=c.names[self.lang][role])) if n else None)
            rows.append((self.link("role", role), cells))
        return self.render("matrix.html", sectors=self.links("sector", sectors), rows=rows)

    def roles_list(self) -> str:
        lines: list[str] = []
        for kind, label in (("internal", "roles.internal"), ("partner", "roles.partner")):
            items = [(self.link("role", role.id),
                      self.t("list.count", n=len(self.c.by_role[role.id]) + len(self.c.by_partner[role.id])))
                     for role in self.c.model.roles.values() if role.kind == kind]
            lines += ["", f"### {escape(self.t(label))} {{ #{kind} }}", self.render("list.html", items=items)]
        return "\n".join(lines) + "\n"

    def sectors_list(self) -> str:
        return self.render("list.html", items=[
            (self.link("sector", s), self.t("list.count", n=len(self.c.by_sector[s]))) for s in self.c.model.sectors])

    def key_areas_list(self) -> str:
        return self.render("list.html", items=[
            (self.link("key_area", ka.id),
             f"{self.t('key_area.itu_closest' if ka.closest else 'key_area.itu', n=ka.itu)} · "
             f"{self.t('list.count', n=len(self.c.by_key_area[ka.id]))}")
            for ka in self.c.model.key_areas.values()])

    def offline_bundle(self) -> str:
        """The download link of the offline copy, or how to make one."""
        if not self.bundle:
            return f'!!! note "{_attr(self.t("bundle.missing.title"))}"\n\n    {self.t("bundle.missing.body")}\n\n' \
                   "    ```sh\n    .venv/bin/python scripts/bundle.py\n    ```\n"
        size = self.c.number(self.lang, f"{self.bundle['bytes'] / 1e6:.1f}".replace(".", self.t("decimal")))
        links = self.templates.macros("links.html")
        return self.block(str(links.download(self.site_root + self.bundle["href"], "bundle.link", size)))

    def crosswalk(self) -> str:
        """Each framework's items with the commitments that answer them, and the gaps."""
        lines: list[str] = []
        for framework in self.c.model.frameworks.values():
            answered = sum(1 for item in framework.items if self.c.by_reference.get((framework.id, item)))
            items = [(names[self.lang], [self.commitment_link(cid, cid)
                                         for cid in self.c.by_reference.get((framework.id, item), [])])
                     for item, names in framework.items.items()]
            lines += ["", f"## {escape(framework.name[self.lang])} {{ #fw-{framework.id} }}", "",
                      escape(self.t("crosswalk.count", n=answered, total=len(framework.items))),
                      self.render("crosswalk.html", items=items)]
        return "\n".join(lines) + "\n"

    # --- checklists ------------------------------------------------------

    def role_checklists(self, role: str, carries: list[str]) -> str:
        """For a role page: this role's checklist in each sector it works in."""
        sectors = {s for cid in carries for s in self.c.model.commitments[cid].sectors}
        links = [self.inline(Link(f"{self.url(self.c.checklist_page(s), '')}?role={role}", self.c.names[self.lang][s]))
                 for s in self.c.model.sectors if s in sectors]
        return f"**{escape(self.t('checklist.for_role'))}{escape(self.t('colon'))}** " + " · ".join(links)

    def checklists_list(self) -> str:
        """For the checklists index: each sector's checklist and its size."""
        return self.render("list.html", items=[
            (Link(self.url(self.c.checklist_page(s), ""), self.c.names[self.lang][s]),
             self.t("list.count", n=len(self.c.by_sector[s])))
            for s in self.c.model.sectors])

    def _messages(self, sector: str) -> str:
        """The words the self-assessment script shows, as JSON."""
        keys = ("showing", "showing_all", "confirm_clear", "cleared", "imported", "ignored", "row", "saved_nowhere",
                "reason.no_id", "reason.unknown_id", "reason.bad_status", "error.json", "error.csv", "error.shape",
                "error.empty", "error.read",
                # The all-or-nothing import.
                "error.too_large", "error.invalid", "error.storage", "error.save", "reason.other_checklist",
                # What paper shows of an answer's owner, due date, evidence and reason.
                "printed.owner", "printed.due", "printed.evidence", "printed.reason")
        data = {
            "lang": self.lang,
            "sector": sector,
            "digits": self.t("digits"),
            "statuses": {code: self.t(f"checklist.status.{code}") for code in STATUSES},
            "roles": {role: self.c.names[self.lang][role] for role in self.c.model.roles},
            # Templates: the script fills in {n}, {total}, {name}, {id}... itself.
            "messages": {key: self.c.labels[self.lang][f"checklist.{key}"] for key in keys},
        }
        # JSON in a script element: "</" would end it.
        return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")

    def _checklist_item(self, cid: str, m: Any) -> list[str]:
        commitment = self.c.model.commitments[cid]
        placed = self.c.placed[self.lang][cid]
        lines = [
            self.block(str(m.item_start(cid, commitment.roles, commitment.key_area, placed.title))),
            f'### <span class="cop-id">{cid}</span> {escape(placed.title)} {{ #{cid} }}',
            self.block(str(m.item_meta(self.links("role", commitment.roles), *self.basis(cid)))),
            # The evidence stays Markdown; only its wrapper is HTML, as placeholders
            # around it (md_in_html made checklists the slowest pages to convert).
            self.block(str(m.evidence_start("" if placed.translated else self.c.default))),
        ]
        # The commitment's "How to show it is done", as written in its section.
        for line in placed.evidence.split("\n"):
            if _FOOTNOTE_DEF.match(line):
                break  # the page's footnote definitions follow the last part
            lines.append(_FOOTNOTE_REF.sub("", line))
        full = self.commitment_link(cid, self.t("checklist.full_text", id=cid))
        lines += [self.block(str(m.evidence_end())),
                  self.block(str(m.item_end(cid, STATUSES, full)))]
        return lines

    def checklist(self) -> str:
        """A sector's checklist: its commitments by key area, each with its
        evidence, its roles and a link to its full text; a role chooser; the
        self-assessment tools. The order and membership come from the catalog."""
        m = self.templates.macros("checklist.html")
        sector = self.c.checklist_of_page(self.here)
        assert sector is not None, self.here  # the catalog reported a misplaced directive
        cids = self.c.by_sector[sector]
        groups = self.by_key_area(cids)
        carried = {role for cid in cids for role in self.c.model.commitments[cid].roles}
        # The page itself, as a URL relative to itself ("./" or "x.html").
        page = self.url(self.here, "")
        chooser = [Link(page, self.t("checklist.all_roles"))]
        chooser += [Link(f"{page}?role={r}", self.c.names[self.lang][r]) for r in self.c.model.roles if r in carried]
        pdf = self.pdfs.get(self.lang, {}).get(sector)
        if pdf:
            pdf = {"href": self.site_root + pdf["href"],
                   "size": self.c.number(self.lang, max(1, round(pdf["bytes"] / 1000)))}
        # Every commitment ID the site knows, current and retired, for the
        # import: answers to a retired commitment are kept and explained.
        retired = changes.retired_data(self.history, self.url) if self.history else {"ids": {}}
        known = _json({"current": list(self.c.model.commitments), "retired": list(retired["ids"])})
        lines = [self.block(str(m.data(Markup(self._messages(sector)), Markup(known), Markup(_json(retired))))),
                 self.assessment_data(full=False),
                 self.block(str(m.start(sector, len(cids), pdf, chooser, [ka for ka, _ in groups],
                                        self.c.names[self.lang], STATUSES, self.url("assessment.md", ""))))]
        for ka, members in groups:
            lines += [self.block(str(m.area_start(ka))), f"## {escape(self.c.names[self.lang][ka])} {{ #ka-{ka} }}"]
            for cid in members:
                lines += self._checklist_item(cid, m)
            lines.append(self.block(str(m.area_end())))
        lines.append(self.block(str(m.end())))
        return "\n".join(lines) + "\n"

    # --- assessments -----------------------------------------------------

    def assessment_data(self, full: bool = True) -> str:
        """The assessments script's data, once per page (cop/assessment.py)."""
        if self._assessment_data:
            return ""
        self._assessment_data = True
        value = assessment_module.data(self.c, self.lang, self.url, full)
        m = self.templates.macros("assessment.html")
        return self.block(str(m.data(Markup(assessment_module.as_json(value)))))

    def assessments(self) -> str:
        """The reader's assessments: the list, its controls, export and import."""
        m = self.templates.macros("assessment.html")
        return self.assessment_data() + self.block(str(m.assessments()))

    def applicability(self) -> str:
        """The questionnaire (model/applicability.yml) and, below it, what the answers bring in."""
        m = self.templates.macros("assessment.html")
        questions = [{"id": q.id, "text": q.text[self.lang], "help": q.help[self.lang] if q.help else ""}
                     for q in self.c.model.applicability.questions]
        answers = [(code, self.t(f"assessment.answer.{code}")) for code in assessment_module.ANSWERS]
        return self.assessment_data() + self.block(str(m.questionnaire(questions, answers)))

    def risk(self) -> str:
        """Risk per key area, rated by the company on three three-point scales."""
        m = self.templates.macros("assessment.html")
        areas = [(ka, self.c.names[self.lang][ka]) for ka in self.c.model.key_areas]
        dimensions = [(d, self.t(f"assessment.risk.{d}")) for d in assessment_module.RISKS]
        levels = [(code, self.t(f"assessment.level.{code}")) for code in assessment_module.LEVELS]
        return self.assessment_data() + self.block(str(m.risk(areas, dimensions, levels)))

    def report(self) -> str:
        m = self.templates.macros("assessment.html")
        return self.assessment_data() + self.block(str(m.report()))

    def assessment_check(self) -> str:
        m = self.templates.macros("assessment.html")
        return self.assessment_data() + self.block(str(m.check()))

    def applicability_rules(self) -> str:
        """The questionnaire's rules in words: what each answer brings in, and why."""
        m = self.templates.macros("assessment.html")
        model = self.c.model
        rules = model.applicability
        questions = [{"id": q.id, "text": q.text[self.lang], "help": q.help[self.lang] if q.help else "",
                      "reason": q.reason[self.lang], "sectors": self.links("sector", q.sectors),
                      "commitments": [self.commitment_link(cid) for cid in q.commitments]} for q in rules.questions]
        always = [self.commitment_link(cid, cid) for cid, c in model.commitments.items() if c.applies_to_all]
        texts = {q.id: q.text[self.lang] for q in rules.questions}
        legal = []
        for cid, commitment in model.commitments.items():
            if not is_legal(commitment):
                continue
            laws = self.t("list.separator_long").join(assessment_module.laws(self.c, self.lang, cid))
            by = (self.t("assessment.rules.every_sector") if commitment.applies_to_all
                  else " / ".join(texts[q] for q in bringers(rules, model, cid)))
            legal.append((self.commitment_link(cid), laws, by))
        return self.block(str(m.rules(questions, always, legal)))

    def translation_status(self) -> str:
        """Counts, then every page and every commitment with its translation status."""
        m = self.templates.macros("status.html")
        statuses = ("translated", "outdated", "missing")
        lines: list[str] = []
        for lang, status in self.c.translations.items():
            pages = [e for e in status.entries if e.commitment is None]
            commitments = [e for e in status.entries if e.commitment is not None]
            lines += [escape(self.t("status.summary", pages=len(pages), commitments=len(commitments))), ""]
            head = [self.t("status.what"), *(self.t(f"status.{s}") for s in statuses)]
            lines += ["| " + " | ".join(escape(h) for h in head) + " |", "|---|" + "---:|" * len(statuses)]
            for key, commitment in (("status.pages", False), ("status.commitments", True)):
                counts = [self.c.number(self.lang, status.count(s, commitment)) for s in statuses]
                lines.append(f"| {escape(self.t(key))} | " + " | ".join(counts) + " |")
            # The two long tables are HTML (one row per page and per commitment).
            rows = []
            for entry in pages:
                title = self.c.pages[self.lang].get(entry.page) or self.c.pages[self.c.default][entry.page]
                rows.append((Link(self.url(entry.page, ""), title.title or entry.page), "", entry.status, entry.reason))
            lines += ["", f"## {escape(self.t('status.pages'))} {{ #pages }}",
                      self.block(str(m.table("status.page", rows)))]
            rows = []
            for entry in commitments:
                cid = entry.commitment or ""
                link = self.commitment_link(cid) if cid in self.c.placed[self.lang] else None
                rows.append((link, cid, entry.status, entry.reason))
            lines += ["", f"## {escape(self.t('status.commitments'))} {{ #commitments }}",
                      self.block(str(m.table("status.commitment", rows)))]
        return self.block(str(m.start())) + "\n".join(lines) + "\n" + self.block(str(m.end()))

    def directive(self, name: str) -> str:
        entity = self.c.entity_of_page(self.here)
        if name == "commitments" and entity:
            return self.entity_commitments(*entity)
        return {
            "checklist": self.checklist,
            "checklists": self.checklists_list,
            "commitment-index": self.commitment_index,
            "matrix": self.matrix,
            "roles": self.roles_list,
            "sectors": self.sectors_list,
            "key-areas": self.key_areas_list,
            "offline-bundle": self.offline_bundle,
            "crosswalk": self.crosswalk,
            "translation-status": self.translation_status,
            "glossary": self.glossary,
            "history": self.history_list,
            "guideline-pdf": self.guideline_pdf,
            "csam-procedure": self.csam_procedure,
            "assessments": self.assessments,
            "applicability": self.applicability,
            "risk": self.risk,
            "report": self.report,
            "assessment-check": self.assessment_check,
            "applicability-rules": self.applicability_rules,
            "template": self.template,
            "contacts": self.contacts,
            **{f"contacts-{group}": (lambda group=group: self.contacts(group)) for group in GROUPS},
            "accessibility-check": self.accessibility_check,
        }[name]()

    def history_list(self) -> str:
        """The change history, release by release (``model/history.yml``)."""
        return changes.history_markdown(self.history, self.c, self.here) if self.history else ""

    def guideline_pdf(self) -> str:
        """The link to the whole guideline as one PDF, when it is published with the site."""
        pdf = self.guides.get(self.lang)
        if not pdf:
            return ""
        megabytes = self.c.number(self.lang, f"{pdf['bytes'] / 1e6:.1f}".replace(".", self.t("decimal")))
        return self.render("guideline-pdf.html", href=self.site_root + pdf["href"], size=megabytes)

    def template(self) -> str:
        """On a template page: the notice that a template is a starting point,
        not legal advice, and that MPTC's official text prevails (the same
        words scripts/templates.py writes into the document), then the link to
        the editable document in this language, with its size, when the
        templates are published with the site."""
        name = downloads.template_of_page(self.here)
        document = self.documents.get(self.lang, {}).get(name or "")
        size = self.c.number(self.lang, max(1, round(document["bytes"] / 1000))) if document else ""
        return self.render("template.html", title=self.t("template.notice.title"), text=self.t("template.notice"),
                           href=self.site_root + document["href"] if document else "", size=size)

    def csam_procedure(self) -> str:
        """The procedure for suspected child sexual abuse material
        (``model/csam.yml``): its steps in order, each with who at the
        company takes it (a link to the role's page), then what never to do.
        Each step has the anchor ``csam-step-<id>``, the same in every
        language, so a commitment can link to the step it relies on."""
        procedure = self.c.model.csam
        steps = [(step.id, step.title[self.lang], step.text[self.lang],
                  None if step.by == ANYONE else self.link("role", step.by))
                 for step in procedure.steps]
        return self.render("csam-procedure.html", steps=steps, never=[rule.text[self.lang] for rule in procedure.never])

    def contacts(self, group: str | None = None) -> str:
        """The contacts of ``model/contacts.yml`` (those of ``group``, or all),
        each with its number or address, what it is for, who may use it, its
        source and the day it was checked. Only the full block gives each
        contact an anchor (``#contact-<key>``), so a page that shows two
        blocks has no id twice, and pages link to the help page's entries."""
        sources = self.c.model.sources.sources
        items = []
        for contact in self.c.model.contacts.of(group):
            source = sources[contact.source]
            items.append({
                "key": contact.key,
                "name": contact.name[self.lang],
                "phone": contact.phone,
                "tel": contact.tel,
                "address": contact.address,
                "address_text": _shown_address(contact.address) if contact.address else "",
                "how": contact.said("how", group, self.lang),
                "purpose": contact.said("for", group, self.lang),
                "who": contact.said("who", group, self.lang),
                "source": f"{source.publisher[self.lang]}, {source.title[self.lang]}",
                "source_href": source.address if source.address and source.address != "print" else "",
                "checked": citations.written_date(self.c, self.lang, contact.checked),
                # A source read on another day than the entry was checked
                # shows both days, so the entry's day is not taken for the
                # day the source was read.
                "read": (citations.written_date(self.c, self.lang, source.read)
                         if source.read and source.read != contact.checked else ""),
            })
        return self.render("contacts.html", contacts=items, anchors=group is None)

    def accessibility_check(self) -> str:
        """The last full accessibility check (``model/accessibility-check.yml``), in words."""
        record = self.c.model.accessibility
        if record is None:
            return self.render("accessibility-check.html", record=None)
        return self.render("accessibility-check.html", record={
            "date": citations.written_date(self.c, self.lang, record.checked),
            "pages": record.pages,
            "commit": record.commit[:7],
        })

    def glossary(self) -> str:
        """The glossary (``model/glossary.yml``) as a Markdown
        definition list in the page's language: each term with the other
        language's form, its meaning and the variants to avoid. Markdown, so
        the meanings keep their footnotes; a list, so it reads at 390 px."""
        entries = self.c.model.glossary.terms
        # The glossary pairs the default language with Khmer (cop.terms.KHMER).
        khmer = self.lang == terms.KHMER
        other = terms.KHMER if not khmer else self.c.default
        key = (lambda t: t.km) if khmer else (lambda t: t.en.lower())
        colon = self.t("colon")
        lines: list[str] = []
        for term in sorted(entries, key=key):
            own, theirs = (term.km, term.en) if khmer else (term.en, term.km)
            other_form = f' · <span lang="{other}">{markdown_text(theirs)}</span>' if theirs != own else ""
            lines += ["", f"**{markdown_text(own)}**{other_form}",
                      f":   {term.meaning[self.lang]}"]
            for avoid in term.avoid:
                lines += ["", f"    *{markdown_text(self.t('glossary.avoid'))}{colon}* "
                              f'<span lang="{terms.KHMER}">{markdown_text(avoid.variant)}</span> ({markdown_text(avoid.why[self.lang])})']
        # The style of Khmer text: its rules, then the Latin names that need no gloss.
        style = self.c.model.glossary.style
        if style.rules:
            lines += ["", f"## {markdown_text(self.t('glossary.style'))}", ""]
            lines += [f"- **{markdown_text(rule.title[self.lang])}**{colon} {rule.text[self.lang]}" for rule in style.rules]
        if style.names:
            names = ", ".join(f'<span lang="en">{markdown_text(name)}</span>' for name in style.names)
            lines += ["", f"{markdown_text(self.t('glossary.names'))}{colon} {names}"]
        return "\n".join(lines) + "\n"

    # --- the page --------------------------------------------------------

    def outdated_parts(self) -> set[str | None]:
        """The parts of this page's translation whose English changed since
        they were translated (None: the page text), shown with a notice."""
        status = self.c.translations.get(self.lang)
        if status is None or self.here not in self.c.pages[self.lang]:
            return set()
        return set(status.outdated(self.here))

    def untranslated(self, html: str) -> str:
        """A page shown in the default language: a notice in the build's
        language, then the page marked with its real language."""
        return self.templates.render("untranslated.html", default=self.c.default, content=Markup(html))

    def finish(self, html: str, translated: bool) -> str:
        """The page's HTML as converted by Markdown, completed: each block in
        place of its placeholder, each commitment's history and citation, and
        the "not translated" notice on a page shown in the default language."""
        html = footnotes.marks_in_digits(fill_blocks(html, self.blocks), self.c, self.lang)
        if self.history is not None:
            html = changes.commitment_tools(html, self.history, self.c, self.templates, self.url, self.page_url)
        return html if translated else self.untranslated(html)

    def page(self, markdown: str) -> str:
        """The page's Markdown with every generated block in place, its
        footnotes' ``@key`` citations written out, and the anchors of the
        commitments retired from it; Markdown then converts it, and
        :meth:`finish` completes the HTML."""
        markdown = footnotes.expand(markdown, self.c, self.lang)
        part_names = {self.t(key): key.split(".")[1] for key in PARTS}
        entity = self.c.entity_of_page(self.here)
        placed_list = False
        current: str | None = None  # the commitment whose section we are in
        outdated = self.outdated_parts()
        out: list[str] = []
        lines = markdown.split("\n")
        if None in outdated and not any(line.startswith("# ") for line in lines):
            # No title to put the page text's notice under: at the top.
            outdated.discard(None)
            out.append(self.render("outdated.html", key="notice.outdated.page", cid=""))
        for _, line, in_code in lines_outside_code(lines):
            if in_code:
                out.append(line)
                continue
            directive = DIRECTIVE.match(line)
            if directive:
                placed_list |= directive["name"] == "commitments"
                out.append(self.directive(directive["name"]))
                continue
            heading = HEADING.match(line)
            if heading:
                level, text = len(heading["level"]), heading_text(heading["text"])
                if level == 1 and None in outdated:
                    # The page text's notice under the title, once.
                    outdated.discard(None)
                    out += [line, self.render("outdated.html", key="notice.outdated.page", cid="")]
                    continue
                if level <= 2:
                    current = None
                    match = COMMITMENT_HEADING.match(text) if level == 2 else None
                    if match and match["id"] in self.c.model.commitments:
                        current = match["id"]
                        out.append(self.commitment_heading(current, match["title"] or ""))
                        out.append("")
                        out.append(self.commitment_meta(current))
                        if current in outdated:
                            out.append(self.render("outdated.html", key="notice.outdated.commitment", cid=current))
                        continue
                elif level == 3 and current and text in part_names:
                    # Parts get language-neutral anchors: SM-03-why, SM-03-do, SM-03-evidence.
                    out.append(f"### {text} {{ #{current}-{part_names[text]} }}")
                    continue
            out.append(line)
        if entity and not placed_list:
            out += ["", self.entity_commitments(*entity)]
        if self.history is not None:
            out.append(changes.retired_markdown(self.history, self.here))
        return "\n".join(out)
