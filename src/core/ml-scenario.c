#include "config.h"
#include "ml-scenario.h"
