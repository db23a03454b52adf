#include "align/pocketsphinx_log.h"

#include <cstdio>
#include <mutex>

#include <sphinxbase/err.h>

namespace echoes::align {

void silence_pocketsphinx_log() {
  static std::once_flag once;
  std::call_once(once, [] { err_set_logfp(nullptr); });
}

}  // namespace echoes::align
