"""The Markdown the build writes into pages.

Links are written as relative links to the *source* pages (``../roles/x.md``),
so MkDocs resolves them to the right URL in each language (the i18n plugin
maps ``roles/x.md`` to ``roles/x.km.md`` on the Khmer site) and a strict build
checks every one of them. Every function returns Markdown for one block, and
its cost is the size of that block.
"""

from __future__ import annotations

import posixpath
import re
from html import escape as escape_html

from .catalog import Catalog, PARTS
from .scan import COMMITMENT_HEADING, DIRECTIVE, HEADING, INLINE_CODE, REFERENCE, heading_text, lines_outside_code

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    """Text safe to place inside Markdown link text or a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _attr(text: str) -> str:
    """Text safe inside a double-quoted Markdown title or admonition title."""
    return text.replace("\\", "\\\\").replace('"', "&quot;")


def relative(here: str, target: str) -> str:
    """Relative link from source page ``here`` to source page ``target``."""
    start = posixpath.dirname(here) or "."
    return posixpath.relpath(target, start)


class Renderer:
    """Renders blocks for one page of one language build."""

    def __init__(self, catalog: Catalog, lang: str, here: str, site_root: str = "",
                 bundle: dict | None = None) -> None:
        """``here``: the page's language-neutral source path; ``site_root``:
        the relative URL from the built page to the site's root; ``bundle``:
        the offline bundle published with the site, if any (``href``, ``bytes``)."""
        self.c = catalog
        self.lang = lang
        self.here = here
        self.site_root = site_root
        self.bundle = bundle

    def t(self, key: str, **values: object) -> str:
        return self.c.label(self.lang, key, **values)

    # --- links -----------------------------------------------------------

    def commitment_link(self, cid: str, text: str | None = None) -> str:
        placed = self.c.placed[self.lang][cid]
        label = escape(text) if text else f'<span class="cop-id">{cid}</span> {escape(placed.title)}'
        return f"[{label}]({relative(self.here, placed.page)}#{cid})"

    def entity_link(self, kind: str, item_id: str, text: str | None = None, anchor: str = "") -> str:
        target = relative(self.here, self.c.entity_page(kind, item_id))
        name = text if text is not None else self.c.names[self.lang][item_id]
        return f"[{escape(name)}]({target}{'#' + anchor if anchor else ''})"

    def reference(self, item_id: str, text: str | None) -> str:
        kind = self.c.model.kind_of(item_id)
        if kind == "commitment":
            return self.commitment_link(item_id, text)
        assert kind is not None, item_id  # unknown IDs were reported by the catalog
        return self.entity_link(kind, item_id, text)

    # --- a commitment ----------------------------------------------------

    def commitment_heading(self, cid: str, title: str) -> str:
        return f'## <span class="cop-id">{cid}</span> {title} {{ #{cid} .cop-commitment }}'

    def commitment_meta(self, cid: str) -> str:
        commitment = self.c.model.commitments[cid]
        sectors = ", ".join(self.entity_link("sector", s) for s in commitment.sectors)
        if commitment.applies_to_all:
            sectors = f"{escape(self.t('meta.all_sectors'))}{self.t('colon')} {sectors}"
        rows = [
            (self.t("meta.key_area"), self.entity_link("key_area", commitment.key_area)),
            (self.t("meta.sectors"), sectors),
            (self.t("meta.roles"), ", ".join(self.entity_link("role", r) for r in commitment.roles)),
        ]
        if commitment.partners:
            rows.append((self.t("meta.partners"), ", ".join(self.entity_link("role", r) for r in commitment.partners)))
        lines = ['<div class="cop-meta" markdown="1">', ""]
        lines += [f"- **{escape(label)}{self.t('colon')}** {value}" for label, value in rows]
        lines += ["", "</div>", ""]
        if commitment.references:
            lines.append(f'??? info "{_attr(self.t("meta.references"))}"')
            lines.append("")
            for fw_id, item in commitment.references:
                framework = self.c.model.frameworks[fw_id]
                # Item names carry their own colon ("Standard 7: default settings").
                lines.append(f"    - {escape(framework.name[self.lang])} — {escape(framework.items[item][self.lang])}")
            lines.append("")
        return "\n".join(lines)

    # --- lists -----------------------------------------------------------

    def _item(self, cid: str, note: str = "") -> str:
        return f"- {self.commitment_link(cid)}{note}"

    def _grouped(self, cids: list[str], anchor_prefix: str) -> list[str]:
        """Commitments grouped under one heading per key area, in taxonomy order."""
        groups: dict[str, list[str]] = {ka: [] for ka in self.c.model.key_areas}
        for cid in cids:
            groups[self.c.model.commitments[cid].key_area].append(cid)
        lines: list[str] = []
        for ka, members in groups.items():
            if not members:
                continue
            lines += ["", f"### {escape(self.c.names[self.lang][ka])} {{ #{anchor_prefix}{ka} }}", ""]
            lines += [self._item(cid) for cid in members]
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
        elif kind == "sector":
            cids = c.by_sector[item_id]
            lines += [f"## {escape(self.t('list.sector'))} {{ #commitments }}"]
            lines += self._grouped(cids, "ka-") if cids else ["", escape(self.t("list.none"))]
            lines += ["", self.by_role(cids)]
        else:
            cids = c.by_key_area[item_id]
            lines += [f"## {escape(self.t('list.key_area'))} {{ #commitments }}", ""]
            lines += [self._item(cid) for cid in cids] if cids else [escape(self.t("list.none"))]
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
        partner_note = f" <small>({escape(self.t('list.as_partner'))})</small>"
        for role in self.c.model.roles:
            if not carries[role] and not supports[role]:
                continue
            lines += ["", f"### {self.entity_link('role', role)} {{ #role-{role} }}", ""]
            lines += [self._item(cid) for cid in carries[role]]
            lines += [self._item(cid, partner_note) for cid in supports[role]]
        return "\n".join(lines) + "\n"

    def commitment_index(self) -> str:
        t = self.t
        head = [t("index.id"), t("index.title"), t("index.key_area"), t("index.sectors"), t("index.roles")]
        lines = ["| " + " | ".join(escape(h) for h in head) + " |", "|" + "---|" * len(head)]
        for cid, commitment in self.c.model.commitments.items():
            placed = self.c.placed[self.lang][cid]
            target = f"{relative(self.here, placed.page)}#{cid}"
            sectors = escape(t("index.all_sectors")) if commitment.applies_to_all else \
                ", ".join(self.entity_link("sector", s) for s in commitment.sectors)
            cells = [
                f'[<span class="cop-id">{cid}</span>]({target})',
                f"[{escape(placed.title)}]({target})",
                self.entity_link("key_area", commitment.key_area),
                sectors,
                ", ".join(self.entity_link("role", r) for r in commitment.roles),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return '<div class="cop-index" markdown="1">\n\n' + "\n".join(lines) + "\n\n</div>\n"

    def matrix(self) -> str:
        """Roles x sectors; each cell links to that role's list on the sector page."""
        c = self.c
        counts: dict[tuple[str, str], int] = {}
        for commitment in c.model.commitments.values():
            for role in (*commitment.roles, *commitment.partners):
                for sector in commitment.sectors:
                    counts[(role, sector)] = counts.get((role, sector), 0) + 1
        sectors = list(c.model.sectors)
        lines = [
            "| " + escape(self.t("matrix.role")) + " | " + " | ".join(self.entity_link("sector", s) for s in sectors) + " |",
            "|---|" + "---:|" * len(sectors),
        ]
        for role in c.model.roles:
            cells = []
            for sector in sectors:
                n = counts.get((role, sector), 0)
                if n:
                    title = _attr(self.t("matrix.cell", n=n, name=c.names[self.lang][role]))
                    target = relative(self.here, c.entity_page("sector", sector))
                    cells.append(f'[{self.c.number(self.lang, n)}]({target}#role-{role} "{title}")')
                else:
                    cells.append("–")
            lines.append(f"| {self.entity_link('role', role)} | " + " | ".join(cells) + " |")
        caption = escape(self.t("matrix.caption"))
        return f'<div class="cop-matrix" markdown="1">\n\n{caption}\n\n' + "\n".join(lines) + "\n\n</div>\n"

    def roles_list(self) -> str:
        lines: list[str] = []
        for kind, label in (("internal", "roles.internal"), ("partner", "roles.partner")):
            lines += ["", f"### {escape(self.t(label))} {{ #{kind} }}", ""]
            for role in self.c.model.roles.values():
                if role.kind == kind:
                    n = len(self.c.by_role[role.id]) + len(self.c.by_partner[role.id])
                    lines.append(f"- {self.entity_link('role', role.id)} <small>{escape(self.t('list.count', n=n))}</small>")
        return "\n".join(lines) + "\n"

    def sectors_list(self) -> str:
        return "\n".join(
            f"- {self.entity_link('sector', s)} <small>{escape(self.t('list.count', n=len(self.c.by_sector[s])))}</small>"
            for s in self.c.model.sectors
        ) + "\n"

    def key_areas_list(self) -> str:
        return "\n".join(
            f"- {self.entity_link('key_area', ka.id)} <small>{escape(self.t('key_area.itu', n=ka.itu))} · "
            f"{escape(self.t('list.count', n=len(self.c.by_key_area[ka.id])))}</small>"
            for ka in self.c.model.key_areas.values()
        ) + "\n"

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
            lines += ["", f"## {escape(framework.name[self.lang])} {{ #fw-{framework.id} }}", "",
                      escape(self.t("crosswalk.count", n=answered, total=len(framework.items))), ""]
            for item, names in framework.items.items():
                cids = self.c.by_reference.get((framework.id, item), [])
                answers = ", ".join(self.commitment_link(cid, cid) for cid in cids) if cids \
                    else f"*{escape(self.t('crosswalk.none'))}*"
                lines.append(f"- **{escape(names[self.lang])}** — {answers}")
        return "\n".join(lines) + "\n"

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
            lines += ["", f"## {escape(self.t('status.pages'))} {{ #pages }}", "",
                      f"| {escape(self.t('status.page'))} | {escape(self.t('status.status'))} |", "|---|---|"]
            for entry in pages:
                title = self.c.pages[self.lang].get(entry.page) or self.c.pages[self.c.default][entry.page]
                link = f"[{escape(title.title or entry.page)}]({relative(self.here, entry.page)})"
                lines.append(f"| {link} | {self._status(entry.status, entry.reason)} |")
            lines += ["", f"## {escape(self.t('status.commitments'))} {{ #commitments }}", "",
                      f"| {escape(self.t('status.commitment'))} | {escape(self.t('status.status'))} |", "|---|---|"]
            for entry in commitments:
                cid = entry.commitment or ""
                lines.append(f"| {self.commitment_link(cid) if cid in self.c.placed[self.lang] else cid} | "
                             f"{self._status(entry.status, entry.reason)} |")
        return '<div class="cop-status-table" markdown="1">\n\n' + "\n".join(lines) + "\n\n</div>\n"

    def _status(self, status: str, reason: str | None) -> str:
        text = escape_html(self.t(f"status.{status}"))
        why = f" <small>({escape_html(self.t(f'status.reason.{reason}'))})</small>" if reason else ""
        return f'<span class="cop-status cop-status--{status}">{text}</span>{why}'

    def directive(self, name: str) -> str:
        entity = self.c.entity_of_page(self.here)
        if name == "commitments" and entity:
            return self.entity_commitments(*entity)
        return {
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

    def replace_references(self, line: str) -> str:
        """``[[ID]]`` to links, leaving inline code untouched."""
        out, last = [], 0
        for code in INLINE_CODE.finditer(line):
            out.append(self._refs(line[last:code.start()]))
            out.append(code.group(0))
            last = code.end()
        out.append(self._refs(line[last:]))
        return "".join(out)

    def _refs(self, text: str) -> str:
        def link(match: re.Match[str]) -> str:
            target, bar, label = match["body"].partition("|")
            return self.reference(target.strip(), label.strip() if bar else None)
        return REFERENCE.sub(link, text)

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
                        out.append(self.commitment_heading(current, self.replace_references(match["title"] or "")))
                        out.append("")
                        out.append(self.commitment_meta(current))
                        continue
                elif level == 3 and current and text in part_names:
                    # Parts get language-neutral anchors: SM-03-why, SM-03-do, SM-03-evidence.
                    out.append(f"### {text} {{ #{current}-{part_names[text]} }}")
                    continue
            out.append(self.replace_references(line))
        if entity and not placed_list:
            out += ["", self.entity_commitments(*entity)]
        return "\n".join(out)
