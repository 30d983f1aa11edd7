// unsafe-server-side-io: these run with the database server's own file-system and network
// access (as the postgres OS user), outside anything the migration's review can see.
#include <array>

#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

// The server's file functions (core and adminpack) and large-object file transfer.
constexpr std::array<std::string_view, 18> kFileFunctions = {
    "pg_read_file",      "pg_read_binary_file", "pg_stat_file",        "pg_ls_dir",
    "pg_ls_logdir",      "pg_ls_waldir",        "pg_ls_tmpdir",        "pg_ls_archive_statusdir",
    "pg_ls_logicalsnapdir", "pg_ls_logicalmapdir", "pg_ls_replslotdir", "pg_file_write",
    "pg_file_rename",    "pg_file_unlink",      "pg_file_sync",        "pg_logdir_ls",
    "lo_import",         "lo_export"};

bool is_unsafe_function(const std::string& name) {
  for (auto f : kFileFunctions) {
    if (name == f) return true;
  }
  return name.rfind("dblink", 0) == 0;  // dblink, dblink_exec, dblink_connect, ...
}

// file_fdw reads a server file (filename) or runs a shell command (program) whenever the
// foreign table is read: OPTIONS on CREATE FOREIGN TABLE and ALTER FOREIGN TABLE.
void check_foreign_table_options(const tree::Json* options, long location, Emitter& out) {
  // ALTER's generic options are a wrapped {"List": {"items": [...]}}; CREATE's a plain list.
  if (const tree::Json* list = options != nullptr ? tree::as(*options, "List") : nullptr) {
    options = tree::field(*list, "items");
  }
  if (options == nullptr || !options->is_array()) return;
  for (const auto& item : *options) {
    const tree::Json* def = tree::as(item, "DefElem");
    if (def == nullptr) continue;
    std::string name = tree::text(*def, "defname");
    if (name != "program" && name != "filename") continue;
    out.report(tree::location(*def) >= 0 ? tree::location(*def) : location,
               std::string("a foreign table with OPTIONS (") + name + " ...) " +
                   (name == "program" ? "runs a shell command" : "reads a file") +
                   " on the database server each time it is read",
               "load the data through the client (COPY ... FROM STDIN) instead of file_fdw");
  }
}

class UnsafeServerSideIo : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind == "CopyStmt") check_copy(*stmt.node, out);
    if (stmt.kind == "CreateForeignTableStmt") {
      check_foreign_table_options(tree::field(*stmt.node, "options"), -1, out);
    }
    if (stmt.kind == "AlterTableStmt") {
      tree::walk(*stmt.node, [&](std::string_view kind, const tree::Json& fields) {
        if (kind == "AlterTableCmd" && tree::text(fields, "subtype") == "AT_GenericOptions") {
          check_foreign_table_options(tree::field(fields, "def"), -1, out);
        }
        return kind != "AlterTableCmd";
      });
    }
    tree::walk(*stmt.node, [&](std::string_view kind, const tree::Json& fields) {
      if (kind != "FuncCall") return true;
      std::vector<std::string> names = tree::strings(tree::field(fields, "funcname"));
      if (names.empty() || !is_unsafe_function(names.back())) return true;
      std::string name = qualified_name(tree::field(fields, "funcname"));
      out.report(tree::location(fields),
                 name +
                     "() reaches files or other servers from the database server, with the "
                     "server's own permissions",
                 "move the file or remote work out of the migration, into a reviewed script "
                 "that runs on a client");
      return true;
    });
  }

 private:
  static void check_copy(const tree::Json& node, Emitter& out) {
    std::string target = tree::text(node, "filename");
    // COPY ... FROM STDIN / TO STDOUT has no filename: the data goes through the client.
    if (target.empty()) return;
    const auto* rel = tree::field(node, "relation");
    std::string source = rel != nullptr ? tree::relation_name(*rel) : "(query)";
    bool from = tree::flag(node, "is_from");
    std::string what = "COPY " + source + (from ? " FROM " : " TO ");
    std::string message;
    if (tree::flag(node, "is_program")) {
      message = what + "PROGRAM '" + target +
                "' runs a shell command on the database server as its OS user";
    } else {
      message = what + "'" + target + "' " + (from ? "reads" : "writes") +
                " a file on the database server";
    }
    out.report(-1, std::move(message),
               std::string("use COPY ... ") + (from ? "FROM STDIN" : "TO STDOUT") +
                   " (psql's \\copy) so the data goes through the client");
  }
};

}  // namespace

std::unique_ptr<Rule> make_unsafe_server_side_io() {
  return std::make_unique<UnsafeServerSideIo>();
}

}  // namespace sg
