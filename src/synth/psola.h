#pragma once
// Time-domain pitch-synchronous overlap-add (TD-PSOLA) over stretches of a voice's audio.
//
// The stretches (segments) are laid end to end on one virtual time line of pitch marks.
// Each output grain is the source signal around one mark, Hann-windowed from the previous
// mark to the next; grains are placed one target period apart. With no modification this
// reproduces the source exactly, and so does a continuous stretch of a recording asked for
// no F0 change (its cycles are copied as they are). Across a join between two voiced
// segments, the distance between the last mark before it and the first after it is chosen
// by cross-correlation, so the cycles meet in phase; the grains near the join are mixed with
// the other side's recording continued across it (a cross-fade of a few cycles), and an F0
// step there is spread over both sides. Durations change by repeating or skipping grains; F0
// changes by moving grains closer or further apart (voiced marks only): each segment may ask
// for its own F0 change (intonation). Everywhere else the recording is left as it is.
#include <cstdint>
#include <span>
#include <vector>

#include "voice/voice_model.h"

namespace echoes::synth {

/// One stretch of the voice's audio to play.
struct PsolaSegment {
  std::int32_t start_sample = 0;  ///< into VoiceModel::samples
  std::int32_t end_sample = 0;    ///< exclusive
  double time_scale = 1.0;        ///< output duration / source duration (> 0)
  /// Intended change of the segment's F0, natural log (intonation; 0 keeps the source's).
  double log_f0_shift = 0.0;
  /// The shift carries meaning (a question's rise, a sentence's fall): the wider ratio
  /// limits of PsolaOptions apply.
  bool wide_f0_range = false;
};

struct PsolaOptions {
  /// Segments' F0 shifts are smoothed over this window (seconds), and an F0 step at a join
  /// is spread over it (half taken off each side); 0 leaves steps as they are.
  double f0_smoothing_s = 0.05;
  double min_f0_ratio = 0.8;   ///< largest downward F0 change (moderate changes keep identity)
  double max_f0_ratio = 1.25;  ///< largest upward F0 change
  /// Limits for segments with wide_f0_range: a question's rise needs a few semitones more,
  /// for a few hundred milliseconds.
  double wide_min_f0_ratio = 0.75;
  double wide_max_f0_ratio = 1.5;
  /// Overall F0 factor applied on top of the smoothing (1 = speaker's own F0).
  double f0_scale = 1.0;
  /// A planned change smaller than this (natural log of the ratio; 0.01 is a sixth of a
  /// semitone) is no change: the source's cycles are copied as they are.
  double unchanged_log_f0 = 0.01;
  /// Across a join between two voiced segments, grains within this many seconds of the join
  /// are mixed with the other side's recording continued across it, rising to half and half
  /// at the join (0: no cross-fade, the recordings meet at one grain).
  double join_crossfade_s = 0.015;
};

/// Renders `segments` from `voice` into one signal at voice.rate_hz. The F0 of voiced marks
/// becomes the source's log F0 plus the segment's log_f0_shift, smoothed over
/// f0_smoothing_s, times f0_scale, within [min_f0_ratio, max_f0_ratio] of the source (the
/// wide limits for wide_f0_range segments). Empty segments are
/// skipped; an empty list gives an empty signal.
/// Reads the voice's compressed audio (voice.samples) once per segment, decoding each block
/// it needs once per call.
std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                const PsolaOptions& options = {});

/// The same, reading the audio from `decoded` (voice.samples.read_all()) instead: the plain
/// indexing of raw storage, kept as the reference the compressed path must match exactly.
std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const std::int16_t> decoded,
                                std::span<const PsolaSegment> segments, const PsolaOptions& options = {});

}  // namespace echoes::synth
