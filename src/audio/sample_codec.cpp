#include "audio/sample_codec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <limits>

#include "audio/bit_stream.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

enum Method : std::uint8_t { kVerbatim = 0, kConstant = 1, kFixed = 2 };  // kFixed + order
constexpr int kMaxOrder = 3;
constexpr int kRiceParamBits = 5;
// |residual| <= 8 x 32768 for order 3, so zigzag codes stay below 2^20; anything larger
// is damage, and the bound keeps a damaged stream from running away.
constexpr std::uint32_t kMaxCode = 1u << 21;
constexpr int kMaxRiceParam = 21;  // larger parameters never help codes below kMaxCode

[[noreturn]] void damaged() { throw Error(error_code::kInvalidArgument, "The stored audio is damaged."); }

/// Prediction of x[i] from the `kOrder` samples before it.
template <int kOrder>
std::int32_t predict(const std::int16_t* x) {
  if constexpr (kOrder == 0) return 0;
  if constexpr (kOrder == 1) return x[-1];
  if constexpr (kOrder == 2) return 2 * x[-1] - x[-2];
  if constexpr (kOrder == 3) return 3 * x[-1] - 3 * x[-2] + x[-3];
}

std::uint32_t zigzag(std::int32_t v) { return (std::uint32_t(v) << 1) ^ std::uint32_t(v >> 31); }
std::int32_t unzigzag(std::uint32_t u) { return std::int32_t(u >> 1) ^ -std::int32_t(u & 1); }

void put_i16(std::int16_t v, std::vector<std::uint8_t>& out) {
  const auto u = static_cast<std::uint16_t>(v);
  out.push_back(std::uint8_t(u & 0xFF));
  out.push_back(std::uint8_t(u >> 8));
}

std::int16_t get_i16(const std::uint8_t* p) { return static_cast<std::int16_t>(std::uint16_t(p[0] | (p[1] << 8))); }

/// FLAC's choice: the order with the smallest sum of |residual| (over the samples every
/// order predicts).
int best_order(std::span<const std::int16_t> x) {
  std::array<std::int64_t, kMaxOrder + 1> sum{};
  for (std::size_t i = kMaxOrder; i < x.size(); ++i) {
    const std::int16_t* p = x.data() + i;
    sum[0] += std::abs(*p - predict<0>(p));
    sum[1] += std::abs(*p - predict<1>(p));
    sum[2] += std::abs(*p - predict<2>(p));
    sum[3] += std::abs(*p - predict<3>(p));
  }
  return int(std::min_element(sum.begin(), sum.end()) - sum.begin());
}

template <int kOrder>
void residual_codes(std::span<const std::int16_t> x, std::vector<std::uint32_t>& codes) {
  codes.clear();
  for (std::size_t i = kOrder; i < x.size(); ++i) codes.push_back(zigzag(x[i] - predict<kOrder>(x.data() + i)));
}

std::uint64_t rice_bits(std::span<const std::uint32_t> codes, int k) {
  std::uint64_t bits = codes.size() * std::uint64_t(k + 1);
  for (std::uint32_t u : codes) bits += u >> k;
  return bits;
}

/// The Rice parameter with the fewest bits: estimated from the mean code, then the
/// neighbours tried exactly.
int best_rice_param(std::span<const std::uint32_t> codes) {
  std::uint64_t sum = 0;
  for (std::uint32_t u : codes) sum += u;
  const std::uint64_t mean = sum / std::max<std::size_t>(1, codes.size());
  const int guess = mean > 0 ? int(std::bit_width(mean)) - 1 : 0;
  int best = guess;
  std::uint64_t best_bits = rice_bits(codes, guess);
  for (int k : {guess - 1, guess + 1}) {
    if (k < 0 || k > kMaxRiceParam) continue;
    const std::uint64_t bits = rice_bits(codes, k);
    if (bits < best_bits) { best = k; best_bits = bits; }
  }
  return best;
}

