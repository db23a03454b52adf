#include "watermark/detection_json.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace echoes::watermark {

nlohmann::json detection_to_json(const Detection& detection) {
  nlohmann::json out;
  out["found"] = detection.found;
  out["tag_valid"] = detection.tag_valid;
  if (detection.tag_valid) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%06x", static_cast<unsigned>(detection.tag));
    out["tag"] = hex;
  } else {
    out["tag"] = nullptr;
  }
  out["z_score"] = detection.z_score;
  out["false_alarm_bound"] = detection.false_alarm_bound;
  out["min_symbol_margin"] = std::isfinite(detection.min_symbol_margin) ? detection.min_symbol_margin : 0.0;
  out["active_s"] = detection.active_s;
  return out;
}

}  // namespace echoes::watermark
