"""Content safety: scripts, embeds, event handlers, javascript: URLs, media
from another origin, http: links and images without alt text stop the build,
each with its file, line and fix; code is never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Project


from cop.safety import check

# (a line that breaks one rule, the message it gets, words of its fix)
RULES = [
    ("<script>alert(1)</script>", "raw <script> element", "pages may not run scripts"),
    ("<SCRIPT src=x.js></SCRIPT>", "raw <script> element", "pages may not run scripts"),
    ('<iframe src="https://example.org/"></iframe>', "raw <iframe> element", "link to the page instead"),
    ('<object data="x.swf"></object>', "raw <object> element", "remove it"),
    ('<embed src="x.swf">', "raw <embed> element", "remove it"),
    ('<a href="x.md" onclick="steal()">x</a>', "inline event handler 'onclick=' in a <a> tag", "remove 'onclick=...'"),
    ("[click](javascript:alert(1))", "'javascript:' URL", "never run code"),
    ("[click]( JavaScript:alert(1))", "'javascript:' URL", "never run code"),
    ('<a href="java&#115;cript:alert(1)">x</a>', "'javascript:' URL", "never run code"),
    ("[x]: javascript:alert(1)", "'javascript:' URL", "never run code"),
    ("![A chart](https://example.org/chart.png)", "image loaded from another origin: https://example.org/chart.png", "save the file under docs/assets/"),
    ('<img src="//cdn.example.org/x.png" alt="x">', "<img> loaded from another origin: //cdn.example.org/x.png", "relative path"),
    ('<video src="https://example.org/v.mp4"></video>', "<video> loaded from another origin", "relative path"),
    ('<audio controls><source src="http://example.org/a.mp3"></audio>', "<source> loaded from another origin", "relative path"),
    ('<track src="https://example.org/captions.vtt">', "<track> loaded from another origin", "relative path"),
    ("[the law](http://example.org/law)", "insecure http: link http://example.org/law", "use https: (https://example.org/law)"),
    ("<http://example.org/>", "insecure http: link http://example.org/", "use https:"),
    ('<a href="http://example.org/">x</a>', "insecure http: link http://example.org/", "use https:"),
    ("![](assets/chart.png)", "image without alt text: ![](assets/chart.png)", "![What it shows](assets/chart.png)"),
    ('<img src="assets/chart.png">', "<img> without alt text", 'add alt="what the image shows"'),
    ('<img src="assets/chart.png" alt="  ">', "<img> without alt text", 'add alt="what the image shows"'),
]


@pytest.mark.parametrize(("line", "message", "fix"), RULES, ids=[r[1][:40] for r in RULES])
def test_each_rule_names_the_line_and_the_fix(line: str, message: str, fix: str) -> None:
    text = "# Page\n\nSome text.\n\n" + line + "\n\nMore text.\n"
    problems = check(text, "docs/x.md")
    assert problems, f"{line!r} passed the safety check"
    found = [p for p in problems if message in p.message]
    assert found, [str(p) for p in problems]
    assert found[0].file == "docs/x.md" and found[0].line == 5 and fix in found[0].fix, str(found[0])


@pytest.mark.parametrize("text", [
    "Write `<script>` or `[x](javascript:y)` in inline code.",
    "```html\n<script>alert(1)</script>\n<img src=\"https://example.org/x.png\">\n```",
    "~~~\n![](x.png) [a](http://example.org)\n~~~",
    "![A chart of reports](../assets/chart.png) [the law](https://example.org/law) [home](../index.md#top)",
    '<img src="assets/x.png" alt="A chart"> <a href="https://example.org/">x</a>',
    "Open <http://localhost:8000/> or <http://127.0.0.1:8000/km/> on your own machine.",
    "Only a word: the online safety of children; onboarding=good is prose, not a tag.",
])
def test_safe_content_passes(text: str) -> None:
    assert check("# Page\n\n" + text + "\n", "docs/x.md") == []


def test_a_tag_over_two_lines_is_read_whole() -> None:
    problems = check('# Page\n\n<span class="x"\n  onMouseOver="x()">x</span>\n', "docs/x.md")
    assert [(p.line, p.message) for p in problems] == [(4, "inline event handler 'onMouseOver=' in a <span> tag")]


def test_front_matter_is_not_read() -> None:
    assert check('---\ntitle: "<script>"\n---\n# Page\n', "docs/x.md") == []


def test_the_build_fails_on_every_rule_in_both_languages(project: Project) -> None:
    """One broken copy: every problem of both languages is reported at once."""
    en, km = "docs/about.md", "docs/roles/leadership.km.md"
    project.write(en, project.read(en) + "\n<iframe src=\"https://example.org/\"></iframe>\n\n"
                  "![](assets/chart.png)\n\n[old site](http://example.org/)\n")
    project.write(km, project.read(km) + '\n<a href="x.md" onclick="x()">x</a>\n\n![ផែនទី](https://example.org/map.png)\n')
    text_en, text_km = project.read(en).splitlines(), project.read(km).splitlines()
    result = project.build()
    assert result.returncode != 0
    expected = [
        (en, text_en.index('<iframe src="https://example.org/"></iframe>') + 1, "raw <iframe> element in the page"),
        (en, text_en.index("![](assets/chart.png)") + 1, "image without alt text"),
        (en, text_en.index("[old site](http://example.org/)") + 1, "insecure http: link http://example.org/"),
        (km, text_km.index('<a href="x.md" onclick="x()">x</a>') + 1, "inline event handler 'onclick=' in a <a> tag"),
        (km, text_km.index("![ផែនទី](https://example.org/map.png)") + 1, "image loaded from another origin: https://example.org/map.png"),
    ]
    for file, line, message in expected:
        assert f"{file}:{line}: {message}" in result.output, result.output[-3000:]
    assert "5 problems to fix" in result.output
    assert result.output.count("Fix: ") == 5
