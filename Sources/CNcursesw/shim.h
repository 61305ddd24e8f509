#ifndef PANOPTTY_NCURSES_SHIM_H
#define PANOPTTY_NCURSES_SHIM_H
/* SwiftPM drops ncursesw's -D_XOPEN_SOURCE, so turn the wide API on here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Mutable C globals and function-like macros Swift 6 cannot use directly. */
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }
static inline int nc_key_f(int n) { return KEY_F(n); }
static const attr_t NC_A_BOLD = A_BOLD;
static const attr_t NC_A_REVERSE = A_REVERSE;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const mmask_t NC_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;
static const mmask_t NC_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;
static const mmask_t NC_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t NC_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t NC_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t NC_BUTTON3_PRESSED = BUTTON3_PRESSED;
static const mmask_t NC_BUTTON3_RELEASED = BUTTON3_RELEASED;
static const mmask_t NC_BUTTON3_CLICKED = BUTTON3_CLICKED;
static const mmask_t NC_BUTTON4_PRESSED = BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
static const mmask_t NC_BUTTON5_PRESSED = BUTTON5_PRESSED;
#else
static const mmask_t NC_BUTTON5_PRESSED = 0;
#endif

/* newterm on the process's own stdin/stdout (C globals Swift 6 refuses). */
static inline SCREEN *nc_newterm(void) { return newterm(NULL, stdout, stdin); }
/* Escape sequences ncurses has no call for, through its own stdout buffer. */
static inline void nc_write_raw(const char *s) { fputs(s, stdout); fflush(stdout); }
static inline void nc_write_bytes(const unsigned char *b, size_t n) { fwrite(b, 1, n, stdout); fflush(stdout); }
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

/* Turn off XON/XOFF so Ctrl-S and Ctrl-Q reach the editor as keys. */
static inline void nc_disable_flow_control(void) {
  struct termios t;
  if (tcgetattr(STDIN_FILENO, &t) == 0) {
    t.c_iflag &= ~(IXON | IXOFF);
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
  }
}

/* Colours terminfo gives a terminal type, without starting curses (-1: unknown). */
static inline int nc_terminfo_colors(const char *term) {
  int err = 0;
  TERMINAL *saved = cur_term;
  if (setupterm(term, STDOUT_FILENO, &err) != OK) return -1;
  int n = tigetnum("colors");
  TERMINAL *mine = cur_term;
  set_curterm(saved);
  del_curterm(mine);
  return n;
}

/* One cell with an int colour pair (COLOR_PAIR() holds only 8 bits). */
static inline int nc_put_cell(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, int pair) {
  cchar_t cell;
  wchar_t s[2] = {ch, L'\0'};
  if (setcchar(&cell, s, attrs, 0, &pair) == ERR) return ERR;
  return mvwadd_wch(w, y, x, &cell);
}
#endif
