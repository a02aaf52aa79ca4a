#ifndef SYNTHPAD_CCHAFA_SHIM_H
#define SYNTHPAD_CCHAFA_SHIM_H
#include <chafa.h>

// g_string_free is a macro in newer GLib releases; a function Swift can always call.
static inline void sp_gstring_free(GString *s) { g_string_free(s, TRUE); }

#endif
