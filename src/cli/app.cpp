#include "cli/app.h"

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "cli/cmd_watermark.h"
#include "cli/commands.h"
#include "common/error.h"

namespace echoes::cli {
namespace {

void add_serve(CLI::App& app, ServeArgs& args, int& status) {
  auto* serve = app.add_subcommand("serve", "Run the HTTP API (and web UI) server");
  auto* flag_values = &args.flag_values;
  serve->add_option("--config", args.config_file, "Config file (key = value lines)");
  // Flags are stored only when given, so the env and config file keep precedence otherwise.
  const auto store_flag = [flag_values](const std::string& key) {
    return [flag_values, key](const std::string& value) { (*flag_values)[key] = value; };
  };
  serve->add_option_function<std::string>("--listen", store_flag("listen"), "HOST:PORT (default 127.0.0.1:8080)");
  serve->add_option_function<std::string>("--data-dir", store_flag("data_dir"), "Database and audio folder (default ./data)");
  serve->add_option_function<std::string>("--database-url", store_flag("database_url"),
                                          "PostgreSQL URI (default: SQLite in the data folder); prefer ECHOES_DATABASE_URL for passwords");
  serve->add_option_function<std::string>("--web-dir", store_flag("web_dir"), "Folder of the web UI's static files");
  serve->add_option_function<std::string>("--log-level", store_flag("log_level"), "debug|info|warn|error|off");
  serve->add_option_function<std::string>("--role", store_flag("role"),
                                          "all (default) | api (serve only) | worker (build voices only)");
  serve->add_option_function<std::string>("--max-upload-mb", store_flag("max_upload_mb"), "Upload size cap in MB (default 50)");
  serve->add_option_function<std::string>("--max-recording-s", store_flag("max_recording_s"), "Recording length cap in seconds (default 600)");
  serve->callback([&args, &status] { status = serve_command(args); });
}

void add_analyze(CLI::App& app, AnalyzeArgs& args, int& status) {
  auto* analyze = app.add_subcommand("analyze", "Judge the recording quality of audio files");
  analyze->add_option("files", args.files, "Audio files (WAV, FLAC, OGG, MP3)")->required();
  analyze->add_flag("--json", args.json, "Print JSON instead of a table");
  analyze->callback([&args, &status] { status = analyze_command(args); });
}

void add_voice(CLI::App& app, VoiceBuildArgs& args, int& status) {
  auto* voice = app.add_subcommand("voice", "Build voices");
  voice->require_subcommand(1);
  auto* build = voice->add_subcommand("build", "Build a voice from transcribed recordings");
  build->add_option("--manifest", args.manifest, "TSV lines: <audio path><TAB><transcript>")->required();
  build->add_option("--out", args.out_dir, "Voice folder to write")->required();
  build->add_option("--name", args.name, "Voice name (default: the folder name)");
  build->callback([&args, &status] { status = voice_build_command(args); });
}

void add_say(CLI::App& app, SayArgs& args, int& status) {
  auto* say = app.add_subcommand("say", "Speak text with a built voice (22,050 Hz 16-bit WAV)");
  say->add_option("--voice", args.voice, "Voice folder")->required();
  say->add_option("--text", args.text, "Text to speak (with --out)");
  say->add_option("--out", args.out, "WAV file to write");
  say->add_option("--texts", args.texts_file, "TSV lines: <id><TAB><text> (with --out-dir)");
  say->add_option("--out-dir", args.out_dir, "Folder for <id>.wav files");
  say->add_option("--quality", args.quality, "draft|standard|high (default standard)");
  say->add_option("--speed", args.speed, "Speaking speed 0.5..2 (default 1)");
  say->callback([&args, &status] { status = say_command(args); });
}

struct WatermarkArgs {
  std::vector<std::filesystem::path> files;
  bool json = false;
};

void add_watermark(CLI::App& app, WatermarkArgs& args, int& status) {
  auto* watermark = app.add_subcommand("watermark", "Check clips for the Echoes watermark");
  watermark->require_subcommand(1);
  auto* detect = watermark->add_subcommand("detect", "Say whether each clip came from Echoes, and from which voice");
  detect->add_option("files", args.files, "Audio files (WAV, FLAC, OGG, MP3)")->required();
  detect->add_flag("--json", args.json, "Print JSON instead of a table");
  detect->callback([&args, &status] { status = watermark_detect_command(args.files, args.json); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Echoes: build a voice from a few minutes of recordings and speak with it"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "echoes 0.1.0");
  int status = 0;
  ServeArgs serve_args;
  AnalyzeArgs analyze_args;
  VoiceBuildArgs voice_build_args;
  SayArgs say_args;
  add_serve(app, serve_args, status);
  add_analyze(app, analyze_args, status);
  add_voice(app, voice_build_args, status);
  add_say(app, say_args, status);
  WatermarkArgs watermark_args;
  add_watermark(app, watermark_args, status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const Error& e) {
    std::fprintf(stderr, "echoes: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "echoes: unexpected error: %s\n", e.what());
    return 1;
  }
  return status;
}

}  // namespace echoes::cli
