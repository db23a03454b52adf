#include "audio/fft.h"

#include <mutex>

#include <fftw3.h>

#include "common/error.h"

namespace echoes::audio {
namespace {

std::mutex& planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

fftwf_complex* as_fftw(std::complex<float>* p) { return reinterpret_cast<fftwf_complex*>(p); }

}  // namespace

std::size_t next_fast_fft_size(std::size_t n) {
  if (n <= 1) return 1;
  for (std::size_t candidate = n;; ++candidate) {
    std::size_t rest = candidate;
    for (std::size_t p : {2u, 3u, 5u}) {
      while (rest % p == 0) rest /= p;
    }
    if (rest == 1) return candidate;
  }
}

RealFft::RealFft(std::size_t size) : size_(size) {
  if (size == 0) throw Error(error_code::kInvalidArgument, "FFT size must be positive.");
  std::lock_guard<std::mutex> lock(planner_mutex());
  time_ = fftwf_alloc_real(size_);
  spectrum_ = reinterpret_cast<std::complex<float>*>(fftwf_alloc_complex(size_ / 2 + 1));
  const int n = static_cast<int>(size_);
  forward_plan_ = fftwf_plan_dft_r2c_1d(n, time_, as_fftw(spectrum_), FFTW_ESTIMATE);
  inverse_plan_ = fftwf_plan_dft_c2r_1d(n, as_fftw(spectrum_), time_, FFTW_ESTIMATE);
}

RealFft::~RealFft() {
  std::lock_guard<std::mutex> lock(planner_mutex());
  fftwf_destroy_plan(static_cast<fftwf_plan>(forward_plan_));
  fftwf_destroy_plan(static_cast<fftwf_plan>(inverse_plan_));
  fftwf_free(time_);
  fftwf_free(spectrum_);
}

void RealFft::forward() { fftwf_execute(static_cast<fftwf_plan>(forward_plan_)); }

void RealFft::inverse() { fftwf_execute(static_cast<fftwf_plan>(inverse_plan_)); }

}  // namespace echoes::audio
