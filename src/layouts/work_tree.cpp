#include "layouts/work_tree.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>
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

// True when `path` resolves to `inside` (canonical) or below it.
bool resolves_inside(const fs::path& path, const fs::path& inside) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) return false;
  std::string rel = target.lexically_relative(inside).generic_string();
  return !rel.empty() && rel != ".." && rel.rfind("../", 0) != 0;
}

struct Walk {
  const fs::path& root;
  fs::path canonical_root;
  bool skip_like_auto_detect;
  const IgnoreRules& ignore;
  std::map<std::string, std::string>& out;
  std::vector<std::string>& errors;
};

void walk(const Walk& w, const fs::path& dir) {
  const fs::path& root = w.root;
  const IgnoreRules& ignore = w.ignore;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::string rel = it->path().lexically_relative(root).generic_string();
    // A deploy runs what the checkout holds: a link out of it (to /etc/shadow, another
    // checkout) would deploy, and print, a file nobody reviewed.
    if (it->is_symlink(ec) && !resolves_inside(it->path(), w.canonical_root)) {
      w.errors.push_back(it->path().generic_string() +
                         ": a symbolic link that leaves the repository; refusing to read it");
      continue;
    }
    if (it->is_directory(ec)) {
      if (name.rfind('.', 0) == 0 || (w.skip_like_auto_detect && skipped_by_auto_detect(rel)) ||
          ignore.ignored(it->path(), true)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    // The path is the blob id: discovery hashes the text it reads, not this id.
    if (it->is_regular_file(ec) && !ignore.ignored(it->path(), false)) w.out[rel] = rel;
  }
}

}  // namespace

Snapshot work_tree_snapshot(const std::string& root, const std::vector<std::string>& dirs,
                            std::vector<std::string>& errors) {
  fs::path base = fs::path(root.empty() ? "." : root);
  std::map<std::string, std::string> files;
  IgnoreRules ignore(base);
  std::error_code ec;
  fs::path canonical_base = fs::canonical(base, ec);
  if (dirs.empty()) walk(Walk{base, canonical_base, true, ignore, files, errors}, base);
  for (const auto& dir : dirs) {
    if (!fs::is_directory(base / dir, ec)) {
      errors.push_back((base / dir).generic_string() + ": no such directory");
      continue;
    }
    if (!resolves_inside(base / dir, canonical_base)) {
      errors.push_back((base / dir).generic_string() + ": outside the repository " +
                       base.generic_string());
      continue;
    }
    walk(Walk{base, canonical_base, false, ignore, files, errors}, base / dir);
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
