#ifndef PARLONS_CSPAWN_SHIM_H
#define PARLONS_CSPAWN_SHIM_H
#include <spawn.h>

/* glibc 2.34's posix_spawn_file_actions_addclosefrom_np, declared here: the Glibc module Swift
   imports leaves it out. It closes every descriptor from `from` up in the child, in the kernel
   (close_range), without listing /proc/self/fd. */
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/* pipe2 (glibc, Linux 2.6.27), left out for the same reason: a pipe created close-on-exec in one
   call, so no program started by another thread meanwhile inherits it. */
extern int pipe2(int pipefd[2], int flags);
#endif
