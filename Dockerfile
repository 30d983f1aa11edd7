# schemagate's container image, also the GitHub Action's (action.yml). Debian 12 packages only.

# ---- builder: -dev packages, build, unit tests --------------------------------------------------
FROM debian:12-slim AS builder
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config git ca-certificates \
      libpg-query-dev libpqxx-dev libgit2-dev nlohmann-json3-dev libcli11-dev \
      libcurl4-openssl-dev libssl-dev zlib1g-dev libtomlplusplus-dev libgtest-dev \
      postgresql-15 postgresql-client-15 python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j"$(nproc)"
# postgres refuses to run as root: the tests that start it run as an unprivileged user.
RUN useradd --create-home builder && chown -R builder /src
USER builder
RUN cd build && ctest --output-on-failure -j"$(nproc)" --timeout 300

# ---- runtime: the binary, its runtime libraries, PostgreSQL 15 for the round trip ---------------
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates git libc6 libgcc-s1 libstdc++6 \
      libpg-query1504.0 libpqxx-6.4 libpq5 libgit2-1.5 libcurl4 libssl3 libtomlplusplus3 \
      postgresql-15 \
 && rm -rf /var/lib/apt/lists/*
# GitHub runs container actions as root; the embedded postgres drops to this user. The
# workspace is mounted from the runner with another owner, which git refuses without this.
RUN useradd --system --create-home --shell /usr/sbin/nologin schemagate \
 && git config --system --add safe.directory '*'
ENV PATH=/usr/lib/postgresql/15/bin:$PATH
COPY --from=builder /src/build/schemagate /usr/local/bin/schemagate
COPY scripts/action_entrypoint.sh /usr/local/bin/schemagate-action
ENTRYPOINT ["schemagate"]
