#!/usr/bin/env bash
# Installs what schemagate needs on Debian 12 (missing packages only) and builds the schemagate
# binary in build/ (the tests are scripts/test.sh's: this is the fast path to a first check).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install_missing.sh

install_missing build-essential cmake pkg-config git ca-certificates \
  libpg-query-dev libpqxx-dev libgit2-dev nlohmann-json3-dev libcli11-dev \
  libcurl4-openssl-dev libssl-dev zlib1g-dev libtomlplusplus-dev \
  postgresql-15
# Sequelize migrations run on Node.js with the runner's pinned sequelize and pg (npm).
command -v node >/dev/null && command -v npm >/dev/null || install_missing nodejs npm
npm ci --prefix runner/sequelize --omit=dev --no-audit --no-fund --loglevel=error
# Where the binary looks first; readable by the unprivileged account the runner runs as
# (a checkout under a private home directory would not be).
if [ "$(id -u)" -eq 0 ]; then
  mkdir -p /usr/local/lib/schemagate
  rm -rf /usr/local/lib/schemagate/node_modules
  cp -a runner/sequelize/node_modules /usr/local/lib/schemagate/node_modules
fi

# As root, the embedded PostgreSQL runs as this dedicated account (never as `postgres`).
if [ "$(id -u)" -eq 0 ] && ! getent passwd schemagate >/dev/null; then
  useradd --system --no-create-home --shell /usr/sbin/nologin schemagate
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSG_BUILD_TESTS=OFF >/dev/null
cmake --build build --target schemagate -j "$(nproc)"
