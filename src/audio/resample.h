#pragma once
// Sample-rate conversion with libsoxr (band-limited, linear phase, delay compensated).
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace echoes::audio {

/// soxr quality recipes, fastest first. `high` (soxr HQ: 20-bit, ~120 dB rejection) is plenty
/// for speech; `very_high` (28-bit) matches SoX `rate -v`.
enum class ResampleQuality { quick, low, medium, high, very_high };

/// Expected output length, in samples, for `input_samples` converted from `from_rate_hz` to
/// `to_rate_hz`: input_samples * to / from, rounded to nearest.
std::size_t resampled_length(std::size_t input_samples, int from_rate_hz, int to_rate_hz);

/// Resamples mono audio `in` (any range, usually [-1, 1]) from `from_rate_hz` to `to_rate_hz`.
/// Returns exactly resampled_length(in.size(), from, to) samples, time-aligned with the input
/// (soxr compensates its filter delay). Returns a copy when the rates are equal.
/// Throws echoes::Error(invalid_argument) if a rate is not positive.
std::vector<float> resample(std::span<const float> in, int from_rate_hz, int to_rate_hz,
                            ResampleQuality quality = ResampleQuality::high);

/// Streaming form of resample(): feed blocks with process(), then call finish() once.
/// The concatenated output equals resample() of the concatenated input.
/// Lets the decoder convert block by block without holding the source-rate signal.
class StreamResampler {
 public:
  /// Throws echoes::Error(invalid_argument) if a rate is not positive.
  StreamResampler(int from_rate_hz, int to_rate_hz,
                  ResampleQuality quality = ResampleQuality::high);
  ~StreamResampler();
  StreamResampler(const StreamResampler&) = delete;
  StreamResampler& operator=(const StreamResampler&) = delete;

  /// Converts one block of input samples and appends the available output to `out`.
  void process(std::span<const float> in, std::vector<float>& out);

  /// Flushes the filter tail into `out` and trims/pads the total output to
  /// resampled_length(total input). No process() calls are allowed afterwards.
  void finish(std::vector<float>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace echoes::audio
