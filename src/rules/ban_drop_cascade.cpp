// ban-drop-cascade: CASCADE drops whatever depends on the object (views, foreign keys,
// defaults, functions, other schemas' objects) without naming any of it, so neither the
// migration nor its review shows what goes.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

constexpr const char* kHelp =
    "drop the dependent objects explicitly first, then drop without CASCADE: the default "
    "RESTRICT fails if anything still depends on it";

// OBJECT_MATVIEW -> "MATERIALIZED VIEW", OBJECT_FOREIGN_TABLE -> "FOREIGN TABLE".
std::string object_keyword(const std::string& remove_type) {
  std::string word = remove_type.substr(remove_type.find('_') + 1);
  if (word == "MATVIEW") return "MATERIALIZED VIEW";
  for (char& c : word) {
    if (c == '_') c = ' ';
  }
  return word;
}

// One dropped object's name as written: a dotted name, a function's name, a type's name.
std::string object_name(const tree::Json& object) {
  std::vector<std::string> parts;
  if (const tree::Json* list = tree::as(object, "List")) {
    parts = tree::strings(tree::field(*list, "items"));
  } else if (const tree::Json* s = tree::as(object, "String")) {
    parts.push_back(tree::text(*s, "sval"));
  } else if (const tree::Json* f = tree::as(object, "ObjectWithArgs")) {
    parts = tree::strings(tree::field(*f, "objname"));
  } else if (const tree::Json* t = tree::as(object, "TypeName")) {
    parts = tree::strings(tree::field(*t, "names"));
  }
  std::string name;
  for (const auto& part : parts) name += (name.empty() ? "" : ".") + part;
  return name;
}

class BanDropCascade : public Rule {
 public:
  void check(const Statement& stmt, const LintContext&, Emitter& out) override {
    if (stmt.kind == "DropStmt" || stmt.kind == "DropOwnedStmt") {
      if (tree::text(*stmt.node, "behavior") != "DROP_CASCADE") return;
      std::string what = stmt.kind == "DropOwnedStmt"
                             ? std::string("DROP OWNED")
                             : "DROP " + object_keyword(tree::text(*stmt.node, "removeType"));
      std::string names;
      int count = 0;
      if (const tree::Json* objects = tree::field(*stmt.node, "objects")) {
        for (const auto& object : *objects) {
          names += (count++ == 0 ? " " : ", ") + object_name(object);
        }
      }
      if (const tree::Json* roles = tree::field(*stmt.node, "roles")) {
        for (const auto& role : *roles) {
          const tree::Json* spec = tree::as(role, "RoleSpec");
          std::string name = spec != nullptr ? tree::text(*spec, "rolename") : "";
          // CURRENT_USER, SESSION_USER, CURRENT_ROLE have no name, only a role type.
          if (name.empty() && spec != nullptr) name = tree::text(*spec, "roletype").substr(9);
          names += (count++ == 0 ? " BY " : ", ") + name;
        }
      }
      std::string dropped = stmt.kind == "DropOwnedStmt"
                                ? (count > 1 ? "what the roles own" : "what the role owns")
                                : (count > 1 ? "them" : "it");
      out.report(-1,
                 what + names + " CASCADE also drops every object that depends on " + dropped +
                     ", without naming them",
                 kHelp);
      return;
    }
    if (stmt.kind != "AlterTableStmt") return;
    const tree::Json* rel = tree::field(*stmt.node, "relation");
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr) return;
    for (const auto& item : *cmds) {
      const tree::Json* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr || tree::text(*cmd, "behavior") != "DROP_CASCADE") continue;
      std::string subtype = tree::text(*cmd, "subtype");
      std::string what = subtype == "AT_DropColumn"       ? "DROP COLUMN "
                         : subtype == "AT_DropConstraint" ? "DROP CONSTRAINT "
                                                          : "";
      if (what.empty()) continue;
      out.report(-1,
                 "ALTER TABLE " + tree::relation_name(*rel) + " " + what +
                     tree::text(*cmd, "name") +
                     " CASCADE also drops every object that depends on it, without naming them",
                 kHelp);
    }
  }
  bool applies_to_down() const override { return false; }
};

}  // namespace

std::unique_ptr<Rule> make_ban_drop_cascade() { return std::make_unique<BanDropCascade>(); }

}  // namespace sg
