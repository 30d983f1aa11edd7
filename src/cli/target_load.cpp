#include "cli/target_load.h"

#include <filesystem>
#include <iostream>

#include "repo/discover.h"
#include "repo/work_tree.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

std::nullptr_t fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return nullptr;
}

}  // namespace

void add_target_options(CLI::App* cmd, TargetArgs& args) {
  cmd->add_option("--database-url", args.target.database_url,
                  "The target database (libpq URL or key=value); read only")
      ->required();
  cmd->add_option("--repo", args.repo, "The checkout holding the migrations (default: .)");
  cmd->add_option("--dir", args.dirs,
                  "Migration directory, relative to --repo (default: auto-detect)");
  std::vector<std::string> layouts{"auto"};
  for (const auto& l : all_layouts()) layouts.emplace_back(l.name);
  cmd->add_option("--layout", args.layout, "Migration tool layout")->check(CLI::IsMember(layouts));
  cmd->add_option("--tracking-table", args.target.tracking_table,
                  "The tool's tracking table when renamed (default: config [target] "
                  "tracking_table, else the tool's own name)");
  cmd->add_option("--timeout-ms", args.target.timeout_ms,
                  "statement_timeout and lock_timeout on the target (default 10000)")
      ->check(CLI::Range(1, 86400000));
  cmd->add_option("--config", args.config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
}

std::unique_ptr<LoadedTarget> load_target(const TargetArgs& args) {
  auto loaded = std::make_unique<LoadedTarget>();
  std::string config_path = args.config_path;
  if (config_path.empty()) {
    if (auto found = find_config(fs::absolute(args.repo))) config_path = found->string();
  }
  ConfigResult config = resolve_config(config_path);
  for (const auto& error : config.errors) std::cerr << "error: " << error << "\n";
  if (!config.config) return nullptr;
  loaded->config = std::move(*config.config);

  std::vector<std::string> errors;
  Snapshot files = work_tree_snapshot(args.repo, args.dirs, errors);
  DiscoverOptions options;
  options.dirs = args.dirs;
  options.layout = args.layout;
  loaded->set = discover_snapshots(files, nullptr, {}, options);
  for (const auto& e : files.errors()) errors.push_back(e);
  if (!errors.empty()) return fail(errors.front());
  if (loaded->set.layout.empty()) {
    return fail("no migrations found in " + args.repo + "; name the directory with --dir and the "
                "tool with --layout");
  }
  const TrackingReader* reader = find_tracking_reader(loaded->set.layout);
  if (reader == nullptr) {
    return fail("several layouts found (" + loaded->set.layout +
                "); name one directory with --dir and its tool with --layout");
  }
  TargetOptions target = args.target;
  if (target.tracking_table.empty()) target.tracking_table = loaded->config.tracking_table;
  if (!target.tracking_table.empty() && !reader->table_configurable &&
      target.tracking_table != reader->default_table) {
    return fail("--tracking-table: " + std::string(reader->layout) + " always uses " +
                std::string(reader->default_table));
  }
  TrackingResult tracking = read_target(target, *reader);
  if (!tracking.state) return fail(tracking.error);
  loaded->status = compare_with_target(loaded->set, *reader, *tracking.state);
  if (!tracking.state->exists) {
    loaded->notes.push_back(tracking.state->table + " does not exist on the target: " +
                            std::string(reader->layout) + " never ran there, nothing is applied");
  }
  return loaded;
}

}  // namespace sg
