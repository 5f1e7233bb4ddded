/* fuzz_html: HTML to text on any bytes, with the charset given or sniffed,
 * and the output invariants html.h promises. */
#include "fuzz.h"
#include "cabtally/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t last = size ? data[size - 1] : 0;
	static const char *charsets[] = { "UTF-8", NULL, "windows-1252", "ISO-2022-JP" };
	ct_buf out = CT_BUF_INIT;
	ct_error err = CT_ERROR_INIT;
	if (ct_html_to_text(&out, (const char *)data, size, charsets[last % 4], &err) == 0 &&
	    out.len) {
		/* every line ends with "\n"; no trailing blank line */
		if (out.buf[out.len - 1] != '\n' || (out.len >= 2 && out.buf[out.len - 2] == '\n'))
			abort();
	}
	ct_buf_release(&out);
	return 0;
}
