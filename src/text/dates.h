#pragma once
// Spoken form of numeric dates, which flite's tokenizer does not know
// (it reads "3/4/2021" as "three slash four slash twenty twenty one").
#include <string>
#include <string_view>

namespace echoes::text {

/// Rewrites US-order numeric dates M/D/YYYY (also with '-') into words flite reads well:
/// "3/4/2021" -> "March fourth, 2021". Month 1-12, day 1-31, four-digit year; anything
/// else (fractions like 1/2, two-digit years) is left unchanged. Input: ASCII text.
std::string expand_numeric_dates(std::string_view text);

}  // namespace echoes::text
