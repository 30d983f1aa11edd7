// `schemagate init`: what a repository needs to start using schemagate, from what its checkout
// holds: the GitHub workflows (the pull-request check, the fork-safe comment, a commented gate
// job for deploys) and a commented .schemagate.toml. Nothing is written here; the CLI writes.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace sg {

struct InitRequest {
  std::string repo_root;         // the checkout's top directory
  std::string layout = "auto";   // --layout
  std::string dir;               // --dir, repo-relative; "" detects
};

struct InitFile {
  std::string path;  // repo-relative
  std::string text;
};

struct InitPlan {
  std::string layout;                     // detected or given
  std::vector<std::string> directories;   // repo-relative, as detected
  std::string where;                      // the directories for people: "db/migrations", "."
  size_t migrations = 0;
  std::vector<InitFile> files;
};

// Detects the layout and directory (as `check` would) and renders the files. Fails with advice
// when the checkout holds no migrations or several layouts.
Result<InitPlan> plan_init(const InitRequest& request);

// The action reference the files use ("schemagate/schemagate@v<version>") and the image the
// action runs: both follow CMake's project version.
std::string action_reference();
std::string image_reference();

}  // namespace sg
