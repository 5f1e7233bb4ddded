/* cli/sha256: file hashes with the x86 SHA extensions when present, GChecksum otherwise. */
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cabtally/util.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHANI_CODE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#define BLOCK (1u << 20)

typedef struct hasher {
	int fast;
	uint32_t state[8];
	unsigned char tail[64];
	size_t ntail;
	uint64_t total;
	GChecksum *slow;
} hasher;

#ifdef HAVE_SHANI_CODE
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static int cpu_has_shani(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b >> 29) & 1; /* SHA */
}

/* Four rounds: g is the group (0-15), M0 its message words; M1 gets the
 * schedule's msg2 step (groups 3-14), M3 its msg1 step (groups 1-12). The
 * words run three groups ahead, in Intel's published scheme. */
#define ROUNDS4(g, M0, M1, M3) do { \
	__m128i msg = _mm_add_epi32(M0, _mm_loadu_si128((const __m128i *)&K[4 * (g)])); \
	s1 = _mm_sha256rnds2_epu32(s1, s0, msg); \
	if ((g) >= 3 && (g) <= 14) { \
		M1 = _mm_add_epi32(M1, _mm_alignr_epi8(M0, M3, 4)); \
		M1 = _mm_sha256msg2_epu32(M1, M0); \
	} \
	s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(msg, 0x0E)); \
	if ((g) >= 1 && (g) <= 12) \
		M3 = _mm_sha256msg1_epu32(M3, M0); \
} while (0)

/* Whole 64-byte blocks. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t state[8], const unsigned char *data, size_t nblocks)
{
	const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xB1);        /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);          /* EFGH */
	__m128i s0 = _mm_alignr_epi8(tmp, s1, 8);  /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);       /* CDGH */
	for (; nblocks; nblocks--, data += 64) {
		__m128i abef = s0, cdgh = s1;
		__m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), mask);
		__m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), mask);
		__m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), mask);
		__m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), mask);
		ROUNDS4(0, m0, m1, m3);
		ROUNDS4(1, m1, m2, m0);
		ROUNDS4(2, m2, m3, m1);
		ROUNDS4(3, m3, m0, m2);
		ROUNDS4(4, m0, m1, m3);
		ROUNDS4(5, m1, m2, m0);
		ROUNDS4(6, m2, m3, m1);
		ROUNDS4(7, m3, m0, m2);
		ROUNDS4(8, m0, m1, m3);
		ROUNDS4(9, m1, m2, m0);
		ROUNDS4(10, m2, m3, m1);
		ROUNDS4(11, m3, m0, m2);
		ROUNDS4(12, m0, m1, m3);
		ROUNDS4(13, m1, m2, m0);
		ROUNDS4(14, m2, m3, m1);
		ROUNDS4(15, m3, m0, m2);
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1B);         /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);          /* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xF0);       /* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);          /* ABEF */
	_mm_storeu_si128((__m128i *)&state[0], s0);
	_mm_storeu_si128((__m128i *)&state[4], s1);
}
#endif

static void hasher_init(hasher *h)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memset(h, 0, sizeof(*h));
	memcpy(h->state, iv, sizeof(iv));
#ifdef HAVE_SHANI_CODE
	h->fast = cpu_has_shani() && !getenv("CABTALLY_NO_SHANI");
#endif
	if (!h->fast)
		h->slow = g_checksum_new(G_CHECKSUM_SHA256);
}

static void hasher_update(hasher *h, const unsigned char *p, size_t n)
{
	if (!h->fast) {
		g_checksum_update(h->slow, p, (gssize)n);
		return;
	}
#ifdef HAVE_SHANI_CODE
	h->total += n;
	if (h->ntail) {
		size_t take = 64 - h->ntail < n ? 64 - h->ntail : n;
		memcpy(h->tail + h->ntail, p, take);
		h->ntail += take;
		p += take;
		n -= take;
		if (h->ntail < 64)
			return;
		blocks_shani(h->state, h->tail, 1);
		h->ntail = 0;
	}
	blocks_shani(h->state, p, n / 64);
	memcpy(h->tail, p + n / 64 * 64, n % 64);
	h->ntail = n % 64;
#endif
}

