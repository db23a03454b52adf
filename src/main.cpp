// Thin entry point: all behaviour lives in the echoes_cli library.
#include "cli/app.h"

int main(int argc, char** argv) { return echoes::cli::run(argc, argv); }
