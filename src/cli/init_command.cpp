// `schemagate init`: writes the workflows and a commented config for the checkout's migrations.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "core/layout_names.h"
#include "pipeline/init_files.h"
#include "repo/git_repository.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

struct InitArgs {
  std::string repo = ".";
  std::string layout = "auto";
  std::string dir;
  bool force = false;
};

int run_init(const InitArgs& args) {
  auto repo = GitRepository::open(args.repo);
  if (!repo) {
    std::cerr << "error: --repo " << args.repo << ": " << repo.error << "\n";
    return kExitError;
  }
  fs::path root = repo.value->workdir();
  auto plan = plan_init({root.string(), args.layout, args.dir});
  if (!plan) {
    std::cerr << "error: " << plan.error << "\n";
    return kExitError;
  }
  // All or nothing: a file in the way stops the run before anything is written.
  if (!args.force) {
    int in_the_way = 0;
    for (const auto& file : plan.value->files) {
      std::error_code ec;
      if (fs::exists(root / file.path, ec)) {
        std::cerr << "error: " << file.path << " exists; --force overwrites it\n";
        ++in_the_way;
      }
    }
    if (in_the_way > 0) return kExitError;
  }
  for (const auto& file : plan.value->files) {
    fs::path path = root / file.path;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << file.text;
    out.close();
    if (!out) {
      std::cerr << "error: " << file.path << ": cannot write it\n";
      return kExitError;
    }
  }
  std::cout << "detected " << plan.value->layout << ": " << plan.value->migrations
            << " migration" << (plan.value->migrations == 1 ? "" : "s") << " in "
            << plan.value->where << "\n";
  for (const auto& file : plan.value->files) std::cout << "wrote " << file.path << "\n";
  std::cout << "next: commit them; pull requests then get the check, and the comment once "
               "schemagate-comment.yml is on the default branch\n";
  return kExitClean;
}

}  // namespace

void add_init_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Write .github/workflows/schemagate.yml (+ the comment workflow) and .schemagate.toml");
  cmd->add_option("--repo", args->repo, "A directory inside the git checkout (default .)");
  std::vector<std::string> layouts{"auto"};
  for (const auto& name : registered_layout_names()) layouts.push_back(name);
  cmd->add_option("--layout", args->layout, "Migration layout (default: detected)")
      ->check(CLI::IsMember(layouts));
  cmd->add_option("--dir", args->dir, "Migration directory, relative to the repository root");
  cmd->add_flag("--force", args->force, "Overwrite files that exist");
  cmd->callback([args, &exit_code] { exit_code = run_init(*args); });
}

}  // namespace sg
