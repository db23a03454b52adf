#include "quality/prosody_json.h"

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace echoes::quality {
namespace {

[[noreturn]] void bad(const std::string& what) {
  throw Error(error_code::kInvalidArgument, "Stored voice measurements are malformed (" + what + ").");
}

double number_or_zero(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return 0.0;
  if (!it->is_number()) bad(std::string(key) + " is not a number");
  return it->get<double>();
}

void require_object(const nlohmann::json& j) {
  if (!j.is_object()) bad("expected an object");
}

}  // namespace

nlohmann::json prosody_to_json(const ProsodyFeatures& p) {
  return {{"f0MedianHz", p.f0_median_hz},         {"f0RangeSemitones", p.f0_range_semitones},
          {"f0StdevSemitones", p.f0_stdev_semitones}, {"voicedFraction", p.voiced_fraction},
          {"loudnessRangeDb", p.loudness_range_db}, {"speechDurationSec", p.speech_duration_s}};
}

ProsodyFeatures prosody_from_json(const nlohmann::json& j) {
  require_object(j);
  ProsodyFeatures p;
  p.f0_median_hz = number_or_zero(j, "f0MedianHz");
  p.f0_range_semitones = number_or_zero(j, "f0RangeSemitones");
  p.f0_stdev_semitones = number_or_zero(j, "f0StdevSemitones");
  p.voiced_fraction = number_or_zero(j, "voicedFraction");
  p.loudness_range_db = number_or_zero(j, "loudnessRangeDb");
  p.speech_duration_s = number_or_zero(j, "speechDurationSec");
  return p;
}

nlohmann::json voice_signature_to_json(const VoiceSignature& s) {
  return {{"mfccMean", s.mfcc_mean},
          {"mfccStdev", s.mfcc_stdev},
          {"f0MedianHz", s.f0_median_hz},
          {"voicedFrames", s.voiced_frames}};
}

VoiceSignature voice_signature_from_json(const nlohmann::json& j) {
  require_object(j);
  VoiceSignature s;
  auto read_array = [&](const char* key, std::array<double, kSignatureCoefficients>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_array() || it->size() != out.size()) bad(std::string(key) + " has the wrong length");
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (!(*it)[k].is_number()) bad(std::string(key) + " holds a non-number");
      out[k] = (*it)[k].get<double>();
    }
  };
  read_array("mfccMean", s.mfcc_mean);
  read_array("mfccStdev", s.mfcc_stdev);
  s.f0_median_hz = number_or_zero(j, "f0MedianHz");
  s.voiced_frames = static_cast<int>(number_or_zero(j, "voicedFrames"));
  return s;
}

}  // namespace echoes::quality
