#pragma once
// Bit-level writing and reading, most significant bit first, for the sample codec
// (sample_codec.h). The reader never reads outside its bytes: past the end it supplies zero
// bits and remembers that it did (overran()), so a damaged stream is detected, not followed.
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "common/error.h"

namespace echoes::audio {

/// Appends bits to a byte vector.
class BitWriter {
 public:
  explicit BitWriter(std::vector<std::uint8_t>& out) : out_(out) {}

  /// Appends the low `bits` bits of `value` (bits 0..32; higher bits of value must be 0).
  void put(std::uint32_t value, int bits) {
    acc_ = (acc_ << bits) | value;
    pending_ += bits;
    while (pending_ >= 8) {
      pending_ -= 8;
      out_.push_back(static_cast<std::uint8_t>(acc_ >> pending_));
    }
  }
  /// Appends `zeros` zero bits then a one bit (unary code of `zeros`).
  void put_unary(std::uint32_t zeros) {
    for (; zeros >= 32; zeros -= 32) put(0, 32);
    put(1, int(zeros) + 1);
  }
  /// Pads the last byte with zero bits and writes it.
  void flush() {
    if (pending_ > 0) put(0, 8 - pending_);
  }

 private:
  std::vector<std::uint8_t>& out_;
  std::uint64_t acc_ = 0;
  int pending_ = 0;  ///< bits in the low end of acc_ not yet written
};

/// Reads bits from a byte span.
class BitReader {
 public:
  explicit BitReader(std::span<const std::uint8_t> bytes)
      : begin_(bytes.data()), p_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  /// The next `bits` bits (0..32) as an unsigned number.
  std::uint32_t get(int bits) {
    if (bits == 0) return 0;
    if (avail_ < bits) refill();
    const auto v = static_cast<std::uint32_t>(buf_ >> (64 - bits));
    buf_ <<= bits;
    avail_ -= bits;
    return v;
  }
  /// A unary code: the number of zero bits before the next one bit. Throws
  /// Error(invalid_argument) when there are more than `max_zeros`.
  std::uint32_t get_unary(std::uint32_t max_zeros) {
    std::uint32_t zeros = 0;
    for (;;) {
      if (avail_ == 0) refill();
      // Bits below avail_ may already hold the next byte's bits (refill), which are real
      // stream bits, so only a leading one inside the available bits counts.
      const int z = std::countl_zero(buf_);
      if (z < avail_) {
        buf_ = (buf_ << z) << 1;
        avail_ -= z + 1;
        return zeros + std::uint32_t(z);
      }
      zeros += std::uint32_t(avail_);
      buf_ = avail_ >= 64 ? 0 : buf_ << avail_;
      avail_ = 0;
      if (zeros > max_zeros) throw Error(error_code::kInvalidArgument, "The stored audio is damaged.");
    }
  }
  /// Bytes touched so far (the partial last byte counted).
  std::size_t bytes_read() const { return (consumed_bits() + 7) / 8; }
  /// True when more bits were read than the span holds.
  bool overran() const { return consumed_bits() > 8 * std::size_t(end_ - begin_); }

 private:
  std::size_t consumed_bits() const { return 8 * std::size_t(p_ - begin_) + padded_bits_ - std::size_t(avail_); }

  /// Tops the buffer up to at least 57 bits.
  void refill() {
    if (end_ - p_ >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p_, 8);
      if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
      buf_ |= word >> avail_;  // also ORs in the leading bits of the next byte: harmless, see get_unary
      const int take = (64 - avail_) >> 3;
      p_ += take;
      avail_ += 8 * take;
      return;
    }
    while (avail_ <= 56) {
      std::uint64_t byte = 0;
      if (p_ < end_) {
        byte = *p_++;
      } else {
        padded_bits_ += 8;
      }
      buf_ |= byte << (56 - avail_);
      avail_ += 8;
    }
  }

  const std::uint8_t* begin_;
  const std::uint8_t* p_;
  const std::uint8_t* end_;
  std::uint64_t buf_ = 0;  ///< next bits at the top; avail_ of them valid
  int avail_ = 0;
  std::size_t padded_bits_ = 0;  ///< zero bits supplied past the end
};

}  // namespace echoes::audio
