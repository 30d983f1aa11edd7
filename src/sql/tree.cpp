#include "sql/tree.h"

#include <cctype>

namespace sg::tree {

const Json* field(const Json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(key);
  return it == node.end() ? nullptr : &*it;
}

std::string text(const Json& node, std::string_view key) {
  const Json* f = field(node, key);
  return f != nullptr && f->is_string() ? f->get<std::string>() : std::string();
}

bool flag(const Json& node, std::string_view key) {
  const Json* f = field(node, key);
  return f != nullptr && f->is_boolean() && f->get<bool>();
}

long number(const Json& node, std::string_view key, long fallback) {
  const Json* f = field(node, key);
  return f != nullptr && f->is_number() ? f->get<long>() : fallback;
}

long location(const Json& node) { return number(node, "location", -1); }

std::string_view kind(const Json& wrapped) {
  if (!wrapped.is_object() || wrapped.size() != 1) return {};
  return wrapped.begin().key();
}

const Json& body(const Json& wrapped) { return wrapped.begin().value(); }

const Json* as(const Json& wrapped, std::string_view k) {
  return kind(wrapped) == k ? &body(wrapped) : nullptr;
}

std::vector<std::string> strings(const Json* list) {
  std::vector<std::string> out;
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& item : *list) {
    if (const Json* s = as(item, "String")) out.push_back(text(*s, "sval"));
  }
  return out;
}

std::string relation_name(const Json& range_var) {
  std::string schema = text(range_var, "schemaname");
  std::string name = text(range_var, "relname");
  return schema.empty() ? name : schema + "." + name;
}

bool has_def_elem(const Json& node, std::string_view list, std::string_view name) {
  const Json* defs = field(node, list);
  if (defs == nullptr) return false;
  for (const auto& item : *defs) {
    const Json* def = as(item, "DefElem");
    if (def != nullptr && text(*def, "defname") == name) return true;
  }
  return false;
}

bool has_schema(const Json& range_var) { return !text(range_var, "schemaname").empty(); }

std::string type_name(const Json& type_name_node) {
  std::vector<std::string> names = strings(field(type_name_node, "names"));
  return names.empty() ? std::string() : names.back();
}

std::vector<long> type_mods(const Json& type_name_node) {
  std::vector<long> mods;
  const Json* list = field(type_name_node, "typmods");
  if (list == nullptr || !list->is_array()) return mods;
  for (const auto& item : *list) {
    const Json* constant = as(item, "A_Const");
    if (constant == nullptr) return {};
    const Json* ival = field(*constant, "ival");
    if (ival == nullptr) return {};
    mods.push_back(number(*ival, "ival", 0));  // {"ival": {}} is zero: zero is omitted
  }
  return mods;
}

namespace {

// {"Kind": {fields}}: a node wrapped in its kind (kinds start upper-case; field names do not).
bool is_wrapper(const Json& node) {
  std::string_view k = kind(node);
  return !k.empty() && std::isupper(static_cast<unsigned char>(k[0])) &&
         node.begin().value().is_object();
}

}  // namespace

// Iterative on purpose: a generated statement can nest thousands of levels (a 25,000-term sum,
// a 50,000-way UNION), and a recursive walk overflows the stack on it.
void walk(const Json& node,
          const std::function<bool(std::string_view kind, const Json& fields)>& visit) {
  std::vector<const Json*> pending{&node};
  auto push_children = [&pending](const Json& container) {
    // Reversed, so the first child is visited first: the same order as a recursive walk.
    for (auto it = container.rbegin(); it != container.rend(); ++it) pending.push_back(&*it);
  };
  while (!pending.empty()) {
    const Json& current = *pending.back();
    pending.pop_back();
    if (current.is_array()) {
      push_children(current);
      continue;
    }
    if (!current.is_object()) continue;
    if (!is_wrapper(current)) {
      push_children(current);
    } else if (visit(kind(current), current.begin().value())) {
      push_children(current.begin().value());
    }
  }
}

size_t nesting(const Json& node) {
  size_t deepest = 0;
  std::vector<std::pair<const Json*, size_t>> pending{{&node, 0}};
  while (!pending.empty()) {
    auto [current, depth] = pending.back();
    pending.pop_back();
    if (!current->is_structured()) continue;
    // A node's fields are one level; the {"Kind": ...} wrapper around them and field lists
    // add none (typed fields such as a SelectStmt's larg have no wrapper at all).
    if (current->is_object() && !is_wrapper(*current)) ++depth;
    deepest = std::max(deepest, depth);
    for (const auto& child : *current) {
      if (child.is_structured()) pending.emplace_back(&child, depth);
    }
  }
  return deepest;
}

}  // namespace sg::tree
