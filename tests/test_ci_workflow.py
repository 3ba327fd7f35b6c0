"""The GitHub Actions workflow a fork gets: linted by zizmor (pinned in the `test` extra), and running
the README's test command on push and pull request.

zizmor is a static analyser for GitHub Actions workflows: it validates each file against the workflow
schema (with --strict-collection a schema error fails the run) and audits it (unpinned actions, broad
permissions, template injection, persisted credentials...). It runs offline here.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def _zizmor():
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    if found is None:
        pytest.fail("zizmor 가 없습니다: make test 가 설치합니다 (pip install -e '.[test]')")
    return found


def lint(*paths):
    return subprocess.run([_zizmor(), "--offline", "--strict-collection", "--no-progress", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_there_is_a_workflow():
    assert WORKFLOWS, ".github/workflows/ 에 워크플로 파일이 없습니다"


def test_workflows_pass_the_linter():
    run = lint(*WORKFLOWS)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("broken, finding", [
    ("    stpes:\n      - run: make test\n", "does not match expected validation schema"),  # a typo in a key
    ("    steps:\n      - run: echo ${{ github.event.head_commit.message }}\n", "template-injection"),
    ("    steps:\n      - uses: actions/checkout@v4\n", "unpinned-uses"),
])
def test_the_linter_catches_mistakes(tmp_path, broken, finding):
    """The lint above can fail: the same command flags a schema error and unsafe workflows."""
    path = tmp_path / ".github" / "workflows" / "broken.yml"
    path.parent.mkdir(parents=True)
    path.write_text("name: broken\non: [push]\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                    + broken, encoding="utf-8")
    run = lint(path)
    assert run.returncode != 0 and finding in run.stdout + run.stderr, run.stdout + run.stderr


def _readme_test_command():
    """The README's test command: the one command of the quick start's second code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return blocks[1].strip()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_runs_the_readme_test_command_on_push_and_pull_request(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    triggers = [triggers] if isinstance(triggers, str) else list(triggers)
    assert "push" in triggers and "pull_request" in triggers
    runs = [step.get("run", "").strip() for job in workflow["jobs"].values() for step in job.get("steps", [])]
    command = _readme_test_command()
    assert command == "make test"
    assert command in runs, runs
