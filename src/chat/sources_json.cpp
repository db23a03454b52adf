#include "chat/sources_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace echoes::chat {

std::string sources_to_json_text(const std::vector<MemoryHit>& hits) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& hit : hits) {
    list.push_back({{"memoryId", hit.memory.id},
                    {"title", hit.memory.title},
                    {"source", hit.memory.source},
                    {"relevance", std::round(hit.relevance * 1000.0) / 1000.0}});
  }
  return list.dump();
}

}  // namespace echoes::chat
