/*
 * cli/sha256: SHA-256 of whole input files, for `inputs[].sha256`.
 *
 * The hash of a 1 GiB archive must cost no more than the scan beside it.
 * GLib's GChecksum runs at about 200 MB/s; the x86 SHA extensions
 * (SHA-NI, on most x86 CPUs since 2017) at 1.5-2 GB/s. This file uses them
 * when the CPU has them (checked once with cpuid) and GChecksum otherwise, so
 * the result is the same everywhere.
 */
#ifndef CABTALLY_CLI_SHA256_H
#define CABTALLY_CLI_SHA256_H

#include <stddef.h>

/* The SHA-256 of a file that another reader is reading anyway, as 64
 * lower-case hex digits and a NUL in hex[65]. The reader hands over each
 * block it reads (sha256_feed_add copies it into a ring of eight) and the
 * hash runs on a thread of its own, so the file is read from the kernel once
 * and the hash costs the reading thread a memcpy.
 * sha256_feed_finish reads what the reader left unread (after the end of a
 * gzip stream, say) from the file itself, waits for the thread, and writes
 * the hex digest (hex = "" and -1 when that read fails). Without a thread,
 * the blocks are hashed as they come. */
typedef struct sha256_feed sha256_feed;
sha256_feed *sha256_feed_start(void);
void sha256_feed_add(sha256_feed *f, const void *data, size_t len);
int sha256_feed_finish(sha256_feed *f, const char *path, char hex[65]);

#endif
