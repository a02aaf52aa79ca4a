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
static inline attr_t sp_a_color(void) { return A_COLOR; }
static inline int sp_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *sp_stdscr(void) { return stdscr; }
static inline int sp_lines(void) { return LINES; }
static inline int sp_cols(void) { return COLS; }
static inline int sp_colors(void) { return COLORS; }
static inline int sp_color_pairs(void) { return COLOR_PAIRS; }

// Mouse masks are function-like macros; the terminal backend needs them as values.
static inline mmask_t sp_button_pressed(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_PRESSED);
}
static inline mmask_t sp_button_released(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_RELEASED);
}
static inline mmask_t sp_button_clicked(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_CLICKED);
}
static inline mmask_t sp_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t sp_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t sp_button_alt(void) { return BUTTON_ALT; }
static inline mmask_t sp_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t sp_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline int sp_key_f(int n) { return KEY_F(n); }

#endif
