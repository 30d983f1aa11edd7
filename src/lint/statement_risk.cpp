// Statement classes of seed 003's risk table, refined by seed 004: new tables, CONCURRENTLY
// indexes and nullable columns are LOW; NOT NULL columns, type and enum changes MEDIUM; drops,
// data migrations and constraint changes HIGH; restructuring (renamed tables, partitions) and
// foreign-key changes CRITICAL. Changes to a table created earlier in the same file touch no
// existing rows or running code, so they stay LOW.
#include <cctype>
#include <set>

#include "lint/statement_risk.h"
#include "sql/tree.h"

namespace sg {
namespace {

using tree::Json;

class Classifier {
 public:
  void statement(const Statement& stmt) {
    const Json& node = *stmt.node;
    const std::string& k = stmt.kind;
    if (k == "CreateStmt") {
      create_table(node);
    } else if (k == "CreateTableAsStmt") {
      if (const Json* into = tree::field(node, "into")) {
        if (const Json* rel = tree::field(*into, "rel")) {
          created_.insert(tree::text(*rel, "relname"));
          add(Risk::kLow, "creates table " + tree::relation_name(*rel));
        }
      }
    } else if (k == "IndexStmt") {
      index(node);
    } else if (k == "AlterTableStmt") {
      alter_table(node);
    } else if (k == "RenameStmt") {
      rename(node);
    } else if (k == "DropStmt") {
      drop(node);
    } else if (k == "DropdbStmt") {
      add(Risk::kCritical, "drops database " + tree::text(node, "dbname"));
    } else if (k == "TruncateStmt") {
      bool cascade = tree::text(node, "behavior") == "DROP_CASCADE";
      for (const Json& item : relations(node, "relations")) {
        add_on(item, cascade ? Risk::kCritical : Risk::kHigh,
               std::string(cascade ? "truncates with CASCADE " : "truncates ") +
                   tree::relation_name(item));
      }
    } else if (k == "UpdateStmt" || k == "DeleteStmt") {
      if (const Json* rel = tree::field(node, "relation")) {
        add_on(*rel, Risk::kHigh,
               std::string(k == "UpdateStmt" ? "updates rows of " : "deletes rows of ") +
                   tree::relation_name(*rel));
      }
    } else if (k == "InsertStmt") {
      insert(node);
    } else if (k == "AlterEnumStmt") {
      add(Risk::kMedium, "changes enum type " + join(tree::strings(tree::field(node, "typeName"))));
    }
  }

  // Every RangeVar, wrapped or not: typed fields such as `relation` are stored unwrapped.
  void tables(const Json& node) {
    if (node.is_object()) {
      auto relname = node.find("relname");
      if (relname != node.end() && relname->is_string()) remember_table(tree::relation_name(node));
      for (const Json& value : node) tables(value);
    } else if (node.is_array()) {
      for (const Json& item : node) tables(item);
    }
  }

  StatementRisks take() { return std::move(result_); }

 private:
  void create_table(const Json& node) {
    const Json* rel = tree::field(node, "relation");
    if (rel == nullptr) return;
    created_.insert(tree::text(*rel, "relname"));
    add(Risk::kLow, "creates table " + tree::relation_name(*rel));
  }

  void index(const Json& node) {
    const Json* rel = tree::field(node, "relation");
    if (rel == nullptr) return;
    std::string table = tree::relation_name(*rel);
    if (tree::flag(node, "concurrent")) {
      add(Risk::kLow, "creates an index concurrently on " + table);
    } else {
      add_on(*rel, Risk::kMedium, "creates an index on " + table + " without CONCURRENTLY");
    }
  }

