#pragma once

namespace ps {

// Registers the icons' .qrc, which is compiled into the ps_gui static library (a static
// library's resources are not registered by themselves). Safe to call more than once.
void initGuiResources();

} // namespace ps
