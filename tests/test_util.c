/* util: buffers, JSON strings, calendar arithmetic, ISO dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/util.h"

static void test_buf_grows_and_detaches(void **state)
{
	ct_buf b = CT_BUF_INIT;
	assert_string_equal(ct_buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		ct_buf_addf(&b, "%d,", i);
	assert_int_equal(strncmp(b.buf, "0,1,2,", 6), 0);
	assert_int_equal(b.buf[b.len], '\0');
	char *s = ct_buf_detach(&b);
	assert_null(b.buf);
	assert_int_equal(strlen(s), 3890);
	free(s);
}

static void test_json_string_escapes_controls(void **state)
{
	ct_buf b = CT_BUF_INIT;
	ct_buf_add_json_string(&b, "a\"b\\c\nd\x01");
	assert_string_equal(b.buf, "\"a\\\"b\\\\c\\nd\\u0001\"");
	ct_buf_release(&b);
}

static const struct {
	const char *iso;
	int64_t t;
} iso_rows[] = {
	{ "1970-01-01T00:00:00Z", 0 },
	{ "2019-11-07T03:00:00Z", 1573095600 },
	{ "2017-03-02T09:14:00Z", 1488446040 },
	{ "2000-02-29T23:59:59Z", 951868799 },
	{ "1969-12-31T23:59:59Z", -1 },
};

static void test_time_round_trips(void **state)
{
	for (size_t i = 0; i < sizeof(iso_rows) / sizeof(iso_rows[0]); i++) {
		int64_t t;
		char out[21];
		assert_int_equal(ct_time_parse_iso(iso_rows[i].iso, &t), 0);
		assert_int_equal(t, iso_rows[i].t);
		ct_time_format_iso(t, out);
		assert_string_equal(out, iso_rows[i].iso);
	}
}

static void test_time_parse_offsets_and_days(void **state)
{
	int64_t t;
	assert_int_equal(ct_time_parse_iso("2019-11-07", &t), 0);
	assert_int_equal(t, 1573084800);
	assert_int_equal(ct_time_parse_iso("2019-11-07T05:00+02:00", &t), 0);
	assert_int_equal(t, 1573095600);
	assert_int_equal(ct_time_parse_iso("2019-11-06T22:00:00-05:00", &t), 0);
	assert_int_equal(t, 1573095600);
	assert_int_equal(ct_time_parse_iso("2019-02-29", &t), CT_EINVALID);
	assert_int_equal(ct_time_parse_iso("2019-11-07T25:00Z", &t), CT_EINVALID);
	assert_int_equal(ct_time_parse_iso("yesterday", &t), CT_EINVALID);
}

static void test_month_names(void **state)
{
	assert_int_equal(ct_month_from_name("Mar", 3), 3);
	assert_int_equal(ct_month_from_name("november", 8), 11);
	assert_int_equal(ct_month_from_name("Sept", 4), 9);
	assert_int_equal(ct_month_from_name("Ma", 2), 0);
	assert_int_equal(ct_month_from_name("Marc", 4), 0);
}

static void test_memcasemem(void **state)
{
	const char *h = "Subject: Re: BALLOT 187";
	assert_ptr_equal(ct_memcasemem(h, strlen(h), "ballot"), h + 13);
	assert_null(ct_memcasemem(h, 10, "ballot"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_detaches),
		cmocka_unit_test(test_json_string_escapes_controls),
		cmocka_unit_test(test_time_round_trips),
		cmocka_unit_test(test_time_parse_offsets_and_days),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_memcasemem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
