#pragma once
// JSON form of a watermark Detection, for the CLI and the HTTP API.
#include <nlohmann/json_fwd.hpp>

#include "watermark/detect.h"

namespace echoes::watermark {

/// {"found", "tag_valid", "tag" (6 hex digits, or null), "z_score", "false_alarm_bound",
///  "min_symbol_margin", "active_s"}. The caller adds the voice id it maps the tag to.
nlohmann::json detection_to_json(const Detection& detection);

}  // namespace echoes::watermark
