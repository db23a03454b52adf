#pragma once
// The one flite runtime of the process: flite keeps global state and hands back the same
// voice object each time a voice is registered, so every flite user (the front end, the
// stock-voice speech of flite_speech.h) registers voices here and holds flite_mutex() while
// it works with flite.
#include <mutex>
#include <string_view>

struct cst_voice_struct;
struct cst_item_struct;

namespace echoes::text {

/// Held by every call into flite.
std::mutex& flite_mutex();

/// The registered flite voice `name` ("kal16", "slt", "rms", "awb"), registered on first
/// use and never freed. Call with flite_mutex() held.
/// Throws echoes::Error(invalid_argument) for another name, internal when it cannot load.
cst_voice_struct* flite_voice(std::string_view name);

/// Where a Segment item (one phone) of a flite utterance sits: its item in the
/// SylStructure relation, its syllable and its word; all null for a pause.
struct SegmentPlace {
  cst_item_struct* in_syllable = nullptr;
  cst_item_struct* syllable = nullptr;
  cst_item_struct* word = nullptr;
};

/// The place of `segment` (an item of the "Segment" relation). Call with flite_mutex() held.
SegmentPlace segment_place(cst_item_struct* segment);

}  // namespace echoes::text
