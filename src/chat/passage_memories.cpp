#include "chat/passage_memories.h"

#include <set>

#include "chat/memory_repository.h"
#include "store/recording_repository.h"
#include "text/passages.h"

namespace echoes::chat {

int import_passage_memories(store::Database& db, const std::string& user_id) {
  std::set<std::string> recorded;
  for (const auto& recording : store::RecordingRepository(db).list(user_id)) recorded.insert(recording.passage_id);
  MemoryRepository memories(db);
  int added = 0;
  for (const auto& passage_id : recorded) {
    const text::Passage* passage = text::find_passage(passage_id);
    if (!passage || memories.exists(user_id, memory_source::kPassage, passage->title)) continue;
    memories.add(user_id, passage->title, passage->text, memory_source::kPassage);
    ++added;
  }
  return added;
}

}  // namespace echoes::chat
