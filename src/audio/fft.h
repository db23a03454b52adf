#pragma once
// A real-input FFT of fixed size over FFTW single precision, shared by pitch and MFCC code.
#include <complex>
#include <cstddef>
#include <span>

namespace echoes::audio {

/// Smallest n' >= n whose only prime factors are 2, 3 and 5 (sizes FFTW transforms fastest).
std::size_t next_fast_fft_size(std::size_t n);

/// Forward/inverse real FFT of one size with its own SIMD-aligned buffers.
/// Plans are made with FFTW_ESTIMATE under a process-wide mutex, because FFTW's planner is
/// not thread-safe; forward()/inverse() on different instances may run concurrently.
class RealFft {
 public:
  /// Throws echoes::Error(invalid_argument) for size 0.
  explicit RealFft(std::size_t size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return size_; }
  /// Time-domain buffer, size() samples: fill before forward(), read after inverse().
  std::span<float> time() { return {time_, size_}; }
  /// Spectrum buffer, size()/2 + 1 bins (DC .. Nyquist).
  std::span<std::complex<float>> spectrum() { return {spectrum_, size_ / 2 + 1}; }

  /// time() -> spectrum(), unnormalised: X[k] = sum_n x[n] e^{-2 pi i k n / N}.
  void forward();
  /// spectrum() -> time(), unnormalised (the result is N times the true inverse).
  /// Overwrites spectrum() (FFTW's complex-to-real transforms destroy their input).
  void inverse();

 private:
  std::size_t size_;
  float* time_ = nullptr;
  std::complex<float>* spectrum_ = nullptr;
  void* forward_plan_ = nullptr;
  void* inverse_plan_ = nullptr;
};

}  // namespace echoes::audio
