#pragma once
// Carrier speech for watermark tests: real recordings from the shared corpus and flite
// (kal16) synthetic speech, all at 22,050 Hz.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "audio/audio.h"

namespace echoes::watermark::testing {

/// `count` spread-out files of the shared corpus: Kathleen and the speechocean speakers,
/// alternating (every file of the set is in the order, so count <= 713 takes distinct files).
std::vector<std::filesystem::path> speech_files(std::size_t count);

/// Every speech file of the shared corpus (713) or the noise recordings (6).
std::vector<std::filesystem::path> all_speech_files();
std::vector<std::filesystem::path> noise_files();

/// Decodes `path` to 22,050 Hz mono.
audio::Audio load_clip(const std::filesystem::path& path);

/// `count` sentences spoken by flite's kal16 voice (deterministic), 1.5-4 s each.
std::vector<audio::Audio> flite_clips(std::size_t count);

}  // namespace echoes::watermark::testing
