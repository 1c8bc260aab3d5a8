"""CONTRIBUTING cannot drift from the code: every generated block the build
knows (cop/scan.py), every setting it reads (cop/settings.py, and every
variable mkdocs.yml reads with !ENV) and every field of the model the build
accepts (commitments, their basis, sources) has a row in CONTRIBUTING's
tables, in English and in Khmer. Adding one to the code without documenting
it fails here."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from cop import model, settings, sources
from cop.scan import DIRECTIVES

DOCUMENTS = ("CONTRIBUTING.md", "CONTRIBUTING.km.md")


def table_rows(document: str) -> str:
    """The lines of the document's tables (outside code blocks)."""
    rows, fenced = [], False
    for line in (ROOT / document).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("|"):
            rows.append(line)
    return "\n".join(rows)


def environment_variables() -> set[str]:
    """Every variable mkdocs.yml reads: `!ENV NAME` or `!ENV [NAME, default]`."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return set(re.findall(r"!ENV\s+\[?\s*([A-Z_][A-Z0-9_]*)", text))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_directive_setting_and_model_field_has_a_row(document: str) -> None:
    rows = table_rows(document)
    missing = [f"<!-- cop:{name} -->" for name in sorted(DIRECTIVES) if f"`<!-- cop:{name} -->`" not in rows]
    missing += [f"setting `{key}`" for key, _ in settings.Settings._schema if f"`{key}`" not in rows]
    variables = environment_variables() | set(settings.ENVIRONMENT.values())
    assert {"COP_SITE_URL", "COP_OFFLINE", "COP_REPO_URL"} <= variables, "mkdocs.yml is read wrongly"
    missing += [f"variable `{name}`" for name in sorted(variables) if f"`{name}`" not in rows]
    fields = model.COMMITMENT_FIELDS | model.BASIS_FIELDS | sources.SOURCE_FIELDS
    missing += [f"field `{name}`" for name in sorted(fields) if not re.search(rf"^\| `{name}` \|", rows, re.M)]
    assert not missing, f"{document} has no table row for: {', '.join(missing)}"


def test_the_expected_output_is_what_the_check_prints() -> None:
    """The lines CONTRIBUTING shows as the check's output are the check's own words."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    check = (ROOT / "scripts/check.py").read_text(encoding="utf-8")
    translations = (ROOT / "hooks/cop/translation.py").read_text(encoding="utf-8")
    assert "Translation status: every page and commitment is translated and in line with the English." in check
    assert "Translation status: every page and commitment is translated and in line with the English.\n\nNo problems" in text
    assert "reported only, `--release` fails on them):" in check
    assert "is outdated: the English in" in translations and "then run {stamp} {name}" in translations
    for task in ("**Add a commitment.**", "**Correct a word.**", "**Add a source and cite it.**", "**Prepare a release**"):
        assert task in text, f"the everyday task {task} is gone from CONTRIBUTING.md"
