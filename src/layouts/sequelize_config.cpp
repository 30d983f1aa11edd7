#include "layouts/sequelize_config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "repo/snapshot.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// The folder sequelize-cli runs in for `migrations_dir`: the nearest one above it holding a
// .sequelizerc or a package.json (repo-relative, "" for the root).
std::string project_dir(const fs::path& root, std::string dir) {
  while (!dir.empty()) {
    if (fs::exists(root / dir / ".sequelizerc") || fs::exists(root / dir / "package.json")) {
      return dir;
    }
    dir = parent_dir(dir);
  }
  return "";
}

// A JavaScript config: the literal values of `key` in it. `computed` is set when `key` is given
// something else (process.env.X, a variable), which only running the file would tell.
std::set<std::string> literal_values(const std::string& text, const std::string& key,
                                     bool& computed) {
  std::set<std::string> out;
  std::regex entry("['\"]?" + key + R"(['"]?\s*:\s*(['"`]([^'"`]*)['"`])?)");
  for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it) {
    if ((*it)[1].matched) {
      out.insert((*it)[2]);
    } else {
      computed = true;
    }
  }
  return out;
}

}  // namespace

std::string sequelizerc_path(const std::string& rc_path, const std::string& text,
                             const std::string& key) {
  std::regex entry("['\"]?" + key +
                   R"(['"]?\s*:\s*path\s*\.\s*(?:resolve|join)\s*\(([^)]*)\))");
  static const std::regex kLiteral(R"(['"`]([^'"`]*)['"`])");
  std::smatch m;
  if (!std::regex_search(text, m, entry)) return "";
  std::string args = m[1];
  std::string out = parent_dir(rc_path);
  for (std::sregex_iterator it(args.begin(), args.end(), kLiteral), end; it != end; ++it) {
    std::string part = (*it)[1];
    while (part.rfind("./", 0) == 0) part.erase(0, 2);
    while (!part.empty() && part.back() == '/') part.pop_back();
    if (!part.empty() && part != ".") out = join_path(out, part);
  }
  return out;
}

std::string sequelize_configured_table(const std::string& work_tree,
                                       const std::string& migrations_dir, std::string& where,
                                       std::string& error) {
  fs::path root(work_tree);
  std::string project = project_dir(root, migrations_dir);
  std::vector<std::string> candidates;
  std::string rc;
  if (read_file(root / join_path(project, ".sequelizerc"), rc)) {
    std::string configured = sequelizerc_path(join_path(project, ".sequelizerc"), rc, "config");
    if (!configured.empty()) candidates.push_back(configured);
  }
  candidates.push_back(join_path(project, "config/config.json"));
  candidates.push_back(join_path(project, "config/config.js"));
  std::string path;
  std::string text;
  for (const auto& c : candidates) {
    if (read_file(root / c, text)) {
      path = c;
      break;
    }
  }
  if (path.empty()) return "";
  const char* node_env = std::getenv("NODE_ENV");
  std::string env = node_env != nullptr && *node_env != '\0' ? node_env : "development";

  std::string table;
  std::string schema;
  if (ends_with(path, ".json")) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) {
      error = path + ": not valid JSON; pass --tracking-table";
      return "";
    }
    auto section = json.find(env);
    if (section == json.end() || !section->is_object()) return "";
    table = section->value("migrationStorageTableName", "");
    schema = section->value("migrationStorageTableSchema", "");
    where = path + " (" + env + ")";
  } else {
    // A .js config is code: its literal values are read without running it, when they agree.
    bool computed = false;
    auto tables = literal_values(text, "migrationStorageTableName", computed);
    auto schemas = literal_values(text, "migrationStorageTableSchema", computed);
    if (computed || tables.size() > 1 || schemas.size() > 1) {
      error = path + " sets migrationStorageTableName or migrationStorageTableSchema in code or "
                     "per environment; pass the table with --tracking-table";
      return "";
    }
    if (!tables.empty()) table = *tables.begin();
    if (!schemas.empty()) schema = *schemas.begin();
    where = path;
  }
  if (table.empty() && schema.empty()) return "";
  if (table.empty()) table = "SequelizeMeta";
  return schema.empty() ? table : schema + "." + table;
}

}  // namespace sg
