#pragma once
// Lossless coding of one block of 16-bit samples, in the manner of FLAC's subframes.
//
// A block is coded as the first of these that is smallest:
//   constant  every sample the same: the value once;
//   fixed     a fixed polynomial predictor of order 0..3 (0, x[n-1], 2x[n-1]-x[n-2],
//             3x[n-1]-3x[n-2]+x[n-3]); the first `order` samples verbatim, then the
//             residuals zigzag-mapped and Rice-coded, one Rice parameter per partition;
//   verbatim  the samples as they are (noise, full-scale squares: never larger than raw).
// Byte layout (format in docs/voice-engine.md): u8 method (0 verbatim, 1 constant,
// 2 + order fixed), then i16 little-endian samples (verbatim: all; constant: one; fixed: the
// `order` warm-up samples), then for fixed the bit stream, most significant bit first: per
// partition a 5-bit Rice parameter k and per residual u: (u >> k) zero bits, a one bit and
// the low k bits of u; zero bits pad the last byte.
#include <cstdint>
#include <span>
#include <vector>

namespace echoes::audio {

struct SampleCodecOptions {
  /// Residuals sharing one Rice parameter. Shorter follows loudness changes more closely
  /// at 5 bits per partition.
  int partition_samples = 256;
};

/// Appends the coding of `samples` (any count, 0 included) to `out`. The count itself is
/// not stored: the decoder is told it.
void encode_sample_block(std::span<const std::int16_t> samples, const SampleCodecOptions& options,
                         std::vector<std::uint8_t>& out);

/// Decodes a block written by encode_sample_block with the same partition_samples into
/// `out`, which must have the block's sample count. Reads only `bytes`, which must be the
/// block's coding exactly. Throws echoes::Error(invalid_argument, "... damaged") when they
/// are not a valid coding of out.size() samples.
void decode_sample_block(std::span<const std::uint8_t> bytes, const SampleCodecOptions& options,
                         std::span<std::int16_t> out);

}  // namespace echoes::audio
