#!/bin/bash
# The GitHub Action's entrypoint (action.yml): maps the action's inputs (INPUT_* variables) to
# schemagate flags. Empty inputs are left out, so schemagate's own defaults apply. `command`
# picks the job: `check` on pull requests, `comment` after it (workflow_run), `status` or `gate`
# in release pipelines.
set -euo pipefail

input() { printenv "INPUT_$1" || true; }

args=()
# The target's URL holds a password: it goes to schemagate in SCHEMAGATE_DATABASE_URL, never on
# argv (where `ps` shows it), and the INPUT_ copy is removed from schemagate's environment.
database_url="$(input DATABASE-URL)"
if [ -n "$database_url" ]; then export SCHEMAGATE_DATABASE_URL="$database_url"; fi
schemagate=(env -u INPUT_DATABASE-URL schemagate)
flag() {
  local value
  value="$(input "$1")"
  if [ -n "$value" ]; then args+=("$2" "$value"); fi
}

command="$(input COMMAND)"
case "${command:-check}" in
  check)
    args=(check)
    flag PATH --dir
    flag LAYOUT --layout
    flag BASE --base
    flag FAIL-ON --fail-on
    flag CONFIG --config
    flag PG-VERSION --pg-version
    flag CACHE-DIR --cache-dir
    flag FORMAT --format
    if [ "$(input COMMENT)" = "true" ]; then args+=(--comment); fi
    # The JSON report is kept for `schemagate comment` and artifacts; its path is an output.
    report="${GITHUB_WORKSPACE:-.}/.schemagate/report.json"
    mkdir -p "$(dirname "$report")"
    args+=(--report-json "$report")
    exec "${schemagate[@]}" "${args[@]}"
    ;;
  comment)
    # The workflow_run half of the fork-safe pair: renders a saved report, runs no SQL.
    args=(comment)
    flag REPORT --report
    flag PR --pr
    exec "${schemagate[@]}" "${args[@]}"
    ;;
  status | gate)
    args=("$command")
    if [ -z "$database_url" ]; then
      echo "error: input database-url: $command needs the target database" >&2
      exit 2
    fi
    flag PATH --dir
    flag LAYOUT --layout
    flag CONFIG --config
    if [ "$command" = gate ]; then
      flag ENVIRONMENT --environment
      flag CHECK-REPORT --check-report
      flag APPROVALS-FILE --approvals-file
      flag AUDIT-LOG --audit-log
      flag CACHE-DIR --cache-dir
    fi
    # Markdown serves both the log and the job summary; one run, so the drift replay runs once.
    summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
    set +e
    "${schemagate[@]}" "${args[@]}" --format markdown | tee -a "$summary"
    code="${PIPESTATUS[0]}"
    set -e
    exit "$code"
    ;;
  *)
    echo "error: input command: expected check, comment, status or gate, got \"$command\"" >&2
    exit 2
    ;;
esac
