#include "cli/cache_dir_option.h"

#include "db/cluster_cache.h"

namespace sg {

void add_cache_dir_option(CLI::App* cmd, std::string& cache_dir) {
  cache_dir = default_cache_dir();
  cmd->add_option("--cache-dir", cache_dir,
                  "Keep the embedded server's initdb output here and reuse it (default: "
                  "$SCHEMAGATE_CACHE_DIR, $XDG_CACHE_HOME/schemagate, ~/.cache/schemagate)");
  cmd->add_flag_callback(
      "--no-cache", [&cache_dir] { cache_dir.clear(); }, "Run initdb every time, keep nothing");
}

}  // namespace sg
