#include "config.h"
#include "ml-gauge.h"
