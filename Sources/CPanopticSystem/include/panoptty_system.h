#ifndef PANOPTTY_SYSTEM_H
#define PANOPTTY_SYSTEM_H
/*
 * System calls Swift cannot name directly: Glibc exports both the function
 * flock() and `struct flock`, and Swift resolves `flock(...)` to the struct.
 */
#include <errno.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>

static inline int csystem_flock(int fd, int operation) { return flock(fd, operation); }

/*
 * rename(2) that fails with EEXIST instead of replacing the target
 * (renameat2 with RENAME_NOREPLACE, which glibc 2.36 does not declare
 * without _GNU_SOURCE). EINVAL or ENOSYS: the file system or kernel has no
 * such rename, and the caller falls back to link(2).
 */
static inline int csystem_rename_noreplace(const char *from, const char *to) {
#ifdef SYS_renameat2
  return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
#else
  errno = ENOSYS;
  return -1;
#endif
}

#endif
