#include "core/track.h"

#include <cctype>

namespace sg {
namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}
bool version_char(char c) { return name_char(c) || c == '.'; }
bool operator_char(char c) {
  return c == '<' || c == '>' || c == '=' || c == '!' || c == '~' || c == '^';
}

size_t skip_spaces(const std::string& s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

std::string_view to_string(RequirementOp op) { return op == RequirementOp::kExactly ? "=" : ">="; }

std::string TrackRequirement::text() const {
  return required + " " + std::string(to_string(op)) + " " + version;
}

Result<TrackRequirement> parse_requirement(const std::string& track, const std::string& text) {
  Result<TrackRequirement> out;
  std::string shape = "expected \"TRACK >= VERSION\" or \"TRACK = VERSION\", got \"" + text + "\"";
  size_t i = skip_spaces(text, 0);
  size_t name_start = i;
  while (i < text.size() && name_char(text[i])) ++i;
  std::string name = text.substr(name_start, i - name_start);
  i = skip_spaces(text, i);
  size_t op_start = i;
  while (i < text.size() && operator_char(text[i])) ++i;
  std::string op = text.substr(op_start, i - op_start);
  i = skip_spaces(text, i);
  size_t version_start = i;
  while (i < text.size() && version_char(text[i])) ++i;
  std::string version = text.substr(version_start, i - version_start);
  if (name.empty() || op.empty() || version.empty() || skip_spaces(text, i) != text.size()) {
    out.error = shape;
    return out;
  }
  if (op != ">=" && op != "=") {
    // `<=` or `<` would let a newer core run under an extension written for an older one.
    out.error = "unsupported operator \"" + op + "\" in \"" + text + "\": use >= or =";
    return out;
  }
  if (name == track) {
    out.error = "a track cannot require itself";
    return out;
  }
  out.value = TrackRequirement{
      track, name, op == "=" ? RequirementOp::kExactly : RequirementOp::kAtLeast, version};
  return out;
}

}  // namespace sg
