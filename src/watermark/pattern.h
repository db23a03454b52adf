#pragma once
// The keyed pseudo-random patterns and the payload word (voice tag + CRC).
#include <array>
#include <complex>
#include <cstdint>
#include <string_view>
#include <vector>

#include "watermark/layout.h"

namespace echoes::watermark {

/// Which cells carry sync and which carry each payload symbol, and the random unit phasor
/// (chip) of every marked FFT bin of every frame of the period. Derived from the key alone:
/// without the key the mark looks like noise shaped like the speech.
struct KeyedPattern {
  std::uint64_t seed = 0;  ///< from SHA-256(key); also seeds the symbol sign patterns
  std::array<std::int8_t, layout::kCellCount> symbol{};  ///< payload symbol of the cell, -1 = sync
  /// kFramesPerPeriod x layout::bin_count() phasors, row-major by frame in the period.
  std::vector<std::complex<float>> chips;
  std::complex<float> chip(int frame_in_period, std::size_t bin) const {
    return chips[static_cast<std::size_t>(frame_in_period) * layout::bin_count() + bin - layout::first_bin()];
  }
};

/// Builds the pattern for `key` (SHA-256 of the key seeds a keyed shuffle of the cells).
KeyedPattern make_pattern(std::string_view key);

/// The 24-bit voice tag embedded for a voice: the first 24 bits of SHA-256(voice_id).
std::uint32_t voice_tag(std::string_view voice_id);

/// Largest tag value that fits the payload (24 bits).
inline constexpr std::uint32_t kMaxTag = 0xFFFFFF;

/// Payload word: tag (24 bits) followed by its CRC-8 (8 bits).
std::uint32_t payload_word(std::uint32_t tag);

/// True when `word` carries a consistent tag + CRC; writes the tag to `tag`.
bool parse_payload_word(std::uint32_t word, std::uint32_t& tag);

/// The value (0..255) of payload symbol `symbol` of `word` (most significant byte first).
inline int symbol_value(std::uint32_t word, int symbol) {
  return static_cast<int>((word >> (8 * (layout::kPayloadSymbols - 1 - symbol))) & 0xFFu);
}

/// The +-1 sign that value `value` of payload symbol `symbol` puts on FFT bin `bin` of frame
/// `frame_in_period`: a keyed hash, so the 256 patterns of a symbol are nearly orthogonal.
int symbol_sign(const KeyedPattern& pattern, int symbol, int value, int frame_in_period,
                std::size_t bin);

}  // namespace echoes::watermark
