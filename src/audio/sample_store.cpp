#include "audio/sample_store.h"

#include <algorithm>
#include <cstring>

#include "audio/encode.h"
#include "common/checksum.h"
#include "common/error.h"

namespace echoes::audio {
namespace {

constexpr std::uint32_t kFormat = 1;
constexpr std::size_t kHeaderBytes = 32;
// Limits a deserialised store must respect, so hostile tables cannot ask for huge buffers.
constexpr int kMinBlockSamples = 16, kMaxBlockSamples = 1 << 16;

[[noreturn]] void damaged() { throw Error(error_code::kInvalidArgument, "The stored audio is damaged."); }

/// Copies [start, start + out.size()) from consecutive blocks given by `block(i)` (a span
/// of block i's samples).
template <typename BlockFn>
void copy_range(std::size_t start, std::span<std::int16_t> out, std::size_t block_samples, BlockFn&& block) {
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t at = start + done;
    const std::span<const std::int16_t> samples = block(at / block_samples);
    const std::size_t within = at % block_samples;
    if (within >= samples.size()) damaged();
    const std::size_t n = std::min(out.size() - done, samples.size() - within);
    std::copy_n(samples.data() + within, n, out.data() + done);
    done += n;
  }
}

void check_range(std::size_t start, std::size_t count, std::size_t size) {
  if (start > size || count > size - start) {
    throw Error(error_code::kInvalidArgument, "A read past the end of the stored audio.");
  }
}

template <typename T>
void put(std::vector<std::uint8_t>& out, T value) {
  const auto at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &value, sizeof(T));
}

/// Reads a T at `at`, checking it lies inside `bytes`.
template <typename T>
T get(std::span<const std::uint8_t> bytes, std::size_t at) {
  if (at > bytes.size() || sizeof(T) > bytes.size() - at) damaged();
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

}  // namespace

SampleStore::SampleStore(const SampleStoreOptions& options) : options_(options) {
  if (options_.block_samples < kMinBlockSamples || options_.block_samples > kMaxBlockSamples ||
      options_.codec.partition_samples <= 0) {
    throw Error(error_code::kInvalidArgument, "Invalid sample store options.");
  }
}

std::size_t SampleStore::block_count() const { return offsets_.size() - 1 + (tail_.empty() ? 0 : 1); }

void SampleStore::reopen_last_block() {
  const std::size_t coded = offsets_.size() - 1;
  if (!tail_.empty() || coded == 0 || size_ % std::size_t(options_.block_samples) == 0) return;
  decode_block(coded - 1, tail_);
  bytes_.resize(offsets_[coded - 1]);
  offsets_.pop_back();
}

void SampleStore::append(std::span<const std::int16_t> samples) {
  reopen_last_block();
  const auto block = std::size_t(options_.block_samples);
  while (!samples.empty()) {
    const std::size_t n = std::min(samples.size(), block - tail_.size());
    tail_.insert(tail_.end(), samples.begin(), samples.begin() + long(n));
    samples = samples.subspan(n);
    size_ += n;
    if (tail_.size() == block) code_tail();
  }
}

void SampleStore::append(std::span<const float> samples) {
  // Converted in pieces, so a long recording needs no second full-size copy.
  std::int16_t pcm[1024];
  for (std::size_t a = 0; a < samples.size(); a += std::size(pcm)) {
    const std::size_t n = std::min(std::size(pcm), samples.size() - a);
    std::transform(samples.begin() + long(a), samples.begin() + long(a + n), pcm, to_pcm16);
    append(std::span<const std::int16_t>(pcm, n));
  }
}

void SampleStore::code_tail() {
  encode_sample_block(tail_, options_.codec, bytes_);
  offsets_.push_back(bytes_.size());
  tail_.clear();
}

