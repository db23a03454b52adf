#pragma once
// Audio formats of synthesis replies: whole-file encoding and streamable chunks.
#include <optional>
#include <string>
#include <string_view>

#include "audio/audio.h"

namespace echoes::server {

enum class SynthesisFormat { wav, pcm16, flac, mp3, opus };

/// "wav" | "pcm16" | "pcm" | "flac" | "mp3" | "opus" (Ogg Opus); nullopt for any other name.
std::optional<SynthesisFormat> synthesis_format_named(std::string_view name);

/// synthesis_format_named(), throwing echoes::Error(kInvalidArgument) for an unknown name.
SynthesisFormat parse_synthesis_format(std::string_view name);

/// Whether replies in `format` can be sent in chunks as the audio is made (wav, pcm16).
/// FLAC, MP3 and Opus are encoded from the whole clip.
bool is_streamable(SynthesisFormat format);

/// MIME type of a reply in `format` of audio at `rate_hz` (raw PCM names its rate).
std::string content_type_for(SynthesisFormat format, int rate_hz);

/// The whole clip encoded: 16-bit at the audio's rate for wav/pcm16/flac; MP3 and Opus at
/// the nearest rate the codec takes (audio/encode.h).
std::string encode_for_format(const audio::Audio& audio, SynthesisFormat format);

/// One streamed piece: raw 16-bit PCM, preceded for WAV on the first chunk by a header
/// whose sizes say "unknown length" (0xFFFFFFFF), which players accept for streams.
/// Only for formats where is_streamable() holds.
std::string encode_stream_chunk(const audio::Audio& chunk, SynthesisFormat format, bool first);

}  // namespace echoes::server
