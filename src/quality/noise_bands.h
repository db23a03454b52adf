#pragma once
// Short-time band powers of the whole recording and, per band, the stationary
// noise floor under the speech (a bias-corrected low quantile over time).
//
// Why bands: speech rarely fills every band at once (vowels leave the top empty,
// /s/ leaves the bottom empty, stops close everything), so a band's quiet moments
// show the noise even in a recording with almost no pauses.
#include <cstddef>
#include <span>
#include <vector>

namespace echoes::quality {

struct NoiseBandOptions {
  double frame_s = 0.025;   // STFT window (Hann) centred on each hop cell
  // Band edges in Hz (the last band runs to Nyquist). Narrow at the bottom where
  // speech formants move, at least ~4 FFT bins wide so each band's power is steady.
  std::vector<double> edges_hz = {0,    150,  300,  450,  600,  800,  1000,  1250,  1500,
                                  1800, 2100, 2500, 3000, 3500, 4000, 5000,  6000,  7000,
                                  8000, 9500, 11000, 13000, 15500, 18500};
  int smooth_cells = 3;     // band powers are averaged over this many cells first
  // Low quantiles of the band power; each, bias-corrected, estimates the noise's mean
  // power, and speech can only raise them, so the floor is the smallest. The lower
  // one still finds the noise when speech fills a band 90 % of the time (a short,
  // dense take); the higher one is steadier when it does not.
  std::vector<double> quantiles = {0.10, 0.02};
};

/// Band power of every hop cell. power[cell * bands + b] is the mean square of the
/// windowed frame centred on the cell that falls in band b (summed over bands it is
/// the frame's mean square, 1.0 = 0 dBFS).
struct BandPowers {
  double hop_s = 0.010;
  std::size_t bands = 0;
  std::size_t cells = 0;
  std::vector<float> power;
  std::vector<double> dof;   // degrees of freedom of one band-power value (Gaussian noise)
  std::vector<double> low_hz;   // edges of each band, Hz (as the FFT bins fall)
  std::vector<double> high_hz;
  double band(std::size_t cell, std::size_t b) const { return power[cell * bands + b]; }
};

/// Computes band powers of mono `samples` at `rate_hz`, one frame per hop cell
/// (cell i = [i*hop_s, (i+1)*hop_s)), after removing `dc`. Bands above Nyquist are dropped.
BandPowers compute_band_powers(std::span<const float> samples, int rate_hz, double hop_s,
                               double dc, const NoiseBandOptions& options = {});

/// Stationary noise floor of each band (mean power, same units as BandPowers): each
/// of `quantiles` of the time-smoothed band power, scaled by the mean-to-quantile ratio
/// of a chi-square variable with the band's degrees of freedom (so that for steady
/// Gaussian noise it is the noise's mean power, not its quiet moments); the smallest.
std::vector<double> band_noise_floors(const BandPowers& powers, const NoiseBandOptions& options = {});

}  // namespace echoes::quality
