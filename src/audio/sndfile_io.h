#pragma once
// libsndfile virtual I/O over memory, shared by the decoder and the encoders.
// Internal to echoes_audio: include only from src/audio/*.cpp (it pulls in <sndfile.h>).
#include <cstdint>
#include <span>
#include <vector>

#include <sndfile.h>

namespace echoes::audio::detail {

/// A read-only view of encoded bytes that libsndfile reads through SF_VIRTUAL_IO.
/// The bytes must outlive every SNDFILE opened on it.
struct MemoryReader {
  std::span<const std::uint8_t> bytes;
  sf_count_t position = 0;
};

/// A growable byte buffer that libsndfile writes (and seeks back into, e.g. to patch headers).
struct MemoryWriter {
  std::vector<std::uint8_t> bytes;
  sf_count_t position = 0;
};

/// Callbacks for a MemoryReader passed as user_data to sf_open_virtual(SFM_READ).
SF_VIRTUAL_IO memory_reader_io();

/// Callbacks for a MemoryWriter passed as user_data to sf_open_virtual(SFM_WRITE).
/// Reads are supported too because some writers (FLAC) read back what they wrote.
SF_VIRTUAL_IO memory_writer_io();

/// Closes a SNDFILE when it goes out of scope.
struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};

}  // namespace echoes::audio::detail
