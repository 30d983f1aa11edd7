// unsafe-server-side-io: these run with the database server's own file-system and network
// access (as the postgres OS user), outside anything the migration's review can see.
#include <array>

#include "lint/rule.h"
#include "sql/identifiers.h"
#include "sql/tree.h"

namespace sg {
namespace {

constexpr std::array<std::string_view, 5> kFileFunctions = {"pg_read_file", "pg_read_binary_file",
                                                            "pg_ls_dir", "lo_import", "lo_export"};

bool is_unsafe_function(const std::string& name) {
  for (auto f : kFileFunctions) {
    if (name == f) return true;
  }
  return name.rfind("dblink", 0) == 0;  // dblink, dblink_exec, dblink_connect, ...
}

class UnsafeServerSideIo : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind == "CopyStmt") check_copy(*stmt.node, out);
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
