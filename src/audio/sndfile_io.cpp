#include "audio/sndfile_io.h"

#include <algorithm>
#include <cstring>

namespace echoes::audio::detail {
namespace {

// Shared seek arithmetic; libsndfile expects -1 on an out-of-range seek.
sf_count_t seek_to(sf_count_t& position, sf_count_t size, sf_count_t offset, int whence,
                   bool allow_past_end) {
  sf_count_t target = offset;
  if (whence == SEEK_CUR) target += position;
  if (whence == SEEK_END) target += size;
  if (target < 0 || (!allow_past_end && target > size)) return -1;
  position = target;
  return position;
}

sf_count_t copy_out(std::span<const std::uint8_t> bytes, sf_count_t& position, void* out,
                    sf_count_t count) {
  const sf_count_t size = static_cast<sf_count_t>(bytes.size());
  const sf_count_t n = std::clamp<sf_count_t>(size - position, 0, count);
  if (n > 0) std::memcpy(out, bytes.data() + position, static_cast<std::size_t>(n));
  position += n;
  return n;
}

MemoryReader& reader(void* user) { return *static_cast<MemoryReader*>(user); }
MemoryWriter& writer(void* user) { return *static_cast<MemoryWriter*>(user); }

}  // namespace

SF_VIRTUAL_IO memory_reader_io() {
  SF_VIRTUAL_IO io{};
  io.get_filelen = [](void* u) -> sf_count_t {
    return static_cast<sf_count_t>(reader(u).bytes.size());
  };
  io.seek = [](sf_count_t offset, int whence, void* u) -> sf_count_t {
    auto& r = reader(u);
    return seek_to(r.position, static_cast<sf_count_t>(r.bytes.size()), offset, whence, false);
  };
  io.read = [](void* out, sf_count_t count, void* u) -> sf_count_t {
    auto& r = reader(u);
    return copy_out(r.bytes, r.position, out, count);
  };
  io.write = [](const void*, sf_count_t, void*) -> sf_count_t { return 0; };
  io.tell = [](void* u) -> sf_count_t { return reader(u).position; };
  return io;
}

SF_VIRTUAL_IO memory_writer_io() {
  SF_VIRTUAL_IO io{};
  io.get_filelen = [](void* u) -> sf_count_t {
    return static_cast<sf_count_t>(writer(u).bytes.size());
  };
  io.seek = [](sf_count_t offset, int whence, void* u) -> sf_count_t {
    auto& w = writer(u);
    return seek_to(w.position, static_cast<sf_count_t>(w.bytes.size()), offset, whence, true);
  };
  io.read = [](void* out, sf_count_t count, void* u) -> sf_count_t {
    auto& w = writer(u);
    return copy_out(w.bytes, w.position, out, count);
  };
  io.write = [](const void* in, sf_count_t count, void* u) -> sf_count_t {
    auto& w = writer(u);
    const auto end = static_cast<std::size_t>(w.position + count);
    if (end > w.bytes.size()) w.bytes.resize(end);
    std::memcpy(w.bytes.data() + w.position, in, static_cast<std::size_t>(count));
    w.position += count;
    return count;
  };
  io.tell = [](void* u) -> sf_count_t { return writer(u).position; };
  return io;
}

}  // namespace echoes::audio::detail
