#pragma once
// Phonetic coverage of analysed text: which phones and diphones it contains, and how
// much of English that is.
//
// Coverage is reported against two inventories (see docs/passages.md):
//  - the theoretical inventory (phone_set.h): 40 phones, 1,680 diphones. Many of those
//    pairs are rare or impossible in English (e.g. "ng" never starts a word), so 100% is
//    out of reach by design;
//  - natural English (diphone_reference.h): diphone counts of 593 read sentences. The
//    share of those diphone types present, and the frequency-weighted share (the chance
//    that a diphone of running English speech is one the text contains).
#include <map>
#include <string>
#include <vector>

#include "text/phone.h"

namespace echoes::text {

/// Phones and diphones found in some text, with occurrence counts.
struct PhoneticInventory {
  std::map<std::string, int> phone_counts;    ///< speech phones only (no "pau")
  std::map<std::string, int> diphone_counts;  ///< keys "a-b" (phone_set.h diphone_key); no "pau-pau"
};

/// Adds the phones of `utterance` and its diphones (consecutive phones, within and
/// across words, pauses included) to `inventory`.
void add_to_inventory(const Utterance& utterance, PhoneticInventory& inventory);

/// The inventory of several utterances.
PhoneticInventory inventory_of(const std::vector<Utterance>& utterances);

/// Coverage figures; all *_coverage values are fractions in [0, 1].
struct Coverage {
  int phones_present = 0;
  int phones_total = 0;             ///< 40
  double phone_coverage = 0.0;
  int diphones_present = 0;         ///< diphones of the theoretical inventory present
  int diphones_total = 0;           ///< 1,680
  double diphone_coverage = 0.0;
  int reference_diphones_present = 0;  ///< natural-English diphone types present
  int reference_diphones_total = 0;    ///< diphone types in the reference sample
  double reference_diphone_coverage = 0.0;
  double weighted_diphone_coverage = 0.0;  ///< frequency-weighted share of the reference
};

/// Measures the coverage of `inventory` against both inventories.
Coverage measure_coverage(const PhoneticInventory& inventory);

}  // namespace echoes::text
