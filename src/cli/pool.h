/*
 * cli/pool: an ordered work pool. The submitting thread hands out jobs; the
 * workers run them; the results come back to the submitting thread in the
 * order the jobs went in, so what is printed and indexed does not depend on
 * the number of threads.
 *
 * Every worker owns a state made by `state_new`: the submitting thread's
 * own is made in pool_new (so a failure is reported there), each worker
 * thread's in that thread (its start-up cost stays off the submitting
 * thread's path). A submitter that has to wait runs a pending job itself
 * instead; with `threads` 0 it runs every job, inside pool_submit, and
 * collects it at once. A worker whose state cannot be made stops; its jobs
 * go to the others.
 *
 * In flight (submitted, not yet collected) are at most `max_jobs` jobs and,
 * unless a single job is bigger, `max_cost` units of the caller's measure
 * (bytes): what the pool holds stays bounded however long the input.
 */
#ifndef CABTALLY_CLI_POOL_H
#define CABTALLY_CLI_POOL_H

#include <stddef.h>

#include "cabtally/util.h"

typedef struct pool pool;

typedef struct pool_ops {
	void *(*state_new)(void *ctx, ct_error *err); /* a worker's state, NULL on failure */
	void (*state_free)(void *state);
	void (*work)(void *state, void *job);      /* in any thread */
	void (*collect)(void *ctx, void *job);     /* in the submitting thread, in order */
} pool_ops;

/* NULL (with `err` set) when the submitting thread's state cannot be made.
 * `threads` worker threads besides the submitting one (fewer when they
 * cannot be started). */
pool *pool_new(const pool_ops *ops, void *ctx, size_t threads, size_t max_jobs,
	       size_t max_cost, ct_error *err);

/* Queue `job` (the caller's until it is collected). May run or collect
 * earlier jobs first, and waits while the pool is full. */
void pool_submit(pool *p, void *job, size_t cost);

/* Run and collect every job in flight; the pool stays open. */
void pool_wait(pool *p);

/* Run and collect every job left, stop the workers and free the pool. */
void pool_finish(pool *p);

/* Worker threads for this machine besides the submitting one: the online
 * processors less one, at most 7. */
size_t pool_default_threads(void);

#endif
