#pragma once
// The detector's view of a clip: every marked FFT bin of every speech frame, whitened and
// summed over the frames that share a position in the watermark period. Internal.
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

#include "watermark/layout.h"

namespace echoes::watermark::detail {

struct FoldedPhases {
  /// kFramesPerPeriod x layout::bin_count() sums of whitened spectra Y / envelope(Y),
  /// row-major by frame class (frame index mod kFramesPerPeriod), filtered to match the
  /// embedder's windows. Whitening removes gain and the speech's spectral shape; the mark,
  /// which has the same phases in every period, adds up coherently while speech does not.
  std::vector<std::complex<float>> sums;
  std::size_t active_frames = 0;  ///< frames with speech (within 40 dB of the loudest)
  std::complex<float> at(int frame_class, std::size_t bin) const {
    return sums[static_cast<std::size_t>(frame_class) * layout::bin_count() + bin - layout::first_bin()];
  }
};

/// Folds `x` (22,050 Hz) framed from `offset_samples` on: frame t spans
/// [offset + t*kHop - kHop, offset + t*kHop + kHop), sqrt-Hann windowed.
FoldedPhases fold_phases(std::span<const float> x, std::size_t offset_samples);

}  // namespace echoes::watermark::detail
