/* post internals shared by src/post*.c (not a public header). */
#ifndef CABTALLY_POST_INTERNAL_H
#define CABTALLY_POST_INTERNAL_H

#include "cabtally/post.h"

/* A cleaned copy of one line (malloc'd): tags, entities, emphasis, bullets,
 * list numbers removed, dashes and quotes made ASCII, blanks collapsed. */
char *post_clean_line(const char *s, size_t len);

/* Append one zeroed element to a heap array of `size`-byte elements. */
void *post_grow(void *arr, size_t *count, size_t size);
void post_list_add_name(ct_post_list *l, const char *name, size_t len, int line);

/* The line reader (post_read.c): patterns and the state between lines. */
typedef struct post_reader post_reader;

post_reader *post_reader_new(ct_post *p);
/* Read one cleaned line; returns 0 once the results part has ended. */
int post_reader_line(post_reader *r, const char *clean, int line);
/* Settle what needs the whole post (e.g. why no count was found). */
void post_reader_finish(post_reader *r);
void post_reader_free(post_reader *r);

#endif
