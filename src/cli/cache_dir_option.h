// --cache-dir: where runs keep what they can reuse (the embedded server's initdb output), so a
// CI job that restores it with actions/cache starts its server in a fraction of the time.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace sg {

// Adds --cache-dir DIR (default: db/cluster_cache.h's default_cache_dir()) and --no-cache.
void add_cache_dir_option(CLI::App* cmd, std::string& cache_dir);

}  // namespace sg
