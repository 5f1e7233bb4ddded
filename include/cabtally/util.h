/*
 * util: the small pieces every stage shares — growable strings, the error
 * record a failing function fills in, per-message warnings, UTC calendar
 * arithmetic.
 *
 * Invariants: a ct_buf's `buf` is never NULL once anything was added, and is
 * always NUL-terminated then; ct_buf_cstr() returns "" for an empty buffer.
 * Nothing here keeps global state.
 */
#ifndef CABTALLY_UTIL_H
#define CABTALLY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Error codes: 0 is success, every failure is a negative value. */
enum ct_error_code {
	CT_OK = 0,
	CT_ERROR = -1,     /* generic failure */
	CT_ENOMEM = -2,    /* out of memory */
	CT_EIO = -3,       /* input missing or unreadable (exit 66) */
	CT_EINVALID = -4,  /* bad data that stops the run (exit 65) */
	CT_ENOTFOUND = -5, /* a looked-up thing does not exist */
	CT_EUSAGE = -6,    /* a caller gave bad arguments (exit 64) */
	CT_EOUTPUT = -7,   /* writing output failed (exit 74) */
};

/* What went wrong, for the caller to print. `msg` is lowercase, no full stop,
 * and names the file/offset/Message-ID where they are known. */
typedef struct ct_error {
	int code;
	char msg[1024];
} ct_error;

#define CT_ERROR_INIT { 0, { 0 } }

/* Fill `err` (when not NULL) and return `code`, so `return ct_error_set(...)`
 * reads naturally. */
int ct_error_set(ct_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Growable byte string. */
typedef struct ct_buf {
	char *buf;
	size_t len;
	size_t alloc;
} ct_buf;

#define CT_BUF_INIT { NULL, 0, 0 }

void ct_buf_init(ct_buf *b);
/* Free the storage; the buffer is empty and reusable afterwards. */
void ct_buf_release(ct_buf *b);
/* Make room for `extra` more bytes (plus the NUL). Aborts on out of memory. */
void ct_buf_grow(ct_buf *b, size_t extra);
void ct_buf_add(ct_buf *b, const void *data, size_t len);
void ct_buf_addstr(ct_buf *b, const char *s);
/* One byte; inline, since text is built byte by byte in the hot paths. */
static inline void ct_buf_addch(ct_buf *b, char c)
{
	if (b->len + 2 > b->alloc)
		ct_buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}
void ct_buf_addf(ct_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ct_buf_vaddf(ct_buf *b, const char *fmt, va_list ap);
void ct_buf_reset(ct_buf *b);
void ct_buf_truncate(ct_buf *b, size_t len);
/* The contents as a C string; never NULL. Borrowed from the buffer. */
const char *ct_buf_cstr(const ct_buf *b);
/* Hand the storage to the caller (free() it); the buffer becomes empty. Never NULL. */
char *ct_buf_detach(ct_buf *b);
/* Append `s` as a JSON string literal, quotes included. */
void ct_buf_add_json_string(ct_buf *b, const char *s);

/* Read the whole file at `path`: 0 with *out malloc'd and NUL-terminated
 * (its length in *len), or CT_EIO. */
int ct_read_file(const char *path, char **out, size_t *len);

/* Allocation that aborts on out of memory (the only sane reaction in a CLI). */
void *ct_malloc(size_t n);
void *ct_calloc(size_t n, size_t size);
void *ct_realloc(void *p, size_t n);
char *ct_strdup(const char *s);
char *ct_strndup(const char *s, size_t n);

/* One warning attached to a message or a run: a short code such as
 * "no-date" and a human message. */
typedef struct ct_warning {
	char *code;
	char *message;
} ct_warning;

typedef struct ct_warnings {
	ct_warning *items;
	size_t count;
	size_t alloc;
} ct_warnings;

#define CT_WARNINGS_INIT { NULL, 0, 0 }

void ct_warnings_add(ct_warnings *w, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ct_warnings_release(ct_warnings *w);

/* UTC calendar. Times are seconds since the epoch (int64_t, may be negative). */
int64_t ct_time_from_civil(int year, int month, int day, int hour, int min, int sec);
void ct_time_to_civil(int64_t t, int *year, int *month, int *day, int *hour, int *min, int *sec);
/* "2019-11-07T03:00:00Z" into `out` (at least 21 bytes). */
void ct_time_format_iso(int64_t t, char out[21]);
/* "2019-11-07" into `out` (at least 11 bytes). */
void ct_time_format_date(int64_t t, char out[11]);
/* Parse "YYYY-MM-DD" (a UTC day start) or "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]".
 * Returns 0 and sets *out, or CT_EINVALID. */
int ct_time_parse_iso(const char *s, int64_t *out);
/* Month name or 3-letter abbreviation (any case, English) → 1..12, else 0. */
int ct_month_from_name(const char *s, size_t len);
/* Days in month for a year (1..12). */
int ct_days_in_month(int year, int month);

/* ASCII helpers that do not depend on the locale. */
int ct_ascii_tolower(int c);
int ct_strncasecmp(const char *a, const char *b, size_t n);
int ct_strcasecmp(const char *a, const char *b);
/* Case-insensitive search for `needle` in the first `len` bytes of `hay`. */
const char *ct_memcasemem(const char *hay, size_t len, const char *needle);

#endif
