#include "repo/snapshot.h"

#include <cctype>

#include "sql/parser.h"

namespace sg {

std::string Snapshot::read(const std::string& path) const {
  auto cached = cache_.find(path);
  if (cached != cache_.end()) return cached->second;
  auto it = blobs_.find(path);
  if (it == blobs_.end()) return "";
  auto text = reader_(it->second);
  if (!text) {
    errors_.push_back(path + ": cannot read blob " + it->second);
    return "";
  }
  return cache_[path] = *text;
}

std::vector<std::string> Snapshot::files_in(const std::string& dir, bool recursive) const {
  std::string prefix = dir.empty() ? "" : dir + "/";
  std::vector<std::string> out;
  for (auto it = blobs_.lower_bound(prefix); it != blobs_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    std::string rest = it->first.substr(prefix.size());
    if (recursive || rest.find('/') == std::string::npos) out.push_back(rest);
  }
  return out;
}

std::string parent_dir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string join_path(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool version_less(const std::string& a, const std::string& b) {
  size_t i = 0;
  size_t j = 0;
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ei = i;
      size_t ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      // Compare digit runs by value: strip leading zeros, then longer is larger.
      std::string_view na = std::string_view(a).substr(i, ei - i);
      std::string_view nb = std::string_view(b).substr(j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::vector<std::string_view> split_lines(std::string_view text, std::vector<size_t>* offsets) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (nl == std::string_view::npos && line.empty() && start == text.size() && start > 0) break;
    lines.push_back(line);
    if (offsets != nullptr) offsets->push_back(start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string keep_lines(const std::string& text, const std::vector<bool>& keep) {
  std::string out;
  out.reserve(text.size());
  size_t line = 0;
  for (char c : text) {
    if (c == '\n') {
      out.push_back(c);
      ++line;
    } else if (line < keep.size() && keep[line]) {
      out.push_back(c);
    }
  }
  return out;
}

bool has_sql(const std::string& text) { return skip_space_and_comments(text, 0) < text.size(); }

Script make_script(std::string path, std::string text, TransactionMode mode, int line) {
  Script s;
  s.path = std::move(path);
  s.text = std::move(text);
  s.transaction_mode = mode;
  s.line = line;
  return s;
}

std::string up_dir(const Migration& m) {
  const std::string& up = m.up->path;
  return up.substr(0, up.rfind('/') + 1);
}

}  // namespace sg
