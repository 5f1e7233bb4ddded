/* fuzz_post: read any bytes as a draft result post (Markdown, text or HTML)
 * and check every claim read from it. */
#include "fuzz.h"
#include "cabtally/post.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ct_post *p = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_post_parse(&p, "fuzz.md", (const char *)data, size, &err) != 0)
		return 0;
	(void)ct_post_vote_claims(p);
	ct_post_findings f;
	memset(&f, 0, sizeof(f));
	ct_post_check_options opt = { NULL };
	if (ct_post_check(&f, p, &opt, &err) != 0)
		abort(); /* no --rules given: the only failure cannot happen */
	ct_post_findings_sort(&f);
	ct_post_findings_release(&f);
	ct_post_free(p);
	return 0;
}
