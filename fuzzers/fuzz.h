/*
 * fuzzers: what every libFuzzer target shares. Each fuzzers/fuzz_<t>.c
 * defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); it
 * is linked either with libFuzzer (clang, -DCABTALLY_FUZZ=ON) or with
 * standalone.c, which replays the files of fuzzers/corpus/<t>/ under ctest.
 *
 * A target must not keep state between inputs other than objects built
 * once (compiled patterns) that the library promises are reusable.
 */
#ifndef CABTALLY_FUZZ_H
#define CABTALLY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input as a NUL-terminated string (the caller frees). Inner NULs stay. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Split off the first line (up to '\n') as a NUL-terminated string; *rest
 * and *rest_len get what follows. The caller frees the result. */
static inline char *fuzz_first_line(const uint8_t *data, size_t size, const uint8_t **rest,
				    size_t *rest_len)
{
	const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
	size_t n = nl ? (size_t)(nl - data) : size;
	*rest = nl ? nl + 1 : data + size;
	*rest_len = size - n - (nl != NULL);
	return fuzz_cstr(data, n);
}

#endif
