#pragma once
// Audio formats of synthesis replies: whole-file encoding and streamable chunks.
#include <string>
#include <string_view>

#include "audio/audio.h"

namespace echoes::server {

enum class SynthesisFormat { wav, pcm16, flac };

/// "wav" | "pcm16" | "pcm" | "flac"; throws echoes::Error(kInvalidArgument) otherwise.
SynthesisFormat parse_synthesis_format(std::string_view name);

/// MIME type of a reply in `format`.
std::string content_type_for(SynthesisFormat format);

/// The whole clip encoded (16-bit, the audio's rate, mono).
std::string encode_for_format(const audio::Audio& audio, SynthesisFormat format);

/// One streamed piece: raw 16-bit PCM, preceded for WAV on the first chunk by a header
/// whose sizes say "unknown length" (0xFFFFFFFF), which players accept for streams.
std::string encode_stream_chunk(const audio::Audio& chunk, SynthesisFormat format, bool first);

}  // namespace echoes::server
