/* html: HTML mail parts to text, quote containers marked "> ". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/html.h"

static const struct {
	const char *what;
	const char *html;
	const char *text;
} rows[] = {
	{ "plain paragraph, whitespace collapsed",
	  "<p>We   vote\n  <b>yes</b>  on Ballot 187.</p>",
	  "We vote yes on Ballot 187.\n" },
	{ "br ends lines, entities decoded",
	  "Yes&nbsp;&amp; thanks<br>Jane&#8217;s CA<br/>&lt;ok&gt;",
	  "Yes & thanks\nJane\xe2\x80\x99s CA\n<ok>\n" },
	{ "paragraphs separated by one blank line",
	  "<p>one</p><p>two</p><p></p><p>three</p>",
	  "one\n\ntwo\n\nthree\n" },
	{ "divs are lines, Gmail's <div><br></div> is a blank line",
	  "<div>Yes</div><div><br></div><div>Jane</div>",
	  "Yes\n\nJane\n" },
	{ "Outlook MsoNormal paragraphs are single lines, nbsp paragraph blank",
	  "<p class=MsoNormal>Entrust votes yes.<o:p></o:p></p>"
	  "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Bruce<o:p></o:p></p>",
	  "Entrust votes yes.\n\nBruce\n" },
	{ "style, script, head and title dropped",
	  "<html><head><title>t</title><style>p{color:red}</style></head>"
	  "<body><script>alert(1)</script><p>Abstain</p></body></html>",
	  "Abstain\n" },
	{ "table rows are lines, cells spaced",
	  "<table><tr><td>Buypass</td><td>Yes</td></tr><tr><td>Entrust</td><td>No</td></tr></table>",
	  "Buypass Yes\nEntrust No\n" },
	{ "list items are lines",
	  "<ul><li>first</li><li>second</li></ul>",
	  "first\nsecond\n" },
	{ "pre keeps whitespace and newlines",
	  "<pre>a  b\n  c</pre>",
	  "a  b\n  c\n" },
	{ "plain blockquote quoted",
	  "<div>Yes</div><blockquote>Ballot 187<br>Purpose</blockquote>",
	  "Yes\n> Ballot 187\n> Purpose\n" },
	{ "nested blockquotes quoted twice",
	  "Yes<blockquote>outer<blockquote>inner</blockquote>after</blockquote>end",
	  "Yes\n> outer\n> > inner\n> after\nend\n" },
	{ "Apple Mail blockquote type=cite",
	  "<div>GlobalSign votes Yes.</div><div><br><blockquote type=\"cite\"><div>On Mar 2, 2017,"
	  " at 09:14, Kirk Hall wrote:</div><div>Ballot 187 - Make CAA Checking Mandatory</div>"
	  "</blockquote></div>",
	  "GlobalSign votes Yes.\n\n> On Mar 2, 2017, at 09:14, Kirk Hall wrote:\n"
	  "> Ballot 187 - Make CAA Checking Mandatory\n" },
	{ "Gmail: attribution outside, gmail_quote blockquote quoted once",
	  "<div dir=\"ltr\">Google votes YES</div><br><div class=\"gmail_quote\"><div dir=\"ltr\""
	  " class=\"gmail_attr\">On Thu, Mar 2, 2017 at 9:14 AM Kirk Hall wrote:<br></div>"
	  "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">Ballot 187<br>"
	  "Voting begins</blockquote></div>",
	  "Google votes YES\n\nOn Thu, Mar 2, 2017 at 9:14 AM Kirk Hall wrote:\n> Ballot 187\n"
	  "> Voting begins\n" },
	{ "Gmail quote div without blockquote still quoted",
	  "Yes<div class=\"gmail_quote\">Ballot 187</div>",
	  "Yes\n> Ballot 187\n" },
	{ "Yahoo yahoo_quoted container",
	  "<div>Yes from us</div><div class=\"yahoo_quoted\"><div>On Thursday, March 2, 2017 9:14"
	  " AM, Kirk Hall wrote:</div><div><div>Ballot 187</div></div></div>",
	  "Yes from us\n> On Thursday, March 2, 2017 9:14 AM, Kirk Hall wrote:\n> Ballot 187\n" },
	{ "ProtonMail quote",
	  "<div>Yes</div><div class=\"protonmail_quote\">-------- Original Message --------<br>"
	  "<blockquote class=\"protonmail_quote\" type=\"cite\">Ballot SC23</blockquote></div>",
	  "Yes\n-------- Original Message --------\n> Ballot SC23\n" },
	{ "Thunderbird moz-cite-prefix and cite blockquote",
	  "<p>Yes.</p><div class=\"moz-cite-prefix\">On 3/2/2017 9:14 AM, Kirk Hall wrote:<br></div>"
	  "<blockquote type=\"cite\" cite=\"mid:x@y\"><p>Ballot 187</p></blockquote>",
	  "Yes.\n\n> On 3/2/2017 9:14 AM, Kirk Hall wrote:\n> Ballot 187\n" },
	{ "text before any element is not an implied paragraph",
	  "Yes<p>Regards</p>",
	  "Yes\n\nRegards\n" },
	{ "UTF-8 byte order mark ignored",
	  "\xef\xbb\xbfYes",
	  "Yes\n" },
	{ "Outlook divRplyFwdMsg: everything after is quoted",
	  "<div>Microsoft votes yes.</div><hr style=\"display:inline-block\"><div id=\"divRplyFwdMsg\">"
	  "<b>From:</b> Public &lt;public-bounces@cabforum.org&gt;<br><b>Sent:</b> Thursday</div>"
	  "<div>Ballot SC23</div><div>Purpose</div>",
	  "Microsoft votes yes.\n> From: Public <public-bounces@cabforum.org>\n> Sent: Thursday\n"
	  "> Ballot SC23\n> Purpose\n" },
	{ "Outlook appendonsend marks the rest",
	  "<div>No</div><div id=\"appendonsend\"></div><div>From: Kirk</div><p>Ballot</p>",
	  "No\n> From: Kirk\n>\n> Ballot\n" },
	{ "Outlook desktop border-top #E1E1E1 divider",
	  "<div class=WordSection1><p class=MsoNormal>DigiCert votes yes.</p>"
	  "<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in'>"
	  "<p class=MsoNormal><b>From:</b> Public [mailto:public-bounces@cabforum.org]<br>"
	  "<b>Sent:</b> Thursday, March 2, 2017</p></div></div>"
	  "<p class=MsoNormal>Ballot 187</p></div>",
	  "DigiCert votes yes.\n> From: Public [mailto:public-bounces@cabforum.org]\n"
	  "> Sent: Thursday, March 2, 2017\n> Ballot 187\n" },
	{ "Outlook 2010 border-top #B5C4DF divider",
	  "<p class=MsoNormal>Abstain</p><div style='border:none;border-top:solid #B5C4DF 1.0pt'>"
	  "<p class=MsoNormal><b>From:</b> x</p></div><p class=MsoNormal>Ballot</p>",
	  "Abstain\n> From: x\n> Ballot\n" },
	{ "a bordered div without a header line is not a divider",
	  "<p class=MsoNormal>Yes</p><div style='border-top:solid #E1E1E1 1.0pt'>"
	  "<p class=MsoNormal>Footer note</p></div><p class=MsoNormal>More</p>",
	  "Yes\nFooter note\nMore\n" },
	{ "hr followed by From: is a divider",
	  "<div>Yes</div><hr><b>From:</b> Kirk<br>Ballot 187",
	  "Yes\n> From: Kirk\n> Ballot 187\n" },
	{ "hr not followed by From: is not",
	  "<div>Yes</div><hr><div>Signature</div>",
	  "Yes\nSignature\n" },
	{ "broken markup recovered",
	  "<div>Yes<p>unclosed<blockquote>quoted",
	  "Yes\n\nunclosed\n\n> quoted\n" },
	{ "empty document", "", "" },
	{ "only whitespace", "  \n <div> </div> ", "" },
};

static void test_html_rows(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_buf out = CT_BUF_INIT;
		ct_error err = CT_ERROR_INIT;
		int rc = ct_html_to_text(&out, rows[i].html, strlen(rows[i].html), "UTF-8", &err);
		if (rc != 0 || strcmp(ct_buf_cstr(&out), rows[i].text) != 0) {
			fprintf(stderr, "row '%s': rc %d\n--- want\n%s--- got\n%s---\n", rows[i].what,
				rc, rows[i].text, ct_buf_cstr(&out));
			failed++;
		}
		ct_buf_release(&out);
	}
	assert_int_equal(failed, 0);
}

static void test_html_charset_given(void **state)
{
	(void)state;
	/* windows-1252 bytes: en dash and curly quotes, as Outlook writes them */
	const char html[] = "<p>Ballot 187 \x96 \x93yes\x94</p>";
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_html_to_text(&out, html, strlen(html), "windows-1252", NULL), 0);
	assert_string_equal(ct_buf_cstr(&out),
			    "Ballot 187 \xe2\x80\x93 \xe2\x80\x9cyes\xe2\x80\x9d\n");
	ct_buf_release(&out);
}

