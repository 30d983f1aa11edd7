#!/usr/bin/env bash
# Installs, builds and runs every test (unit, rule fixtures, CLI, git and PostgreSQL integration).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest -j "$(nproc)" --output-on-failure --timeout 300
