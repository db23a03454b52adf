#pragma once
// The voice file: one versioned binary file per voice (format in docs/voice-engine.md).
//
//   header:  magic "ECHOVOIC" (8 bytes), u32 version, u32 section count,
//            then per section {char tag[4], u32 reserved, u64 offset, u64 size}
//   sections (8-byte aligned, little-endian, plain arrays of the voice_model.h structs):
//            META (u32 rate, u32 name length, name), PROS (ProsodyModel), UTTS (UtteranceSpan[]),
//            UNIT (Unit[]), MARK (i32[]), MVOI (u8[]), AUDC (audio::SampleStore, compressed)
//            (version 1 held AUDI (i16[], raw) instead of AUDC)
// Loading is one read of the whole file plus copies of each section; the unit index is
// rebuilt (index_units). A version-1 file's raw audio is compressed while loading.
#include <filesystem>

#include "voice/voice_model.h"

namespace echoes::voice {

/// File format version written by save_voice; load_voice accepts it and version 1.
inline constexpr std::uint32_t kVoiceFileVersion = 2;
/// The oldest version load_voice still reads (raw audio).
inline constexpr std::uint32_t kOldestVoiceFileVersion = 1;
/// Name of the voice file inside a voice folder (VOICE_DIR/voice.echoes-voice).
inline constexpr const char* kVoiceFileName = "voice.echoes-voice";
/// Name of the build report inside a voice folder.
inline constexpr const char* kBuildReportFileName = "build-report.json";

/// Writes `voice` to `path` (through a temporary file renamed into place).
/// Throws echoes::Error(internal) when the file cannot be written.
void save_voice(const VoiceModel& voice, const std::filesystem::path& path);

/// Reads a voice file. Throws echoes::Error with code
///   not_found          the file does not exist or cannot be read;
///   unsupported_format a version outside [kOldestVoiceFileVersion, kVoiceFileVersion];
///   invalid_argument   not a voice file, truncated, or inconsistent.
VoiceModel load_voice(const std::filesystem::path& path);

/// The voice file of a voice folder, or `path` itself when it names a file.
std::filesystem::path voice_file_in(const std::filesystem::path& voice_dir_or_file);

}  // namespace echoes::voice
