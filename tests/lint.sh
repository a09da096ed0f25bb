#!/usr/bin/env bash
# The style check CI runs before the tests (tests/run.sh): exits non-zero on any violation.
#   Python:     ruff check (rules in pyproject.toml) and ruff format --check; mypy on the
#               public surfaces of pynn/core and pynn/ops (pyproject.toml's [tool.mypy])
#   JavaScript: eslint (web/eslint.config.js) and prettier --check (web/.prettierrc.json)
# To fix what can be fixed automatically:  bash tests/lint.sh --fix
# Needs ruff and mypy (pip, the versions tests/run.sh installs) and web/node_modules (npm ci in web/).
set -uo pipefail
cd "$(dirname "$0")/.."

FIX=0
[ "${1:-}" = "--fix" ] && FIX=1
RUFF=(python3 -m ruff)
# The two test modules among the tutorial scripts, which pyproject.toml excludes as a folder.
TUTORIAL_TESTS=(tests/tutorials/test_tutorials.py tests/tutorials/record.py)

failed=()
step() {  # step NAME COMMAND...: runs it, remembers a failure, goes on
    local name=$1
    shift
    echo "== lint: $name"
    "$@" || failed+=("$name")
}

if [ "$FIX" = 1 ]; then
    "${RUFF[@]}" check --fix .
    "${RUFF[@]}" check --fix --no-force-exclude "${TUTORIAL_TESTS[@]}"
    "${RUFF[@]}" format .
    "${RUFF[@]}" format --no-force-exclude "${TUTORIAL_TESTS[@]}"
    (cd web && npx --no-install eslint --fix . && npx --no-install prettier --write --log-level warn .)
fi

step "ruff check" "${RUFF[@]}" check --output-format concise .
step "ruff check (tutorial tests)" "${RUFF[@]}" check --output-format concise --no-force-exclude "${TUTORIAL_TESTS[@]}"
step "ruff format" "${RUFF[@]}" format --check .
step "ruff format (tutorial tests)" "${RUFF[@]}" format --check --no-force-exclude "${TUTORIAL_TESTS[@]}"
step "mypy (pynn/core, pynn/ops)" python3 -m mypy
if [ -x web/node_modules/.bin/eslint ]; then
    step "eslint (web/)" bash -c 'cd web && npx --no-install eslint .'
    step "prettier (web/)" bash -c 'cd web && npx --no-install prettier --check --log-level warn .'
else
    echo "lint: web/node_modules has no eslint: run (cd web && npm ci) first" >&2
    failed+=("eslint/prettier (not installed)")
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "lint: FAILED: ${failed[*]}" >&2
    echo "lint: 'bash tests/lint.sh --fix' fixes what can be fixed automatically" >&2
    exit 1
fi
echo "lint: all clean"
