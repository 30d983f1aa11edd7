// Where the text of a generated script came from. A Sequelize migration is JavaScript: what is
// linted and replayed is the SQL it sent, and each statement of that SQL is reported at the
// call in the .js file that sent it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/position.h"

namespace sg {

struct SourceMap {
  struct Span {
    size_t begin = 0;  // byte offset in the generated text; a span runs to the next one
    Position at;       // the call in the original file
  };
  std::vector<Span> spans;  // ascending by begin
  std::string original;     // the file as written: its lines are what reports quote
};

}  // namespace sg
