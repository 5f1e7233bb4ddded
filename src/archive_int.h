/*
 * archive_int: between the splitter (archive.c) and the judge of From_
 * lines (archive_from.c). Internal to the archive module.
 */
#ifndef CABTALLY_ARCHIVE_INT_H
#define CABTALLY_ARCHIVE_INT_H

#include <stddef.h>
#include <stdint.h>

typedef struct from_info {
	size_t line_len;  /* without the line end */
	size_t next;      /* offset of the line after it */
	int64_t date;
	int pipermail;
} from_info;

enum { FROM_VALID, FROM_REJECT, FROM_MORE };

/* Classify the line at p (which starts with "From "), `avail` bytes known
 * (`eof`: there are no more): FROM_VALID with *fi filled, FROM_REJECT with
 * *why in words, or FROM_MORE when the line or the next one is not whole
 * yet. */
int archive_classify_from(const char *p, size_t avail, int eof, from_info *fi, const char **why);

#endif
