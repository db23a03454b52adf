#pragma once
// Locating the shared speech corpus (../shared/data/speech) from tests.
//
// Rule from DEVELOPERS.md: a test that needs ../shared skips when the data is
// missing on a developer machine, but FAILS when CI=true.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace echoes::testing {

/// Root of the shared speech corpus, e.g. .../shared/data/speech.
/// Honours ECHOES_SPEECH_DIR when set.
std::filesystem::path speech_dir();

/// True when speech_dir() exists and holds the expected sub-folders.
bool speech_data_available();

/// True when running under CI (CI=true in the environment).
bool running_in_ci();

/// Folder of Debian's pocketsphinx-testdata audio (may be absent).
std::filesystem::path pocketsphinx_testdata_dir();

/// The built `echoes` binary.
std::filesystem::path echoes_binary();

}  // namespace echoes::testing

/// Use at the top of a test that needs the shared corpus.
#define ECHOES_REQUIRE_SPEECH_DATA()                                                   \
  do {                                                                                 \
    if (!::echoes::testing::speech_data_available()) {                                 \
      if (::echoes::testing::running_in_ci()) {                                        \
        FAIL() << "shared speech data missing at " << ::echoes::testing::speech_dir(); \
      }                                                                                \
      GTEST_SKIP() << "shared speech data not found at " << ::echoes::testing::speech_dir(); \
    }                                                                                  \
  } while (0)
