#pragma once
// How often each diphone occurs in natural read English: the reference for
// frequency-weighted coverage (coverage.h).
//
// Source: the 593 CMU ARCTIC "a" prompts (as transcribed for the Kathleen recordings),
// analysed with FliteFrontEnd. Only the derived counts are shipped, so Echoes does not
// need the corpus at run time. tests/text/test_diphone_reference.cpp recomputes the table
// from the corpus and fails if it is out of date; with ECHOES_WRITE_DIPHONE_REFERENCE=<file>
// set it writes a fresh diphone_reference.cpp.
#include <string_view>
#include <vector>

namespace echoes::text {

struct ReferenceDiphone {
  std::string_view diphone;  ///< key "a-b" as phone_set.h diphone_key
  int count;                 ///< occurrences in the reference sample
};

/// The reference diphone counts, sorted by key. 1,299 diphone types.
const std::vector<ReferenceDiphone>& reference_diphone_counts();

}  // namespace echoes::text
