// initdb's output kept between runs. initdb is most of an embedded server's start (about a
// second of CPU); a fresh copy of a cluster it made is the same cluster, so a run copies a cached
// one instead when it has it. Entries are keyed by the server binaries (path, size, mtime) and
// initdb's options, and are only ever written whole: a run copies its new cluster to a temp name
// in the cache and renames it into place, so concurrent runs see an entry complete or not at all.
//
// An entry is a cluster straight out of initdb, published before its server ever starts, so no
// pull-request SQL has run in it. The cache dir is the invoking user's (mode 0700); as root the
// server user cannot read or write it.
#pragma once

#include <string>
#include <vector>

#include "util/unprivileged_user.h"

namespace sg {

// $SCHEMAGATE_CACHE_DIR, else $XDG_CACHE_HOME/schemagate, else $HOME/.cache/schemagate; "" when
// none is set (no cache).
std::string default_cache_dir();

// <cache_dir>/cluster-<key> for a cluster made by `initdb` with `initdb_options` for `postgres`;
// "" when `cache_dir` is "" or a binary cannot be read.
std::string cluster_cache_entry(const std::string& cache_dir, const std::string& initdb,
                                const std::string& postgres,
                                const std::vector<std::string>& initdb_options);

// Copies the entry to `data` and hands it to `user`. false when there is no entry or the copy
// failed; then `data` does not exist.
bool restore_cluster(const std::string& entry, const std::string& data, const RunAs& user);

// Publishes the cluster in `data` (just made by initdb, its server not started) as `entry`.
// Best effort: a cache that cannot be written only costs the next run its initdb.
void publish_cluster(const std::string& data, const std::string& entry);

}  // namespace sg
