#include "cli/cli.hpp"

int main(int argc, char** argv) { return luasync::run_cli(argc, argv); }
