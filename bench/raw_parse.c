/* The floor for `schemagate lint`: read each file and run pg_query_parse on it, nothing else.
 * Usage: raw_parse FILE...   Prints the number of files parsed and of parse errors. */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>

static char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  size_t cap = 1 << 14, len = 0, n;
  char *buf = malloc(cap);
  while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *bigger = realloc(buf, cap * 2);
      if (bigger == NULL) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  if (buf != NULL) buf[len] = '\0';
  return buf;
}

int main(int argc, char **argv) {
  int parsed = 0, errors = 0;
  for (int i = 1; i < argc; ++i) {
    char *sql = read_all(argv[i]);
    if (sql == NULL) {
      fprintf(stderr, "%s: cannot read\n", argv[i]);
      return 2;
    }
    PgQueryParseResult result = pg_query_parse(sql);
    if (result.error != NULL) ++errors;
    pg_query_free_parse_result(result);
    free(sql);
    ++parsed;
  }
  printf("%d files parsed, %d with errors\n", parsed, errors);
  return 0;
}
