#!/usr/bin/env bash
# Installs what schemagate needs on Debian 12 (missing packages only) and builds it in build/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config git ca-certificates
          libpg-query-dev libpqxx-dev libgit2-dev nlohmann-json3-dev libcli11-dev
          libcurl4-openssl-dev libssl-dev zlib1g-dev libtomlplusplus-dev libgtest-dev
          postgresql-15 postgresql-client-15 python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# As root, the embedded PostgreSQL runs as this dedicated account (never as `postgres`).
if [ "$(id -u)" -eq 0 ] && ! getent passwd schemagate >/dev/null; then
  useradd --system --no-create-home --shell /usr/sbin/nologin schemagate
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
