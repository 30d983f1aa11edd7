#include "repo/work_tree.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "repo/discover.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

void walk(const fs::path& root, const fs::path& dir, bool skip_like_auto_detect,
          std::map<std::string, std::string>& out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::string rel = it->path().lexically_relative(root).generic_string();
    if (it->is_directory(ec)) {
      if (name.rfind('.', 0) == 0 || (skip_like_auto_detect && skipped_by_auto_detect(rel))) {
        it.disable_recursion_pending();
      }
      continue;
    }
    // The path is the blob id: discovery hashes the text it reads, not this id.
    if (it->is_regular_file(ec)) out[rel] = rel;
  }
}

}  // namespace

Snapshot work_tree_snapshot(const std::string& root, const std::vector<std::string>& dirs,
                            std::vector<std::string>& errors) {
  fs::path base = fs::path(root.empty() ? "." : root);
  std::map<std::string, std::string> files;
  if (dirs.empty()) walk(base, base, true, files);
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(base / dir, ec)) {
      errors.push_back((base / dir).generic_string() + ": no such directory");
      continue;
    }
    walk(base, base / dir, false, files);
  }
  return Snapshot(std::move(files), [base](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(base / path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  });
}

}  // namespace sg
