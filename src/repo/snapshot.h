// What every layout (src/layouts/<tool>.cpp) works on and returns: the files of one commit, and
// the migrations one directory holds under that layout's conventions.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"

namespace sg {

// The files of one commit (path -> blob id), read on demand.
class Snapshot {
 public:
  using Reader = std::function<std::optional<std::string>(const std::string& blob_id)>;
  Snapshot(std::map<std::string, std::string> blobs, Reader reader)
      : blobs_(std::move(blobs)), reader_(std::move(reader)) {}

  const std::map<std::string, std::string>& blobs() const { return blobs_; }
  bool has(const std::string& path) const { return blobs_.count(path) > 0; }
  // The content of `path`; "" (and an entry in errors()) when it cannot be read.
  std::string read(const std::string& path) const;
  // Paths relative to `dir` ("" = the root) of the files below it, sorted; only the files
  // directly in it unless `recursive`.
  std::vector<std::string> files_in(const std::string& dir, bool recursive = false) const;
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::map<std::string, std::string> blobs_;
  Reader reader_;
  mutable std::map<std::string, std::string> cache_;
  mutable std::vector<std::string> errors_;
};

struct LayoutScan {
  std::vector<Migration> migrations;  // in apply order
  std::vector<std::string> orphan_rollbacks;
  std::vector<std::string> unrecognized_files;
};

// Helpers shared by the layouts.
std::string join_path(const std::string& dir, const std::string& name);
// "a/b/c" -> "a/b"; "c" -> "" (the root).
std::string parent_dir(const std::string& path);
bool ends_with(std::string_view s, std::string_view suffix);
// Orders versions as the tools do: digit runs numerically ("2" < "10", "1.2" < "1.10").
bool version_less(const std::string& a, const std::string& b);
// `text` with the lines whose `keep` entry is false emptied (newlines kept), so line and
// column numbers still match the file.
std::string keep_lines(const std::string& text, const std::vector<bool>& keep);
// The file's lines without their line ends, and each line's byte offset.
std::vector<std::string_view> split_lines(std::string_view text, std::vector<size_t>* offsets);
// True when `text` has something besides whitespace and SQL comments.
bool has_sql(const std::string& text);
Script make_script(std::string path, std::string text, TransactionMode mode, int line = 1);
// The directory of `m`'s up script, ending in '/' ("" at the root).
std::string up_dir(const Migration& m);

}  // namespace sg
