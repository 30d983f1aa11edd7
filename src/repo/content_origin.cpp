#include "repo/content_origin.h"

#include <filesystem>
#include <memory>
#include <optional>

#include "repo/git_handles.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

using git::CommitPtr;
using git::EntryPtr;
using git::hex;
using git::last_error;
using git::ObjectPtr;
using git::RepoPtr;
using git::TreePtr;
using Out = Result<std::string>;

// The blob `path` has in `commit`; nullopt when the commit has no such file.
std::optional<git_oid> blob_in(git_commit* commit, const std::string& path) {
  git_tree* t = nullptr;
  if (git_commit_tree(&t, commit) != 0) return std::nullopt;
  TreePtr tree(t);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.get(), path.c_str()) != 0) return std::nullopt;
  EntryPtr entry(e);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(entry.get());
}

Out cut_off(const git_commit* commit) {
  return Out::fail("the history stops at " + hex(*git_commit_id(commit)).substr(0, 12) +
                      " (a shallow clone); fetch it (actions/checkout with `fetch-depth: 0`)");
}

}  // namespace

Out content_origin(const std::string& checkout, const std::string& path) {
  git::ensure_libgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, checkout.c_str(), 0, nullptr) != 0) {
    return Out::fail("not in a git repository: " + last_error());
  }
  RepoPtr repo(r);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) return Out::fail("a bare repository has no work tree");
  std::error_code ec;
  fs::path file = fs::weakly_canonical(fs::absolute(fs::path(checkout) / path), ec);
  fs::path root = fs::weakly_canonical(fs::path(workdir), ec);
  std::string relative = file.lexically_relative(root).generic_string();
  if (ec || relative.empty() || relative.rfind("..", 0) == 0) {
    return Out::fail("not inside the repository's work tree " + root.string());
  }

  git_oid on_disk;
  if (git_repository_hashfile(&on_disk, repo.get(), relative.c_str(), GIT_OBJECT_BLOB,
                              nullptr) != 0) {
    return Out::fail("cannot read it: " + last_error());
  }
  git_object* head = nullptr;
  if (git_revparse_single(&head, repo.get(), "HEAD^{commit}") != 0) {
    return Out::fail("not committed yet (the repository has no commit)");
  }
  ObjectPtr head_object(head);
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, repo.get(), git_object_id(head_object.get())) != 0) {
    return Out::fail("cannot read HEAD: " + last_error());
  }
  CommitPtr commit(c);
  auto at_head = blob_in(commit.get(), relative);
  if (!at_head) return Out::fail("not committed yet");
  if (git_oid_equal(&*at_head, &on_disk) == 0) {
    return Out::fail("has changes that are not committed");
  }
  bool shallow = git_repository_is_shallow(repo.get()) == 1;
  for (;;) {
    unsigned int parents = git_commit_parentcount(commit.get());
    // A shallow clone's boundary may look like a root commit: it proves nothing.
    if (parents == 0 && shallow) return cut_off(commit.get());
    CommitPtr same;
    for (unsigned int i = 0; i < parents && !same; ++i) {
      git_commit* p = nullptr;
      if (git_commit_parent(&p, commit.get(), i) != 0) return cut_off(commit.get());
      CommitPtr parent(p);
      auto blob = blob_in(parent.get(), relative);
      if (blob && git_oid_equal(&*blob, &*at_head) != 0) same = std::move(parent);
    }
    if (!same) return {hex(*git_commit_id(commit.get())), ""};
    commit = std::move(same);
  }
}

}  // namespace sg
