#pragma once

namespace app {

/// Installs the handlers of SIGINT (Ctrl-C), SIGTERM and SIGHUP for the whole program. Each
/// removes the temporaries of the output files being written
/// (engine::report::removeTemporariesNow()), so the previous files stay as they were and
/// nothing is left behind. Ctrl-C then prints "prospect: interrupted" and ends the program
/// with exit code 130, whatever it was doing; SIGTERM and SIGHUP end it by the signal itself,
/// as if there were no handler.
void installInterruptHandlers();

}  // namespace app
