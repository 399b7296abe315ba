#include "lua/output.hpp"

namespace luasync {

namespace {
OutputHook output_hook = nullptr;
}  // namespace

void set_output_hook(OutputHook hook) { output_hook = hook; }

void before_output() {
  if (output_hook) output_hook();
}

}  // namespace luasync
