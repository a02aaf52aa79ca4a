#ifndef SYNTHPAD_CTURBOJPEG_SHIM_H
#define SYNTHPAD_CTURBOJPEG_SHIM_H
// libjpeg-turbo's TurboJPEG API imports into Swift as it is; nothing to wrap.
#include <stddef.h>
#include <turbojpeg.h>

#endif
