#pragma once
// 16-bit audio kept losslessly compressed in memory, with random access.
//
// Samples are cut into blocks of block_samples, each coded on its own (sample_codec.h), so
// any stretch can be read by decoding only the blocks it touches; a table of byte offsets
// finds them. Appending codes each block as soon as it is full; the last, partial block
// stays raw until the store is serialised (where it is coded as a short block).
// Serialised form (docs/voice-engine.md, "AUDC"): u32 format 1, u32 block_samples,
// u32 partition_samples, u32 reserved, u64 sample count, u64 block count, u64 offsets
// [block count + 1], the coded blocks, u64 checksum64 of everything before it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "audio/sample_codec.h"

namespace echoes::audio {

struct SampleStoreOptions {
  /// Samples per independently decodable block (93 ms at 22,050 Hz). Shorter decodes less
  /// around each read and, on speech, even compresses slightly better (the predictor order
  /// follows the sounds); 2048 vs 4096: 0.541 vs 0.547 of raw on Kathleen (bench voice-memory).
  int block_samples = 2048;
  SampleCodecOptions codec;
};

class SampleStore {
 public:
  explicit SampleStore(const SampleStoreOptions& options = {});

  /// Appends 16-bit samples.
  void append(std::span<const std::int16_t> samples);
  /// Appends float samples in [-1, 1], quantised as audio::to_pcm16 does.
  void append(std::span<const float> samples);

  /// Number of samples held.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int block_samples() const { return options_.block_samples; }
  /// Number of blocks (the last may be partial).
  std::size_t block_count() const;

  /// Copies samples [start, start + out.size()) into `out`, decoding the blocks they touch.
  /// Throws echoes::Error(invalid_argument) when the range is outside [0, size()) or a block
  /// is damaged.
  void read(std::size_t start, std::span<std::int16_t> out) const;
  /// All samples, decoded.
  std::vector<std::int16_t> read_all() const;
  /// Decodes block `block` (< block_count()) into `out` (resized to its sample count).
  /// Throws echoes::Error(invalid_argument) when it is damaged.
  void decode_block(std::size_t block, std::vector<std::int16_t>& out) const;

  /// Heap memory held, bytes: coded blocks, offset table and the raw partial block.
  std::size_t heap_bytes() const;
  /// Bytes of coded audio (without tables); raw 16-bit audio would be 2 x size().
  std::size_t coded_bytes() const { return bytes_.size() + 2 * tail_.size(); }

  /// The store as bytes (format above); the partial last block is coded too.
  std::vector<std::uint8_t> serialise() const;
  /// A store from serialise()'s bytes. Checks the checksum and the tables; throws
  /// echoes::Error(invalid_argument, "... damaged") when they do not hold.
  static SampleStore deserialise(std::span<const std::uint8_t> bytes);

 private:
  /// When the last coded block is partial (a deserialised store), decodes it back into
  /// tail_ so appending continues it.
  void reopen_last_block();
  void code_tail();

  SampleStoreOptions options_;
  std::size_t size_ = 0;
  std::vector<std::uint8_t> bytes_;                 ///< coded blocks back to back
  std::vector<std::uint64_t> offsets_ = {0};        ///< block i is bytes_[offsets_[i], offsets_[i + 1])
  std::vector<std::int16_t> tail_;                  ///< samples after the coded blocks, raw
};

/// Reads from one SampleStore for the length of one task (one render), decoding each block
/// at most once. Not thread-safe; the store must outlive it.
class SampleReader {
 public:
  explicit SampleReader(const SampleStore& store) : store_(store) {}
  /// As SampleStore::read, through the reader's decoded blocks.
  void read(std::size_t start, std::span<std::int16_t> out);

 private:
  const SampleStore& store_;
  std::unordered_map<std::size_t, std::vector<std::int16_t>> blocks_;
};

}  // namespace echoes::audio
