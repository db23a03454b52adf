#include "audio/resample.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <soxr.h>

#include "common/error.h"

namespace echoes::audio {
namespace {

unsigned long soxr_recipe(ResampleQuality quality) {
  switch (quality) {
    case ResampleQuality::quick: return SOXR_QQ;
    case ResampleQuality::low: return SOXR_LQ;
    case ResampleQuality::medium: return SOXR_MQ;
    case ResampleQuality::high: return SOXR_HQ;
    case ResampleQuality::very_high: return SOXR_VHQ;
  }
  return SOXR_HQ;
}

void check_rates(int from_rate_hz, int to_rate_hz) {
  if (from_rate_hz <= 0 || to_rate_hz <= 0) {
    throw Error(error_code::kInvalidArgument, "Sample rates must be positive to resample audio.");
  }
}

}  // namespace

std::size_t resampled_length(std::size_t input_samples, int from_rate_hz, int to_rate_hz) {
  check_rates(from_rate_hz, to_rate_hz);
  // Integer arithmetic avoids off-by-one drift on long inputs.
  const auto num = static_cast<unsigned long long>(input_samples) *
                   static_cast<unsigned long long>(to_rate_hz);
  const auto den = static_cast<unsigned long long>(from_rate_hz);
  return static_cast<std::size_t>((num + den / 2) / den);
}

struct StreamResampler::Impl {
  soxr_t soxr = nullptr;
  double ratio = 1.0;
  int from_rate_hz = 0;
  int to_rate_hz = 0;
  bool passthrough = false;
  std::size_t input_total = 0;
  std::size_t output_total = 0;

  // Runs soxr until it has consumed all of `in` (in == nullptr flushes) and appends output.
  void run(const float* in, std::size_t in_len, std::vector<float>& out) {
    const std::size_t chunk = static_cast<std::size_t>(std::ceil(in_len * ratio)) + 1024;
    for (;;) {
      const std::size_t start = out.size();
      out.resize(start + chunk);
      std::size_t consumed = 0;
      std::size_t produced = 0;
      soxr_error_t err = soxr_process(soxr, in, in_len, in ? &consumed : nullptr,
                                      out.data() + start, chunk, &produced);
      out.resize(start + produced);
      output_total += produced;
      if (err) throw Error(error_code::kInternal, std::string("Resampling failed: ") + err);
      if (in) {
        in += consumed;
        in_len -= consumed;
        if (in_len == 0 && produced < chunk) return;
      } else if (produced == 0) {
        return;
      }
    }
  }
};

StreamResampler::StreamResampler(int from_rate_hz, int to_rate_hz, ResampleQuality quality)
    : impl_(std::make_unique<Impl>()) {
  check_rates(from_rate_hz, to_rate_hz);
  impl_->from_rate_hz = from_rate_hz;
  impl_->to_rate_hz = to_rate_hz;
  impl_->ratio = static_cast<double>(to_rate_hz) / from_rate_hz;
  impl_->passthrough = from_rate_hz == to_rate_hz;
  if (impl_->passthrough) return;
  soxr_error_t err = nullptr;
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  const soxr_quality_spec_t q = soxr_quality_spec(soxr_recipe(quality), 0);
  impl_->soxr = soxr_create(from_rate_hz, to_rate_hz, 1, &err, &io, &q, nullptr);
  if (err || !impl_->soxr) {
    throw Error(error_code::kInternal, std::string("Could not set up the resampler: ") +
                                           (err ? err : "unknown error"));
  }
}

StreamResampler::~StreamResampler() {
  if (impl_ && impl_->soxr) soxr_delete(impl_->soxr);
}

void StreamResampler::process(std::span<const float> in, std::vector<float>& out) {
  impl_->input_total += in.size();
  if (impl_->passthrough) {
    out.insert(out.end(), in.begin(), in.end());
    impl_->output_total += in.size();
    return;
  }
  if (!in.empty()) impl_->run(in.data(), in.size(), out);
}

void StreamResampler::finish(std::vector<float>& out) {
  if (!impl_->passthrough) impl_->run(nullptr, 0, out);
  // soxr's flush can differ from the exact length by a sample; make lengths predictable.
  const std::size_t want =
      resampled_length(impl_->input_total, impl_->from_rate_hz, impl_->to_rate_hz);
  const std::size_t have = impl_->output_total;
  if (have > want) {
    out.resize(out.size() - std::min(out.size(), have - want));
  } else if (have < want) {
    out.resize(out.size() + (want - have), 0.0f);
  }
  impl_->output_total = want;
}

std::vector<float> resample(std::span<const float> in, int from_rate_hz, int to_rate_hz,
                            ResampleQuality quality) {
  check_rates(from_rate_hz, to_rate_hz);
  if (from_rate_hz == to_rate_hz) return {in.begin(), in.end()};
  std::vector<float> out;
  out.reserve(resampled_length(in.size(), from_rate_hz, to_rate_hz) + 16);
  StreamResampler stream(from_rate_hz, to_rate_hz, quality);
  stream.process(in, out);
  stream.finish(out);
  return out;
}

}  // namespace echoes::audio