static void test_html_meta_does_not_override_given_charset(void **state)
{
	(void)state;
	/* The message decoder hands over UTF-8 even when the part's <meta> says otherwise. */
	const char html[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
			    "charset=windows-1252\"></head><body><p>Caf\xc3\xa9 \xe2\x80\x93 yes</p>"
			    "</body></html>";
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_html_to_text(&out, html, strlen(html), "UTF-8", NULL), 0);
	assert_string_equal(ct_buf_cstr(&out), "Caf\xc3\xa9 \xe2\x80\x93 yes\n");
	ct_buf_release(&out);
}

static void test_html_deep_nesting_no_crash(void **state)
{
	(void)state;
	ct_buf in = CT_BUF_INIT;
	for (int i = 0; i < 100; i++)
		ct_buf_addstr(&in, "<blockquote><div>");
	ct_buf_addstr(&in, "deep");
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_html_to_text(&out, in.buf, in.len, "UTF-8", NULL), 0);
	ct_buf want = CT_BUF_INIT;
	for (int i = 0; i < 100; i++)
		ct_buf_addstr(&want, "> ");
	ct_buf_addstr(&want, "deep\n");
	assert_string_equal(ct_buf_cstr(&out), ct_buf_cstr(&want));
	/* far beyond libxml2's depth limit: parsing stops, nothing crashes */
	for (int i = 0; i < 20000; i++)
		ct_buf_addstr(&in, "<blockquote><div>");
	ct_buf_reset(&out);
	assert_int_equal(ct_html_to_text(&out, in.buf, in.len, "UTF-8", NULL), 0);
	ct_buf_release(&want);
	ct_buf_release(&in);
	ct_buf_release(&out);
}

static void test_html_no_external_entities(void **state)
{
	(void)state;
	const char html[] = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
			    "<p>a&x;b</p><img src=\"http://example.com/x.png\">";
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_html_to_text(&out, html, strlen(html), "UTF-8", NULL), 0);
	assert_null(strstr(ct_buf_cstr(&out), "root:"));
	ct_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_rows),
		cmocka_unit_test(test_html_charset_given),
		cmocka_unit_test(test_html_meta_does_not_override_given_charset),
		cmocka_unit_test(test_html_deep_nesting_no_crash),
		cmocka_unit_test(test_html_no_external_entities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
