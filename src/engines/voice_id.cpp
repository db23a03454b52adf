#include "engines/voice_id.h"

#include <filesystem>

namespace echoes::engines {

std::string voice_id_of(const std::string& voice) {
  std::filesystem::path path(voice);
  while (!path.empty() && path.filename().empty()) path = path.parent_path();  // trailing '/'
  if (path.has_extension()) path = path.parent_path();                         // a voice file
  const std::string name = path.filename().string();
  return name.empty() ? voice : name;
}

}  // namespace echoes::engines
