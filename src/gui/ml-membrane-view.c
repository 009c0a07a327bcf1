#include "config.h"
#include "ml-membrane-view.h"
