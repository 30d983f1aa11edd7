#!/usr/bin/env bash
# Sequelize benchmark: a generated Sequelize project (package.json, migrations/ in sequelize-cli's
# <timestamp>-<name>.js style) with 300 merged migrations on main and a feature branch adding 3
# (addColumn; addIndex; createTable with a dropTable down). `schemagate check --base main`
# (embedded server, its own Node runner) side by side with the seeds' manual way on a fresh
# database: initdb, postgres on a unix socket, createdb, `npx sequelize-cli db:migrate` (all 303),
# `db:migrate:undo` three times, `db:migrate` again, stop the server, remove the cluster.
#
# Usage: bench/sequelize_bench.sh [path/to/schemagate] [runs, default 3]
#                                 (default: build/schemagate; also $RUNS)
# sequelize-cli, sequelize and pg come from bench/sequelize/package.json, installed there once
# (npm install, the only network use) outside the timed part. Prints min and median wall seconds
# of each side and the ratio schemagate / manual (target <= 0.3x). Exit 2 when a side fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
SG=${1:-$root/build/schemagate}
RUNS=${2:-${RUNS:-3}}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$BIN/postgres" ] || BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
CLI_DIR=$root/bench/sequelize
HISTORY=300

if [[ ! -x $SG ]]; then
  echo "sequelize_bench: $SG: not built (cmake --build build)" >&2
  exit 2
fi
if ! [[ $RUNS =~ ^[1-9][0-9]*$ ]]; then
  echo "sequelize_bench: runs must be a positive integer, not '$RUNS'" >&2
  exit 2
fi

WORK=$(mktemp -d /tmp/sg-sequelize-bench-XXXXXX)
PGDATA_DIR=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# postgres refuses root: the manual way runs its server as the postgres user (nobody without one).
PG_USER=postgres
id -u "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}
now() { date +%s.%N; }

# --- sequelize-cli, once, outside the timed part -------------------------------------------
installed() { node -p "require('$CLI_DIR/node_modules/$1/package.json').version" 2>/dev/null; }
if [[ $(installed sequelize-cli) != 6.6.5 || $(installed sequelize) != 6.37.8 ||
      $(installed pg) != 8.23.1 ]]; then
  echo "installing sequelize-cli 6.6.5, sequelize 6.37.8, pg 8.23.1 into $CLI_DIR/node_modules"
  npm install --prefix "$CLI_DIR" --no-audit --no-fund --no-package-lock >"$WORK/npm.log" 2>&1 ||
    { cat "$WORK/npm.log" >&2; echo "sequelize_bench: npm install failed" >&2; exit 2; }
fi

# --- the project --------------------------------------------------------------------------
REPO=$WORK/project
mkdir -p "$REPO/migrations" "$REPO/config"
cat > "$REPO/package.json" <<'JSON'
{
  "name": "bench-app",
  "version": "1.0.0",
  "private": true,
  "scripts": { "migrate": "sequelize-cli db:migrate" },
  "dependencies": { "pg": "8.23.1", "sequelize": "6.37.8" },
  "devDependencies": { "sequelize-cli": "6.6.5" }
}
JSON
printf 'node_modules/\n' > "$REPO/.gitignore"

export TZ=UTC
base_epoch=1672531200  # 2023-01-01 00:00:00 UTC; one migration an hour
stamp() { printf '%(%Y%m%d%H%M%S)T' $((base_epoch + $1 * 3600)); }
tbl() { printf 't%03d' "$1"; }

# Six kinds in turn, each on the newest table: createTable (an ENUM column every third table),
# addColumn, addIndex, changeColumn, a raw query, addColumn with a foreign key.
for ((i = 0; i < HISTORY; i++)); do
  t=$(tbl $((i / 6 + 1)))
  case $((i % 6)) in
    0)
      name="create-$t"
      if (((i / 6) % 3 == 0)); then
        enum_col="      status: { type: Sequelize.ENUM('active', 'inactive', 'archived'), allowNull: false, defaultValue: 'active' },"
        enum_drop="    await queryInterface.sequelize.query('DROP TYPE IF EXISTS \"enum_${t}_status\"');"
      else
        enum_col="      score: { type: Sequelize.DECIMAL(10, 2), allowNull: true },"
        enum_drop=""
      fi
      body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('$t', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      name: { type: Sequelize.STRING(100), allowNull: false },
$enum_col
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false },
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.dropTable('$t');
$enum_drop
  },
