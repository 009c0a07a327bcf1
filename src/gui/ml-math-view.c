#include "config.h"
#include "ml-math-view.h"
