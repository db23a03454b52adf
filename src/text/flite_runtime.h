#pragma once
// The one flite runtime of the process: flite keeps global state and hands back the same
// voice object each time a voice is registered, so every flite user (the front end, the
// stock-voice speech of flite_speech.h) registers voices here and holds flite_mutex() while
// it works with flite.
#include <mutex>
#include <string_view>

struct cst_voice_struct;

namespace echoes::text {

/// Held by every call into flite.
std::mutex& flite_mutex();

/// The registered flite voice `name` ("kal16", "slt", "rms", "awb"), registered on first
/// use and never freed. Call with flite_mutex() held.
/// Throws echoes::Error(invalid_argument) for another name, internal when it cannot load.
cst_voice_struct* flite_voice(std::string_view name);

}  // namespace echoes::text
