#include "store/clock.h"

#include <chrono>

namespace echoes::store {

double unix_now_s() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace echoes::store
