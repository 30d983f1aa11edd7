// Where the configuration comes from: --config, or .schemagate.toml found upwards to the git root.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/config.h"

namespace sg {

namespace fs = std::filesystem;

namespace {
constexpr const char* kConfigName = ".schemagate.toml";
}  // namespace

ConfigResult load_config(const std::string& path) {
  ConfigResult result;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    result.errors.push_back(path + ": cannot read: is a directory");
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.errors.push_back(path + ": cannot read: " + std::strerror(errno));
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  std::optional<fs::path> here;
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::is_regular_file(d / kConfigName, ec)) {
      if (!here) here = d / kConfigName;
    }
    if (fs::exists(d / ".git", ec)) return here;
    if (d == d.root_path() || d.parent_path() == d) break;
  }
  // Not in a git repository: only the start directory counts.
  if (fs::is_regular_file(dir / kConfigName, ec)) return dir / kConfigName;
  return std::nullopt;
}

ConfigResult resolve_config(const std::string& explicit_path) {
  if (!explicit_path.empty()) return load_config(explicit_path);
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    if (auto found = find_config(cwd)) {
      // Relative to the current directory, as the user would type it.
      fs::path shown = found->lexically_relative(cwd);
      if (shown.empty()) shown = *found;
      return load_config(shown.string());
    }
  }
  ConfigResult defaults;
  defaults.config = Config();
  return defaults;
}

}  // namespace sg
