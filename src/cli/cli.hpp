#pragma once

namespace luasync {

// Runs luasync with a command line: parses options, sets up the loop and the
// Lua state, runs the chosen mode and returns the process exit status.
int run_cli(int argc, char** argv);

}  // namespace luasync
