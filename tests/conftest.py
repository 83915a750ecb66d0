"""Shared fixtures.

Browser tests use Python Playwright driving Debian's /usr/bin/chromium (never `playwright install`).
Every request that is not a file: or data: URL is aborted and recorded. Without Chromium the browser
tests skip with the reason, except in CI (CI=true), where a missing Chromium is a failure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = REPO / "tests" / "screenshots"  # ignored by git


def tree_digest(folder: Path) -> str:
    """A digest of every file name and byte under a folder (to prove that nothing was written)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def edit_table(data: Path, table: str, fn) -> None:
    """Rewrite one table of a data copy: fn(list of dicts) -> list of dicts."""
    import json

    path = data / f"{table}.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fn(rows)), encoding="utf-8")


def pytest_configure(config):
    """A clone made elsewhere (e.g. in a scratch folder) compares data/ with the shared sources beside the
    checkout it was cloned from, so the source-parity tests run there too."""
    if os.environ.get("EXPLAINER_SOURCES") or (REPO.parent / "shared" / "sources").is_dir():
        return
    import subprocess

    r = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=REPO, capture_output=True, text=True)
    origin = Path(r.stdout.strip().removeprefix("file://")) if r.returncode == 0 and r.stdout.strip() else None
    if origin is not None and (origin.parent / "shared" / "sources").is_dir():
        os.environ["EXPLAINER_SOURCES"] = str((origin.parent / "shared" / "sources").resolve())


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def corpus():
    from explainer import load

    return load()


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (tests that write must never touch the real one)."""
    dst = tmp_path / "data"
    shutil.copytree(REPO / "data", dst)
    return dst


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: install it with `sudo apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageRecorder:
    """A page whose non-local requests are aborted and recorded, with page errors collected."""

    def __init__(self, context, page):
        self.context = context
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open_html(self, html: str, path: Path) -> None:
        """Write a complete HTML document to ``path`` and open it from file://."""
        path.write_text(html, encoding="utf-8")
        self.page.goto(path.resolve().as_uri())

    def goto(self, path: Path, fragment: str = "") -> None:
        self.page.goto(path.resolve().as_uri() + fragment)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(out), full_page=full_page)
        return out


@pytest.fixture()
def offline_page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    rec_holder: dict = {}

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            rec_holder["rec"].blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    rec = PageRecorder(context, page)
    rec_holder["rec"] = rec
    yield rec
    context.close()


def html_document(body: str, title: str = "test") -> str:
    """Wrap a fragment (e.g. a view's _repr_html_) in a minimal page, as a published page would."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )
