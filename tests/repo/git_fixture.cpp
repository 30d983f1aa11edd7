#include "repo/git_fixture.h"

#include <stdexcept>

namespace sg::test {

namespace fs = std::filesystem;

GitFixture::GitFixture() {
  git({"init", "-q", "-b", "main"});
  git({"config", "user.name", "schemagate tests"});
  git({"config", "user.email", "tests@schemagate.invalid"});
  git({"config", "commit.gpgsign", "false"});
}

void GitFixture::write(const std::string& relative, const std::string& content) const {
  dir_.write(relative, content);
}

void GitFixture::remove(const std::string& relative) const { fs::remove(path() / relative); }

void GitFixture::clear() const {
  for (const auto& entry : fs::directory_iterator(path())) {
    if (entry.path().filename() != ".git") fs::remove_all(entry.path());
  }
}

void GitFixture::copy_tree(const fs::path& from) const {
  fs::copy(from, path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

std::string GitFixture::commit(const std::string& message) const {
  git({"add", "-A"});
  git({"commit", "-q", "--allow-empty", "-m", message});
  std::string sha = git({"rev-parse", "HEAD"});
  return sha.substr(0, sha.find('\n'));
}

void GitFixture::commit_on_main(const std::string& relative, const std::string& content) const {
  std::string branch = git({"rev-parse", "--abbrev-ref", "HEAD"});
  branch = branch.substr(0, branch.find('\n'));
  git({"checkout", "-q", "main"});
  write(relative, content);
  commit("on main: " + relative);
  git({"checkout", "-q", branch});
  git({"merge", "-q", "--no-edit", "main"});
}

std::string GitFixture::git(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{"git", "-C", dir()};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult r = run_program(argv);
  if (r.exit_code != 0) {
    std::string command;
    for (const auto& a : args) command += " " + a;
    throw std::runtime_error("git" + command + " failed: " + r.err);
  }
  return r.out;
}

}  // namespace sg::test