JS
) ;;
    1)
      name="add-description-to-$t"
      body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('$t', 'description', { type: Sequelize.TEXT, allowNull: true });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('$t', 'description');
  },
JS
) ;;
    2)
      name="add-index-$t-name"
      body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.addIndex('$t', ['name'], { name: '${t}_name_idx' });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeIndex('$t', '${t}_name_idx');
  },
JS
) ;;
    3)
      name="widen-$t-name"
      body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('$t', 'name', { type: Sequelize.STRING(200), allowNull: false });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('$t', 'name', { type: Sequelize.STRING(100), allowNull: false });
  },
JS
) ;;
    4)
      if (((i / 6) % 2 == 0)); then
        name="backfill-$t-description"
        body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.query(
      \`UPDATE "$t" SET "description" = '' WHERE "description" IS NULL\`
    );
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.sequelize.query(\`UPDATE "$t" SET "description" = NULL WHERE "description" = ''\`);
  },
JS
)
      else
        name="comment-on-$t"
        body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.query(\`COMMENT ON TABLE "$t" IS 'records of kind $t'\`);
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.sequelize.query(\`COMMENT ON TABLE "$t" IS NULL\`);
  },
JS
)
      fi ;;
    5)
      if ((i / 6 == 0)); then
        name="add-active-to-$t"
        body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('$t', 'active', { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('$t', 'active');
  },
JS
)
      else
        prev=$(tbl $((i / 6)))
        name="add-$prev-id-to-$t"
        body=$(cat <<JS
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('$t', '${prev}_id', {
      type: Sequelize.INTEGER,
      allowNull: true,
      references: { model: '$prev', key: 'id' },
      onUpdate: 'CASCADE',
      onDelete: 'SET NULL',
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('$t', '${prev}_id');
  },
JS
)
      fi ;;
  esac
  printf "'use strict';\n\n/** @type {import('sequelize-cli').Migration} */\nmodule.exports = {\n%s\n};\n" \
    "$body" > "$REPO/migrations/$(stamp "$i")-$name.js"
done

last=$(tbl $((HISTORY / 6)))
git_() { git -C "$REPO" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }
git_ init -q -b main
git_ add -A
git_ commit -q -m "$HISTORY merged migrations"
git_ checkout -q -b feature

cat > "$REPO/migrations/$(stamp $HISTORY)-add-archived-at-to-$last.js" <<JS
'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('$last', 'archived_at', { type: Sequelize.DATE, allowNull: true });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('$last', 'archived_at');
  },
};
JS
cat > "$REPO/migrations/$(stamp $((HISTORY + 1)))-add-index-$last-archived-at.js" <<JS
'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addIndex('$last', ['archived_at'], { name: '${last}_archived_at_idx' });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeIndex('$last', '${last}_archived_at_idx');
  },
};
JS
cat > "$REPO/migrations/$(stamp $((HISTORY + 2)))-create-audit-events.js" <<JS
'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('audit_events', {
      id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
      table_name: { type: Sequelize.STRING(63), allowNull: false },
      row_id: { type: Sequelize.INTEGER, allowNull: false },
      payload: { type: Sequelize.JSONB, allowNull: true },
      createdAt: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.fn('now') },
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.dropTable('audit_events');
  },
};
JS
git_ add -A
git_ commit -q -m "3 new migrations"
NMIG=$(ls "$REPO"/migrations/*.js | wc -l)
chmod -R a+rX "$WORK"

# stats LIST...: "min median" of the numbers, 2 decimals.
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { m = (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2); printf "%.2f %.2f", v[1], m }'
}

# --- schemagate -----------------------------------------------------------------------------
# Its temp dirs (server, Node runner) go under $WORK, so even a Ctrl-C leaves none behind.
# Run 0 starts with an empty --cache-dir (cold: initdb, as on a CI runner's first job); runs
# 1..RUNS reuse the cluster it cached (warm: actions/cache restored it).
mkdir -p "$WORK/tmp"
chmod 1777 "$WORK/tmp"
sg_times=()
sg_cold=""
for ((r = 0; r <= RUNS; r++)); do
  code=0
  start=$(now)
  TMPDIR=$WORK/tmp "$SG" check --base main --repo "$REPO" --cache-dir "$WORK/cache" \
    >"$WORK/sg.out" 2>"$WORK/sg.err" || code=$?
  if ((r == 0)); then
    sg_cold=$(echo "$(now) - $start" | bc)
  else
    sg_times+=("$(echo "$(now) - $start" | bc)")
  fi
  # exit 1 is findings; anything above is a failed check.
  if ((code > 1)); then
    echo "sequelize_bench: schemagate check exited $code" >&2
    cat "$WORK/sg.out" "$WORK/sg.err" >&2
    exit 2
  fi
done
sg_exit=$code
# Its own breakdown (server start, history, total), its findings and what it detected.
sg_summary=$(grep -hE '^roundtrip:|^[0-9]+ errors?, [0-9]+ warnings?|^note: migrations' \
  "$WORK/sg.out" "$WORK/sg.err" || true)

# --- the manual way -------------------------------------------------------------------------
PORT=5496
SOCK=$WORK/pg
export PGHOST=$SOCK PGPORT=$PORT PGUSER=postgres
cat > "$REPO/config/config.json" <<JSON
{
  "test": {
    "username": "postgres",
    "password": null,
    "database": "bench_app_test",
    "host": "$SOCK",
    "port": $PORT,
    "dialect": "postgres",
    "logging": false
  }
}
JSON
ln -s "$CLI_DIR/node_modules" "$REPO/node_modules"
cli() {
  (cd "$REPO" && NODE_ENV=test npx --no sequelize-cli "$@") >>"$WORK/cli.log" 2>&1 || {
    echo "sequelize_bench: sequelize-cli $* failed:" >&2
    tail -30 "$WORK/cli.log" >&2
    exit 2
  }
}
manual_times=()
for ((r = 1; r <= RUNS; r++)); do
  : >"$WORK/cli.log"
  mkdir -p "$SOCK"
  chown "$PG_USER" "$SOCK" 2>/dev/null || true
  PGDATA_DIR=$SOCK/data
  start=$(now)
  run_pg "$BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust >/dev/null
  run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -w -o "-k $SOCK -p $PORT -c listen_addresses=''" \
    -l "$SOCK/pg.log" start >/dev/null
  "$BIN/createdb" bench_app_test
  cli db:migrate
  for _ in 1 2 3; do cli db:migrate:undo; done
  cli db:migrate
  run_pg "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
  rm -rf "$PGDATA_DIR"
  manual_times+=("$(echo "$(now) - $start" | bc)")
  PGDATA_DIR=""
  # Check the last run really applied everything: 303 rows in SequelizeMeta after the re-apply.
  applied=$(grep -c 'migrated (' "$WORK/cli.log" || true)
  reverted=$(grep -c 'reverted (' "$WORK/cli.log" || true)
  if ((applied != NMIG + 3 || reverted != 3)); then
    echo "sequelize_bench: expected $((NMIG + 3)) migrated and 3 reverted, got $applied and $reverted" >&2
    tail -30 "$WORK/cli.log" >&2
    exit 2
  fi
  rm -rf "$SOCK"
done

# --- report ---------------------------------------------------------------------------------
read -r sg_min sg_med <<<"$(stats "${sg_times[@]}")"
read -r man_min man_med <<<"$(stats "${manual_times[@]}")"
ratio_min=$(awk -v a="$sg_min" -v b="$man_min" 'BEGIN { printf "%.2f", a / b }')
ratio_med=$(awk -v a="$sg_med" -v b="$man_med" 'BEGIN { printf "%.2f", a / b }')
ratio_cold=$(awk -v a="$sg_cold" -v b="$man_min" 'BEGIN { printf "%.2f", a / b }')

echo "project: $NMIG migrations ($HISTORY on main, 3 new on feature), sequelize-cli layout"
echo "versions: sequelize $(installed sequelize), sequelize-cli $(installed sequelize-cli)," \
  "pg $(installed pg), node $(node --version), $("$BIN/postgres" --version)"
echo "schemagate, last run (exit $sg_exit):"
[ -n "$sg_summary" ] && sed 's/^/  /' <<<"$sg_summary"
echo "each side runs $RUNS times: wall seconds"
printf '%-58s %8s %8s\n' side min median
printf '%-58s %8.2f %8s\n' "schemagate check --base main, cold cache (1 run)" "$sg_cold" ""
printf '%-58s %8s %8s\n' "schemagate check --base main, warm cache" "$sg_min" "$sg_med"
printf '%-58s %8s %8s\n' "manual (initdb, migrate, undo x3, migrate, stop)" "$man_min" "$man_med"
printf '%-58s %7sx %7sx   (target <= 0.3x)\n' "ratio schemagate warm / manual" "$ratio_min" "$ratio_med"
printf '%-58s %7sx\n' "ratio schemagate cold / manual min" "$ratio_cold"
