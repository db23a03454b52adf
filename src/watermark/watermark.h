#pragma once
// The Echoes watermark in one include: embed_watermark() on every synthesized clip,
// detect_watermark() to check any clip, voice_tag() to derive the payload from a voice id.
#include "watermark/detect.h"      // IWYU pragma: export
#include "watermark/embed.h"       // IWYU pragma: export
#include "watermark/options.h"     // IWYU pragma: export
#include "watermark/pattern.h"     // IWYU pragma: export
