"""``report.html``: self-contained, the report embedded intact, written atomically; the viewer up to date.

Self-contained means no external URL or script; the committed viewer is built from the current ``frontend/``
sources.
"""

from __future__ import annotations

import copy
import hashlib
import html.parser
import json
import re
from pathlib import Path

import pytest

from interview_ai_lab.report import html as html_report
from interview_ai_lab.report.schema import validate_report
from interview_ai_lab.runtime.errors import InputError, StageError

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
SAMPLE = FRONTEND / "src" / "fixtures" / "sample-report.json"


class _Scan(html.parser.HTMLParser):
    """Collects every URL-bearing attribute and the JSON data scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.data: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            if a.get(name):
                self.urls.append((tag, name, a[name] or ""))
        if tag == "script":
            self.scripts.append(a)
            self._in = a.get("id")
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "preload", "modulepreload", "import"):
            self.urls.append((tag, "rel", a.get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.data[self._in] = self.data.get(self._in, "") + data


def _scan(page: str) -> _Scan:
    s = _Scan()
    s.feed(page)
    return s


@pytest.fixture()
def report_dir(tmp_path: Path) -> Path:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    # Text that would break a naive embedding: a closing tag, a comment opener, an ampersand.
    report["transcript"] += " </script><script>alert(1)</script> <!-- & \u2028"
    report["text"]["summary"] = "R&D </SCRIPT> résumé"
    (tmp_path / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_sample_fixture_matches_the_report_schema() -> None:
    validate_report(json.loads(SAMPLE.read_text(encoding="utf-8")))


def test_report_html_is_self_contained_with_the_report_embedded(report_dir: Path) -> None:
    out = html_report.write_html(report_dir / "report.json")
    assert out == report_dir / "report.html"
    page = out.read_text(encoding="utf-8")
    scan = _scan(page)
    # Nothing is fetched: no src/href pointing anywhere but a data: URI or an in-page anchor.
    external = [u for u in scan.urls if not (u[2].startswith("data:") or u[2].startswith("#"))]
    assert external == []
    # (XML namespace names such as http://www.w3.org/2000/svg are identifiers, never fetched.)
    assert not re.search(r"https?://(?!www\.w3\.org/)", page), "no network URL in the page"
    assert not re.search(r"@import|url\((?!['\"]?data:)", page), "no CSS import or external url()"
    # The scripts: one inline module (the viewer) and the two JSON data blocks.
    kinds = sorted((s.get("type") or "", s.get("id") or "") for s in scan.scripts)
    assert kinds == [("application/json", "report-data"), ("application/json", "report-video"), ("module", "")]
    assert all("src" not in s for s in scan.scripts)
    # The report reads back exactly, even with </script> and <!-- in the text.
    original = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert json.loads(scan.data["report-data"]) == original
    assert "</script><script>alert" not in page
    assert json.loads(scan.data["report-video"]) is None
    # The viewer renders the radar chart and the timeline (hand-written, no chart library).
    assert "radar-chart" in page and "timeline" in page


def test_video_is_linked_relative_to_the_page(report_dir: Path, tmp_path: Path) -> None:
    video = tmp_path / "media" / "interview.mp4"
    video.parent.mkdir()
    video.write_bytes(b"")
    out = html_report.write_html(report_dir / "report.json", video=video)
    assert json.loads(_scan(out.read_text(encoding="utf-8")).data["report-video"]) == {"src": "media/interview.mp4"}


def test_rewrite_is_atomic_and_leaves_no_temp_file(report_dir: Path) -> None:
    html_report.write_html(report_dir / "report.json")
    html_report.write_html(report_dir / "report.json")
    assert sorted(p.name for p in report_dir.iterdir()) == ["report.html", "report.json"]


def test_bad_inputs_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no report"):
        html_report.write_html(tmp_path / "report.json")
    (tmp_path / "report.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable JSON report"):
        html_report.write_html(tmp_path / "report.json")
    assert not (tmp_path / "report.html").exists()
    (tmp_path / "report.json").write_text(json.dumps({"transcript": "x"}), encoding="utf-8")
    broken = tmp_path / "viewer.html"
    broken.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(StageError, match="no report slot"):
        html_report.render_html({"transcript": "x"}, viewer=broken)
    with pytest.raises(StageError, match="missing"):
        html_report.render_html({"transcript": "x"}, viewer=tmp_path / "absent.html")


def test_nan_in_a_report_is_refused() -> None:
    report = copy.deepcopy(json.loads(SAMPLE.read_text(encoding="utf-8")))
    report["speech"]["wpm"] = float("nan")
    with pytest.raises(StageError, match="cannot be written as JSON"):
        html_report.render_html(report)


def test_cli_writes_the_page(report_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert html_report.main([str(report_dir / "report.json")]) == 0
    assert capsys.readouterr().out.strip().endswith("report.html")
    assert html_report.main([str(report_dir / "missing.json")]) == InputError.exit_code


def viewer_source_hash(root: Path = FRONTEND) -> str:
    r"""Same as frontend/scripts/source-hash.mjs: sha256 of "path\0content\0" over the sorted sources."""
    spec = json.loads((root / "viewer-sources.json").read_text(encoding="utf-8"))
    files: list[str] = []
    for r in spec["roots"]:
        p = root / r
        found = [p] if p.is_file() else [f for f in p.rglob("*") if f.is_file()]
        files += [f.relative_to(root).as_posix() for f in found]
    files = sorted(f for f in files if not any(f.endswith(s) for s in spec["exclude_suffixes"]))
    h = hashlib.sha256()
    for rel in files:
        text = (root / rel).read_bytes().decode("utf-8").replace("\r\n", "\n")
        h.update((rel + "\0" + text + "\0").encode("utf-8"))
    return h.hexdigest()


def test_committed_viewer_is_built_from_the_current_sources() -> None:
    page = html_report.VIEWER_PATH.read_text(encoding="utf-8")
    m = re.search(r'<meta name="ial-viewer-source-hash" content="([0-9a-f]{64})"', page)
    assert m, "interview_ai_lab/data/report_viewer.html has no source hash: rebuild it (cd frontend && npm run build:viewer)"
    assert m.group(1) == viewer_source_hash(), (
        "interview_ai_lab/data/report_viewer.html is stale: the viewer sources in frontend/ changed; "
        "rebuild it with `cd frontend && npm ci && npm run build:viewer` and commit it")
    assert len(page.encode("utf-8")) < 150_000, "the offline viewer should stay small"


def test_source_hash_changes_when_a_viewer_source_changes(tmp_path: Path) -> None:
    spec = json.loads((FRONTEND / "viewer-sources.json").read_text(encoding="utf-8"))
    (tmp_path / "src" / "report").mkdir(parents=True)
    (tmp_path / "viewer-sources.json").write_text(json.dumps({**spec, "roots": ["viewer-sources.json", "src/report"]}),
                                                  encoding="utf-8")
    (tmp_path / "src" / "report" / "A.tsx").write_text("export const a = 1;\n", encoding="utf-8")
    (tmp_path / "src" / "report" / "A.test.tsx").write_text("test\n", encoding="utf-8")
    before = viewer_source_hash(tmp_path)
    (tmp_path / "src" / "report" / "A.test.tsx").write_text("other test\n", encoding="utf-8")
    assert viewer_source_hash(tmp_path) == before, "test files do not count"
    (tmp_path / "src" / "report" / "A.tsx").write_text("export const a = 1;\r\n", encoding="utf-8")
    assert viewer_source_hash(tmp_path) == before, "line endings do not count"
    (tmp_path / "src" / "report" / "A.tsx").write_text("export const a = 2;\n", encoding="utf-8")
    assert viewer_source_hash(tmp_path) != before


def _incomplete(report: dict) -> dict:
    """The sample report as a video without its audio track gives it."""
    r = copy.deepcopy(report)
    r["scores"] = {"verbal": None, "paraverbal": None, "nonverbal": 39.33, "total": None,
                   "measured": {"points": 39.33, "out_of": 40.0, "parts": ["nonverbal"]},
                   "incomplete": {"reasons": [{"part": "verbal", "code": "no_audio_track", "params": {}},
                                              {"part": "paraverbal", "code": "no_audio_track", "params": {}}]}}
    return r


def _summary(page: str) -> str:
    m = re.search(r'<div id="report-summary" lang="(fr|en)">(.*?)</div></noscript>', page, flags=re.S)
    assert m, "no script-free summary in the page"
    return html_report.html.unescape(re.sub(r"<[^>]+>", "", m.group(2).replace("</p>", "</p> ")))


def test_an_incomplete_score_reads_incomplete_with_its_reasons_in_the_reports_language() -> None:
    report = _incomplete(json.loads(SAMPLE.read_text(encoding="utf-8")))
    report["language"] = "fr"
    page = html_report.render_html(report)
    assert '<html lang="fr"' in page and "<title>Rapport d'entretien" in page
    text = _summary(page)
    assert "incomplet — 39,3 sur les 40 points qui ont pu être mesurés" in text
    assert "verbal : pas de piste audio ; paraverbal : pas de piste audio" in text
    assert "/ 100" not in text  # no total is shown for an incomplete score
    report["language"] = "en"
    page = html_report.render_html(report)
    assert '<html lang="en"' in page and "<title>Interview report" in page
    text = _summary(page)
    assert "incomplete — 39.3 out of the 40 points that could be measured; verbal: no audio track" in text
    assert "Rapport" not in text and "incomplet " not in text
    # the embedded report is untouched
    assert json.loads(_scan(page).data["report-data"]) == report


def test_a_complete_score_and_the_answer_scores_in_the_summary() -> None:
    report = json.loads(SAMPLE.read_text(encoding="utf-8"))
    report["scores"] = {"verbal": 30.26, "paraverbal": 15.0, "nonverbal": 27.2, "total": 72.45,
                        "measured": {"points": 72.45, "out_of": 100.0, "parts": ["verbal", "paraverbal", "nonverbal"]},
                        "incomplete": None}
    answer = _incomplete(report)["scores"]
    answer["incomplete"]["reasons"] = [{"part": "nonverbal", "code": "face_too_rarely_visible", "params": {"ratio": 0.05}}]
    report["questions"] = [{"index": 1, "text": "Q?", "scores": answer}]
    text = _summary(html_report.render_html(report, lang="fr"))
    assert "Score de l'entretien : 72,5 / 100" in text
    assert "verbal 30,3 + paraverbal 15 + non verbal 27,2" in text
    assert "Question 1 — Score de la réponse : incomplet" in text and "un visage n'était visible que sur 5\u202f% des images" in text
    text = _summary(html_report.render_html(report, lang="en"))
    assert "Interview score: 72.5 / 100" in text and "Answer score: incomplete" in text and "5% of the frames" in text


def test_number_formats() -> None:
    assert html_report.format_number(39.33, "fr") == "39,3" and html_report.format_number(39.33, "en") == "39.3"
    assert html_report.format_number(40.0, "fr") == "40" and html_report.format_share(0.97, "fr") == "97\u202f%"
    assert html_report.page_language({"language": "de"}) == "fr" and html_report.page_language({}, "en") == "en"
