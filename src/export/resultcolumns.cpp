#include "resultcolumns.h"
