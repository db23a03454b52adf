#pragma once
// The `echoes` command line: `echoes serve`, `echoes analyze FILE...`, and later
// `echoes voice build` / `echoes say`. Exit status 0 on success, 1 on a handled
// failure (message on stderr), 2 on usage errors.
namespace echoes::cli {

int run(int argc, char** argv);

}  // namespace echoes::cli
