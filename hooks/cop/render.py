"""The Markdown the build writes into pages.

Links are written as relative links to the *source* pages (``../roles/x.md``),
so MkDocs resolves them to the right URL in each language (the i18n plugin
maps ``roles/x.md`` to ``roles/x.km.md`` on the Khmer site) and a strict build
checks every one of them. Every function returns Markdown for one block, and
its cost is the size of that block.

Large generated blocks (lists, tables, metadata) are written as HTML instead,
with their links resolved by the ``url`` function the hook passes in: Python-
Markdown would spend more time parsing them than every other step of our hooks
together (measured with scripts/bench_build.py). The Markdown keeps a one-line
placeholder (``<!-- cop-block:N -->``) per block, and :func:`fill_blocks` puts
the HTML in its place once the page is converted. Headings stay Markdown, so
they keep their place in the table of contents and in MkDocs' anchor checks.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Callable
from html import escape as escape_html

from .catalog import Catalog, PARTS
from .wikilinks import Link
from .scan import COMMITMENT_HEADING, DIRECTIVE, HEADING, heading_text, lines_outside_code

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
# Footnotes belong to the page that defines them: a quoted part drops its
# references ([^dh]) and any definitions that follow it at the end of a page.
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]\s]+\]:")
# The self-assessment statuses, in the order the controls show them; the
# codes are what exports hold, the words come from labels.yml.
STATUSES = ("done", "in-progress", "not-started", "not-applicable")


def escape(text: str) -> str:
    """Text safe to place inside Markdown link text or a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _attr(text: str) -> str:
    """Text safe inside a double-quoted Markdown title or admonition title."""
    return text.replace("\\", "\\\\").replace('"', "&quot;")


@functools.lru_cache(maxsize=4096)
def relative(here: str, target: str) -> str:
    """Relative link from source page ``here`` to source page ``target``."""
    start = posixpath.dirname(here) or "."
    return posixpath.relpath(target, start)


# (language-neutral source page, anchor) -> the href of that page in this
# language build, relative to the page being rendered.
Url = Callable[[str, str], str]

BLOCK = re.compile(r"<!-- cop-block:(\d+) -->")


