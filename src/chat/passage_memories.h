#pragma once
// The texts of the passages a person has recorded, added to their memories (source
// "passage"), so the echo can draw on words the person actually spoke.
#include <string>

#include "store/database.h"

namespace echoes::chat {

/// Adds one memory per passage the user has at least one recording of (title = the
/// passage title, text = the passage text), skipping passages already added. Returns
/// how many memories were added.
int import_passage_memories(store::Database& db, const std::string& user_id);

}  // namespace echoes::chat
