"""README.md fits a screen and every link of README.md and docs/*.md leads somewhere.

Relative links must name an existing file (or folder) of the repository, and a ``#fragment``
must be a heading of the target Markdown file (GitHub's anchors). README.md links every page
of docs/. No page names an internal work item ("issue 12").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
MAX_README_LINES = 200

_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", flags=re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")


def _prose(text: str) -> str:
    """The text without fenced code blocks (links inside them are examples, not links)."""
    return _FENCE.sub("", text)


def anchors(markdown: str) -> set[str]:
    """GitHub's anchors of the headings of a Markdown text (repeated headings get -1, -2…)."""
    out: set[str] = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", _prose(markdown), flags=re.M):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading: its text
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def links(page: Path) -> list[str]:
    """The link targets of a Markdown page, outside code."""
    text = _CODE.sub("", _prose(page.read_text(encoding="utf-8")))
    return _LINK.findall(text)


def test_readme_fits_a_screen() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines (at most {MAX_README_LINES})"


def test_the_docs_folder_has_pages() -> None:
    assert len(PAGES) > 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.I):  # http:, https:, mailto:…
            continue
        path_part, _, fragment = target.partition("#")
        dest = (page.parent / path_part).resolve() if path_part else page
        if not dest.exists():
            broken.append(f"{target}: no such file")
            continue
        if fragment and dest.suffix == ".md" and fragment not in anchors(dest.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading #{fragment} in {dest.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_readme_links_every_docs_page() -> None:
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in links(README) if t.startswith("docs/")}
    missing = [p.name for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked]
    assert not missing, f"README.md does not link docs/{', docs/'.join(missing)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_internal_work_item_is_named(page: Path) -> None:
    hits = re.findall(r"^.*\bissue[ -]?[0-9].*$", page.read_text(encoding="utf-8"), flags=re.M | re.I)
    assert not hits, hits


def test_the_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other page\n\n## A section\n", encoding="utf-8")
    page.write_text("See [this](missing.md), [that](other.md#a-section), [no](other.md#nowhere) and "
                    "`[code](ignored.md)`.\n\n```\n[example](also-ignored.md)\n```\n", encoding="utf-8")
    assert links(page) == ["missing.md", "other.md#a-section", "other.md#nowhere"]
    assert anchors((tmp_path / "other.md").read_text(encoding="utf-8")) == {"other-page", "a-section"}