static void hasher_final(hasher *h, char hex[65])
{
	if (!h->fast) {
		snprintf(hex, 65, "%s", g_checksum_get_string(h->slow));
		g_checksum_free(h->slow);
		return;
	}
#ifdef HAVE_SHANI_CODE
	unsigned char pad[128] = { 0x80 };
	uint64_t bits = h->total * 8;
	size_t padlen = (h->ntail < 56 ? 56 : 120) - h->ntail;
	for (int i = 0; i < 8; i++)
		pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	hasher_update(h, pad, padlen + 8);
	for (int i = 0; i < 8; i++)
		snprintf(hex + 8 * i, 9, "%08x", h->state[i]);
#endif
}

/* ---- a hash fed by another reader ---- */

#define FEED_SLOTS 8

typedef struct feed_slot {
	unsigned char *buf;
	size_t len;
} feed_slot;

struct sha256_feed {
	hasher h;
	uint64_t fed;           /* bytes handed over so far */
	pthread_t thread;
	int threaded;
	pthread_mutex_t mu;
	pthread_cond_t cond;
	feed_slot slots[FEED_SLOTS];
	size_t head, tail;      /* next to hash, next to fill */
	int done;
};

static void *feed_main(void *arg)
{
	sha256_feed *f = arg;
#ifdef __linux__
	prctl(PR_SET_NAME, "cabtally-sha256"); /* apart in top -H and perf */
#endif
	pthread_mutex_lock(&f->mu);
	for (;;) {
		while (f->head == f->tail && !f->done)
			pthread_cond_wait(&f->cond, &f->mu);
		if (f->head == f->tail)
			break;
		feed_slot *s = &f->slots[f->head % FEED_SLOTS];
		pthread_mutex_unlock(&f->mu);
		hasher_update(&f->h, s->buf, s->len);
		pthread_mutex_lock(&f->mu);
		f->head++;
		pthread_cond_broadcast(&f->cond);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

sha256_feed *sha256_feed_start(void)
{
	sha256_feed *f = ct_calloc(1, sizeof(*f));
	hasher_init(&f->h);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cond, NULL);
	f->threaded = pthread_create(&f->thread, NULL, feed_main, f) == 0;
	return f;
}

void sha256_feed_add(sha256_feed *f, const void *data, size_t len)
{
	const unsigned char *p = data;
	f->fed += len;
	if (!f->threaded) {
		hasher_update(&f->h, p, len);
		return;
	}
	while (len) {
		size_t n = len < BLOCK ? len : BLOCK;
		pthread_mutex_lock(&f->mu);
		while (f->tail - f->head == FEED_SLOTS)
			pthread_cond_wait(&f->cond, &f->mu);
		pthread_mutex_unlock(&f->mu);
		/* the slot at tail is the feeder's until tail moves on */
		feed_slot *s = &f->slots[f->tail % FEED_SLOTS];
		if (!s->buf)
			s->buf = ct_malloc(BLOCK);
		memcpy(s->buf, p, n);
		s->len = n;
		pthread_mutex_lock(&f->mu);
		f->tail++;
		pthread_cond_broadcast(&f->cond);
		pthread_mutex_unlock(&f->mu);
		p += n;
		len -= n;
	}
}

/* Hand over the bytes of `path` from f->fed to its end. */
static int feed_rest(sha256_feed *f, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int rc = 0;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		rc = -1;
	} else if (!S_ISREG(st.st_mode)) {
		/* a pipe: the reader read it to its end, and it cannot be read again */
	} else if (lseek(fd, (off_t)f->fed, SEEK_SET) == (off_t)-1) {
		rc = -1;
	} else {
		unsigned char *buf = ct_malloc(BLOCK);
		ssize_t n;
		while ((n = read(fd, buf, BLOCK)) > 0 || (n < 0 && errno == EINTR))
			if (n > 0)
				sha256_feed_add(f, buf, (size_t)n);
		rc = n < 0 ? -1 : 0;
		free(buf);
	}
	close(fd);
	return rc;
}

int sha256_feed_finish(sha256_feed *f, const char *path, char hex[65])
{
	int rc = feed_rest(f, path);
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		f->done = 1;
		pthread_cond_broadcast(&f->cond);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->thread, NULL);
	}
	char out[65];
	hasher_final(&f->h, out);
	memcpy(hex, out, sizeof(out));
	if (rc)
		hex[0] = '\0';
	for (size_t i = 0; i < FEED_SLOTS; i++)
		free(f->slots[i].buf);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->mu);
	free(f);
	return rc;
}
