"""The optional pre-commit hooks run what CI's style check runs (tests/lint.sh), with the
versions CI installs (tests/run.sh)."""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def _pins(text):
    return dict(re.findall(r"\b(ruff|mypy)==([0-9][0-9.]*)", text))


def test_pre_commit_pins_the_versions_ci_installs():
    ci = _pins(_read("tests/run.sh"))
    assert set(ci) == {"ruff", "mypy"}, ci
    config = _read(".pre-commit-config.yaml")
    hooks = re.findall(r"additional_dependencies: \[([^\]]*)\]", config)
    assert hooks, "no pre-commit hook installs its tool"
    for deps in hooks:
        for tool, version in _pins(deps).items():
            assert version == ci[tool], f"pre-commit pins {tool}=={version}, CI {ci[tool]}"


def test_pre_commit_runs_every_check_of_the_style_check():
    lint = _read("tests/lint.sh")
    config = _read(".pre-commit-config.yaml")
    for check in ("check", "format"):
        assert f'"${{RUFF[@]}}" {check}' in lint
        assert re.search(rf"entry: ruff {check}( --fix)? --force-exclude\n", config)
        # the two test modules among the tutorial scripts, which pyproject.toml excludes
        assert re.search(rf"entry: ruff {check}( --fix)? --no-force-exclude\n", config)
    assert "python3 -m mypy" in lint and "entry: mypy" in config
    for tool in ("eslint", "prettier"):
        assert f"npx --no-install {tool}" in lint and f"npx --no-install {tool}" in config
    # no hook fetched from GitHub: CI's network reaches PyPI and npm only
    assert re.findall(r"^\s*- repo: (\S+)", config, re.M) == ["local"]
