#!/usr/bin/env bash
# Data rehearsal benchmark: 1,000,000 rows across 10 tables (foreign keys, uniques, checks,
# enums, arrays, json, uuid, inet, dates) filled by schemagate's generator, side by side with the
# same fill hand-written as INSERT ... SELECT generate_series and run by psql on a server of its
# own (initdb, pg_ctl).
#
# Usage: bench/rehearsal_bench.sh [path/to/schemagate] [rows per table, default 100000]
# Prints schemagate's fill time (its own measure), both wall times, and the row counts.
set -euo pipefail

SG=${1:-build/schemagate}
ROWS=${2:-100000}
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
WORK=$(mktemp -d /tmp/sg-rehearsal-bench-XXXXXX)
PGDATA_DIR=""
cleanup() {
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
now() { date +%s.%N; }

cat > "$WORK/schema.sql" <<'SQL'
CREATE TYPE tier AS ENUM ('free', 'pro', 'team', 'enterprise');
CREATE TABLE regions (id int PRIMARY KEY, code varchar(8) NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id int NOT NULL REFERENCES regions, email text NOT NULL UNIQUE, plan tier NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), active boolean NOT NULL);
CREATE TABLE products (id int PRIMARY KEY, sku varchar(20) NOT NULL UNIQUE,
  price numeric(10, 2) NOT NULL CHECK (price > 0), tags text[], attrs jsonb);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
  placed_on date NOT NULL, status text NOT NULL, uid uuid NOT NULL UNIQUE);
CREATE TABLE order_lines (order_id bigint NOT NULL REFERENCES orders, line int NOT NULL,
  product_id int NOT NULL REFERENCES products, qty int NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, line));
CREATE TABLE payments (id bigserial PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders,
  amount numeric(12, 2) NOT NULL, paid_at timestamptz NOT NULL);
CREATE TABLE shipments (id int PRIMARY KEY, order_id bigint NOT NULL UNIQUE REFERENCES orders,
  carrier text NOT NULL, shipped_at timestamp);
CREATE TABLE reviews (id int PRIMARY KEY, product_id int NOT NULL REFERENCES products,
  customer_id bigint NOT NULL REFERENCES customers,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5), body text);
CREATE TABLE audit_events (id bigint PRIMARY KEY, at timestamptz NOT NULL, payload jsonb NOT NULL,
  actor uuid);
CREATE TABLE sessions (token uuid PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
  ip inet, expires_at timestamptz NOT NULL);
SQL
echo "SELECT 1;" > "$WORK/noop.sql"

# The same rows written by hand: what a team would script for psql.
N=$ROWS
cat > "$WORK/fill.sql" <<SQL
INSERT INTO regions SELECT i, 'r' || i, 'region ' || i FROM generate_series(1, $N) i;
INSERT INTO customers (region_id, email, plan, active)
  SELECT (i - 1) % $N + 1, 'c' || i || '@example.com', (enum_range(NULL::tier))[i % 4 + 1], i % 2 = 0
  FROM generate_series(1, $N) i;
INSERT INTO products SELECT i, 'sku' || i, i % 7 + 1, ARRAY['t' || i % 7], jsonb_build_object('n', i % 7)
  FROM generate_series(1, $N) i;
INSERT INTO orders SELECT i, (i - 1) % $N + 1, date '2000-01-01' + i % 7, 's' || i % 7, md5(i::text)::uuid
  FROM generate_series(1, $N) i;
INSERT INTO order_lines SELECT i, i, (i - 1) % $N + 1, i % 7 + 1 FROM generate_series(1, $N) i;
INSERT INTO payments (order_id, amount, paid_at)
  SELECT (i - 1) % $N + 1, i % 7 + 1, timestamptz '2000-01-01' + i * interval '1 minute'
  FROM generate_series(1, $N) i;
INSERT INTO shipments SELECT i, i, 'carrier' || i % 7, timestamp '2000-01-01' + i * interval '1 minute'
  FROM generate_series(1, $N) i;
INSERT INTO reviews SELECT i, (i - 1) % $N + 1, (i - 1) % $N + 1, 1, 'body ' || i % 7
  FROM generate_series(1, $N) i;
INSERT INTO audit_events SELECT i, timestamptz '2000-01-01' + i * interval '1 minute',
  jsonb_build_object('n', i), md5(i::text)::uuid FROM generate_series(1, $N) i;
INSERT INTO sessions SELECT md5(i::text)::uuid, (i - 1) % $N + 1, '10.0.0.0'::inet + i,
  timestamptz '2000-01-01' + i * interval '1 minute' FROM generate_series(1, $N) i;
ANALYZE;
SQL
chmod -R a+rX "$WORK"

# --- schemagate -----------------------------------------------------------------------------
start=$(now)
"$SG" roundtrip --history "$WORK/schema.sql" --up "$WORK/noop.sql" --rehearse-rows "$N" \
  --timeout-ms 600000 > "$WORK/sg.out" || { cat "$WORK/sg.out"; exit 1; }
sg_time=$(echo "$(now) - $start" | bc)
grep -E "^rehearsal|NOT FILLED|^roundtrip:" "$WORK/sg.out"
sg_fill=$(sed -n 's/^rehearsal: .* (\([0-9]*\) ms).*/\1/p' "$WORK/sg.out")

# --- psql, hand-written INSERT ... SELECT ---------------------------------------------------
PGDATA_DIR="$WORK/pgdata"
mkdir -p "$PGDATA_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$WORK" "$PGDATA_DIR"
export PGHOST="$WORK" PGPORT=5498 PGUSER=postgres PGDATABASE=postgres
PSQL=(run_pg psql -X -q -v ON_ERROR_STOP=1)
start=$(now)
run_pg "$BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust >/dev/null
run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -w -o "-k $WORK -p 5498 -c listen_addresses='' -c fsync=off" \
  -l "$WORK/pg.log" start >/dev/null
"${PSQL[@]}" -f "$WORK/schema.sql"
fill_start=$(now)
"${PSQL[@]}" -f "$WORK/fill.sql"
psql_fill=$(echo "($(now) - $fill_start) * 1000 / 1" | bc)
rows=$("${PSQL[@]}" -At -c "SELECT (SELECT count(*) FROM regions) + (SELECT count(*) FROM customers)
  + (SELECT count(*) FROM products) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_lines)
  + (SELECT count(*) FROM payments) + (SELECT count(*) FROM shipments) + (SELECT count(*) FROM reviews)
  + (SELECT count(*) FROM audit_events) + (SELECT count(*) FROM sessions)")
run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null
psql_time=$(echo "$(now) - $start" | bc)

printf 'rows: %d per table, 10 tables (psql side counted %s)\n' "$N" "$rows"
printf 'schemagate fill (its generator): %6d ms   whole run (server start, schema, fill, round trip): %.2f s\n' \
  "$sg_fill" "$sg_time"
printf 'psql hand-written INSERT...SELECT: %6d ms   whole run (initdb, start, schema, fill, stop): %.2f s\n' \
  "$psql_fill" "$psql_time"
