#ifndef PANOPTTY_SYSTEM_H
#define PANOPTTY_SYSTEM_H
/*
 * System calls Swift cannot name directly: Glibc exports both the function
 * flock() and `struct flock`, and Swift resolves `flock(...)` to the struct.
 */
#include <sys/file.h>

static inline int csystem_flock(int fd, int operation) { return flock(fd, operation); }

#endif
