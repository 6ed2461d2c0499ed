#pragma once

#include <string>

namespace salient {

/// This process as another process can recognise it later: "HOST PID START", START being the kernel's
/// start time of the process, so that a process id used again by another program does not pass for it.
std::string currentProcessTag();

/// False only when `tag` names a process of this host that has ended. A process on another host (a
/// cluster node) or a malformed tag counts as possibly running: nothing can be known about it from here.
bool processMayBeRunning(const std::string& tag);

} // namespace salient
