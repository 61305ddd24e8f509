#include "terminal_signals.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t saved_termios_ok = 0;
static volatile sig_atomic_t continued = 0;
static struct sigaction old_actions[65];

static void restore_terminal_now(void) {
  static const char seq[] = "\033[?1006l\033[?1002l\033[?1003l\033[?1000l\033[0m\033[?25h\033[?1049l\r\n";
  ssize_t ignored = write(STDOUT_FILENO, seq, sizeof(seq) - 1);
  (void)ignored;
  if (saved_termios_ok) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void fatal_handler(int sig) {
  restore_terminal_now();
  /* Then whatever handled the signal before (Swift's backtracer, or the default). */
  sigaction(sig, &old_actions[sig], NULL);
  raise(sig);
}

static void continue_handler(int sig) {
  (void)sig;
  continued = 1;
}

void termsig_install(void) {
  if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) saved_termios_ok = 1;
  int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGXCPU, SIGSYS, SIGTRAP};
  for (unsigned i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fatal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(fatal[i], &sa, &old_actions[fatal[i]]);
  }
  struct sigaction cont;
  memset(&cont, 0, sizeof(cont));
  cont.sa_handler = continue_handler;
  sigemptyset(&cont.sa_mask);
  cont.sa_flags = SA_RESTART;
  sigaction(SIGCONT, &cont, NULL);
}

int termsig_take_continued(void) {
  if (!continued) return 0;
  continued = 0;
  return 1;
}
