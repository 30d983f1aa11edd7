#include "db/rehearsal_values.h"

namespace sg {
namespace {

// varchar(n) and char(n) keep their length in typmod as n + 4; -1 means unlimited.
std::string string_of(const ValueType& t, const std::string& x) {
  int length = t.typmod > 4 ? t.typmod - 4 : 0;
  // Digits alone when a prefix would not fit, so short codes still get distinct values.
  if (length > 0 && length < 8) return "(" + x + ")::text";
  return "'r' || (" + x + ")";
}

std::optional<std::string> scalar_sql(const ValueType& t, const std::string& x) {
  const std::string& n = t.name;
  if (t.kind == 'e') {
    if (t.enum_labels == 0) return std::nullopt;
    return "(enum_range(NULL::" + t.sql + "))[((" + x + ") - 1) % " +
           std::to_string(t.enum_labels) + " + 1]";
  }
  if (t.kind != 'b') return std::nullopt;  // ranges, composites, multiranges, pseudo-types
  if (n == "money") return "(" + x + ")::numeric";
  if (t.category == 'N') return x;  // integers, numeric, floats, oid: one explicit cast away
  if (t.category == 'S') return string_of(t, x);
  if (n == "bool") return "(" + x + ") % 2 = 0";
  if (n == "date") return "date '2000-01-01' + (" + x + ")::int";
  if (n == "timestamp" || n == "timestamptz") {
    return n + " '2000-01-01 00:00' + (" + x + ") * interval '1 minute'";
  }
  if (n == "time" || n == "timetz") return "time '00:00' + (" + x + ") * interval '1 second'";
  if (n == "interval") return "(" + x + ") * interval '1 second'";
  if (n == "uuid") return "md5((" + x + ")::text)::uuid";
  if (n == "json" || n == "jsonb") return "json_build_object('n', " + x + ")";
  if (n == "bytea") return "convert_to((" + x + ")::text, 'UTF8')";
  if (n == "inet" || n == "cidr") return "'10.0.0.0'::inet + (" + x + ")";
  if (n == "xml") return "('<v>' || (" + x + ") || '</v>')";
  if (n == "tsvector") return "to_tsvector('simple', 'r' || (" + x + "))";
  if (n == "point") return "point(" + x + ", " + x + ")";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> value_sql(const PlannedColumn& column, const std::string& x) {
  std::optional<std::string> value;
  if (column.type.category == 'A') {
    auto element = scalar_sql(column.element, x);
    if (element) value = "ARRAY[(" + *element + ")::" + column.element.sql + "]";
  } else {
    value = scalar_sql(column.type, x);
  }
  if (!value) return std::nullopt;
  return "(" + *value + ")::" + column.type_sql;
}

}  // namespace sg
