#include "acceptance/engine_runner.h"

#include <chrono>
#include <cstdlib>
#include <fstream>

#include <sys/wait.h>

#include "audio/decode.h"
#include "audio/encode.h"

namespace echoes::eval {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; returns its exit status and the wall time it took.
std::pair<int, double> run_command(const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {status == 0 ? 0 : (WIFEXITED(status) ? WEXITSTATUS(status) : 255), wall_s};
}

// One line per record, tabs and newlines in texts replaced by spaces.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

fs::path write_manifest(const fs::path& dir, const std::vector<std::pair<audio::Audio, std::string>>& recordings) {
  fs::create_directories(dir / "recordings");
  const fs::path manifest = dir / "manifest.tsv";
  std::ofstream out(manifest);
  for (std::size_t i = 0; i < recordings.size(); ++i) {
    const fs::path wav = fs::absolute(dir / "recordings" / ("rec" + std::to_string(i) + ".wav"));
    audio::write_audio_file(wav, recordings[i].first, audio::AudioFileFormat::wav_pcm16);
    out << wav.string() << '\t' << one_line(recordings[i].second) << '\n';
  }
  return manifest;
}

fs::path write_texts(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& texts) {
  const fs::path file = dir / "texts.tsv";
  std::ofstream out(file);
  for (const auto& [id, text] : texts) out << id << '\t' << one_line(text) << '\n';
  return file;
}

}  // namespace

bool engine_supports_voices(const fs::path& binary) {
  if (binary.empty() || !fs::exists(binary)) return false;
  const std::string probe = quoted(binary) + " voice build --help >/dev/null 2>&1 && " + quoted(binary) +
                            " say --help >/dev/null 2>&1";
  return run_command(probe).first == 0;
}

EngineRun run_engine(const fs::path& binary, const fs::path& work_dir,
                     const std::vector<std::pair<audio::Audio, std::string>>& recordings,
                     const std::vector<std::pair<std::string, std::string>>& texts) {
  EngineRun run;
  fs::create_directories(work_dir);
  const fs::path voice = fs::absolute(work_dir / "voice");
  const fs::path out_dir = fs::absolute(work_dir / "synth");
  fs::remove_all(voice);
  fs::remove_all(out_dir);
  fs::create_directories(out_dir);
  const fs::path manifest = fs::absolute(write_manifest(work_dir, recordings));
  const fs::path text_file = fs::absolute(write_texts(work_dir, texts));

  auto [build_status, build_s] = run_command(quoted(binary) + " voice build --manifest " + quoted(manifest) +
                                             " --out " + quoted(voice) + " >" + quoted(work_dir / "build.log") + " 2>&1");
  run.build_wall_s = build_s;
  run.built = build_status == 0;
  if (!run.built) {
    run.failure = "voice build exited with status " + std::to_string(build_status);
    return run;
  }
  auto [say_status, say_s] = run_command(quoted(binary) + " say --voice " + quoted(voice) + " --texts " +
                                         quoted(text_file) + " --out-dir " + quoted(out_dir) + " >" +
                                         quoted(work_dir / "say.log") + " 2>&1");
  run.say_wall_s = say_s;
  if (say_status != 0) run.failure = "say exited with status " + std::to_string(say_status);
  for (const auto& [id, text] : texts) {
    const fs::path wav = out_dir / (id + ".wav");
    try {
      if (fs::exists(wav)) run.clips.emplace(id, audio::decode_audio_file(wav).audio);
    } catch (const std::exception& e) {
      if (run.failure.empty()) run.failure = "an output clip could not be read: " + std::string(e.what());
    }
  }
  if (run.clips.size() < texts.size() && run.failure.empty()) {
    run.failure = std::to_string(texts.size() - run.clips.size()) + " clips were not written";
  }
  return run;
}

}  // namespace echoes::eval
