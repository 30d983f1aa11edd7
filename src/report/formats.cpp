#include "report/formats.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include "util/sha256.h"

namespace sg {

RenderOptions RenderOptions::from_environment() {
  RenderOptions o;
  std::error_code ec;
  o.source_root = std::filesystem::current_path(ec).string();
  if (const char* v = std::getenv("GITHUB_STEP_SUMMARY")) o.github_step_summary = v;
  if (const char* v = std::getenv("GITHUB_OUTPUT")) o.github_output = v;
  return o;
}

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> kFormats = {"json", "markdown", "github", "sarif",
                                                    "gitlab"};
  return kFormats;
}

std::string write_report(const Report& report, const std::string& format, std::ostream& out,
                         const RenderOptions& options) {
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  if (format == "json") {
    write_json(report, out);
  } else if (format == "markdown") {
    out << render_markdown(report, options);
  } else if (format == "github") {
    return write_github(report, out, options);
  } else if (format == "sarif") {
    out << render_sarif(report, options).dump(2, ' ', false, kReplace) << "\n";
  } else if (format == "gitlab") {
    out << render_gitlab(report, options).dump(2, ' ', false, kReplace) << "\n";
  } else {
    return "--format: unknown format '" + format + "'";
  }
  return "";
}

std::string relative_path(const std::string& path, const std::string& root) {
  std::string p = path;
  if (!root.empty() && p.size() > root.size() + 1 && p.compare(0, root.size(), root) == 0 &&
      p[root.size()] == '/') {
    p = p.substr(root.size() + 1);
  }
  while (p.rfind("./", 0) == 0) p = p.substr(2);
  return p;
}

std::string one_line(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

// Line numbers stay out of the fingerprint: inserting a statement above a finding must not
// make code scanning close it and open a "new" one.
std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const std::string& root) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const auto& f : findings) {
    std::string key = f.rule_id + "\n" + relative_path(f.file, root) + "\n" + f.message;
    int n = seen[key]++;
    out.push_back(sha256_hex(key + "\n" + std::to_string(n)));
  }
  return out;
}

}  // namespace sg
