#include "text/flite_runtime.h"

#include <map>
#include <string>

#include "common/error.h"

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_kal16(const char* voxdir);
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
}

namespace echoes::text {

std::mutex& flite_mutex() {
  static std::mutex m;
  return m;
}

cst_voice_struct* flite_voice(std::string_view name) {
  static std::map<std::string, cst_voice*, std::less<>> loaded;
  static const bool initialised = [] {
    flite_init();
    return true;
  }();
  (void)initialised;
  if (auto it = loaded.find(name); it != loaded.end()) return it->second;
  cst_voice* v = nullptr;
  if (name == "kal16") v = register_cmu_us_kal16(nullptr);
  else if (name == "slt") v = register_cmu_us_slt(nullptr);
  else if (name == "rms") v = register_cmu_us_rms(nullptr);
  else if (name == "awb") v = register_cmu_us_awb(nullptr);
  else throw Error(error_code::kInvalidArgument, "There is no flite voice called \"" + std::string(name) + "\".");
  if (!v) throw Error(error_code::kInternal, "The flite voice \"" + std::string(name) + "\" could not be loaded.");
  loaded.emplace(std::string(name), v);
  return v;
}

SegmentPlace segment_place(cst_item_struct* segment) {
  SegmentPlace place;
  place.in_syllable = item_as(segment, "SylStructure");
  place.syllable = place.in_syllable ? item_parent(place.in_syllable) : nullptr;
  place.word = place.syllable ? item_parent(place.syllable) : nullptr;
  if (!place.word) place = {};
  return place;
}

}  // namespace echoes::text
