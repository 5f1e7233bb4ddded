/* cli/pool: an ordered work pool (pool.h). */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cabtally/util.h"

enum { SLOT_PENDING, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
	void *job;
	size_t cost;
	int state;
} slot;

typedef struct worker {
	pool *p;
	pthread_t thread;
} worker;

struct pool {
	pool_ops ops;
	void *ctx;
	void *own_state;        /* the submitting thread's */
	pthread_mutex_t mu;
	pthread_cond_t work;    /* a job is pending, or stop */
	pthread_cond_t done;    /* a job is done */
	slot *ring;
	size_t cap;
	size_t head, next, tail; /* oldest uncollected, oldest not started, next free */
	size_t cost, max_cost;  /* in flight */
	int stop;
	worker *workers;
	size_t nworkers;
};

/* Take the oldest pending job (mu held); NULL when none. */
static slot *take_pending(pool *p)
{
	if (p->next == p->tail)
		return NULL;
	slot *s = &p->ring[p->next % p->cap];
	p->next++;
	s->state = SLOT_RUNNING;
	return s;
}

static void run(pool *p, void *state, slot *s)
{
	p->ops.work(state, s->job);
	pthread_mutex_lock(&p->mu);
	s->state = SLOT_DONE;
	pthread_cond_broadcast(&p->done);
	pthread_mutex_unlock(&p->mu);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	pool *p = w->p;
#ifdef __linux__
	prctl(PR_SET_NAME, "cabtally-decode"); /* apart in top -H and perf */
#endif
	ct_error err = CT_ERROR_INIT;
	void *state = p->ops.state_new(p->ctx, &err);
	if (!state)
		return NULL; /* the others (and the submitter) run its share */
	pthread_mutex_lock(&p->mu);
	for (;;) {
		slot *s = take_pending(p);
		if (!s) {
			if (p->stop)
				break;
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		pthread_mutex_unlock(&p->mu);
		run(p, state, s);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	p->ops.state_free(state);
	return NULL;
}

size_t pool_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 1)
		return 0;
	return n > 8 ? 7 : (size_t)n - 1;
}

pool *pool_new(const pool_ops *ops, void *ctx, size_t threads, size_t max_jobs,
	       size_t max_cost, ct_error *err)
{
	void *own = ops->state_new(ctx, err);
	if (!own)
		return NULL;
	pool *p = ct_calloc(1, sizeof(*p));
	p->ops = *ops;
	p->ctx = ctx;
	p->own_state = own;
	p->cap = max_jobs ? max_jobs : 1;
	p->ring = ct_calloc(p->cap, sizeof(*p->ring));
	p->max_cost = max_cost;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	p->workers = ct_calloc(threads + 1, sizeof(*p->workers));
	for (size_t i = 0; i < threads; i++) {
		worker *w = &p->workers[p->nworkers];
		w->p = p;
		if (pthread_create(&w->thread, NULL, worker_main, w) == 0)
			p->nworkers++;
	}
	return p;
}

/* Collect the done jobs at the head, in order. */
static void collect_ready(pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->head != p->next && p->ring[p->head % p->cap].state == SLOT_DONE) {
		slot *s = &p->ring[p->head % p->cap];
		void *job = s->job;
		p->cost -= s->cost;
		p->head++;
		pthread_mutex_unlock(&p->mu);
		p->ops.collect(p->ctx, job);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
}

/* Make progress while the pool is full (or, `all`, until it is empty): run
 * a pending job here, or wait for a worker's. */
static void make_room(pool *p, size_t cost, int all)
{
	for (;;) {
		collect_ready(p);
		pthread_mutex_lock(&p->mu);
		size_t inflight = p->tail - p->head;
		int full = all ? inflight > 0 :
			   inflight >= p->cap ||
			   (inflight > 0 && p->cost + cost > p->max_cost);
		if (!full) {
			pthread_mutex_unlock(&p->mu);
			return;
		}
		slot *s = take_pending(p);
		if (s) {
			pthread_mutex_unlock(&p->mu);
			run(p, p->own_state, s);
			continue;
		}
		if (p->ring[p->head % p->cap].state != SLOT_DONE)
			pthread_cond_wait(&p->done, &p->mu);
		pthread_mutex_unlock(&p->mu);
	}
}

void pool_submit(pool *p, void *job, size_t cost)
{
	make_room(p, cost, 0);
	pthread_mutex_lock(&p->mu);
	slot *s = &p->ring[p->tail % p->cap];
	s->job = job;
	s->cost = cost;
	s->state = SLOT_PENDING;
	p->tail++;
	p->cost += cost;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	if (!p->nworkers)
		make_room(p, 0, 1); /* no threads: run it now */
	else
		collect_ready(p);
}

void pool_wait(pool *p)
{
	make_room(p, 0, 1);
}

void pool_finish(pool *p)
{
	if (!p)
		return;
	make_room(p, 0, 1);
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (size_t i = 0; i < p->nworkers; i++)
		pthread_join(p->workers[i].thread, NULL);
	p->ops.state_free(p->own_state);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p->workers);
	free(p->ring);
	free(p);
}
