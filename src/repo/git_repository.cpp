#include "repo/git_repository.h"

#include "repo/git_handles.h"

namespace sg {

namespace git {

void ensure_libgit2() {
  // libgit2's global state lives as long as the process.
  struct LibGit2 {
    LibGit2() {
      git_libgit2_init();
      git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    }
    ~LibGit2() { git_libgit2_shutdown(); }
  };
  static LibGit2 instance;
}

}  // namespace git

namespace {

using git::BlobPtr;
using git::CommitPtr;
using git::DiffPtr;
using git::EntryPtr;
using git::hex;
using git::last_error;
using git::ObjectPtr;
using git::RepoPtr;
using git::TreePtr;

std::optional<git_oid> parse_oid(const std::string& text) {
  git_oid oid;
  if (git_oid_fromstr(&oid, text.c_str()) != 0) return std::nullopt;
  return oid;
}

}  // namespace

struct GitRepository::Handle {
  RepoPtr repo;

  Result<TreePtr> tree_of(const std::string& commit) const {
    auto oid = parse_oid(commit);
    git_commit* c = nullptr;
    if (!oid || git_commit_lookup(&c, repo.get(), &*oid) != 0) {
      return Result<TreePtr>::fail("cannot read commit " + commit + ": " + last_error());
    }
    CommitPtr owned(c);
    git_tree* t = nullptr;
    if (git_commit_tree(&t, owned.get()) != 0) {
      return Result<TreePtr>::fail("cannot read the tree of commit " + commit + ": " +
                                      last_error());
    }
    return {TreePtr(t), ""};
  }
};

std::string git_blob_id(std::string_view content) {
  git::ensure_libgit2();
  git_oid oid;
  git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB);
  return hex(oid);
}

GitRepository::GitRepository(std::unique_ptr<Handle> handle, std::string workdir)
    : handle_(std::move(handle)), workdir_(std::move(workdir)) {}
GitRepository::GitRepository(GitRepository&&) noexcept = default;
GitRepository& GitRepository::operator=(GitRepository&&) noexcept = default;
GitRepository::~GitRepository() = default;

Result<GitRepository> GitRepository::open(const std::string& path) {
  git::ensure_libgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), 0, nullptr) != 0) {
    return Result<GitRepository>::fail(path + ": not in a git repository: " + last_error());
  }
  RepoPtr repo(r);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) {
    return Result<GitRepository>::fail(path +
                                          ": a bare repository has no migrations to "
                                          "check out; run schemagate in a checkout");
  }
  auto handle = std::make_unique<Handle>();
  handle->repo = std::move(repo);
  return {GitRepository(std::move(handle), workdir), ""};
}

bool GitRepository::is_shallow() const {
  return git_repository_is_shallow(handle_->repo.get()) == 1;
}

bool GitRepository::is_ignored(const std::string& path) const {
  int ignored = 0;
  return git_ignore_path_is_ignored(&ignored, handle_->repo.get(), path.c_str()) == 0 &&
         ignored == 1;
}

Result<std::string> GitRepository::resolve_commit(const std::string& ref) const {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, handle_->repo.get(), ref.c_str()) != 0) {
    return Result<std::string>::fail("cannot resolve '" + ref + "': " + last_error());
  }
  ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, owned.get(), GIT_OBJECT_COMMIT) != 0) {
    return Result<std::string>::fail("'" + ref + "' does not name a commit: " + last_error());
  }
  ObjectPtr commit(peeled);
  return {hex(*git_object_id(commit.get())), ""};
}

Result<std::string> GitRepository::merge_base(const std::string& a, const std::string& b) const {
  auto oa = parse_oid(a);
  auto ob = parse_oid(b);
  git_oid out;
  if (!oa || !ob) return Result<std::string>::fail("merge base: bad commit id");
  // Checking the base branch itself: no walk, which a shallow clone could not do.
  if (git_oid_equal(&*oa, &*ob) != 0) return {a, ""};
  int rc = git_merge_base(&out, handle_->repo.get(), &*oa, &*ob);
  if (rc == 0) return {hex(out), ""};
  // libgit2 walks into the missing parents of a shallow clone's grafts and reports whatever
  // it hits there; the user needs to hear what to fetch instead.
  if (is_shallow()) {
    return Result<std::string>::fail(
        "no merge base between " + a.substr(0, 12) + " and " + b.substr(0, 12) +
        ": this is a shallow clone without the history they share; fetch it (GitHub Actions: "
        "actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`)");
  }
  if (rc == GIT_ENOTFOUND) {
    return Result<std::string>::fail("no merge base between " + a.substr(0, 12) + " and " +
                                        b.substr(0, 12) + ": the commits share no history");
  }
  return Result<std::string>::fail("cannot compute the merge base of " + a.substr(0, 12) +
                                      " and " + b.substr(0, 12) + ": " + last_error());
}

