"""Printed hand-outs: every script prints with real glyphs, and a page with solutions prints a teacher's and a
students' copy, on A4 (headless Chromium, network blocked; the PDFs are read back with pypdf)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell
from pypdf import PdfReader
from test_publish import nb, write

from explainer.printcheck import check_pdf, glyph_report
from explainer.publish import CHROMIUM, CHROMIUM_ARGS, build_handouts, build_site

pytestmark = pytest.mark.browser

SCRIPTS = {  # our own sample words, one line per script
    "ko": "한국어 조약 문장",
    "zh": "中文条约文本",
    "ja": "日本語のひらがなとカタカナ",
    "ru": "Русский текст договора",
}
SCRIPT_CELL = "\n\n".join(f'<p lang="{lang}">{text}</p>' for lang, text in SCRIPTS.items())
SECRET = "Model answer: the help is owed only in a state of war."
A4 = (595, 842)  # points, ± 1


def _chars(text: str) -> set[str]:
    return {c for c in text if c.strip()}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("print")
    notebooks = root / "nbs"
    write(notebooks, "01-lesson.ipynb", nb(
        new_markdown_cell(SCRIPT_CELL),
        new_markdown_cell("## Teacher notes\n\nTeacher-only planning text.", metadata={"tags": ["teacher-only"]}),
        new_markdown_cell("### Exercise 1\n\nCompare the two texts.", metadata={"tags": ["exercise"]}),
        new_markdown_cell(SECRET, metadata={"tags": ["solution"]}),
        new_code_cell("from IPython.display import HTML\nHTML('<p>Exercise 2: list the dates.</p>"
                      "<details class=\"solution\"><summary>Solution</summary><p>Element solution.</p></details>')",
                      metadata={"tags": ["exercise"]}),
        title="Lesson", para="A lesson page with solutions."))
    write(notebooks, "02-plain.ipynb", nb(new_markdown_cell(SCRIPT_CELL), title="Plain"))
    build_site(notebooks, root / "site", fetch=False)
    pdfs = build_handouts(root / "site", root / "handouts", browser=browser)
    return root, {p.name: p for p in pdfs}


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def test_a_page_with_solutions_prints_a_teachers_and_a_students_copy(printed):
    _, pdfs = printed
    assert sorted(pdfs) == ["01-lesson-students.pdf", "01-lesson-teacher.pdf", "02-plain.pdf"]
    teacher, students = _text(pdfs["01-lesson-teacher.pdf"]), _text(pdfs["01-lesson-students.pdf"])
    for text in ("Model answer", "Element solution", "Teacher-only planning text"):
        assert text in teacher and text not in students
    assert "Compare the two texts" in students and "Exercise 2: list the dates" in students
    assert students.count("Your answer:") == 2 and "Your answer:" not in teacher
    assert "Teacher's copy" not in teacher + students  # the on-screen switch is not printed


def test_every_pdf_is_a4(printed):
    _, pdfs = printed
    for pdf in pdfs.values():
        for page in PdfReader(str(pdf)).pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(w - A4[0]) <= 1 and abs(h - A4[1]) <= 1, (pdf.name, w, h)


def test_korean_chinese_japanese_and_russian_print_with_real_glyphs(printed):
    _, pdfs = printed
    for pdf in pdfs.values():
        report = glyph_report(pdf)
        for lang, text in SCRIPTS.items():
            assert _chars(text) <= report.shown, (pdf.name, lang, sorted(_chars(text) - report.shown))
        assert report.missing() == [] and report.unnamed_boxes == 0
        assert check_pdf(pdf) is None


def test_the_check_finds_empty_boxes_when_no_font_has_the_glyphs(printed, tmp_path):
    """The same page printed by a Chromium that sees only the DejaVu fonts (no CJK): the check must say so."""
    root, _ = printed
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.fail(f"{dejavu} missing: Debian's Chromium depends on fonts-dejavu-core")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / "fc"}</cachedir>'
                    "</fontconfig>", encoding="utf-8")
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    def print_without_cjk_fonts() -> Path:  # a thread of its own: the session's Playwright holds this one's loop
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                  env={**os.environ, "FONTCONFIG_FILE": str(conf)})
            try:
                return build_handouts(root / "site", tmp_path / "out", browser=b)[-1]
            finally:
                b.close()

    with ThreadPoolExecutor(1) as pool:
        pdf = pool.submit(print_without_cjk_fonts).result()
    report = glyph_report(pdf)
    cjk = _chars(SCRIPTS["ko"] + SCRIPTS["zh"] + SCRIPTS["ja"])
    assert not (cjk & report.shown)
    assert _chars(SCRIPTS["ru"]) <= report.shown  # DejaVu has Cyrillic
    problem = check_pdf(pdf)
    assert problem is not None and "empty boxes" in problem and "fonts-noto-cjk" in problem
    assert int(re.search(r": (\d+) character", problem).group(1)) >= len(cjk) - 1
