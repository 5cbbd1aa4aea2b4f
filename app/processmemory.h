#pragma once

namespace app {

/// Resident set size of this process in KiB, read from /proc/self/statm (Linux); 0 where it is
/// not available. `--measure` prints it, and the soak test watches it.
long residentKiB();

}  // namespace app
