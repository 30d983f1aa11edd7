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

void walk(const Json& node,
          const std::function<bool(std::string_view kind, const Json& fields)>& visit) {
  if (node.is_array()) {
    for (const auto& item : node) walk(item, visit);
    return;
  }
  if (!node.is_object()) return;
  std::string_view k = kind(node);
  bool wrapped = !k.empty() && std::isupper(static_cast<unsigned char>(k[0])) &&
                 node.begin().value().is_object();
  if (wrapped) {
    if (!visit(k, node.begin().value())) return;
    for (const auto& [key, child] : node.begin().value().items()) {
      (void)key;
      walk(child, visit);
    }
    return;
  }
  for (const auto& [key, child] : node.items()) {
    (void)key;
    walk(child, visit);
  }
}

}  // namespace sg::tree
