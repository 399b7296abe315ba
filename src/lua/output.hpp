// What happens before Lua writes to stdout or stderr (print, io.write,
// reports): a hook the REPL installs while it shows a prompt, so output goes
// above the prompt instead of into the half-typed line. Nothing is installed
// outside the REPL.
#pragma once

namespace luasync {

using OutputHook = void (*)();

// Installs the hook (nullptr removes it).
void set_output_hook(OutputHook hook);
// Runs the hook, if any.
void before_output();

}  // namespace luasync
