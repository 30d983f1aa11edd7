#!/usr/bin/env bash
# Round-trip benchmark: a repository of 200 merged migrations and 3 new ones, checked by
# schemagate (embedded server) against the seeds' manual way (initdb, pg_ctl start,
# psql -f each merged migration, then for each new one: psql -f up, verify, psql -f rollback,
# verify, psql -f up; pg_ctl stop).
#
# Usage: bench/roundtrip_bench.sh [path/to/schemagate]   (default: build/schemagate)
# Prints the wall times in seconds (schemagate twice: with an empty --cache-dir, then with the
# cluster that run cached) and the ratios; schemagate's own breakdown is its last line.
set -euo pipefail

SG=${1:-build/schemagate}
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
WORK=$(mktemp -d /tmp/sg-bench-XXXXXX)
PGDATA_DIR=""
cleanup() {
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# postgres refuses root: the manual way runs as the postgres user, like schemagate's server.
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- the repository -------------------------------------------------------------------------
mkdir -p "$WORK/migrations/rollback"
for i in $(seq 1 200); do
  n=$(printf '%03d' "$i")
  case $((i % 4)) in
    1) printf 'CREATE TABLE t%s (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n' "$n" ;;
    2) printf 'ALTER TABLE t%03d ADD COLUMN note text;\nCREATE INDEX t%03d_name_idx ON t%03d (name);\n' $((i - 1)) $((i - 1)) $((i - 1)) ;;
    3) printf 'CREATE VIEW v%s AS SELECT id, name FROM t%03d WHERE note IS NOT NULL;\n' "$n" $((i - 2)) ;;
    0) printf 'CREATE FUNCTION f%s(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + %d $$;\nCOMMENT ON FUNCTION f%s(int) IS '"'"'helper %d'"'"';\n' "$n" "$i" "$n" "$i" ;;
  esac > "$WORK/migrations/${n}_step.sql"
done
cat > "$WORK/migrations/201_orders.sql" <<'SQL'
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t001_id bigint NOT NULL REFERENCES t001 (id), status text NOT NULL);
CREATE INDEX orders_t001_id_idx ON orders (t001_id);
SQL
echo 'DROP TABLE orders;' > "$WORK/migrations/rollback/201_rollback.sql"
cat > "$WORK/migrations/202_status_idx.sql" <<'SQL'
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
SQL
echo 'DROP INDEX CONCURRENTLY orders_status_idx;' > "$WORK/migrations/rollback/202_rollback.sql"
cat > "$WORK/migrations/203_note.sql" <<'SQL'
ALTER TABLE orders ADD COLUMN note text;
COMMENT ON COLUMN orders.note IS 'free text';
SQL
echo 'ALTER TABLE orders DROP COLUMN note;' > "$WORK/migrations/rollback/203_rollback.sql"
chmod -R a+rX "$WORK"

now() { date +%s.%N; }

# --- schemagate -----------------------------------------------------------------------------
HISTORY=()
for f in "$WORK"/migrations/[01]*.sql "$WORK"/migrations/200_step.sql; do HISTORY+=("$f"); done
NEW=()
for n in 201 202 203; do
  NEW+=(--up "$(ls "$WORK"/migrations/${n}_*.sql)" --down "$WORK/migrations/rollback/${n}_rollback.sql")
done
# Cold: an empty --cache-dir (initdb, as a CI runner's first job); warm: the cluster it cached.
start=$(now)
"$SG" roundtrip --history "${HISTORY[@]}" "${NEW[@]}" --cache-dir "$WORK/cache" > "$WORK/sg.out"
sg_time=$(echo "$(now) - $start" | bc)
grep -E "^roundtrip|errors?," "$WORK/sg.out"
start=$(now)
"$SG" roundtrip --history "${HISTORY[@]}" "${NEW[@]}" --cache-dir "$WORK/cache" > "$WORK/sg.out"
sg_warm=$(echo "$(now) - $start" | bc)

# --- the manual way -------------------------------------------------------------------------
PGDATA_DIR="$WORK/pgdata"
mkdir -p "$PGDATA_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$WORK" "$PGDATA_DIR"  # socket and log live in $WORK
export PGHOST="$WORK" PGPORT=5499 PGUSER=postgres PGDATABASE=postgres
PSQL=(run_pg psql -X -q -v ON_ERROR_STOP=1)
start=$(now)
run_pg "$BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust >/dev/null
run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -w -o "-k $WORK -p 5499 -c listen_addresses=''" \
  -l "$WORK/pg.log" start >/dev/null
for f in "${HISTORY[@]}"; do "${PSQL[@]}" -f "$f"; done
VERIFY="SELECT column_name FROM information_schema.columns WHERE table_name = 'orders'"
for n in 201 202 203; do
  up=$(ls "$WORK"/migrations/${n}_*.sql)
  "${PSQL[@]}" -f "$up"; "${PSQL[@]}" -c "$VERIFY" >/dev/null
  "${PSQL[@]}" -f "$WORK/migrations/rollback/${n}_rollback.sql"; "${PSQL[@]}" -c "$VERIFY" >/dev/null
  "${PSQL[@]}" -f "$up"
done
run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null
manual_time=$(echo "$(now) - $start" | bc)

printf 'schemagate roundtrip, cold cache: %.2f s\nschemagate roundtrip, warm cache: %.2f s\n' \
  "$sg_time" "$sg_warm"
printf 'manual (initdb + psql -f): %.2f s\nratio cold: %.2fx\nratio warm: %.2fx\n' \
  "$manual_time" "$(echo "$sg_time / $manual_time" | bc -l)" "$(echo "$sg_warm / $manual_time" | bc -l)"
