#include "db/cluster_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include "util/sha256.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

// What identifies a binary without running it: a reinstall or upgrade changes size or mtime.
std::string binary_identity(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return "";
  return path + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// Copies the tree at `from` to the new path `to`, modes kept and everything handed to `owner`,
// with plain reads and writes: a cluster is a thousand small files, and std::filesystem::copy's
// per-file copy_file_range and cp's clone attempts cost more than the data (1.6 s against 0.3 s
// for 39 MB on our machines).
bool copy_tree(const fs::path& from, const fs::path& to, const RunAs& owner) {
  std::error_code ec;
  std::vector<char> buffer(1 << 20);
  auto own = [&owner](const fs::path& p) {
    return !owner.drop || lchown(p.c_str(), owner.uid, owner.gid) == 0;
  };
  auto copy_file = [&buffer, &owner](const fs::path& source, const fs::path& target,
                                     mode_t mode) {
    int in = open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return false;
    int out = open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
    bool ok = out >= 0 && (!owner.drop || fchown(out, owner.uid, owner.gid) == 0);
    for (ssize_t n; ok && (n = read(in, buffer.data(), buffer.size())) != 0;) {
      ok = n > 0 && write(out, buffer.data(), static_cast<size_t>(n)) == n;
    }
    close(in);
    if (out >= 0 && close(out) != 0) ok = false;
    return ok;
  };
  struct stat st {};
  if (stat(from.c_str(), &st) != 0 || mkdir(to.c_str(), st.st_mode & 07777) != 0 || !own(to)) {
    return false;
  }
  for (fs::recursive_directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    fs::path target = to / it->path().lexically_relative(from);
    if (lstat(it->path().c_str(), &st) != 0) return false;
    if (S_ISDIR(st.st_mode)) {
      if (mkdir(target.c_str(), st.st_mode & 07777) != 0 || !own(target)) return false;
    } else if (S_ISREG(st.st_mode)) {
      if (!copy_file(it->path(), target, st.st_mode)) return false;
    } else {
      return false;  // initdb makes no links or devices; an entry with one is not ours
    }
  }
  return !ec;
}

}  // namespace

std::string default_cache_dir() {
  auto set = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::string();
  };
  if (std::string dir = set("SCHEMAGATE_CACHE_DIR"); !dir.empty()) return dir;
  if (std::string dir = set("XDG_CACHE_HOME"); !dir.empty()) return dir + "/schemagate";
  if (std::string dir = set("HOME"); !dir.empty()) return dir + "/.cache/schemagate";
  return "";
}

std::string cluster_cache_entry(const std::string& cache_dir, const std::string& initdb,
                                const std::string& postgres,
                                const std::vector<std::string>& initdb_options) {
  if (cache_dir.empty()) return "";
  std::error_code ec;
  fs::path dir = fs::absolute(cache_dir, ec);  // one place, whatever directory reads it
  if (ec) return "";
  std::string initdb_id = binary_identity(initdb);
  std::string postgres_id = binary_identity(postgres);
  if (initdb_id.empty() || postgres_id.empty()) return "";
  std::string key = initdb_id + "\n" + postgres_id;
  for (const auto& option : initdb_options) key += "\n" + option;
  return (dir / ("cluster-" + sha256_hex(key).substr(0, 20))).string();
}

bool restore_cluster(const std::string& entry, const std::string& data, const RunAs& user) {
  std::error_code ec;
  if (entry.empty() || !fs::exists(fs::path(entry) / "PG_VERSION", ec)) return false;
  // Modes come along: the server insists on a data directory only its owner can read.
  if (copy_tree(entry, data, user)) return true;
  fs::remove_all(data, ec);
  return false;
}

void publish_cluster(const std::string& data, const std::string& entry) {
  if (entry.empty()) return;
  std::error_code ec;
  fs::path parent = fs::path(entry).parent_path();
  fs::create_directories(parent, ec);
  if (ec) return;
  chmod(parent.c_str(), 0700);
  std::string temp = entry + ".tmp-" + std::to_string(getpid());
  fs::remove_all(temp, ec);
  // rename() onto an existing entry fails (another run published first): keep theirs.
  if (!copy_tree(data, temp, RunAs{}) || rename(temp.c_str(), entry.c_str()) != 0) fs::remove_all(temp, ec);
}

}  // namespace sg
