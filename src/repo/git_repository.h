// The one door to libgit2: open a repository, resolve refs, read trees and blobs, diff commits.
// Every libgit2 failure comes back as a message with context, never as a bare error code.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sg {

struct TreeFile {
  std::string path;     // repo-relative, '/'-separated
  std::string blob_id;  // hex
};

struct FileChange {
  enum class Kind { kAdded, kModified, kDeleted, kRenamed } kind = Kind::kModified;
  std::string old_path;  // empty for kAdded
  std::string new_path;  // empty for kDeleted
};

// The git blob id of `content` (what `git hash-object` prints), without touching a repository.
std::string git_blob_id(std::string_view content);

class GitRepository {
 public:
  // Opens the repository that contains `path` (a subdirectory or a worktree works too).
  // Ownership checks are off: in a container the checkout is owned by another user.
  static Result<GitRepository> open(const std::string& path);

  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;
  ~GitRepository();

  // Absolute path of the working directory, ending in '/'.
  const std::string& workdir() const { return workdir_; }
  // `path` (absolute, or relative to the current directory) as a repository path: "" for the
  // root of the checkout, nullopt when it lies outside. Symbolic links are resolved first.
  std::optional<std::string> repo_path(const std::filesystem::path& path) const;
  bool is_shallow() const;
  // Whether .gitignore (and info/exclude, core.excludesFile) leaves `path` out of the checkout;
  // `path` is relative to workdir(), a directory ending in '/'.
  bool is_ignored(const std::string& path) const;

  // The commit (hex) `ref` names: a branch, remote branch, tag, SHA or any revparse spec.
  Result<std::string> resolve_commit(const std::string& ref) const;
  // The best common ancestor of two commits. In a shallow clone without it, the message says
  // to fetch the history.
  Result<std::string> merge_base(const std::string& a, const std::string& b) const;
  // Every file (blob) of the commit's tree.
  Result<std::vector<TreeFile>> list_files(const std::string& commit) const;
  Result<std::string> read_blob(const std::string& blob_id) const;
  // The content of `path` (repo-relative) at `commit`; a nullopt value when it has no such file.
  Result<std::optional<std::string>> read_file(const std::string& commit,
                                                  const std::string& path) const;
  // Whether `path` (repo-relative, "" for the root) is a directory of `commit`'s tree. Git keeps
  // no empty directories, so such a directory holds at least one committed file.
  Result<bool> has_directory(const std::string& commit, const std::string& path) const;
  // What changed from `from` to `to`, with rename detection (git's default 50% similarity).
  Result<std::vector<FileChange>> diff(const std::string& from, const std::string& to) const;

 private:
  struct Handle;
  explicit GitRepository(std::unique_ptr<Handle> handle, std::string workdir);
  std::unique_ptr<Handle> handle_;
  std::string workdir_;
};

}  // namespace sg
