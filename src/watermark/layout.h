#pragma once
// The time-frequency grid the watermark lives on. Internal to echoes_watermark: embedder and
// detector must use identical values, so these are constants, not options.
//
// The signal (at 22,050 Hz) is cut into frames of kFrameSize samples every kHop samples
// (sqrt-Hann, 50% overlap); the band kMinHz..kMaxHz is split into kBandCount bands. A period
// of kFramesPerPeriod frames x kBandCount bands = kCellCount cells carries the whole mark and
// repeats through the clip, so any stretch of about 1.5 s holds several copies and the
// detector needs no start point. Each cell belongs to the sync or to one payload symbol; its
// FFT bins carry keyed random phases.
#include <cstddef>

namespace echoes::watermark::layout {

inline constexpr int kRateHz = 22050;
inline constexpr std::size_t kFrameSize = 1024;
inline constexpr std::size_t kHop = kFrameSize / 2;
inline constexpr int kFramesPerPeriod = 16;
// 600..6600 Hz: codecs at 64 kbps keep it, and it stays below the 8 kHz Nyquist of 16 kHz audio.
inline constexpr double kMinHz = 600.0;
inline constexpr double kMaxHz = 6600.0;
inline constexpr int kBandCount = 24;
inline constexpr int kCellCount = kFramesPerPeriod * kBandCount;
/// Cells carrying the fixed sync pattern; the rest carry the payload.
inline constexpr int kSyncCells = kCellCount / 2;
/// The 32-bit payload word travels as kPayloadSymbols symbols of 8 bits, each a choice among
/// 256 keyed pseudo-random sign patterns over its cells' bins (256-ary signalling needs far
/// less signal per bit than 32 separate bits).
inline constexpr int kPayloadSymbols = 4;
inline constexpr int kSymbolBits = 8;
inline constexpr int kSymbolValues = 1 << kSymbolBits;
/// Frame offsets the detector tries (kHop / kSubHopSteps apart); between them it searches
/// every sample lag by FFT.
inline constexpr int kSubHopSteps = 4;

/// FFT bin range [first, last) of band `band`.
inline std::size_t band_first_bin(int band) {
  const double hz = kMinHz + (kMaxHz - kMinHz) * band / kBandCount;
  return static_cast<std::size_t>(hz * kFrameSize / kRateHz + 0.5);
}
inline std::size_t band_end_bin(int band) { return band_first_bin(band + 1); }

/// First bin of band 0 and end of the last band: the bins that carry the mark.
inline std::size_t first_bin() { return band_first_bin(0); }
inline std::size_t end_bin() { return band_first_bin(kBandCount); }
inline std::size_t bin_count() { return end_bin() - first_bin(); }

/// Cell index of (frame within the period, band).
inline int cell_index(int frame_in_period, int band) { return frame_in_period * kBandCount + band; }

}  // namespace echoes::watermark::layout

namespace echoes::watermark::layout {

/// Frames covering `samples` samples: frame t spans [t*kHop - kHop, t*kHop + kHop).
inline std::size_t frame_count(std::size_t samples) { return samples / kHop + 2; }

}  // namespace echoes::watermark::layout
