// Small readers for libpg_query's JSON tree. The JSON omits zero, false and empty fields,
// so every reader takes a default instead of indexing (`node["x"]` would insert or throw).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sg::tree {

using Json = nlohmann::json;

// The field `key` of an object node, or nullptr.
const Json* field(const Json& node, std::string_view key);
std::string text(const Json& node, std::string_view key);  // "" when absent
bool flag(const Json& node, std::string_view key);         // false when absent
long number(const Json& node, std::string_view key, long fallback = 0);
// The byte offset in `location`, or -1 when the node has none.
long location(const Json& node);

// A wrapped node is {"Kind": {...}}: its kind and its fields.
std::string_view kind(const Json& wrapped);
const Json& body(const Json& wrapped);
// The fields of `wrapped` when it is of kind `k`, else nullptr.
const Json* as(const Json& wrapped, std::string_view k);

// [{"String": {"sval": "a"}}, ...] -> {"a", ...}
std::vector<std::string> strings(const Json* list);
// Whether `node`'s DefElem list `list` ("options", "params") holds one named `name`.
bool has_def_elem(const Json& node, std::string_view list, std::string_view name);
// A RangeVar as written: "schema.name" or "name".
std::string relation_name(const Json& range_var);
// Whether a RangeVar names a schema explicitly.
bool has_schema(const Json& range_var);
// A TypeName's last name part (pg_catalog.int4 -> "int4"), lower case as the parser stores it.
std::string type_name(const Json& type_name_node);
// Integer type modifiers of a TypeName (varchar(20) -> {20}); empty when none or not integers.
std::vector<long> type_mods(const Json& type_name_node);

// Visits every wrapped node below `node` (depth first, `node` itself included when wrapped).
// Return false from `visit` to skip a node's children. Needs no stack for deep trees.
void walk(const Json& node,
          const std::function<bool(std::string_view kind, const Json& fields)>& visit);

// How many nodes deep `node` goes, counting each node's fields object once (a lone
// `{"A_Const": {"ival": {}}}` is 2: the constant and its value).
size_t nesting(const Json& node);

}  // namespace sg::tree
