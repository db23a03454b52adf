#include "watermark/embed.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "audio/fft.h"
#include "audio/resample.h"
#include "common/error.h"
#include "watermark/layout.h"
#include "watermark/pattern.h"

namespace echoes::watermark {
namespace {

// sqrt of the periodic Hann window: used for analysis and synthesis, whose product (Hann)
// sums to 1 at 50% overlap, so unmodified frames reconstruct exactly.
std::vector<float> sqrt_hann() {
  std::vector<float> window(layout::kFrameSize);
  for (std::size_t i = 0; i < window.size(); ++i) {
    window[i] = static_cast<float>(
        std::sin(std::numbers::pi * static_cast<double>(i) / static_cast<double>(layout::kFrameSize)));
  }
  return window;
}

// The mark at 22,050 Hz: per frame and marked bin, alpha * |speech| with the bin's keyed
// phase, times the sign pattern of the payload symbol value for payload cells, overlap-added. Its level follows the speech spectrum
// (alpha below it in every bin), so it is masked by the speech and absent in silence.
std::vector<float> mark_at_working_rate(const std::vector<float>& x, std::uint32_t tag,
                                        const WatermarkOptions& options) {
  const KeyedPattern pattern = make_pattern(options.key);
  const std::uint32_t word = payload_word(tag);
  // Random-phase frames overlap-add incoherently, so they keep only half the power of the
  // windowed speech that coherent frames restore: sqrt(2) makes the mark's power exactly
  // level_db below the speech's in the marked band.
  const float alpha = static_cast<float>(std::sqrt(2.0) * std::pow(10.0, options.level_db / 20.0));
  const std::vector<float> window = sqrt_hann();
  audio::RealFft fft(layout::kFrameSize);
  const float inverse_scale = 1.0f / static_cast<float>(layout::kFrameSize);
  std::vector<float> mark(x.size(), 0.0f);
  const auto n = static_cast<std::ptrdiff_t>(x.size());
  for (std::size_t t = 0; t < layout::frame_count(x.size()); ++t) {
    const std::ptrdiff_t start = static_cast<std::ptrdiff_t>(t * layout::kHop) -
                                 static_cast<std::ptrdiff_t>(layout::kHop);
    auto time = fft.time();
    for (std::size_t i = 0; i < layout::kFrameSize; ++i) {
      const std::ptrdiff_t s = start + static_cast<std::ptrdiff_t>(i);
      time[i] = (s >= 0 && s < n) ? x[static_cast<std::size_t>(s)] * window[i] : 0.0f;
    }
    fft.forward();
    auto spectrum = fft.spectrum();
    const int frame = static_cast<int>(t % layout::kFramesPerPeriod);
    std::size_t bin = 0;
    for (; bin < layout::first_bin(); ++bin) spectrum[bin] = 0.0f;
    for (int band = 0; band < layout::kBandCount; ++band) {
      const int symbol = pattern.symbol[layout::cell_index(frame, band)];
      for (; bin < layout::band_end_bin(band); ++bin) {
        const float sign = symbol < 0 ? 1.0f
                                      : static_cast<float>(symbol_sign(
                                            pattern, symbol, symbol_value(word, symbol), frame, bin));
        spectrum[bin] = sign * alpha * std::abs(spectrum[bin]) * pattern.chip(frame, bin);
      }
    }
    for (; bin < spectrum.size(); ++bin) spectrum[bin] = 0.0f;
    fft.inverse();
    for (std::size_t i = 0; i < layout::kFrameSize; ++i) {
      const std::ptrdiff_t s = start + static_cast<std::ptrdiff_t>(i);
      if (s >= 0 && s < n) mark[static_cast<std::size_t>(s)] += time[i] * window[i] * inverse_scale;
    }
  }
  return mark;
}

}  // namespace

audio::Audio watermark_signal(const audio::Audio& speech, std::uint32_t tag,
                              const WatermarkOptions& options) {
  if (speech.rate_hz <= 0) {
    throw Error(error_code::kInvalidArgument, "Audio to watermark must have a positive sample rate.");
  }
  if (tag > kMaxTag) throw Error(error_code::kInvalidArgument, "A watermark tag must fit in 24 bits.");
  for (const float s : speech.samples) {
    if (!std::isfinite(s)) throw Error(error_code::kInvalidAudio, "The audio holds invalid (NaN or infinite) samples.");
  }
  if (speech.rate_hz == layout::kRateHz) {
    return {mark_at_working_rate(speech.samples, tag, options), speech.rate_hz};
  }
  const auto working = audio::resample(speech.samples, speech.rate_hz, layout::kRateHz);
  const auto mark = mark_at_working_rate(working, tag, options);
  auto back = audio::resample(mark, layout::kRateHz, speech.rate_hz);
  back.resize(speech.samples.size(), 0.0f);
  return {std::move(back), speech.rate_hz};
}

audio::Audio embed_watermark(const audio::Audio& speech, std::uint32_t tag,
                             const WatermarkOptions& options) {
  audio::Audio marked = watermark_signal(speech, tag, options);
  for (std::size_t i = 0; i < marked.samples.size(); ++i) marked.samples[i] += speech.samples[i];
  return marked;
}

}  // namespace echoes::watermark
