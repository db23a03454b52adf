#pragma once
// pocketsphinx writes its log through one process-wide stream. Passing "-logfn" to each
// decoder makes every set-up close and reopen that stream, under any decoder running on
// another thread (seen as a hang when two threads aligned at once), so logging is switched
// off once, for the whole process, instead.

namespace echoes::align {

/// Turns pocketsphinx's logging off; safe to call from any thread, any number of times.
void silence_pocketsphinx_log();

}  // namespace echoes::align
