// The statements inside DO blocks and CREATE FUNCTION / PROCEDURE bodies, so rules see them.
//
// PL/pgSQL bodies go through libpg_query's PL/pgSQL parser (pg_query_parse_plpgsql); each
// embedded SQL statement is then parsed with pg_query_parse. LANGUAGE sql bodies are parsed
// directly. Every nested Statement maps back into the file exactly: the body is a substring of
// the file and PL/pgSQL keeps each query's text as written, so the query is found in it.
#pragma once

#include "sql/parser.h"

namespace sg {

// Inserts the statements of every DO block and function body of `parsed` right after the
// statement that contains them (they run in its transaction), with from_plpgsql set, in_loop
// inside PL/pgSQL loops, in_function_body inside CREATE FUNCTION / PROCEDURE, and
// location_offset mapping node locations into the file. `parsed.nested_trees` owns their nodes.
//
// PL/pgSQL expressions (assignments, PERFORM, conditions, RETURN, loop bounds, EXECUTE's
// string) are added too, read as "SELECT <expr>" with plpgsql_expression set, so rules see the
// calls in them; an EXECUTE of a constant string or a || of constants adds the statements it
// runs (text_elsewhere: reported at the EXECUTE's string).
//
// Bodies that do not parse (the server reports those when it runs or creates them), single-
// quoted bodies with escaped quotes (not a verbatim substring of the file), EXECUTE of strings
// built at run time and BEGIN ATOMIC bodies are skipped.
void add_body_statements(ParsedFile& parsed);

}  // namespace sg
