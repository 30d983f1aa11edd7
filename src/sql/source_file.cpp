#include "sql/source_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sg {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::vector<size_t> line_starts_of(const std::string& text) {
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

std::string_view line_of(const std::string& text, const std::vector<size_t>& starts, int line) {
  if (line < 1 || static_cast<size_t>(line) > starts.size()) return {};
  size_t start = starts[static_cast<size_t>(line) - 1];
  size_t end = static_cast<size_t>(line) < starts.size() ? starts[static_cast<size_t>(line)] - 1
                                                         : text.size();
  std::string_view view(text.data() + start, end - start);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

// Returns the offset of the first byte that breaks UTF-8, or npos when the text is valid.
size_t find_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      if (!is_continuation(static_cast<unsigned char>(s[i + k]))) return i;
    }
    // Overlong forms and surrogates are invalid too; PostgreSQL rejects them.
    if (len == 2 && c < 0xC2) return i;
    if (len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;
    }
    if (len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

SourceFile::SourceFile(std::string path, std::string bytes) : path_(std::move(path)) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes.erase(0, 3);
  text_ = std::move(bytes);
  line_starts_ = line_starts_of(text_);
  size_t nul = text_.find('\0');
  if (nul != std::string::npos) {
    problem_ = SourceProblem{"binary file (contains a NUL byte); not SQL", position_of(nul)};
    return;
  }
  size_t bad = find_invalid_utf8(text_);
  if (bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text_[bad]));
    problem_ = SourceProblem{std::string("not valid UTF-8 (byte ") + hex +
                                 "); re-encode the file as UTF-8",
                             position_of(bad)};
  }
}

SourceFile::SourceFile(const Script& script) : SourceFile(script.path, script.text) {
  map_ = script.source_map;
  if (map_) original_line_starts_ = line_starts_of(map_->original);
}

Position SourceFile::position_of(size_t byte_offset) const {
  if (map_ && !map_->spans.empty()) {
    const SourceMap::Span* span = map_->span_at(byte_offset);
    return span != nullptr ? span->at : map_->spans.front().at;
  }
  byte_offset = std::min(byte_offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  size_t start = line_starts_[line_index];
  int column = 1;
  for (size_t i = start; i < byte_offset; ++i) {
    if (!is_continuation(static_cast<unsigned char>(text_[i]))) ++column;
  }
  return Position{static_cast<int>(line_index) + 1, column};
}

size_t SourceFile::byte_offset_of_char(size_t char_index) const {
  size_t seen = 0;
  for (size_t i = 0; i < text_.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(text_[i]))) continue;
    if (++seen == char_index) return i;
  }
  return text_.size();
}

std::string_view SourceFile::line_text(int line) const {
  if (map_) return line_of(map_->original, original_line_starts_, line);
  return line_of(text_, line_starts_, line);
}

Result<SourceFile> read_source_file(const std::string& path, const std::string& display_path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return {std::nullopt, display_path + ": cannot read: is a directory"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {std::nullopt, display_path + ": cannot read: " + std::strerror(errno)};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return {std::nullopt, display_path + ": cannot read: I/O error"};
  return {SourceFile(display_path, buffer.str()), ""};
}

}  // namespace sg
