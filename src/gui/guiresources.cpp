#include "guiresources.h"

#include <QtGlobal>

#include <mutex>

// Q_INIT_RESOURCE must be used outside any namespace.
static void registerPingSweepResources()
{
    Q_INIT_RESOURCE(pingsweep);
}

namespace ps {

void initGuiResources()
{
    // The model and the window both need the icons, and tests build either one alone.
    static std::once_flag once;
    std::call_once(once, registerPingSweepResources);
}

} // namespace ps
