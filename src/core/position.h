// A place in a migration file, as editors count it.
#pragma once

namespace sg {

struct Position {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (UTF-8 code points), as editors count
};

}  // namespace sg