  void alter_table(const Json& node) {
    const Json* rel = tree::field(node, "relation");
    const Json* cmds = tree::field(node, "cmds");
    if (rel == nullptr || cmds == nullptr) return;
    std::string table = tree::relation_name(*rel);
    for (const Json& item : *cmds) {
      const Json* cmd = tree::as(item, "AlterTableCmd");
      if (cmd == nullptr) continue;
      std::string sub = tree::text(*cmd, "subtype");
      std::string column = table + "." + tree::text(*cmd, "name");
      if (sub == "AT_AddColumn") {
        add_column(*rel, *cmd, table);
      } else if (sub == "AT_DropColumn") {
        add_on(*rel, Risk::kHigh, "drops column " + column);
      } else if (sub == "AT_AlterColumnType") {
        add_on(*rel, Risk::kMedium, "changes the type of " + column);
      } else if (sub == "AT_SetNotNull") {
        add_on(*rel, Risk::kMedium, "sets NOT NULL on " + column);
      } else if (sub == "AT_DropNotNull") {
        add_on(*rel, Risk::kMedium, "drops NOT NULL on " + column);
      } else if (sub == "AT_AddConstraint") {
        const Json* def = tree::field(*cmd, "def");
        const Json* con = def != nullptr ? tree::as(*def, "Constraint") : nullptr;
        if (con != nullptr && tree::text(*con, "contype") == "CONSTR_FOREIGN") {
          add_on(*rel, Risk::kCritical, "adds a foreign key on " + table);
        } else {
          add_on(*rel, Risk::kHigh, "adds a constraint on " + table);
        }
      } else if (sub == "AT_DropConstraint") {
        add_on(*rel, Risk::kHigh, "drops constraint " + tree::text(*cmd, "name") + " on " + table);
      } else if (sub == "AT_ValidateConstraint") {
        add_on(*rel, Risk::kMedium, "validates constraint " + tree::text(*cmd, "name"));
      } else if (sub == "AT_AttachPartition" || sub == "AT_DetachPartition") {
        add_on(*rel, Risk::kCritical, "restructures the partitions of " + table);
      } else if (sub == "AT_ColumnDefault") {
        add(Risk::kLow, "changes the default of " + column);
      } else {
        add_on(*rel, Risk::kMedium, "alters table " + table);
      }
    }
  }

