#include "layouts/work_tree.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "layouts/discover.h"
#include "repo/git_repository.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

// What git leaves out of a checkout (build output, generated corpora) is not a migration of
// it. Outside a git repository every file counts.
class IgnoreRules {
 public:
  explicit IgnoreRules(const fs::path& root) {
    auto repo = GitRepository::open(root.string());
    if (!repo) return;
    repo_.emplace(std::move(*repo.value));
    std::error_code ec;
    workdir_ = fs::weakly_canonical(repo_->workdir(), ec);
  }
  bool ignored(const fs::path& path, bool directory) const {
    if (!repo_) return false;
    std::error_code ec;
    std::string rel = fs::weakly_canonical(path, ec).lexically_relative(workdir_).generic_string();
    if (ec || rel.empty() || rel.rfind("..", 0) == 0) return false;
    return repo_->is_ignored(directory ? rel + "/" : rel);
  }

 private:
  std::optional<GitRepository> repo_;
  fs::path workdir_;
};

void walk(const fs::path& root, const fs::path& dir, bool skip_like_auto_detect,
          const IgnoreRules& ignore, std::map<std::string, std::string>& out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::string rel = it->path().lexically_relative(root).generic_string();
    if (it->is_directory(ec)) {
      if (name.rfind('.', 0) == 0 || (skip_like_auto_detect && skipped_by_auto_detect(rel)) ||
          ignore.ignored(it->path(), true)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    // The path is the blob id: discovery hashes the text it reads, not this id.
    if (it->is_regular_file(ec) && !ignore.ignored(it->path(), false)) out[rel] = rel;
  }
}

}  // namespace

Snapshot work_tree_snapshot(const std::string& root, const std::vector<std::string>& dirs,
                            std::vector<std::string>& errors) {
  fs::path base = fs::path(root.empty() ? "." : root);
  std::map<std::string, std::string> files;
  IgnoreRules ignore(base);
  if (dirs.empty()) walk(base, base, true, ignore, files);
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(base / dir, ec)) {
      errors.push_back((base / dir).generic_string() + ": no such directory");
      continue;
    }
    walk(base, base / dir, false, ignore, files);
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