void SampleStore::decode_block(std::size_t block, std::vector<std::int16_t>& out) const {
  const std::size_t coded = offsets_.size() - 1;
  if (block >= coded) {
    if (block > coded || tail_.empty()) damaged();
    out = tail_;
    return;
  }
  const auto first = block * std::size_t(options_.block_samples);
  out.resize(std::min(std::size_t(options_.block_samples), size_ - first));
  const std::span<const std::uint8_t> coding(bytes_.data() + offsets_[block], offsets_[block + 1] - offsets_[block]);
  decode_sample_block(coding, options_.codec, out);
}

void SampleStore::read(std::size_t start, std::span<std::int16_t> out) const {
  check_range(start, out.size(), size_);
  std::vector<std::int16_t> buffer;
  copy_range(start, out, std::size_t(options_.block_samples), [&](std::size_t b) {
    decode_block(b, buffer);
    return std::span<const std::int16_t>(buffer);
  });
}

std::vector<std::int16_t> SampleStore::read_all() const {
  std::vector<std::int16_t> out(size_);
  read(0, out);
  return out;
}

std::size_t SampleStore::heap_bytes() const {
  return bytes_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) + tail_.capacity() * sizeof(std::int16_t);
}

std::vector<std::uint8_t> SampleStore::serialise() const {
  SampleStore copy = *this;  // codes the partial block without changing this store
  if (!copy.tail_.empty()) copy.code_tail();
  std::vector<std::uint8_t> out;
  out.reserve(kHeaderBytes + 8 * copy.offsets_.size() + copy.bytes_.size() + 8);
  put(out, kFormat);
  put(out, std::uint32_t(options_.block_samples));
  put(out, std::uint32_t(options_.codec.partition_samples));
  put(out, std::uint32_t(0));
  put(out, std::uint64_t(size_));
  put(out, std::uint64_t(copy.offsets_.size() - 1));
  for (std::uint64_t o : copy.offsets_) put(out, o);
  out.insert(out.end(), copy.bytes_.begin(), copy.bytes_.end());
  put(out, checksum64(out));
  return out;
}

SampleStore SampleStore::deserialise(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kHeaderBytes + 8) damaged();
  const auto body = bytes.first(bytes.size() - 8);
  if (checksum64(body) != get<std::uint64_t>(bytes, body.size())) damaged();
  if (get<std::uint32_t>(body, 0) != kFormat) damaged();
  const auto block = get<std::uint32_t>(body, 4), partition = get<std::uint32_t>(body, 8);
  const auto size = get<std::uint64_t>(body, 16), blocks = get<std::uint64_t>(body, 24);
  if (block < std::uint32_t(kMinBlockSamples) || block > std::uint32_t(kMaxBlockSamples) || partition == 0 ||
      partition > block || blocks != (size + block - 1) / block || blocks > (body.size() - kHeaderBytes) / 8) {
    damaged();
  }
  SampleStore store({int(block), {int(partition)}});
  store.size_ = std::size_t(size);
  store.offsets_.resize(std::size_t(blocks) + 1);
  for (std::size_t i = 0; i <= blocks; ++i) {
    store.offsets_[i] = get<std::uint64_t>(body, kHeaderBytes + 8 * i);
    // Every block holds at least its method byte.
    if (i == 0 ? store.offsets_[i] != 0 : store.offsets_[i] <= store.offsets_[i - 1]) damaged();
  }
  const std::size_t data_at = kHeaderBytes + 8 * (std::size_t(blocks) + 1);
  if (data_at > body.size() || store.offsets_.back() != body.size() - data_at) damaged();
  store.bytes_.assign(body.begin() + long(data_at), body.end());
  return store;
}

void SampleReader::read(std::size_t start, std::span<std::int16_t> out) {
  check_range(start, out.size(), store_.size());
  copy_range(start, out, std::size_t(store_.block_samples()), [&](std::size_t b) {
    auto [it, fresh] = blocks_.try_emplace(b);
    if (fresh) store_.decode_block(b, it->second);
    return std::span<const std::int16_t>(it->second);
  });
}

}  // namespace echoes::audio