  void add_column(const Json& rel, const Json& cmd, const std::string& table) {
    const Json* def = tree::field(cmd, "def");
    const Json* col = def != nullptr ? tree::as(*def, "ColumnDef") : nullptr;
    if (col == nullptr) return;
    std::string column = table + "." + tree::text(*col, "colname");
    Risk risk = Risk::kLow;
    std::string what = "adds nullable column " + column;
    if (const Json* constraints = tree::field(*col, "constraints")) {
      for (const Json& c : *constraints) {
        const Json* con = tree::as(c, "Constraint");
        std::string type = con != nullptr ? tree::text(*con, "contype") : "";
        if (type == "CONSTR_FOREIGN") {
          risk = Risk::kCritical;
          what = "adds a foreign key on " + column;
        } else if ((type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") && risk < Risk::kMedium) {
          risk = Risk::kMedium;
          what = "adds NOT NULL column " + column;
        }
      }
    }
    add_on(rel, risk, what);
  }

  void rename(const Json& node) {
    std::string type = tree::text(node, "renameType");
    const Json* rel = tree::field(node, "relation");
    std::string target = rel != nullptr ? tree::relation_name(*rel) : "";
    std::string to = tree::text(node, "newname");
    if (type == "OBJECT_TABLE" && rel != nullptr) {
      add_on(*rel, Risk::kCritical, "renames table " + target + " to " + to);
    } else if (type == "OBJECT_COLUMN" && rel != nullptr) {
      add_on(*rel, Risk::kHigh,
             "renames column " + target + "." + tree::text(node, "subname") + " to " + to);
    } else {
      add(Risk::kMedium, "renames " + renamed_object(node, type, target) + " to " + to);
    }
  }

  void drop(const Json& node) {
    std::string type = tree::text(node, "removeType");
    bool cascade = tree::text(node, "behavior") == "DROP_CASCADE";
    const Json* objects = tree::field(node, "objects");
    if (objects == nullptr) return;
    for (const Json& object : *objects) {
      std::string name = object_name(object);
      if (type == "OBJECT_TABLE") {
        remember_table(name);
        bool created = created_.count(name.substr(name.rfind('.') + 1)) > 0;
        add(created ? Risk::kLow : Risk::kHigh, "drops table " + name);
      } else if (type == "OBJECT_INDEX") {
        add(Risk::kMedium, "drops index " + name);
      } else {
        add(Risk::kHigh, "drops " + kind_words(type) + " " + name);
      }
      if (cascade) add(Risk::kHigh, "drops " + name + " with CASCADE");
    }
  }

  void insert(const Json& node) {
    const Json* rel = tree::field(node, "relation");
    const Json* select = tree::field(node, "selectStmt");
    if (rel == nullptr) return;
    const Json* body = select != nullptr ? tree::as(*select, "SelectStmt") : nullptr;
    if (body != nullptr && tree::field(*body, "fromClause") != nullptr) {
      // INSERT ... SELECT FROM moves existing rows: a data migration, even into a new table.
      add(Risk::kHigh, "copies rows into " + tree::relation_name(*rel));
    } else {
      add(Risk::kLow, "inserts rows into " + tree::relation_name(*rel));
    }
  }

  // OBJECT_FOREIGN_TABLE -> "foreign table", OBJECT_TABCONSTRAINT -> "constraint"
  static std::string kind_words(const std::string& type) {
    std::string kind = type.rfind("OBJECT_", 0) == 0 ? type.substr(7) : type;
    if (kind == "TABCONSTRAINT" || kind == "DOMCONSTRAINT") return "constraint";
    if (kind == "MATVIEW") return "materialized view";
    for (char& c : kind) c = c == '_' ? ' ' : static_cast<char>(std::tolower(c));
    return kind;
  }

  // What a RENAME other than of a table or column renames, by its kind and old name:
  // "type TeamRole", "constraint orders_pkey on orders", "index orders_idx".
  static std::string renamed_object(const Json& node, const std::string& type,
                                    const std::string& target) {
    std::string kind = kind_words(type);
    std::string sub = tree::text(node, "subname");
    std::string name;
    if (const Json* object = tree::field(node, "object")) name = object_name(*object);
    if (name.empty() || name == "object") name = !sub.empty() ? sub : target;
    if (!sub.empty() && !target.empty() && name == sub) return kind + " " + sub + " on " + target;
    return kind + " " + name;
  }

  // A DROP's object: [{"String": ...}, ...] inside a List, or a TypeName for types.
  static std::string object_name(const Json& object) {
    if (const Json* list = tree::as(object, "List")) {
      return join(tree::strings(tree::field(*list, "items")));
    }
    if (const Json* type = tree::as(object, "TypeName")) {
      return join(tree::strings(tree::field(*type, "names")));
    }
    if (const Json* s = tree::as(object, "String")) return tree::text(*s, "sval");
    return "object";
  }

  static std::vector<Json> relations(const Json& node, std::string_view key) {
    std::vector<Json> out;
    if (const Json* list = tree::field(node, key)) {
      for (const Json& item : *list) {
        if (const Json* rv = tree::as(item, "RangeVar")) out.push_back(*rv);
      }
    }
    return out;
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
    return out;
  }

  // A change to a table created earlier in this file risks nothing that exists yet, and
  // "creates table x" already says what the migration does to it.
  void add_on(const Json& range_var, Risk risk, std::string text) {
    if (created_.count(tree::text(range_var, "relname")) > 0) return;
    add(risk, std::move(text));
  }
  void add(Risk risk, std::string text) { result_.reasons.push_back({risk, std::move(text)}); }

  void remember_table(const std::string& name) {
    if (seen_tables_.insert(name).second) result_.tables_touched.push_back(name);
  }

  std::set<std::string> created_;
  std::set<std::string> seen_tables_;
  StatementRisks result_;
};

}  // namespace

StatementRisks classify_statements(const ParsedFile& file) {
  Classifier classifier;
  for (const auto& stmt : file.statements) {
    // A function body runs when called, not during the migration; a DO block's statements
    // do run now (a backfill in a DO loop is a data migration).
    if (stmt.in_function_body) continue;
    classifier.statement(stmt);
    classifier.tables(*stmt.node);
  }
  return classifier.take();
}

}  // namespace sg