void encode_fixed(std::span<const std::int16_t> x, int order, const SampleCodecOptions& o, std::vector<std::uint8_t>& out) {
  out.push_back(std::uint8_t(kFixed + order));
  for (int i = 0; i < order; ++i) put_i16(x[std::size_t(i)], out);
  std::vector<std::uint32_t> codes;
  switch (order) {
    case 0: residual_codes<0>(x, codes); break;
    case 1: residual_codes<1>(x, codes); break;
    case 2: residual_codes<2>(x, codes); break;
    default: residual_codes<3>(x, codes); break;
  }
  BitWriter bits(out);
  const std::size_t part = std::size_t(o.partition_samples);
  for (std::size_t a = 0; a < codes.size(); a += part) {
    const std::span<const std::uint32_t> p(codes.data() + a, std::min(part, codes.size() - a));
    const int k = best_rice_param(p);
    bits.put(std::uint32_t(k), kRiceParamBits);
    for (std::uint32_t u : p) {
      bits.put_unary(u >> k);
      bits.put(u & ((1u << k) - 1), k);
    }
  }
  bits.flush();
}

template <int kOrder>
void decode_residuals(BitReader& bits, const SampleCodecOptions& o, std::span<std::int16_t> out) {
  const std::size_t part = std::size_t(o.partition_samples);
  for (std::size_t a = kOrder; a < out.size(); a += part) {
    const std::size_t end = std::min(out.size(), a + part);
    const int k = int(bits.get(kRiceParamBits));
    if (k > kMaxRiceParam) damaged();  // also keeps every sum below in int32
    const std::uint32_t max_zeros = kMaxCode >> k;
    for (std::size_t i = a; i < end; ++i) {
      const std::uint32_t q = bits.get_unary(max_zeros);
      const std::uint32_t u = (q << k) | bits.get(k);
      const std::int32_t x = predict<kOrder>(out.data() + i) + unzigzag(u);
      if (x < std::numeric_limits<std::int16_t>::min() || x > std::numeric_limits<std::int16_t>::max()) damaged();
      out[i] = std::int16_t(x);
    }
  }
}

void decode_fixed(std::span<const std::uint8_t> bytes, int order, const SampleCodecOptions& o, std::span<std::int16_t> out) {
  const std::size_t warm = std::min<std::size_t>(std::size_t(order), out.size());
  if (bytes.size() < 2 * warm) damaged();
  for (std::size_t i = 0; i < warm; ++i) out[i] = get_i16(bytes.data() + 2 * i);
  BitReader bits(bytes.subspan(2 * warm));
  switch (order) {
    case 0: decode_residuals<0>(bits, o, out); break;
    case 1: decode_residuals<1>(bits, o, out); break;
    case 2: decode_residuals<2>(bits, o, out); break;
    default: decode_residuals<3>(bits, o, out); break;
  }
  if (bits.overran() || bits.bytes_read() != bytes.size() - 2 * warm) damaged();
}

}  // namespace

void encode_sample_block(std::span<const std::int16_t> samples, const SampleCodecOptions& options,
                         std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  if (!samples.empty() && std::all_of(samples.begin(), samples.end(), [&](std::int16_t s) { return s == samples[0]; })) {
    out.push_back(kConstant);
    put_i16(samples[0], out);
    return;
  }
  if (samples.size() > std::size_t(kMaxOrder)) {
    encode_fixed(samples, best_order(samples), options, out);
    if (out.size() - start < 1 + 2 * samples.size()) return;
    out.resize(start);  // no smaller than the samples themselves: store them as they are
  }
  out.push_back(kVerbatim);
  for (std::int16_t s : samples) put_i16(s, out);
}

void decode_sample_block(std::span<const std::uint8_t> bytes, const SampleCodecOptions& options,
                         std::span<std::int16_t> out) {
  if (bytes.empty() || options.partition_samples <= 0) damaged();
  const std::uint8_t method = bytes[0];
  const auto body = bytes.subspan(1);
  if (method == kVerbatim) {
    if (body.size() != 2 * out.size()) damaged();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = get_i16(body.data() + 2 * i);
  } else if (method == kConstant) {
    if (body.size() != 2) damaged();
    std::fill(out.begin(), out.end(), get_i16(body.data()));
  } else if (method <= kFixed + kMaxOrder) {
    decode_fixed(body, method - kFixed, options, out);
  } else {
    damaged();
  }
}

}  // namespace echoes::audio
