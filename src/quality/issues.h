#pragma once
// Plain-language problems found in a recording, each with what to do about it.
#include <string>
#include <vector>

#include "quality/analysis.h"

namespace echoes::quality {

/// Issues for the measured values in `analysis`, errors first. `no_speech_reason`
/// explains a missing voice (from the VAD) and is used only when speech_found is false.
std::vector<QualityIssue> find_issues(const RecordingAnalysis& analysis, const AnalysisOptions& options,
                                      const std::string& no_speech_reason = {});

}  // namespace echoes::quality
