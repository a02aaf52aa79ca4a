#ifndef SYNTHPAD_CNCURSES_SHIM_H
#define SYNTHPAD_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// glibc hides wcwidth without _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);

// Attribute macros do not import into Swift.
static inline attr_t sp_a_normal(void) { return A_NORMAL; }
static inline attr_t sp_a_bold(void) { return A_BOLD; }
static inline attr_t sp_a_dim(void) { return A_DIM; }
static inline attr_t sp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sp_a_reverse(void) { return A_REVERSE; }
static inline attr_t sp_a_italic(void) { return A_ITALIC; }
static inline attr_t sp_a_standout(void) { return A_STANDOUT; }
static inline int sp_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *sp_stdscr(void) { return stdscr; }
static inline int sp_lines(void) { return LINES; }
static inline int sp_cols(void) { return COLS; }
static inline int sp_colors(void) { return COLORS; }

#endif
