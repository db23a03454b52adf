#pragma once
// Structured logs: one JSON object per line on stderr, e.g.
// {"ts":"2026-11-25T05:40:00.123Z","level":"info","event":"http_request","route":"/healthz",...}
// Never log audio, passwords, tokens or message text: ids, sizes and timings only.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace echoes::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

/// Sets the minimum level from "debug|info|warn|error|off" (unknown names mean info).
void set_level(std::string_view name);

/// Writes one line if `level` is enabled. `fields` must be a JSON object (or null).
void write(Level level, std::string_view event, const nlohmann::json& fields = nullptr);

inline void debug(std::string_view event, const nlohmann::json& fields = nullptr) { write(Level::debug, event, fields); }
inline void info(std::string_view event, const nlohmann::json& fields = nullptr) { write(Level::info, event, fields); }
inline void warn(std::string_view event, const nlohmann::json& fields = nullptr) { write(Level::warn, event, fields); }
inline void error(std::string_view event, const nlohmann::json& fields = nullptr) { write(Level::error, event, fields); }

}  // namespace echoes::log
