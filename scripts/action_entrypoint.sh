#!/bin/bash
# The GitHub Action's entrypoint (action.yml): maps the action's inputs (INPUT_* variables) to
# `schemagate check` flags. Empty inputs are left out, so schemagate's own defaults apply.
set -euo pipefail

input() { printenv "INPUT_$1" || true; }

args=(check)
flag() {
  local value
  value="$(input "$1")"
  if [ -n "$value" ]; then args+=("$2" "$value"); fi
}
flag PATH --dir
flag LAYOUT --layout
flag BASE --base
flag DATABASE-URL --database-url
flag FAIL-ON --fail-on
flag CONFIG --config
flag PG-VERSION --pg-version
flag FORMAT --format
if [ "$(input COMMENT)" = "true" ]; then args+=(--comment); fi
# The JSON report is kept for `schemagate comment` and artifacts; its path is an output.
report="${GITHUB_WORKSPACE:-.}/.schemagate/report.json"
mkdir -p "$(dirname "$report")"
args+=(--report-json "$report")
exec schemagate "${args[@]}"
