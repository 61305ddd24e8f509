#ifndef PANOPTTY_TERMINAL_SIGNALS_H
#define PANOPTTY_TERMINAL_SIGNALS_H
/*
 * Terminal restore from signal handlers (async-signal-safe calls only): a
 * crash must not leave the user's terminal in the alternate screen with
 * mouse reporting on, and `fg` after Ctrl-Z must get mouse drags back.
 * In C because a handler may only call async-signal-safe functions.
 */

/* Call before curses changes the terminal: saves its modes for the restore,
   and installs the handlers (each chains to the handler it replaced). */
void termsig_install(void);

/* 1 once after each SIGCONT (the shell's fg), then 0. */
int termsig_take_continued(void);

#endif
