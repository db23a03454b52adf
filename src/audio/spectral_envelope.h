#pragma once
// Smooth spectral envelopes of short frames (cepstral smoothing) and the operations a
// spectral mapping needs on them: frequency warping and short-time filtering that changes
// a signal's envelope while keeping its fine structure and phase.
//
// Why cepstral smoothing: keeping only the low quefrencies of the log spectrum removes the
// harmonics (F0 above ~150 Hz sits beyond the lifter) and leaves the formant envelope, which
// is what a speaker's vocal tract sets.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "audio/audio.h"
#include "audio/fft.h"

namespace echoes::audio {

struct EnvelopeOptions {
  std::size_t fft_size = 1024;  ///< analysis frame = FFT length, samples (46 ms at 22,050 Hz)
  std::size_t lifter = 40;      ///< cepstral coefficients kept (quefrencies below 1.8 ms at 22,050 Hz)
  float floor = 1e-7f;          ///< magnitudes are floored here before the log (full-scale units)
};

/// Computes natural-log amplitude envelopes of Hann-windowed frames; keeps its FFT buffers,
/// so one instance serves many frames (not thread-safe; use one per thread).
class EnvelopeAnalyzer {
 public:
  explicit EnvelopeAnalyzer(const EnvelopeOptions& options = {});
  std::size_t bins() const { return options_.fft_size / 2 + 1; }
  const EnvelopeOptions& options() const { return options_; }

  /// Envelope of the frame of fft_size samples starting at `start` of `samples` (zero past
  /// either end), bins() values of ln|X| smoothed, bin k at k * rate / fft_size Hz.
  void log_envelope(std::span<const float> samples, long start, std::vector<float>& out);

 private:
  void smooth(std::vector<float>& log_magnitude);
  EnvelopeOptions options_;
  RealFft fft_;
  std::vector<float> window_;
};

/// `log_envelope` with its frequency axis scaled by `warp`: out[k] = in[k / warp] (linear
/// interpolation; the last bin continues past the end). warp > 1 moves formants up.
std::vector<float> warp_log_envelope(std::span<const float> log_envelope, double warp);

/// An envelope change: frequencies scaled by `warp`, then one of several log-gain curves
/// (natural log of amplitude, one value per bin of an fft_size FFT) added.
struct EnvelopeMapping {
  double warp = 1.0;
  std::vector<std::vector<float>> log_gains;  ///< curves to choose from; empty = warp only
  /// Band extension for a band-limited source: above extend_from_hz (0 = off) the frame's
  /// spectrum is replaced by noise whose log envelope is the frame's mapped envelope over
  /// [reference_low_hz, extend_from_hz) plus high_bands[curve][k] (natural log, per bin,
  /// relative to that reference band), so the missing band follows the target's shape.
  double extend_from_hz = 0.0;
  double reference_low_hz = 6000.0;
  std::vector<std::vector<float>> high_bands;  ///< one per gain curve; empty = no extension
};

/// Applies `mapping` to `audio` frame by frame (Hann analysis and synthesis windows, hop
/// fft_size / 4, overlap-add): each frame's spectrum is multiplied by
/// exp(warped envelope + gain - envelope), clamped to +-max_change_db, so harmonics and
/// phase stay and only the envelope moves (plus the band extension, if set: deterministic
/// noise). `curve_at(time_s)` picks the gain curve for the
/// frame centred at time_s (ignored when there is at most one curve). Same length and
/// rate as the input.
Audio apply_envelope_mapping(const Audio& audio, const EnvelopeMapping& mapping,
                             const std::function<std::size_t(double time_s)>& curve_at = {},
                             const EnvelopeOptions& options = {}, double max_change_db = 30.0);

}  // namespace echoes::audio
