#!/usr/bin/env bash
# Installs, builds and runs every test (unit, rule fixtures, CLI, git and PostgreSQL integration,
# the workflows through actionlint).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/install_missing.sh

# GoogleTest; psql, python3 and PyYAML for the tests' own checks (setup.sh installed Node.js).
install_missing libgtest-dev postgresql-client-15 python3 python3-yaml
npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

cmake -S . -B build -DSG_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$(nproc)"
cd build
ctest -j "$(nproc)" --output-on-failure --timeout 300
