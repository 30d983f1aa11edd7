# schemagate's container image: what the GitHub Action runs (published to GHCR by
# .github/workflows/release.yml; action.yml pins it). Debian 12 packages only.
#
#   docker build .                  the runtime image (builder + runtime stages only)
#   docker build --target test .    also builds and runs the whole test suite (CI and release)
#   docker build --target binary -o dist .   just the binary, for the release tarball

# ---- builder: -dev packages, the schemagate binary only ----------------------------------------
FROM debian:12-slim AS builder
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config git ca-certificates \
      libpg-query-dev libpqxx-dev libgit2-dev nlohmann-json3-dev libcli11-dev \
      libcurl4-openssl-dev libssl-dev zlib1g-dev libtomlplusplus-dev nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The Node runner's sequelize and pg, at the versions runner/sequelize/package-lock.json pins.
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSG_BUILD_TESTS=OFF \
 && cmake --build build --target schemagate -j"$(nproc)" \
 && npm ci --prefix runner/sequelize --omit=dev --no-audit --no-fund --loglevel=error

# ---- test: the README's test command, as CI runs it (never part of a user's build) -------------
FROM builder AS test
RUN scripts/test.sh

# ---- binary: the release tarball's content ------------------------------------------------------
FROM scratch AS binary
COPY --from=builder /src/build/schemagate /schemagate

# ---- runtime: the binary, its runtime libraries, PostgreSQL 15 for the round trip ---------------
FROM debian:12-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates git libc6 libgcc-s1 libstdc++6 \
      libpg-query1504.0 libpqxx-6.4 libpq5 libgit2-1.5 libcurl4 libssl3 libtomlplusplus3 \
      postgresql-15 curl nodejs \
 && rm -rf /var/lib/apt/lists/*
# GitHub runs container actions as root; the embedded postgres drops to this user. The
# workspace is mounted from the runner with another owner, which git refuses without this.
RUN useradd --system --create-home --shell /usr/sbin/nologin schemagate \
 && git config --system --add safe.directory '*'
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
COPY --from=builder /src/build/schemagate /usr/local/bin/schemagate
# Sequelize migrations run on Node with these, unless the project's own node_modules has them.
COPY --from=builder /src/runner/sequelize/node_modules /usr/local/lib/schemagate/node_modules
COPY scripts/action_entrypoint.sh /usr/local/bin/schemagate-action
ENTRYPOINT ["schemagate"]