Result<std::vector<TreeFile>> GitRepository::list_files(const std::string& commit) const {
  auto tree = handle_->tree_of(commit);
  if (!tree) return Result<std::vector<TreeFile>>::fail(tree.error);
  std::vector<TreeFile> files;
  auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return 0;
    auto* out = static_cast<std::vector<TreeFile>*>(payload);
    out->push_back(
        {std::string(root) + git_tree_entry_name(entry), hex(*git_tree_entry_id(entry))});
    return 0;
  };
  if (git_tree_walk(tree.value->get(), GIT_TREEWALK_PRE, visit, &files) != 0) {
    return Result<std::vector<TreeFile>>::fail("cannot list the files of commit " + commit +
                                                  ": " + last_error());
  }
  return {std::move(files), ""};
}

Result<std::string> GitRepository::read_blob(const std::string& blob_id) const {
  auto oid = parse_oid(blob_id);
  git_blob* b = nullptr;
  if (!oid || git_blob_lookup(&b, handle_->repo.get(), &*oid) != 0) {
    return Result<std::string>::fail("cannot read blob " + blob_id + ": " + last_error());
  }
  BlobPtr blob(b);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return {std::string(data, static_cast<size_t>(git_blob_rawsize(blob.get()))), ""};
}

Result<std::optional<std::string>> GitRepository::read_file(const std::string& commit,
                                                             const std::string& path) const {
  using Out = Result<std::optional<std::string>>;
  auto tree = handle_->tree_of(commit);
  if (!tree) return Out::fail(tree.error);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.value->get(), path.c_str()) != 0) {
    return {std::optional<std::string>(std::nullopt), ""};
  }
  EntryPtr entry(e);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return {std::optional<std::string>(std::nullopt), ""};
  }
  auto blob = read_blob(hex(*git_tree_entry_id(entry.get())));
  if (!blob) return Out::fail(blob.error);
  return {std::optional<std::string>(std::move(*blob.value)), ""};
}

std::optional<std::string> GitRepository::repo_path(const std::filesystem::path& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  // workdir() ends in '/': its parent_path() is the directory itself.
  fs::path root = fs::weakly_canonical(fs::path(workdir_).parent_path(), ec);
  fs::path rel = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  std::string out = rel.lexically_normal().generic_string();
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out == "." ? std::string() : out;
}

Result<bool> GitRepository::has_directory(const std::string& commit,
                                          const std::string& path) const {
  auto tree = handle_->tree_of(commit);
  if (!tree) return Result<bool>::fail(tree.error);
  if (path.empty()) return {git_tree_entrycount(tree.value->get()) > 0, ""};
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.value->get(), path.c_str()) != 0) return {false, ""};
  EntryPtr entry(e);
  return {git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE, ""};
}

Result<std::vector<FileChange>> GitRepository::diff(const std::string& from,
                                                       const std::string& to) const {
  using Out = Result<std::vector<FileChange>>;
  auto old_tree = handle_->tree_of(from);
  if (!old_tree) return Out::fail(old_tree.error);
  auto new_tree = handle_->tree_of(to);
  if (!new_tree) return Out::fail(new_tree.error);
  git_diff* d = nullptr;
  if (git_diff_tree_to_tree(&d, handle_->repo.get(), old_tree.value->get(), new_tree.value->get(),
                            nullptr) != 0) {
    return Out::fail("cannot diff " + from.substr(0, 12) + ".." + to.substr(0, 12) + ": " +
                        last_error());
  }
  DiffPtr diff(d);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  if (git_diff_find_similar(diff.get(), &find) != 0) {
    return Out::fail("cannot detect renames: " + last_error());
  }
  std::vector<FileChange> changes;
  size_t n = git_diff_num_deltas(diff.get());
  for (size_t i = 0; i < n; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    FileChange c;
    switch (delta->status) {
      case GIT_DELTA_ADDED: c.kind = FileChange::Kind::kAdded; break;
      case GIT_DELTA_DELETED: c.kind = FileChange::Kind::kDeleted; break;
      case GIT_DELTA_RENAMED: c.kind = FileChange::Kind::kRenamed; break;
      default: c.kind = FileChange::Kind::kModified; break;
    }
    if (c.kind != FileChange::Kind::kAdded) c.old_path = delta->old_file.path;
    if (c.kind != FileChange::Kind::kDeleted) c.new_path = delta->new_file.path;
    changes.push_back(std::move(c));
  }
  return {std::move(changes), ""};
}

}  // namespace sg
