"""Benchmark the offline site against a stock ``jupyter nbconvert --execute --to html`` export.

For each notebook set (the real notebooks/, and a small demo set with a plotly menu, a CSS toggle and a
live-only cell): cold build wall time (a fresh ``python -m explainer site`` process), whether a second
build is byte-identical, and per page, in headless Chromium with every non-file request blocked: bytes
loaded (HTML + every file it pulls), time until interactive (load event and every plotly chart in the window
drawn; median of 5, fresh browser context each time), charts drawn after scrolling to each / expected,
blocked requests, page errors.
The same for the stock export, side by side. Targets: build < 60 s, interactive < 1 s, < 2.5 MB per page.

    .venv/bin/python benchmarks/bench_site.py [--notebooks DIR] [--runs 5] [--no-demo]

Results are printed and written to benchmarks/results/bench_site.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run"]
# Interactive: the load event, and every chart that is in the window drawn (charts further down are drawn when
# they are scrolled to: assets/lazyplot.js). A page whose figures never reach the DOM (the stock export) counts
# its .js-plotly-plot elements only.
DRAWN_JS = """() => [...document.querySelectorAll('.plotly-graph-div, .js-plotly-plot')].filter(
  gd => gd.getBoundingClientRect().top < window.innerHeight).every(
  gd => gd._fullLayout && gd.querySelectorAll('.trace, .hm').length > 0)"""  # .hm: heatmap image
CHARTS_JS = """async () => {
  for (const gd of document.querySelectorAll('.plotly-graph-div')) {  // scroll to each, as a reader would
    gd.scrollIntoView();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  return [...document.querySelectorAll('.js-plotly-plot')].filter(
    gd => gd.querySelectorAll('.trace, .hm').length > 0).length; }"""


def run(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, **kw)
    return time.perf_counter() - t, r


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _recorder(files: dict[str, int], blocked: set[str]):
    """A route handler (one parameter: Playwright passes (route, request) to two-parameter handlers)."""
    def route(r):
        url = r.request.url
        if url.startswith("file:"):
            p = Path(unquote(urlparse(url).path))
            files[url] = p.stat().st_size if p.is_file() else 0
            r.continue_()
        elif url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.add(url)
            r.abort()
    return route


def measure_page(browser, path: Path, runs: int, ready_js: str = DRAWN_JS) -> dict:
    times, loaded, blocked, errors, drawn = [], 0, set(), [], 0
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
        files: dict[str, int] = {}
        ctx.route("**/*", _recorder(files, blocked))
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        try:
            page.wait_for_function(ready_js, timeout=15_000, polling=10)
        except Exception:
            pass  # counted below as charts not drawn
        times.append(time.perf_counter() - t)
        drawn = page.evaluate(CHARTS_JS)
        loaded = sum(files.values())
        ctx.close()
    html = path.read_text(encoding="utf-8", errors="replace")
    return {"page": path.name, "bytes": loaded, "interactive_s": statistics.median(times),
            "charts_expected": html.count("Plotly.newPlot") or html.count("application/vnd.plotly.v1+json"),
            "charts_drawn": drawn, "blocked": sorted(blocked), "errors": sorted(set(errors))[:3]}


def bench_set(label: str, notebooks: Path, work: Path, runs: int, browser) -> dict:
    out = work / f"site-{label}"
    t_site, r = run([PY, "-m", "explainer", "site", "--notebooks", str(notebooks), "--out", str(out),
                     "--no-fetch"])
    if r.returncode:
        print(r.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"{label}: explainer site failed")
    first = tree_bytes(out)
    t_site2, _ = run([PY, "-m", "explainer", "site", "--notebooks", str(notebooks), "--out", str(out),
                      "--no-fetch"])
    identical = first == tree_bytes(out)
    stock = work / f"stock-{label}"
    nbs = sorted(str(p) for p in notebooks.glob("[0-9][0-9]-*.ipynb"))
    t_stock, r = run([str(Path(PY).parent / "jupyter"), "nbconvert", "--execute", "--to", "html",
                      "--output-dir", str(stock), *nbs])
    stock_ok = r.returncode == 0
    pages = sorted(out.glob("[0-9][0-9]-*.html"))
    ours = [measure_page(browser, p, runs) for p in pages]
    theirs = [measure_page(browser, stock / p.name, runs) if (stock / p.name).exists() else {"page": p.name}
              for p in pages]
    for o, s in zip(ours, theirs, strict=True):
        if "charts_expected" in s:
            s["charts_expected"] = o["charts_expected"]  # the figures the notebook draws
    listing = out / "assets" / "ASSETS.txt"
    bundle = listing.read_text().strip() if listing.exists() else ""
    return {"set": label, "notebooks": len(nbs), "build_s": t_site, "rebuild_s": t_site2,
            "byte_identical": identical, "stock_build_s": t_stock, "stock_ok": stock_ok, "plotly": bundle,
            "ours": ours, "stock": theirs}


# A reader or family page is interactive when every switch's script has run.
READY_JS = """() => [...document.querySelectorAll('section.xv')].every(
  s => !s.querySelector('script') || s.getAttribute('data-xv-init') === '1')"""


def bench_generated(site: Path, runs: int, browser) -> list[dict]:
    """Every reader-*.html and family-*.html of a built site. Targets: interactive < 1 s, <= 1 MB loaded."""
    rows = [measure_page(browser, p, runs, READY_JS)
            for p in sorted(site.glob("reader-*.html")) + sorted(site.glob("family-*.html"))]
    print(f"== generated pages ({len(rows)}): reader per treaty, page per clause family; median of {runs}")
    print(f"   {'page':40} {'KB':>6} {'s':>6} {'blk':>4} {'err':>4}")
    for r in rows:
        print(f"   {r['page']:40} {r['bytes'] / 1024:6.0f} {r['interactive_s']:6.2f} {len(r['blocked']):4} "
              f"{len(r['errors']):4}")
    ok = all(r["interactive_s"] < 1 and r["bytes"] <= 1_000_000 and not r["blocked"] for r in rows)
    print(f"   targets (interactive < 1 s, <= 1 MB, no request off the disk): {'met' if ok else 'NOT met'}")
    return rows


def readers_only(runs: int) -> int:
    """``--readers-only``: build just the generated pages (no notebooks) and measure them."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO))
    from explainer.publish import build_site

    work = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    try:
        (work / "nbs").mkdir()
        t = time.perf_counter()
        build_site(work / "nbs", work / "site", fetch=False, readers=True)
        print(f"generated pages built in {time.perf_counter() - t:.1f} s (in process, no notebooks)")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            bench_generated(work / "site", runs, browser)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def fmt(res: dict) -> str:
    lines = [f"== {res['set']}: {res['notebooks']} notebook(s); {res['plotly'] or 'no plotly.js shipped'}",
             f"   build (cold process): ours {res['build_s']:.1f} s (again: {res['rebuild_s']:.1f} s, "
             f"byte-identical: {res['byte_identical']}); stock nbconvert --execute, one call: "
             f"{res['stock_build_s']:.1f} s{'' if res['stock_ok'] else ' (FAILED)'}",
             f"   {'page':28} {'ours KB':>8} {'ours s':>7} {'charts':>7} {'blk':>4} {'err':>4} | "
             f"{'stock KB':>8} {'stock s':>7} {'charts':>7} {'blk':>4} {'err':>4}"]
    for o, s in zip(res["ours"], res["stock"], strict=True):
        def cols(m):
            if "bytes" not in m:
                return f"{'-':>8} {'-':>7} {'-':>7} {'-':>4} {'-':>4}"
            return (f"{m['bytes'] / 1024:8.0f} {m['interactive_s']:7.2f} "
                    f"{m['charts_drawn']:>3}/{m['charts_expected']:<3} "
                    f"{len(m['blocked']):4} {len(m['errors']):4}")
        lines.append(f"   {o['page']:28} {cols(o)} | {cols(s)}")
    blocked = sorted({u for s in res["stock"] for u in s.get("blocked", [])})
    errors = sorted({e for s in res["stock"] for e in s.get("errors", [])})
    if blocked:
        lines.append("   stock export, blocked offline: " + "; ".join(blocked))
    if errors:
        lines.append("   stock export, page errors: " + "; ".join(errors))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notebooks", default=str(REPO / "notebooks"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-demo", action="store_true", help="skip the small demo notebooks")
    ap.add_argument("--readers-only", action="store_true", help="only the reader and family pages")
    args = ap.parse_args()
    if args.readers_only:
        return readers_only(args.runs)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    sets = [("notebooks", Path(args.notebooks).resolve())]
    if not args.no_demo:
        sys.path.insert(0, str(REPO / "tests"))
        from test_publish import good_notebooks  # the notebooks the build tests use

        sets.append(("demo", good_notebooks(work / "demo-notebooks")))
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for label, folder in sets:
                res = bench_set(label, folder, work, args.runs, browser)
                print(fmt(res), flush=True)
                results.append(res)
                if label == "notebooks":
                    res["generated"] = bench_generated(work / f"site-{label}", args.runs, browser)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_site.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    worst = [(o["interactive_s"], o["bytes"]) for r in results for o in r["ours"]]
    ok = all(r["build_s"] < 60 for r in results) and all(t < 1 and b < 2.5e6 for t, b in worst)
    print(f"targets (build < 60 s, interactive < 1 s, < 2.5 MB per page): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