def fill_blocks(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by its HTML block."""
    if not blocks:
        return html
    return BLOCK.sub(lambda m: blocks[int(m.group(1))], html)


def _ul(items: list[str]) -> str:
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"


def _table(head: list[str], rows: list[str], css_class: str, escaped: bool = False,
           right_from: int | None = None) -> str:
    """A table in a ``div`` of ``css_class``, as Python-Markdown writes one;
    columns from ``right_from`` on are aligned right (numbers)."""
    right = ' style="text-align: right;"'
    cells = "".join(f"<th{right if right_from is not None and i >= right_from else ''}>"
                    f"{cell if escaped else escape_html(cell)}</th>" for i, cell in enumerate(head))
    return (f'<div class="{css_class}">\n<table>\n<thead>\n<tr>{cells}</tr>\n</thead>\n<tbody>\n'
            + "".join(rows) + "</tbody>\n</table>\n</div>")


class Renderer:
    """Renders blocks for one page of one language build."""

    def __init__(self, catalog: Catalog, lang: str, here: str, site_root: str = "",
                 bundle: dict | None = None, pdfs: dict | None = None, url: Url | None = None) -> None:
        """``here``: the page's language-neutral source path; ``site_root``:
        the relative URL from the built page to the site's root; ``bundle``:
        the offline bundle published with the site, if any (``href``, ``bytes``);
        ``pdfs``: the checklist PDFs published with it, ``{lang: {sector: {href, bytes}}}``;
        ``url``: resolves a source page to its href in this build (without it,
        links point at the source files, as in the Markdown blocks)."""
        self.c = catalog
        self.lang = lang
        self.here = here
        self.site_root = site_root
        self.bundle = bundle
        self.pdfs = pdfs or {}
        self.url: Url = url or (lambda target, anchor: relative(here, target) + (f"#{anchor}" if anchor else ""))
        # HTML blocks of this page, in the order of their placeholders.
        self.blocks: list[str] = []

    def block(self, html: str) -> str:
        """A placeholder line for ``html``, filled in by :func:`fill_blocks`."""
        self.blocks.append(html)
        return f"\n<!-- cop-block:{len(self.blocks) - 1} -->\n"

    def t(self, key: str, **values: object) -> str:
        return self.c.label(self.lang, key, **values)

    # --- links -----------------------------------------------------------

    def entity_link(self, kind: str, item_id: str, text: str | None = None, anchor: str = "") -> str:
        target = relative(self.here, self.c.entity_page(kind, item_id))
        name = text if text is not None else self.c.names[self.lang][item_id]
        return f"[{escape(name)}]({target}{'#' + anchor if anchor else ''})"

    def link(self, item_id: str, text: str | None) -> "Link | None":
        """What ``[[ID]]`` or ``[[ID|text]]`` becomes (``cop.wikilinks`` writes
        the element, so the text is escaped once, as any text); None for an
        ID the model does not define."""
        kind = self.c.model.kind_of(item_id)
        if kind is None:
            return None
        if kind == "commitment":
            placed = self.c.placed[self.lang][item_id]
            return Link(self.url(placed.page, item_id), placed.title, item_id)
        return Link(self.url(self.c.entity_page(kind, item_id), ""), self.c.names[self.lang][item_id])

    def commitment_a(self, cid: str, text: str | None = None) -> str:
        """An HTML link to commitment ``cid`` (ID and title unless ``text``)."""
        placed = self.c.placed[self.lang][cid]
        label = escape_html(text) if text else f'<span class="cop-id">{cid}</span> {escape_html(placed.title)}'
        return f'<a href="{escape_html(self.url(placed.page, cid))}">{label}</a>'

    def entity_a(self, kind: str, item_id: str, text: str | None = None, anchor: str = "") -> str:
        """An HTML link to the page of a role, sector or key area."""
        name = text if text is not None else self.c.names[self.lang][item_id]
        href = self.url(self.c.entity_page(kind, item_id), anchor)
        return f'<a href="{escape_html(href)}">{escape_html(name)}</a>'

    # --- a commitment ----------------------------------------------------

    def commitment_heading(self, cid: str, title: str) -> str:
        return f'## <span class="cop-id">{cid}</span> {title} {{ #{cid} .cop-commitment }}'

    def commitment_meta(self, cid: str) -> str:
        commitment = self.c.model.commitments[cid]
        colon = escape_html(self.t("colon"))
        sectors = ", ".join(self.entity_a("sector", s) for s in commitment.sectors)
        if commitment.applies_to_all:
            sectors = f"{escape_html(self.t('meta.all_sectors'))}{colon} {sectors}"
        rows = [
            (self.t("meta.key_area"), self.entity_a("key_area", commitment.key_area)),
            (self.t("meta.sectors"), sectors),
            (self.t("meta.roles"), ", ".join(self.entity_a("role", r) for r in commitment.roles)),
        ]
        if commitment.partners:
            rows.append((self.t("meta.partners"), ", ".join(self.entity_a("role", r) for r in commitment.partners)))
        html = '<div class="cop-meta">\n' + _ul([f"<strong>{escape_html(label)}{colon}</strong> {value}"
                                                for label, value in rows]) + "\n</div>"
        if commitment.references:
            items = []
            for fw_id, item in commitment.references:
                framework = self.c.model.frameworks[fw_id]
                # Item names carry their own colon ("Standard 7: default settings").
                items.append(f"{escape_html(framework.name[self.lang])} — {escape_html(framework.items[item][self.lang])}")
            # The same HTML as pymdownx.details' "??? info" (a closed box).
            html += (f'\n<details class="info">\n<summary>{escape_html(self.t("meta.references"))}</summary>\n'
                     f"{_ul(items)}\n</details>")
        return self.block(html)

    # --- lists -----------------------------------------------------------

    def _list(self, cids: list[str], note: str = "") -> str:
        return self.block(_ul([f"{self.commitment_a(cid)}{note}" for cid in cids]))

    def _grouped(self, cids: list[str], anchor_prefix: str) -> list[str]:
        """Commitments grouped under one heading per key area, in taxonomy order."""
        groups: dict[str, list[str]] = {ka: [] for ka in self.c.model.key_areas}
        for cid in cids:
            groups[self.c.model.commitments[cid].key_area].append(cid)
        lines: list[str] = []
        for ka, members in groups.items():
            if not members:
                continue
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
            lines += [f"[{escape(self.t('checklist.for_sector'))}]({relative(self.here, c.checklist_page(item_id))})", ""]
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
        lines = [f"## {escape(self.t('list.by_role'))} {{ #by-role }}"]
        partner_note = f" <small>({escape_html(self.t('list.as_partner'))})</small>"
        for role in self.c.model.roles:
            if not carries[role] and not supports[role]:
                continue
            lines += ["", f"### {self.entity_link('role', role)} {{ #role-{role} }}",
                      self.block(_ul([self.commitment_a(cid) for cid in carries[role]]
                                     + [f"{self.commitment_a(cid)}{partner_note}" for cid in supports[role]]))]
        return "\n".join(lines) + "\n"

    def commitment_index(self) -> str:
        t = self.t
        head = [t("index.id"), t("index.title"), t("index.key_area"), t("index.sectors"), t("index.roles")]
        rows = []
        for cid, commitment in self.c.model.commitments.items():
            placed = self.c.placed[self.lang][cid]
            href = escape_html(self.url(placed.page, cid))
            sectors = escape_html(t("index.all_sectors")) if commitment.applies_to_all else \
                ", ".join(self.entity_a("sector", s) for s in commitment.sectors)
            cells = [
                f'<a href="{href}"><span class="cop-id">{cid}</span></a>',
                f'<a href="{href}">{escape_html(placed.title)}</a>',
                self.entity_a("key_area", commitment.key_area),
                sectors,
                ", ".join(self.entity_a("role", r) for r in commitment.roles),
            ]
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n")
        return self.block(_table(head, rows, "cop-index"))

    def matrix(self) -> str:
        """Roles x sectors; each cell links to that role's list on the sector page."""
        c = self.c
        counts: dict[tuple[str, str], int] = {}
        for commitment in c.model.commitments.values():
            for role in (*commitment.roles, *commitment.partners):
                for sector in commitment.sectors:
                    counts[(role, sector)] = counts.get((role, sector), 0) + 1
        sectors = list(c.model.sectors)
        head = [self.t("matrix.role"), *(self.entity_a("sector", s) for s in sectors)]
        rows = []
        for role in c.model.roles:
            cells = [f"<td>{self.entity_a('role', role)}</td>"]
            for sector in sectors:
                n = counts.get((role, sector), 0)
                if n:
                    title = escape_html(self.t("matrix.cell", n=n, name=c.names[self.lang][role]))
                    href = escape_html(self.url(c.entity_page("sector", sector), f"role-{role}"))
                    cells.append(f'<td style="text-align: right;"><a href="{href}" title="{title}">'
                                 f"{self.c.number(self.lang, n)}</a></td>")
                else:
                    cells.append('<td style="text-align: right;">–</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>\n")
        caption = f"<p>{escape_html(self.t('matrix.caption'))}</p>\n"
        # Sector names are links already: the header cells are not escaped again.
        head_html = [escape_html(head[0]), *head[1:]]
        return self.block(caption + _table(head_html, rows, "cop-matrix", escaped=True, right_from=1))

    def roles_list(self) -> str:
        lines: list[str] = []
        for kind, label in (("internal", "roles.internal"), ("partner", "roles.partner")):
            items = []
            for role in self.c.model.roles.values():
                if role.kind == kind:
                    n = len(self.c.by_role[role.id]) + len(self.c.by_partner[role.id])
                    items.append(f"{self.entity_a('role', role.id)} <small>{escape_html(self.t('list.count', n=n))}</small>")
            lines += ["", f"### {escape(self.t(label))} {{ #{kind} }}", self.block(_ul(items))]
        return "\n".join(lines) + "\n"

    def sectors_list(self) -> str:
        return self.block(_ul([
            f"{self.entity_a('sector', s)} <small>{escape_html(self.t('list.count', n=len(self.c.by_sector[s])))}</small>"
            for s in self.c.model.sectors
        ]))

    def key_areas_list(self) -> str:
        return self.block(_ul([
            f"{self.entity_a('key_area', ka.id)} <small>{escape_html(self.t('key_area.itu', n=ka.itu))} · "
            f"{escape_html(self.t('list.count', n=len(self.c.by_key_area[ka.id])))}</small>"
            for ka in self.c.model.key_areas.values()
        ]))

    def offline_bundle(self) -> str:
        """The download link of the offline copy, or how to make one."""
        if not self.bundle:
            return f'!!! note "{_attr(self.t("bundle.missing.title"))}"\n\n    {self.t("bundle.missing.body")}\n\n' \
                   "    ```sh\n    .venv/bin/python scripts/bundle.py\n    ```\n"
        size = self.c.number(self.lang, f"{self.bundle['bytes'] / 1e6:.1f}".replace(".", self.t("decimal")))
        text = escape_html(self.t("bundle.link", size=size))
        return f'<p class="cop-download"><a href="{self.site_root}{self.bundle["href"]}" download>{text}</a></p>\n'

    def crosswalk(self) -> str:
        """Each framework's items with the commitments that answer them, and the gaps."""
        lines: list[str] = []
        for framework in self.c.model.frameworks.values():
            answered = sum(1 for item in framework.items if self.c.by_reference.get((framework.id, item)))
            items = []
            for item, names in framework.items.items():
                cids = self.c.by_reference.get((framework.id, item), [])
                answers = ", ".join(self.commitment_a(cid, cid) for cid in cids) if cids \
                    else f"<em>{escape_html(self.t('crosswalk.none'))}</em>"
                items.append(f"<strong>{escape_html(names[self.lang])}</strong> — {answers}")
            lines += ["", f"## {escape(framework.name[self.lang])} {{ #fw-{framework.id} }}", "",
                      escape(self.t("crosswalk.count", n=answered, total=len(framework.items))),
                      self.block(_ul(items))]
        return "\n".join(lines) + "\n"

    # --- checklists ------------------------------------------------------

    def role_checklists(self, role: str, carries: list[str]) -> str:
        """For a role page: this role's checklist in each sector it works in."""
        sectors = {s for cid in carries for s in self.c.model.commitments[cid].sectors}
        links = [f"[{escape(self.c.names[self.lang][s])}]({relative(self.here, self.c.checklist_page(s))}?role={role})"
                 for s in self.c.model.sectors if s in sectors]
        return f"**{escape(self.t('checklist.for_role'))}{self.t('colon')}** " + " · ".join(links)

    def checklists_list(self) -> str:
        """For the checklists index: each sector's checklist and its size."""
        return "\n".join(
            f"- [{escape(self.c.names[self.lang][s])}]({relative(self.here, self.c.checklist_page(s))}) "
            f"<small>{escape(self.t('list.count', n=len(self.c.by_sector[s])))}</small>"
            for s in self.c.model.sectors
        ) + "\n"

    def _messages(self, sector: str) -> str:
        """The words the self-assessment script shows, as a JSON block."""
        keys = ("showing", "showing_all", "confirm_clear", "cleared", "imported", "ignored", "row", "saved_nowhere",
                "reason.no_id", "reason.unknown_id", "reason.bad_status", "error.json", "error.csv", "error.shape",
                "error.empty", "error.read",
                # Issue 12: the all-or-nothing import.
                "error.too_large", "error.invalid", "error.storage", "error.save", "reason.retired", "reason.other_checklist")
        data = {
            "lang": self.lang,
            "sector": sector,
            "digits": self.t("digits"),
            "statuses": {code: self.t(f"checklist.status.{code}") for code in STATUSES},
            "roles": {role: self.c.names[self.lang][role] for role in self.c.model.roles},
            # Templates: the script fills in {n}, {total}, {name}, {id}... itself.
            "messages": {key: self.c.labels[self.lang][f"checklist.{key}"] for key in keys},
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        # Every commitment ID the site knows, for the import (issue 12); the
        # versions issue fills "retired" with the IDs of retired commitments.
        known = json.dumps({"current": list(self.c.model.commitments), "retired": []}).replace("</", "<\\/")
        return (f'<script type="application/json" id="cop-checklist-data">{text}</script>\n'
                f'<script type="application/json" id="cop-known-ids">{known}</script>')

    def _status_controls(self, cid: str) -> list[str]:
        name = f"status-{cid}"
        legend = escape_html(self.t("checklist.status_of", id=cid))
        lines = [f'<fieldset class="cop-cl-status" hidden><legend>{legend}</legend>']
        for code in STATUSES:
            label = escape_html(self.t(f"checklist.status.{code}"))
            lines.append(f'<label class="cop-cl-{code}"><input type="radio" name="{name}" value="{code}"> {label}</label>')
        note = escape_html(self.t("checklist.note_on", id=cid))
        lines.append(f'<label class="cop-cl-note"><span>{note}</span><textarea name="note-{cid}" rows="2"></textarea></label>')
        lines.append("</fieldset>")
        return lines

    def _tools(self, cids: list[str]) -> list[str]:
        """The self-assessment tools (shown by the script): progress, export, import, clear."""
        t = self.t
        present = {self.c.model.commitments[cid].key_area for cid in cids}
        areas = [ka for ka in self.c.model.key_areas if ka in present]
        head = "".join(f'<th scope="col">{escape_html(t(f"checklist.status.{code}"))}</th>' for code in STATUSES)
        rows = []
        for ka in [*areas, ""]:
            name = escape_html(self.c.names[self.lang][ka] if ka else t("checklist.total"))
            cells = "".join(f'<td data-status="{code}"></td>' for code in STATUSES)
            rows.append(f'<tr data-key-area="{ka}"><th scope="row">{name}</th>{cells}<td data-status=""></td></tr>')
        return [
            f'<section class="cop-cl-tools" hidden aria-labelledby="cop-cl-tools-title">',
            f'<h2 id="cop-cl-tools-title">{escape_html(t("checklist.self_assessment"))}</h2>',
            f'<p>{escape_html(t("checklist.saved_nowhere"))}</p>',
            # A class on the table keeps Material from wrapping it in a second
            # scroll box; the wrapper scrolls on phones, so the keyboard must
            # reach it (axe "scrollable-region-focusable").
            '<div class="cop-cl-progress" tabindex="0" role="region" aria-labelledby="cop-cl-progress-title">'
            '<table class="cop-cl-progress-table">',
            f'<caption id="cop-cl-progress-title">{escape_html(t("checklist.progress"))}</caption>',
            f'<thead><tr><th scope="col">{escape_html(t("meta.key_area"))}</th>{head}'
            f'<th scope="col">{escape_html(t("checklist.total"))}</th></tr></thead>',
            "<tbody>", *rows, "</tbody></table></div>",
            '<div class="cop-cl-actions">',
            f'<button type="button" class="md-button" data-action="export-csv">{escape_html(t("checklist.export_csv"))}</button>',
            f'<button type="button" class="md-button" data-action="export-json">{escape_html(t("checklist.export_json"))}</button>',
            f'<label class="md-button cop-cl-import">{escape_html(t("checklist.import"))}'
            '<input type="file" accept=".csv,.json,text/csv,application/json" data-action="import"></label>',
            f'<button type="button" class="md-button" data-action="print">{escape_html(t("checklist.print"))}</button>',
            f'<button type="button" class="md-button" data-action="clear">{escape_html(t("checklist.clear"))}</button>',
            "</div>",
            '<div class="cop-cl-message" role="status" aria-live="polite"></div>',
            "</section>",
        ]

    def _evidence(self, cid: str) -> list[str]:
        """The commitment's "How to show it is done", as written in its section."""
        placed = self.c.placed[self.lang][cid]
        lines: list[str] = []
        for line in placed.evidence.split("\n"):
            if _FOOTNOTE_DEF.match(line):
                break  # the page's footnote definitions follow the last part
            lines.append(_FOOTNOTE_REF.sub("", line))
        lang = "" if placed.translated else f' lang="{self.c.default}"'
        # The evidence stays Markdown; only its wrapper is HTML, as placeholders
        # around it (md_in_html made checklists the slowest pages to convert).
        return [self.block(f'<div class="cop-cl-evidence"{lang}>'), *lines, self.block("</div>")]

    def _checklist_item(self, cid: str) -> list[str]:
        commitment = self.c.model.commitments[cid]
        placed = self.c.placed[self.lang][cid]
        roles = ", ".join(self.entity_a("role", r) for r in commitment.roles)
        full = escape_html(self.url(placed.page, cid))
        title = escape_html(placed.title)
        colon = escape_html(self.t("colon"))
        return [
            self.block(f'<div class="cop-cl-item" id="item-{cid}" data-id="{cid}" data-roles="{" ".join(commitment.roles)}" '
                       f'data-key-area="{commitment.key_area}" data-title="{title}">'),
            f'### <span class="cop-id">{cid}</span> {escape(placed.title)} {{ #{cid} }}',
            self.block(f"<p><strong>{escape_html(self.t('meta.roles'))}{colon}</strong> {roles}</p>\n"
                       f"<p><strong>{escape_html(self.t('part.evidence'))}{colon}</strong></p>"),
            *self._evidence(cid),
            self.block("\n".join(self._status_controls(cid))
                       + f'\n<p class="cop-cl-full"><a href="{full}">{escape_html(self.t("checklist.full_text", id=cid))}</a></p>'
                       + "\n</div>"),
        ]

    def checklist(self) -> str:
        """A sector's checklist: its commitments by key area, each with its
        evidence, its roles and a link to its full text; a role chooser; the
        self-assessment tools. The order and membership come from the catalog."""
        sector = self.c.checklist_of_page(self.here)
        assert sector is not None, self.here  # the catalog reported a misplaced directive
        cids = self.c.by_sector[sector]
        carried = {role for cid in cids for role in self.c.model.commitments[cid].roles}
        roles = [r for r in self.c.model.roles if r in carried]
        # The page itself, as a URL relative to itself ("./" or "x.html").
        page = escape_html(self.url(self.here, ""))
        chooser = [f'<li><a href="{page}">{escape_html(self.t("checklist.all_roles"))}</a></li>']
        chooser += [f'<li><a href="{page}?role={r}">{escape_html(self.c.names[self.lang][r])}</a></li>' for r in roles]
        lines = [self.block(self._messages(sector)),
                 self.block(f'<div class="cop-checklist" data-sector="{sector}" data-total="{len(cids)}">'
                            + "".join(self._pdf_link(sector))
                            + '\n<nav class="cop-cl-roles" aria-labelledby="cop-cl-roles-title">\n'
                            + f'<p id="cop-cl-roles-title">{escape_html(self.t("checklist.choose_role"))}</p>\n'
                            + "<ul>\n" + "\n".join(chooser) + "\n</ul>\n</nav>\n"
                            + f'<p class="cop-cl-showing" role="status">'
                            + f'{escape_html(self.t("checklist.showing_all", total=len(cids)))}</p>\n'
                            + "\n".join(self._tools(cids)))]
        groups: dict[str, list[str]] = {ka: [] for ka in self.c.model.key_areas}
        for cid in cids:
            groups[self.c.model.commitments[cid].key_area].append(cid)
        for ka, members in groups.items():
            if not members:
                continue
            lines += [self.block(f'<section class="cop-cl-area" data-key-area="{ka}">'),
                      f"## {escape(self.c.names[self.lang][ka])} {{ #ka-{ka} }}"]
            for cid in members:
                lines += self._checklist_item(cid)
            lines.append(self.block("</section>"))
        lines.append(self.block("</div>"))
        return "\n".join(lines) + "\n"

    def _pdf_link(self, sector: str) -> list[str]:
        pdf = self.pdfs.get(self.lang, {}).get(sector)
        if not pdf:
            return []
        size = self.c.number(self.lang, max(1, round(pdf["bytes"] / 1000)))
        text = escape_html(self.t("checklist.pdf", size=size))
        return [f'<p class="cop-download cop-cl-pdf"><a href="{self.site_root}{pdf["href"]}" download>{text}</a></p>', ""]

    def translation_status(self) -> str:
        """Counts, then every page and every commitment with its translation status."""
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
                link = f'<a href="{escape_html(self.url(entry.page, ""))}">{escape_html(title.title or entry.page)}</a>'
                rows.append(f"<tr><td>{link}</td><td>{self._status(entry.status, entry.reason)}</td></tr>\n")
            lines += ["", f"## {escape(self.t('status.pages'))} {{ #pages }}",
                      self.block(_table([self.t("status.page"), self.t("status.status")], rows, "cop-status-rows"))]
            rows = []
            for entry in commitments:
                cid = entry.commitment or ""
                link = self.commitment_a(cid) if cid in self.c.placed[self.lang] else escape_html(cid)
                rows.append(f"<tr><td>{link}</td><td>{self._status(entry.status, entry.reason)}</td></tr>\n")
            lines += ["", f"## {escape(self.t('status.commitments'))} {{ #commitments }}",
                      self.block(_table([self.t("status.commitment"), self.t("status.status")], rows, "cop-status-rows"))]
        return self.block('<div class="cop-status-table">') + "\n".join(lines) + "\n" + self.block("</div>")

    def _status(self, status: str, reason: str | None) -> str:
        text = escape_html(self.t(f"status.{status}"))
        why = f" <small>({escape_html(self.t(f'status.reason.{reason}'))})</small>" if reason else ""
        return f'<span class="cop-status cop-status--{status}">{text}</span>{why}'

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
        }[name]()

    # --- the page --------------------------------------------------------

    def untranslated(self, html: str) -> str:
        """A page shown in the default language: a notice in the build's
        language, then the page marked with its real language."""
        title, body = escape_html(self.t("notice.untranslated.title")), escape_html(self.t("notice.untranslated.body"))
        return (
            f'<div class="admonition warning cop-untranslated">'
            f'<p class="admonition-title">{title}</p><p>{body}</p></div>\n'
            f'<div lang="{self.c.default}">\n{html}\n</div>'
        )

    def page(self, markdown: str) -> str:
        """The page's Markdown with every generated block in place."""
        part_names = {self.t(key): key.split(".")[1] for key in PARTS}
        entity = self.c.entity_of_page(self.here)
        placed_list = False
        current: str | None = None  # the commitment whose section we are in
        out: list[str] = []
        for _, line, in_code in lines_outside_code(markdown.split("\n")):
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
                if level <= 2:
                    current = None
                    match = COMMITMENT_HEADING.match(text) if level == 2 else None
                    if match and match["id"] in self.c.model.commitments:
                        current = match["id"]
                        out.append(self.commitment_heading(current, match["title"] or ""))
                        out.append("")
                        out.append(self.commitment_meta(current))
                        continue
                elif level == 3 and current and text in part_names:
                    # Parts get language-neutral anchors: SM-03-why, SM-03-do, SM-03-evidence.
                    out.append(f"### {text} {{ #{current}-{part_names[text]} }}")
                    continue
            out.append(line)
        if entity and not placed_list:
            out += ["", self.entity_commitments(*entity)]
        return "\n".join(out)
