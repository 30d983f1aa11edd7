// What `status` and `gate` share: their options, and reading the checkout's migrations and the
// target's tracking table into one TargetStatus.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "gate/target_session.h"
#include "gate/target_status.h"
#include "lint/config.h"

namespace sg {

struct TargetArgs {
  std::string repo = ".";
  std::vector<std::string> dirs;
  std::string layout = "auto";
  std::string config_path;
  std::string format = "text";
  TargetOptions target;
};

void add_target_options(CLI::App* cmd, TargetArgs& args);

// Owns the migrations the status points into, so it is never copied.
struct LoadedTarget {
  Config config;
  MigrationSet set;
  TargetStatus status;
  std::vector<std::string> notes;
};

// Loads the config, discovers the migrations under --repo/--dir and reads the target; on
// failure returns nullptr after printing "error: ..." lines to stderr.
std::unique_ptr<LoadedTarget> load_target(const TargetArgs& args);

}  // namespace sg
