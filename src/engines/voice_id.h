#pragma once
#include <string>

namespace echoes::engines {

/// The voice id a voice folder or file stands for: its folder name (the server names
/// voice folders by voice id; the CLI by whatever VOICE_DIR is called).
std::string voice_id_of(const std::string& voice);

}  // namespace echoes::engines
