// A migration file's text, checked to be lintable, with byte offset -> line:column mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/migration.h"
#include "core/position.h"
#include "core/source_map.h"
#include "core/result.h"

namespace sg {

// The problem that makes a file unlintable, with where it is (for binary / non-UTF-8 input).
struct SourceProblem {
  std::string message;
  Position position;
};

class SourceFile {
 public:
  // `path` is what reports show; `bytes` is the raw content. A UTF-8 BOM is dropped from
  // text() but not from positions' meaning: line 1 column 1 is the first character after it.
  SourceFile(std::string path, std::string bytes);
  // A script's text as the server gets it; a captured script's positions and quoted lines are
  // those of the file its author wrote (core/source_map.h).
  explicit SourceFile(const Script& script);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // Set when the content is binary or not UTF-8; the parser must not see such text.
  const std::optional<SourceProblem>& problem() const { return problem_; }

  Position position_of(size_t byte_offset) const;
  // libpg_query reports syntax errors as a 1-based character index; this turns it into bytes.
  size_t byte_offset_of_char(size_t char_index) const;
  // A line of the file as written (for a captured script, of its JavaScript).
  std::string_view line_text(int line) const;
  const SourceMap* source_map() const { return map_.get(); }

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
  std::optional<SourceProblem> problem_;
  std::shared_ptr<const SourceMap> map_;
  std::vector<size_t> original_line_starts_;  // of map_->original
};

// Reads a file for linting. Returns an error message naming the file when it cannot be read.
Result<SourceFile> read_source_file(const std::string& path, const std::string& display_path);

}  // namespace sg
