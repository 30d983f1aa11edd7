// Reading and writing [[tracks]] with toml++ (config.cpp reads every other section).
#include "config/config_tracks.h"

#include <map>

#include "core/layout_names.h"
#include "util/did_you_mean.h"

namespace sg {
namespace {

const std::vector<std::string> kTrackKeys = {"name",     "path",     "layout",
                                             "requires", "tracking", "tracking_table"};

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

// "db/core/" and "./db/core" are the same directory as "db/core"; absolute paths and ".."
// would reach outside the repository.
std::optional<std::string> normal_path(std::string path) {
  while (path.compare(0, 2, "./") == 0) path.erase(0, 2);
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.empty() || path.front() == '/' || path == ".." || path.compare(0, 3, "../") == 0 ||
      path.find("/../") != std::string::npos) {
    return std::nullopt;
  }
  return path;
}

std::vector<std::string> layout_names() {
  std::vector<std::string> out = {"auto"};
  for (auto& name : registered_layout_names()) out.push_back(std::move(name));
  return out;
}

class TrackReader {
 public:
  TrackReader(std::vector<TrackConfig>& out, const ConfigErrorSink& error)
      : out_(out), error_(error) {}

  void read(const toml::node& node) {
    const toml::array* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      error_(node.source(), "tracks",
             "expected an array of tables ([[tracks]]), got " + describe_value(node));
      return;
    }
    for (size_t i = 0; i < array->size(); ++i) {
      read_track(*array->get(i)->as_table(), "tracks[" + std::to_string(i) + "]");
    }
    check_requirements();
  }

 private:
  void read_track(const toml::table& table, const std::string& dotted) {
    TrackConfig track;
    requires_at_.reset();
    bool ok = true;
    for (const auto& [key, node] : table) {
      std::string k(key.str());
      std::string at = dotted + "." + k;
      if (k == "name" || k == "path" || k == "layout" || k == "requires" || k == "tracking" ||
          k == "tracking_table") {
        ok = read_value(k, node, at, track, table) && ok;
      } else {
        error_(key.source(), at, "unknown key" + did_you_mean(k, kTrackKeys));
        ok = false;
      }
    }
    for (const char* required : {"name", "path"}) {
      if (!table.contains(required)) {
        error_(table.source(), dotted, std::string("missing key \"") + required + "\"");
        ok = false;
      }
    }
    if (track.tracking == "table" && track.tracking_table.empty() &&
        !table.contains("tracking_table")) {
      error_(table.source(), dotted, "tracking = \"table\" needs tracking_table");
      ok = false;
    }
    if (!ok) return;
    if (requires_at_) requirements_.push_back({out_.size(), dotted + ".requires", *requires_at_});
    out_.push_back(std::move(track));
  }

  bool read_value(const std::string& k, const toml::node& node, const std::string& at,
                  TrackConfig& track, const toml::table& table) {
    const std::string* text = node.is_string() ? &node.as_string()->get() : nullptr;
    if (text == nullptr) return fail(node, at, "expected a string, got " + describe_value(node));
    if (k == "name") {
      if (!valid_name(*text)) {
        return fail(node, at, "expected letters, digits, _ and -, got " + describe_value(node));
      }
      if (auto seen = names_.find(*text); seen != names_.end()) {
        return fail(
            node, at,
            "track \"" + *text + "\" is already defined on line " + std::to_string(seen->second));
      }
      names_[*text] = static_cast<int>(node.source().begin.line);
      track.name = *text;
    } else if (k == "path") {
      auto path = normal_path(*text);
      if (!path) {
        return fail(node, at,
                    "expected a directory inside the repository, got " + describe_value(node));
      }
      if (auto seen = paths_.find(*path); seen != paths_.end()) {
        return fail(node, at,
                    "\"" + *path + "\" is already the path of track \"" + seen->second + "\"");
      }
      paths_[*path] = table["name"].value_or(std::string());
      track.path = *path;
    } else if (k == "layout") {
      auto known = layout_names();
      if (std::find(known.begin(), known.end(), *text) == known.end()) {
        return fail(node, at, "unknown layout \"" + *text + "\"" + did_you_mean(*text, known));
      }
      track.layout = *text;
    } else if (k == "requires") {
      auto parsed = parse_requirement(table["name"].value_or(std::string()), *text);
      if (!parsed) return fail(node, at, parsed.error);
      track.requirement = parsed.value;
      requires_at_ = node.source();
    } else if (k == "tracking") {
      if (*text != "column" && *text != "table") {
        return fail(node, at, "expected \"column\" or \"table\", got " + describe_value(node));
      }
      track.tracking = *text;
    } else if (k == "tracking_table") {
      if (table["tracking"].value_or(std::string("table")) != "table") {
        return fail(node, at,
                    "needs tracking = \"table\" (\"column\" keeps the rows in the "
                    "layout's own table)");
      }
      if (text->empty()) return fail(node, at, "expected a table name, got \"\"");
      track.tracking = "table";
      track.tracking_table = *text;
    }
    return true;
  }

  // After every track is known: a requirement names a track without one of its own, so the
  // round trip has one core to build each extension on.
  void check_requirements() {
    for (const auto& [index, at, where] : requirements_) {
      const TrackRequirement& r = *out_[index].requirement;
      auto base = std::find_if(out_.begin(), out_.end(),
                               [&](const TrackConfig& t) { return t.name == r.required; });
      if (base == out_.end()) {
        std::vector<std::string> names;
        for (const auto& t : out_) names.push_back(t.name);
        error_(where, at,
               "no track named \"" + r.required + "\"" + did_you_mean(r.required, names));
      } else if (base->requirement) {
        error_(where, at,
               "track \"" + r.required + "\" has a requirement of its own (" +
                   base->requirement->text() + "); require the track it builds on");
      }
    }
  }

  bool fail(const toml::node& node, const std::string& at, const std::string& message) {
    error_(node.source(), at, message);
    return false;
  }

  std::vector<TrackConfig>& out_;
  const ConfigErrorSink& error_;
  std::map<std::string, int> names_;
  std::map<std::string, std::string> paths_;
  std::optional<toml::source_region> requires_at_;  // of the track being read
  struct Requires {
    size_t index;  // in out_
    std::string dotted;
    toml::source_region where;
  };
  std::vector<Requires> requirements_;
};

}  // namespace

void read_tracks(const toml::node& node, std::vector<TrackConfig>& out,
                 const ConfigErrorSink& error) {
  TrackReader(out, error).read(node);
}

toml::array tracks_to_toml(const std::vector<TrackConfig>& tracks) {
  toml::array out;
  for (const auto& t : tracks) {
    toml::table table{{"name", t.name}, {"path", t.path}, {"layout", t.layout}};
    if (t.requirement) table.insert_or_assign("requires", t.requirement->text());
    table.insert_or_assign("tracking", t.tracking);
    if (t.tracking == "table") table.insert_or_assign("tracking_table", t.tracking_table);
    out.push_back(std::move(table));
  }
  return out;
}

}  // namespace sg
