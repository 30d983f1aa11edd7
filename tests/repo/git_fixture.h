// A real git repository in a temp dir, driven with the git command line, for discovery tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

namespace sg::test {

class GitFixture {
 public:
  // `git init` on branch main, with a committer identity of its own.
  GitFixture();
  const std::filesystem::path& path() const { return dir_.path(); }
  std::string dir() const { return dir_.path().string(); }

  void write(const std::string& relative, const std::string& content) const;
  void remove(const std::string& relative) const;
  // Removes every file of the work tree (keeps .git), for "head is exactly this tree".
  void clear() const;
  // Copies the files below `from` into the work tree.
  void copy_tree(const std::filesystem::path& from) const;
  // git add -A && git commit; returns the new commit's id.
  std::string commit(const std::string& message) const;
  // Commits `content` at `relative` on main and merges main into the current branch, so the
  // file is part of the merge base (a policy the pull request is judged by).
  void commit_on_main(const std::string& relative, const std::string& content) const;
  // Runs git in the repository; throws with git's stderr when it fails.
  std::string git(const std::vector<std::string>& args) const;

 private:
  TempDir dir_;
};

}  // namespace sg::test
