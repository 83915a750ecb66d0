"""Project wiring: environment.yml mirrors pyproject.toml; every CLI command is registered; README commands."""

import re
import subprocess
import sys
import tomllib

from explainer.cli import EXTERNAL_COMMANDS, build_parser


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies(repo_root):
    meta = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r.strip() for r in meta["dependencies"] + meta["optional-dependencies"]["test"]}
    env = (repo_root / "environment.yml").read_text()
    listed = {}
    for line in env.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+- ([A-Za-z0-9_.\-]+)(.*)$", line)
        if m and m.group(1) not in ("python", "pip") and not line.strip().startswith("- -e"):
            listed[_name(m.group(1))] = (m.group(1) + m.group(2)).replace(" ", "")
    assert set(listed) == set(wanted), (
        f"only in pyproject: {set(wanted) - set(listed)}; only in environment.yml: {set(listed) - set(wanted)}"
    )
    for name, req in wanted.items():
        assert listed[name] == req.replace(" ", ""), f"{name}: pyproject {req!r} vs environment.yml {listed[name]!r}"
    assert "- -e ." in env


def test_every_command_is_registered():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert {"validate", "coverage", "add-text", *EXTERNAL_COMMANDS} <= set(sub.choices)


def test_module_entry_point_runs(repo_root):
    out = subprocess.run([sys.executable, "-m", "explainer", "validate"], cwd=repo_root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ")


def test_readme_names_the_two_commands(repo_root):
    readme = (repo_root / "README.md").read_text()
    first_screen = "\n".join(readme.splitlines()[:40])
    assert "make site" in first_screen and "make test" in first_screen
    ci = (repo_root / ".ci" / "run").read_text()
    assert "make test" in ci


def test_code_passes_the_linter(repo_root):
    """`make lint` stays clean: ruff with the rules and line length in pyproject.toml."""
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "explainer", "tests", "benchmarks",
                        "tools"], cwd=repo_root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
