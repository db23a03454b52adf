#pragma once
// JSON of the memories a reply drew on, as stored in messages.sources_json and sent to
// clients: [{"memoryId","title","source","relevance"}].
#include <string>
#include <vector>

#include "chat/records.h"

namespace echoes::chat {

/// The sources as JSON text (an array; "[]" for none).
std::string sources_to_json_text(const std::vector<MemoryHit>& hits);

}  // namespace echoes::chat
