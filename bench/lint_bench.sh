#!/usr/bin/env bash
# Times `schemagate lint --format json` over a generated corpus against the raw parse of the same
# files (bench/raw_parse.c) and, when it installs, squawk. Targets (issue 3): schemagate within
# 1.5x the raw parse, at least 3x faster than squawk, peak memory under 64 MiB.
#
# usage: bench/lint_bench.sh [SCHEMAGATE_BINARY]     (default: build/schemagate)
# Everything it writes goes to bench/out/ (gitignored). Exit 1 when a target is missed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out
schemagate=${1:-$root/build/schemagate}
files=2000
runs=3

if [[ ! -x $schemagate ]]; then
  echo "lint_bench: $schemagate: not built (cmake --build build)" >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "lint_bench: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi

# One migration in the style of the seeds: a new table with its index and foreign key, an
# expand step on an existing table with a batched backfill, a verification DO block and the
# version record. @N@ is the file's number, so no two files are the same text.
read -r -d '' template <<'SQL' || true
-- =====================================================
-- Migration: @N@ - Add notifications_@N@
-- Ticket: TICKET-@N@
-- =====================================================

CREATE TABLE notifications_@N@ (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    title varchar(200) NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notifications_@N@_user_id_idx ON notifications_@N@ (user_id, created_at);

ALTER TABLE notifications_@N@
  ADD CONSTRAINT notifications_@N@_user_id_fkey
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID;

ALTER TABLE notifications_@N@ VALIDATE CONSTRAINT notifications_@N@_user_id_fkey;

ALTER TABLE record_audit ADD COLUMN IF NOT EXISTS device_info_@N@ jsonb;

COMMENT ON COLUMN record_audit.device_info_@N@ IS 'Device and platform information (@N@)';

UPDATE record_audit
SET device_info_@N@ = '{}'::jsonb
WHERE audit_id IN (
    SELECT audit_id FROM record_audit
    WHERE device_info_@N@ IS NULL
    ORDER BY audit_id
    LIMIT 10000
);

ALTER TABLE residents ALTER COLUMN care_level_@N@ TYPE varchar(20);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_name = 'record_audit' AND column_name = 'device_info_@N@'
    ) THEN
        RAISE EXCEPTION 'Migration failed: device_info_@N@ column not created';
    END IF;
END $$;

INSERT INTO schema_metadata (version, description, applied_at)
VALUES ('@N@', 'Add notifications_@N@', now());
SQL

mkdir -p "$out/corpus"
rm -f "$out"/corpus/*.sql
# Builtins only: a fork per file would cost more than linting it.
for ((i = 1; i <= files; i++)); do
  printf -v n '%04d' "$i"
  printf '%s\n' "${template//@N@/$n}" >"$out/corpus/${n}_add_notifications.sql"
done
corpus=("$out"/corpus/*.sql)

gcc -O2 -o "$out/raw_parse" "$root/bench/raw_parse.c" -lpg_query

squawk=""
if [[ ! -d $out/node_modules/squawk-cli ]] && command -v npm >/dev/null; then
  # squawk-cli pulls its binary from a platform package; this fails where that cannot install.
  npm install --prefix "$out" squawk-cli >"$out/npm.log" 2>&1 || true
fi
# The platform binary itself, so squawk is not charged for the node wrapper's start-up.
for candidate in "$out"/node_modules/@squawk-cli/*/bin/squawk "$out/node_modules/.bin/squawk"; do
  if [[ -x $candidate ]] && "$candidate" --version >/dev/null 2>&1; then
    squawk=$candidate
    break
  fi
done

# measure NAME COMMAND...: runs it $runs times; sets wall (min seconds) and rss (max MiB).
measure() {
  local name=$1
  shift
  wall="" rss=0
  for ((r = 1; r <= runs; r++)); do
    local code=0
    /usr/bin/time -v -o "$out/$name.time" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" ||
      code=$?
    # schemagate and squawk exit 1 when they report findings; anything else is a failure.
    if ((code > 1)); then
      echo "lint_bench: $name exited $code; see $out/$name.stderr" >&2
      exit 2
    fi
    local w m
    w=$(awk -F': ' '/Elapsed \(wall clock\)/ {
          n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
        "$out/$name.time")
    m=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$out/$name.time")
    if [[ -z $wall ]] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then wall=$w; fi
    if awk -v a="$m" -v b="$rss" 'BEGIN { exit !(a > b) }'; then rss=$m; fi
  done
}

size=$(cat "${corpus[@]}" | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
echo "corpus: ${#corpus[@]} files x 10 statements, $size MiB ($out/corpus)"
echo "each tool runs $runs times: min wall time, max peak RSS"
printf '%-12s %12s %14s\n' tool "wall (s)" "peak RSS (MiB)"

measure raw_parse "$out/raw_parse" "${corpus[@]}"
raw_wall=$wall
printf '%-12s %12s %14s   %s\n' "raw parse" "$wall" "$rss" "$(cat "$out/raw_parse.stdout")"

measure schemagate "$schemagate" lint --format json "${corpus[@]}"
sg_wall=$wall sg_rss=$rss
findings=$( (grep -o '"rule_id"' "$out/schemagate.stdout" || true) | wc -l)
printf '%-12s %12s %14s   %s findings\n' schemagate "$wall" "$rss" "$findings"

if [[ -n $squawk ]]; then
  measure squawk "$squawk" "${corpus[@]}"
  squawk_wall=$wall
  printf '%-12s %12s %14s   %s\n' squawk "$wall" "$rss" "$("$squawk" --version)"
else
  squawk_wall=""
  echo "squawk       not available (npm install --prefix bench/out squawk-cli failed; see $out/npm.log)"
fi

status=0
verdict() {  # verdict TEXT OK?
  if [[ $2 == ok ]]; then echo "$1: ok"; else echo "$1: MISSED"; status=1; fi
}
ratio=$(awk -v a="$sg_wall" -v b="$raw_wall" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
verdict "schemagate / raw parse = ${ratio}x (target <= 1.5x)" \
  "$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5 ? "ok" : "no") }')"
verdict "schemagate peak RSS = $sg_rss MiB (target < 64 MiB)" \
  "$(awk -v m="$sg_rss" 'BEGIN { print (m < 64 ? "ok" : "no") }')"
if [[ -n $squawk_wall ]]; then
  speedup=$(awk -v a="$squawk_wall" -v b="$sg_wall" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  verdict "squawk / schemagate = ${speedup}x (target >= 3x)" \
    "$(awk -v r="$speedup" 'BEGIN { print (r >= 3 ? "ok" : "no") }')"
fi
exit $status
