/* Test helpers: fixture paths and whole-file reads. */
#ifndef CABTALLY_TESTUTIL_H
#define CABTALLY_TESTUTIL_H

#include <stddef.h>

/* $CABTALLY_FIXTURES/<rel> as a malloc'd path. */
char *fixture_path(const char *rel);
/* ../shared/<rel> as a malloc'd path, or NULL when ../shared is absent. */
char *shared_path(const char *rel);
/* Read a whole file (NUL-terminated, length in *len when not NULL); NULL on failure. */
char *read_file(const char *path, size_t *len);

#endif
