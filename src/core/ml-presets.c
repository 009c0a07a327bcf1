#include "config.h"
#include "ml-presets.h"
