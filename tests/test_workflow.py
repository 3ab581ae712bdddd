"""The GitHub workflow: valid against GitHub's published schema (SchemaStore's, as vendored by
check-jsonschema), on current action versions, and shaped so that it tests on the same
Debian the book is developed on and never cuts a deployment off half-way.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
# The newest major version of each action used (checked against their release notes).
CURRENT = {"actions/checkout": "v7", "actions/setup-python": "v7",
           "actions/configure-pages": "v6", "actions/upload-pages-artifact": "v5",
           "actions/deploy-pages": "v5"}


def _schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def workflow() -> dict:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads the key `on` as True
    return loaded


def test_the_workflow_matches_githubs_schema():
    result = _schema_check(WORKFLOW)
    assert result.returncode == 0, f"{WORKFLOW.relative_to(ROOT)}:\n{result.stdout}{result.stderr}"


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1),
                      encoding="utf-8")
    assert _schema_check(broken).returncode != 0


def test_every_action_is_on_its_current_major_version(workflow):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert action in CURRENT, f"job {name}: {action} is not a known action"
                assert version == CURRENT[action], f"job {name}: {action}@{version}, current is {CURRENT[action]}"


def test_the_test_job_runs_the_repositorys_own_ci_script_on_this_debian(workflow):
    job = workflow["jobs"]["test"]
    codename = re.search(r"^VERSION_CODENAME=(\w+)", Path("/etc/os-release").read_text(), re.M)
    image = job["container"]["image"]
    assert image.startswith("python:3.11-"), image
    if codename:  # the container is the Debian release this machine runs
        assert image.endswith(codename.group(1)), f"{image} is not Debian {codename.group(1)}"
    assert [s["run"] for s in job["steps"] if "run" in s] == [".ci/run"]
    assert "apt-get" not in WORKFLOW.read_text(encoding="utf-8"), "installs belong in .ci/run"
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert script[-1] == "python3 book.py test", "the CI script must end with the README's command"


def test_a_deployment_is_never_cancelled_half_way(workflow):
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["concurrency"]["cancel-in-progress"] is False
    # the workflow-wide group cancels older runs only away from main, where nothing deploys
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def test_a_weekly_job_tries_the_newest_releases(workflow):
    assert workflow["on"]["schedule"], "no scheduled run"
    job = workflow["jobs"]["newest-dependencies"]
    assert "schedule" in job["if"]
    assert [s["run"] for s in job["steps"] if "run" in s] == [".ci/newest"]
    script = (ROOT / ".ci" / "newest").read_text(encoding="utf-8")
    assert "pip install --quiet --upgrade" in script and ".ci/run" in script
