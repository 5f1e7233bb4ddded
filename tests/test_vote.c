/* vote: how a careful chair reads a vote, one phrasing per row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/vote.h"

#define YES CT_VOTE_YES
#define NO CT_VOTE_NO
#define ABST CT_VOTE_ABSTAIN
#define NONE CT_VOTE_NONE
#define UNCLEAR CT_VOTE_UNCLEAR
#define CLEAR CT_VOTE_R_NONE
#define CONFLICT CT_VOTE_R_CONFLICT
#define CONDITIONAL CT_VOTE_R_CONDITIONAL
#define QUESTION CT_VOTE_R_QUESTION
#define NO_OBJECTION CT_VOTE_R_NO_OBJECTION
#define HYPOTHETICAL CT_VOTE_R_HYPOTHETICAL
#define FUTURE CT_VOTE_R_FUTURE
#define BARE CT_VOTE_R_BARE_ANSWER
#define WRONG CT_VOTE_R_WRONG_BALLOT
#define LOOKALIKE CT_VOTE_R_LOOKALIKE

/* One phrasing: the first reading must be `cls`/`reason`, naming `org`
 * (NULL: none) and `ballot` ("": none). */
typedef struct row {
	const char *spec;
	const char *subject;
	const char *text;
	const char *thread;
	ct_vote_class cls;
	ct_vote_reason reason;
	const char *org;
	const char *ballot;
} row;

static const row rows[] = {
	/* ---- the vote sentence: "<Member> votes <value> …" ---- */
	{ "member, verb, value, ballot", NULL, "DigiCert votes yes on Ballot 187", "187", YES, CLEAR, "DigiCert", "187" },
	{ "no ballot id in the vote line", NULL, "Apple votes YES.", "187", YES, CLEAR, "Apple", "" },
	{ "a No with a versioned ballot", NULL, "Entrust votes NO on Ballot SC-59 v2.", "SC59", NO, CLEAR, "Entrust", "SC59" },
	{ "zero-padded SC id", NULL, "GlobalSign votes Yes on ballot SC-061.", "SC61", YES, CLEAR, "GlobalSign", "SC61" },
	{ "abstains as a verb, lower-case id", NULL, "GoDaddy abstains on ballot sc-64", "SC64", ABST, CLEAR, "GoDaddy", "SC64" },
	{ "abstains with SC-064", NULL, "D-Trust abstains on Ballot SC-064.", "SC64", ABST, CLEAR, "D-Trust", "SC64" },
	{ "Izenpe abstains", NULL, "Izenpe abstains on Ballot SC-064.", "SC64", ABST, CLEAR, "Izenpe", "SC64" },
	{ "capitalised Abstains alone", NULL, "GlobalSign Abstains.", "SC64", ABST, CLEAR, "GlobalSign", "" },
	{ "colon form with quoted value", NULL, "SSC votes: \"Yes\".", "187", YES, CLEAR, "SSC", "" },
	{ "ballot id before the member", NULL, "Ballot 197 D-TRUST votes: \"Yes\"", "197", YES, CLEAR, "D-TRUST", "197" },
	{ "quoted yes, FORUM id with v.2", NULL, "CFCA votes \"yes\" on Ballot FORUM-019 v.2.", "FORUM19", YES, CLEAR, "CFCA", "FORUM19" },
	{ "quoted abstain, 'to ballot'", NULL, "HARICA votes \"abstain\" to ballot 194.", "194", ABST, CLEAR, "HARICA", "194" },
	{ "curly single quotes", NULL, "SwissSign votes \u2018yes\u2019", "187", YES, CLEAR, "SwissSign", "" },
	{ "curly single quotes, capital", NULL, "Telia votes \u2018Yes\u2019", "187", YES, CLEAR, "Telia", "" },
	{ "curly double quotes", NULL, "VikingCloud votes \u201cYes\u201d", "187", YES, CLEAR, "VikingCloud", "" },
	{ "'votes YES to SC23'", NULL, "Entrust votes YES to SC23", "SC23", YES, CLEAR, "Entrust", "SC23" },
	{ "Google votes YES", NULL, "Google votes YES", "SC23", YES, CLEAR, "Google", "" },
	{ "Mozilla votes yes", NULL, "Mozilla votes yes", "SC23", YES, CLEAR, "Mozilla", "" },
	{ "'on ballot SC-23'", NULL, "GlobalSign votes YES on ballot SC-23", "SC23", YES, CLEAR, "GlobalSign", "SC23" },
	{ "glued version SC23v3 is the same ballot", NULL, "HARICA votes Yes on ballot SC23v3", "SC23", YES, CLEAR, "HARICA", "SC23" },
	{ "abstains from ballot X", NULL, "Sectigo abstains from ballot SC23.", "SC23", ABST, CLEAR, "Sectigo", "SC23" },
	{ "abstains from voting on ballot X", NULL, "TWCA abstains from voting on ballot 187.", "187", ABST, CLEAR, "TWCA", "187" },
	{ "we vote in favour", NULL, "We vote in favour of ballot 187.", "187", YES, CLEAR, NULL, "187" },
	{ "votes in favor", NULL, "Amazon votes in favor.", "187", YES, CLEAR, "Amazon", "" },
	{ "votes in favor of ballot", NULL, "Microsoft votes in favor of Ballot SC23.", "SC23", YES, CLEAR, "Microsoft", "SC23" },
	{ "we abstain", NULL, "We abstain.", "187", ABST, CLEAR, NULL, "" },
	{ "I abstain", NULL, "I abstain.", "187", ABST, CLEAR, NULL, "" },
	{ "votes no, two-word member", NULL, "Chunghwa Telecom votes no.", "187", NO, CLEAR, "Chunghwa Telecom", "" },
	{ "votes to abstain", NULL, "Disig votes to abstain.", "187", ABST, CLEAR, "Disig", "" },
	{ "company form with dots, S.p.A.", NULL, "Actalis S.p.A. votes yes on Ballot 190.", "190", YES, CLEAR, "Actalis S.p.A.", "190" },
	{ "lower-case company form a.s.", NULL, "Disig a.s. votes Yes.", "187", YES, CLEAR, "Disig a.s.", "" },
	{ "company form GmbH.", NULL, "D-Trust GmbH. votes yes.", "187", YES, CLEAR, "D-Trust GmbH.", "" },
	{ "votes abstain on ballot", NULL, "Firmaprofesional votes abstain on ballot SC23", "SC23", ABST, CLEAR, "Firmaprofesional", "SC23" },
	{ "is abstaining", NULL, "Actalis is abstaining.", "187", ABST, CLEAR, "Actalis", "" },
	{ "we are voting yes", NULL, "We are voting yes on SC23.", "SC23", YES, CLEAR, NULL, "SC23" },
	{ "member is voting yes", NULL, "DigiCert is voting yes on this ballot.", "SC23", YES, CLEAR, "DigiCert", "" },
	{ "'votes for ballot' is a yes", NULL, "Buypass votes for ballot SC23.", "SC23", YES, CLEAR, "Buypass", "SC23" },
	{ "votes against", NULL, "Camerfirma votes against ballot SC23.", "SC23", NO, CLEAR, "Camerfirma", "SC23" },
	{ "votes to approve", NULL, "OATI votes to approve Ballot 187.", "187", YES, CLEAR, "OATI", "187" },
	{ "hereby votes", NULL, "DigiCert hereby votes YES on Ballot 187.", "187", YES, CLEAR, "DigiCert", "187" },
	{ "'also votes'", NULL, "Fastly also votes yes.", "187", YES, CLEAR, "Fastly", "" },
	{ "'officially votes'", NULL, "Cisco officially votes yes on ballot 187.", "187", YES, CLEAR, "Cisco", "187" },
	{ "'would like to vote' is a vote", NULL, "Entrust would like to vote yes on ballot 187.", "187", YES, CLEAR, "Entrust", "187" },
	{ "casts its vote", NULL, "Google casts its vote: yes.", "187", YES, CLEAR, "Google", "" },
	{ "spaced version 'SC23 v3'", NULL, "Buypass votes Yes on Ballot SC23 v3", "SC23", YES, CLEAR, "Buypass", "SC23" },
	{ "SC-23 without 'ballot'", NULL, "JPRS votes yes on SC-23.", "SC23", YES, CLEAR, "JPRS", "SC23" },
	{ "bare number after 'on'", NULL, "Apple votes yes on 187", "187", YES, CLEAR, "Apple", "187" },
	{ "a date after 'on' is not a ballot", NULL, "Apple votes yes on 3 March 2017.", "187", YES, CLEAR, "Apple", "" },
	{ "'Ballot #187'", NULL, "DigiCert votes yes on Ballot #187", "187", YES, CLEAR, "DigiCert", "187" },
	{ "'Ballot [85]'", NULL, "DigiCert votes yes on Ballot [85]", "85", YES, CLEAR, "DigiCert", "85" },
	{ "SMC ballot", NULL, "Fastly votes yes on SMC08", "SMC8", YES, CLEAR, "Fastly", "SMC8" },
	{ "thread ballot given in another spelling", NULL, "DigiCert votes yes on Ballot SMC-08", "SMC08", YES, CLEAR, "DigiCert", "SMC8" },
	{ "NetSec ballot", NULL, "Certigna votes yes on Ballot NS-003", "NS3", YES, CLEAR, "Certigna", "NS3" },
	{ "Forum ballot, mixed case", NULL, "DigiCert votes yes on Forum-17", "FORUM17", YES, CLEAR, "DigiCert", "FORUM17" },
	{ "CSCWG spelling of a CSC ballot", NULL, "Sectigo votes Yes on CSCWG-19", "CSC19", YES, CLEAR, "Sectigo", "CSC19" },
	{ "CSC ballot", NULL, "Certum votes YES on ballot CSC-25.", "CSC25", YES, CLEAR, "Certum", "CSC25" },
	{ "Forum ballot with 'for ballot'", NULL, "Cisco votes 'yes' for ballot FORUM-019", "FORUM19", YES, CLEAR, "Cisco", "FORUM19" },
	{ "vote line wrapped after 'on'", NULL, "DigiCert votes YES on\nBallot SC23.", "SC23", YES, CLEAR, "DigiCert", "SC23" },
	{ "apposition after the id", NULL, "Google votes yes on Ballot SC23, the precertificate ballot.", "SC23", YES, CLEAR, "Google", "SC23" },
	{ "'Regarding SC23, …'", NULL, "Regarding SC23, GlobalSign votes yes.", "SC23", YES, CLEAR, "GlobalSign", "SC23" },
	{ "'SC-23: member votes'", NULL, "SC-23: GlobalSign votes yes", "SC23", YES, CLEAR, "GlobalSign", "SC23" },
	{ "emphasis around the value", NULL, "GlobalSign votes *YES*", "SC23", YES, CLEAR, "GlobalSign", "" },
	{ "spaced version 'v3' with SC-23", NULL, "GlobalSign votes YES on ballot SC-23 v3.", "SC23", YES, CLEAR, "GlobalSign", "SC23" },
	{ "we vote no", NULL, "We vote no.", "187", NO, CLEAR, NULL, "" },
	{ "'Yes, we vote yes'", NULL, "Yes, we vote yes.", "187", YES, CLEAR, NULL, "" },
	/* ---- member names as members write them ---- */
	{ "lower-case first letter", NULL, "eMudhra votes yes.", "187", YES, CLEAR, "eMudhra", "" },
	{ "mixed-case name", NULL, "certSIGN votes Yes", "187", YES, CLEAR, "certSIGN", "" },
	{ "name with a dot", NULL, "SSL.com votes yes.", "187", YES, CLEAR, "SSL.com", "" },
	{ "two words with a dot", NULL, "MSC Trustgate.com votes YES", "187", YES, CLEAR, "MSC Trustgate.com", "" },
	{ "'Inc.' does not end the sentence", NULL, "Comodo Group Inc. votes yes.", "187", YES, CLEAR, "Comodo Group Inc.", "" },
	{ "lower-case connector inside a name", NULL, "ANF Autoridad de Certificaci\u00f3n votes yes.", "187", YES, CLEAR, "ANF Autoridad de Certificaci\u00f3n", "" },
	{ "bracketed part of a name", NULL, "Certum (Asseco) votes YES", "187", YES, CLEAR, "Certum (Asseco)", "" },
	{ "lower-case words in brackets", NULL, "Sectigo (former Comodo CA) votes yes.", "187", YES, CLEAR, "Sectigo (former Comodo CA)", "" },
	{ "apostrophe in a name", NULL, "Let's Encrypt votes yes.", "187", YES, CLEAR, "Let's Encrypt", "" },
	{ "a number as a name", NULL, "360 votes yes", "187", YES, CLEAR, "360", "" },
	{ "leading 'The' is dropped", NULL, "The Mozilla Foundation votes yes.", "187", YES, CLEAR, "Mozilla Foundation", "" },
	{ "greeting before the name", NULL, "Hi all, DigiCert votes yes on SC23.", "SC23", YES, CLEAR, "DigiCert", "SC23" },
	{ "greeting line above", NULL, "Hello Dimitris,\n\nHARICA votes yes.", "187", YES, CLEAR, "HARICA", "" },
	{ "'So' before the name", NULL, "So DigiCert votes yes.", "187", YES, CLEAR, "DigiCert", "" },
	{ "'Kamu SM'", NULL, "Kamu SM votes yes", "187", YES, CLEAR, "Kamu SM", "" },
	{ "'Logius PKIoverheid'", NULL, "Logius PKIoverheid votes yes", "187", YES, CLEAR, "Logius PKIoverheid", "" },
	{ "'OISTE'", NULL, "OISTE votes YES", "187", YES, CLEAR, "OISTE", "" },
	{ "Visa votes no", NULL, "Visa votes no on Ballot 187", "187", NO, CLEAR, "Visa", "187" },
	{ "HARICA votes no", NULL, "HARICA votes no on Ballot SC-064.", "SC64", NO, CLEAR, "HARICA", "SC64" },
	{ "'Digicert' spelled lower", NULL, "Digicert votes yes", "187", YES, CLEAR, "Digicert", "" },
	{ "all lower case", NULL, "digicert votes yes", "187", YES, CLEAR, "digicert", "" },
	{ "comma before Inc.", NULL, "DigiCert, Inc. votes yes", "187", YES, CLEAR, "DigiCert, Inc.", "" },
	{ "'Amazon Trust Services'", NULL, "Amazon Trust Services votes yes", "187", YES, CLEAR, "Amazon Trust Services", "" },
	{ "'We, at Google, vote yes'", NULL, "We, at Google, vote yes", "187", YES, CLEAR, "Google", "" },
	{ "apposition 'We, DigiCert, vote yes'", NULL, "We, DigiCert, vote yes", "187", YES, CLEAR, "DigiCert", "" },
	{ "a note before the vote sentence", NULL, "Re-posting: Apple votes YES.", "187", YES, CLEAR, "Apple", "" },
	{ "'iTrusChina'", NULL, "iTrusChina votes yes.", "187", YES, CLEAR, "iTrusChina", "" },
	{ "'E-TUGRA'", NULL, "E-TUGRA votes yes.", "187", YES, CLEAR, "E-TUGRA", "" },
	{ "'SHECA' with SC23", NULL, "SHECA votes YES on Ballot SC23.", "SC23", YES, CLEAR, "SHECA", "SC23" },
	{ "'IdenTrust'", NULL, "IdenTrust votes yes on Ballot 187.", "187", YES, CLEAR, "IdenTrust", "187" },
	{ "'Network Solutions'", NULL, "Network Solutions votes yes", "187", YES, CLEAR, "Network Solutions", "" },
	{ "'SecureTrust'", NULL, "SecureTrust votes yes.", "187", YES, CLEAR, "SecureTrust", "" },
	{ "'Symantec'", NULL, "Symantec votes YES", "187", YES, CLEAR, "Symantec", "" },
	{ "'QuoVadis'", NULL, "QuoVadis votes yes", "187", YES, CLEAR, "QuoVadis", "" },
	{ "'Trustwave'", NULL, "Trustwave votes YES", "187", YES, CLEAR, "Trustwave", "" },
	{ "'Izenpe' with a signature line", NULL, "Izenpe votes yes.\n\nI\u00f1igo", "187", YES, CLEAR, "Izenpe", "" },
	/* ---- value first, and "member: value" ---- */
	{ "'Yes from Microsoft'", NULL, "Yes from Microsoft", "187", YES, CLEAR, "Microsoft", "" },
	{ "'YES from Google'", NULL, "YES from Google", "187", YES, CLEAR, "Google", "" },
	{ "'Yes, from Microsoft.'", NULL, "Yes, from Microsoft.", "187", YES, CLEAR, "Microsoft", "" },
	{ "'No from Entrust.'", NULL, "No from Entrust.", "187", NO, CLEAR, "Entrust", "" },
	{ "'Abstain from Izenpe'", NULL, "Abstain from Izenpe", "187", ABST, CLEAR, "Izenpe", "" },
	{ "'Yes on behalf of Apple'", NULL, "Yes on behalf of Apple", "187", YES, CLEAR, "Apple", "" },
	{ "'Yes from us'", NULL, "Yes from us", "187", YES, CLEAR, NULL, "" },
	{ "'+1 from me' is the whole answer", NULL, "+1 from me", "187", YES, CLEAR, NULL, "" },
	{ "'I vote yes on behalf of X'", NULL, "I vote yes on behalf of Let's Encrypt", "187", YES, CLEAR, "Let's Encrypt", "" },
	{ "'On behalf of X, I vote yes'", NULL, "On behalf of Let's Encrypt, I vote yes.", "187", YES, CLEAR, "Let's Encrypt", "" },
	{ "'On behalf of X, we abstain'", NULL, "On behalf of GlobalSign, we abstain.", "187", ABST, CLEAR, "GlobalSign", "" },
	{ "'on behalf of' then the ballot", NULL, "I vote yes on behalf of Let's Encrypt on ballot SC23.", "SC23", YES, CLEAR, "Let's Encrypt", "SC23" },
	{ "'Microsoft: Yes'", NULL, "Microsoft: Yes", "187", YES, CLEAR, "Microsoft", "" },
	{ "'Google - YES'", NULL, "Google - YES", "187", YES, CLEAR, "Google", "" },
	{ "'Google: YES'", NULL, "Google: YES", "187", YES, CLEAR, "Google", "" },
	{ "'SC23: Yes'", NULL, "SC23: Yes", "SC23", YES, CLEAR, NULL, "SC23" },
	{ "'Ballot 187 - Yes'", NULL, "Ballot 187 - Yes", "187", YES, CLEAR, NULL, "187" },
	{ "'Vote: yes'", NULL, "Vote: yes", "187", YES, CLEAR, NULL, "" },
	{ "'Our vote: YES'", NULL, "Our vote: YES", "187", YES, CLEAR, NULL, "" },
	{ "'Our vote is no.'", NULL, "Our vote is no.", "187", NO, CLEAR, NULL, "" },
	{ "'My vote: abstain'", NULL, "My vote: abstain", "187", ABST, CLEAR, NULL, "" },
	{ "possessive 'DigiCert's vote is yes'", NULL, "DigiCert's vote is yes.", "187", YES, CLEAR, "DigiCert", "" },
	{ "possessive with colon", NULL, "Mozilla's vote: Yes", "187", YES, CLEAR, "Mozilla", "" },
	{ "'Vote = YES'", NULL, "Vote = YES", "187", YES, CLEAR, NULL, "" },
	{ "'Voting yes on SC23.'", NULL, "Voting yes on SC23.", "SC23", YES, CLEAR, NULL, "SC23" },
	/* ---- a lone value, the whole answer ---- */
	{ "bare YES", NULL, "YES", "187", YES, CLEAR, NULL, "" },
	{ "bare 'Yes.'", NULL, "Yes.", "187", YES, CLEAR, NULL, "" },
	{ "quoted \"Yes\"", NULL, "\"Yes\"", "187", YES, CLEAR, NULL, "" },
	{ "lower-case yes", NULL, "yes", "187", YES, CLEAR, NULL, "" },
	{ "'No.' alone", NULL, "No.", "187", NO, CLEAR, NULL, "" },
	{ "'NO.' alone", NULL, "NO.", "187", NO, CLEAR, NULL, "" },
	{ "'Abstain' alone", NULL, "Abstain", "187", ABST, CLEAR, NULL, "" },
	{ "'abstain.' alone", NULL, "abstain.", "187", ABST, CLEAR, NULL, "" },
	{ "'Abstention.' alone", NULL, "Abstention.", "187", ABST, CLEAR, NULL, "" },
	{ "'+1' as the whole answer", NULL, "+1", "187", YES, CLEAR, NULL, "" },
	{ "'Aye'", NULL, "Aye", "187", YES, CLEAR, NULL, "" },
	/* the vote-word gate before the patterns: case, emphasis, rarer words, folding */
	{ "'Nay.'", NULL, "Nay.", "187", NO, CLEAR, NULL, "" },
	{ "'Yea'", NULL, "Yea", "187", YES, CLEAR, NULL, "" },
	{ "emphasised _No_", NULL, "_No_", "187", NO, CLEAR, NULL, "" },
	{ "all capitals", NULL, "ACME VOTES NO ON BALLOT 187.", "187", NO, CLEAR, "ACME", "187" },
	{ "caseless Unicode: long s folds onto s", NULL, "Ye\u017f", "187", YES, CLEAR, NULL, "" },
	{ "a reply holding no vote word", NULL, "Thanks for the update, Dean.\nSee you at the F2F.", "187", NONE, CLEAR, NULL, "" },
	{ "'YES!'", NULL, "YES!", "187", YES, CLEAR, NULL, "" },
	{ "curly-quoted \u201cYes\u201d", NULL, "\u201cYes\u201d", "187", YES, CLEAR, NULL, "" },
	{ "Yes and a first name", NULL, "Yes\n\nDimitris", "187", YES, CLEAR, NULL, "" },
	{ "greeting, Yes, name", NULL, "Hi all,\n\nYes\n\nBen", "187", YES, CLEAR, NULL, "" },
	{ "Yes and initials", NULL, "Yes\n\nM.D.", "187", YES, CLEAR, NULL, "" },
	{ "No and a //name", NULL, "No\n\n//Antti", "187", NO, CLEAR, NULL, "" },
	{ "YES and a company line", NULL, "YES\n\nGoogle LLC", "187", YES, CLEAR, NULL, "" },
	{ "Yes and a phone signature", NULL, "Yes\n\nSent from my iPhone", "187", YES, CLEAR, NULL, "" },
	/* ---- the subject ---- */
	{ "vote only in the subject, en dash", "Re: Ballot 187 \u2013 Yes", "", "187", YES, CLEAR, NULL, "187" },
	{ "subject ending in '- YES' after the title", "Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory - YES", "", "187", YES, CLEAR, NULL, "" },
	{ "subject '(Yes)'", "Re: Ballot 187 (Yes)", "", "187", YES, CLEAR, NULL, "" },
	{ "subject 'Re: Yes'", "Re: Yes", "", "187", YES, CLEAR, NULL, "" },
	{ "vote sentence in the subject", "DigiCert votes yes on ballot 187", "", "187", YES, CLEAR, "DigiCert", "187" },
	{ "subject and body agree: the body is the evidence", "Re: Ballot 187 \u2013 Yes", "DigiCert votes yes", "187", YES, CLEAR, "DigiCert", "" },
	{ "body vote wins over a subject kept from another member", "Re: Ballot 187 - Yes", "GoDaddy abstains.", "187", ABST, CLEAR, "GoDaddy", "" },
	{ "subject and bare body", "Re: Ballot SC23 \u2013 Yes", "Yes", "SC23", YES, CLEAR, NULL, "" },
	{ "a ballot title is not a vote", "Re: [Servercert-wg] VOTING PERIOD: Ballot SC-064: Temporary Moratorium on New Certificate Consumer Memberships", "", "SC64", NONE, CLEAR, NULL, "" },
	{ "a voting-period subject is not a vote", "[cabfpub] Ballot 194 - Effective Date of Ballot 193 Provisions is in the VOTING period (ends April 16)", "", "194", NONE, CLEAR, NULL, "" },
	{ "'Voting Begins' subject", "[Servercert-wg] [Voting Begins] Ballot SC-75 v3 - Pre-sign linting", "", "SC75", NONE, CLEAR, NULL, "" },
	{ "results subject and result post", "Re: [cabfpub] Results of Ballot 200", "11 Yes votes: CFCA, eMudhra, GlobalSign", "200", NONE, CLEAR, NULL, "" },
	{ "subject vote used when the body has no vote", "Re: Ballot 187 - YES", "Can you clarify the effective date?", "187", YES, CLEAR, NULL, "187" },
	/* ---- vote changes are ordinary votes ---- */
	{ "we change our vote to no", NULL, "we change our vote to no", "187", NO, CLEAR, NULL, "" },
	{ "member changes its vote", NULL, "DigiCert changes its vote to yes on Ballot 187.", "187", YES, CLEAR, "DigiCert", "187" },
	{ "a change after a vote in one message", NULL, "DigiCert votes yes.\nSorry, we change our vote to no.", "187", NO, CLEAR, "DigiCert", "" },
	{ "change from one value to another", NULL, "We'd like to change our vote from yes to abstain.", "187", ABST, CLEAR, NULL, "" },
	/* ---- rationale after the vote does not change it ---- */
	{ "re-posting note", NULL, "Apple votes YES.\n\n(Re-posting to the public list.)", "187", YES, CLEAR, "Apple", "" },
	{ "rationale with 'no' in it", NULL, "Google votes YES on Ballot 187.\n\nWe think CAA is an important control and have long supported it; there is no reason to wait.", "187", YES, CLEAR, "Google", "187" },
	{ "rationale with a 'would vote yes' aside", NULL, "HARICA votes no on SC-064.\n\nWe believe this belongs at the Forum level, not in the SCWG, and we would vote yes on a Forum ballot.", "SC64", NO, CLEAR, "HARICA", "SC64" },
	{ "Entrust's rationale", NULL, "Entrust votes NO on Ballot SC-59 v2.\nWe agree with others that discussion should continue; there is no consensus yet.", "SC59", NO, CLEAR, "Entrust", "SC59" },
	{ "'If you have questions' after the vote", NULL, "GlobalSign votes yes on ballot SC-061. If you have questions, let me know.", "SC61", YES, CLEAR, "GlobalSign", "SC61" },
	{ "'Thanks.' after the vote", NULL, "GDCA votes YES.\n\nThanks.", "187", YES, CLEAR, "GDCA", "" },
	{ "an explicit and a bare yes agree", NULL, "Yes.\n\nGoogle votes YES on SC23.", "SC23", YES, CLEAR, "Google", "SC23" },
	{ "dash before the vote sentence", NULL, "Yes \u2014 DigiCert votes yes on Ballot 187.", "187", YES, CLEAR, "DigiCert", "187" },
	/* ---- conditional, question, conflict: unclear ---- */
	{ "'Yes, if …'", NULL, "Yes, if the effective date moves to 2018.", "187", UNCLEAR, CONDITIONAL, NULL, "" },
	{ "'Yes provided that …'", NULL, "Yes provided that the errata is fixed", "187", UNCLEAR, CONDITIONAL, NULL, "" },
	{ "vote sentence with 'if'", NULL, "DigiCert votes yes if the effective date is moved.", "187", UNCLEAR, CONDITIONAL, "DigiCert", "" },
	{ "vote sentence with 'provided that'", NULL, "DigiCert votes yes on Ballot 187 provided that the errata is fixed.", "187", UNCLEAR, CONDITIONAL, "DigiCert", "187" },
	{ "condition first", NULL, "If the effective date moves, Google votes yes.", "187", UNCLEAR, CONDITIONAL, "Google", "" },
	{ "condition in the next sentence", NULL, "Google votes yes. But only if the errata is fixed.", "187", UNCLEAR, CONDITIONAL, "Google", "" },
	{ "'as long as'", NULL, "Mozilla votes yes as long as the date stays.", "187", UNCLEAR, CONDITIONAL, "Mozilla", "" },
	{ "'unless'", NULL, "We vote no unless the text is fixed.", "187", UNCLEAR, CONDITIONAL, NULL, "" },
	{ "'No, unless …'", NULL, "No, unless the date moves.", "187", UNCLEAR, CONDITIONAL, NULL, "" },
	{ "'Yes, pending …'", NULL, "Yes, pending the errata.", "187", UNCLEAR, CONDITIONAL, NULL, "" },
	{ "'even if' is no condition", NULL, "Google votes yes even if the date is early.", "187", YES, CLEAR, "Google", "" },
	{ "'not opposed'", NULL, "We are not opposed.", "187", UNCLEAR, NO_OBJECTION, NULL, "" },
	{ "'Yes?'", NULL, "Yes?", "187", UNCLEAR, QUESTION, NULL, "" },
	{ "a question about a member's vote", NULL, "Does Google vote yes?", "187", UNCLEAR, QUESTION, "Google", "" },
	{ "vote sentence ending in '?'", NULL, "Google votes yes?", "187", UNCLEAR, QUESTION, "Google", "" },
	{ "two votes, two values", NULL, "DigiCert votes yes on Ballot 187.\nDigiCert votes no on Ballot 187.", "187", UNCLEAR, CONFLICT, "DigiCert", "187" },
	{ "two bare lines, two values", NULL, "Yes\nNo", "187", UNCLEAR, CONFLICT, NULL, "" },
	{ "yes and abstain", NULL, "Google votes yes. Google votes abstain.", "187", UNCLEAR, CONFLICT, "Google", "" },
	{ "explicit yes, bare no", NULL, "Apple votes YES.\n\nNo", "187", UNCLEAR, CONFLICT, "Apple", "" },
	{ "'No objection'", NULL, "No objection", "187", UNCLEAR, NO_OBJECTION, NULL, "" },
	{ "'has no objection'", NULL, "DigiCert has no objection to this ballot.", "187", UNCLEAR, NO_OBJECTION, NULL, "" },
	{ "'We do not object.'", NULL, "We do not object.", "187", UNCLEAR, NO_OBJECTION, NULL, "" },
	{ "'no objection' beside a clear vote", NULL, "DigiCert votes yes. We have no objection to the errata either.", "187", YES, CLEAR, "DigiCert", "" },
	{ "post-deadline 'would vote in favor'", NULL, "If we could vote now, we would vote in favor of Ballot SC22", "SC22", NONE, HYPOTHETICAL, NULL, "SC22" },
	{ "'would have voted yes'", NULL, "DigiCert would have voted yes.", "SC22", NONE, HYPOTHETICAL, "DigiCert", "" },
	{ "'We'd vote yes'", NULL, "We'd vote yes on this if we could.", "187", NONE, HYPOTHETICAL, NULL, "" },
	{ "'will vote yes'", NULL, "Google will vote yes once the period opens.", "187", NONE, FUTURE, "Google", "" },
	{ "'We'll vote yes.'", NULL, "We'll vote yes.", "187", NONE, FUTURE, NULL, "" },
	{ "a bare Yes answering a question", NULL, "Yes.\nThe intent is to cover precertificates too.", "187", UNCLEAR, BARE, NULL, "" },
	{ "a bare No answering a question", NULL, "No.\nThe BRs do not require that today.", "187", UNCLEAR, BARE, NULL, "" },
	{ "Yes on one line with prose after it", NULL, "Yes. That is what section 3.2.2.4 says.", "187", UNCLEAR, BARE, NULL, "" },
	/* ---- a vote for another ballot ---- */
	{ "names a different ballot", NULL, "Google votes yes on Ballot 188.", "187", YES, WRONG, "Google", "188" },
	{ "names a different SC ballot", NULL, "Entrust votes NO on Ballot SC-59 v2.", "SC58", NO, WRONG, "Entrust", "SC59" },
	{ "value on another ballot", "Re: Ballot 187", "Yes on 188", "187", YES, WRONG, NULL, "188" },
	{ "no thread ballot: never wrong", NULL, "DigiCert votes yes on Ballot 187", NULL, YES, CLEAR, "DigiCert", "187" },
	{ "same ballot in another spelling", NULL, "Sectigo votes yes on SC-023", "SC23", YES, CLEAR, "Sectigo", "SC23" },
	{ "another version of the same ballot is the same ballot", NULL, "Sectigo votes yes on SC23v2", "SC23", YES, CLEAR, "Sectigo", "SC23" },
	{ "two ballots: the thread's comes first", NULL, "Yes on 194, no on 195", "194", YES, CLEAR, NULL, "194" },
	{ "placeholder id names no ballot", NULL, "DigiCert votes yes on Ballot SC-0XX", "SC23", YES, CLEAR, "DigiCert", "" },
	/* ---- words that only look like votes ---- */
	{ "'No comment'", NULL, "No comment", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'no problem'", NULL, "no problem", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'Not yet'", NULL, "Not yet", "187", NONE, CLEAR, NULL, "" },
	{ "'I know'", NULL, "I know", "187", NONE, CLEAR, NULL, "" },
	{ "'Nobody'", NULL, "Nobody", "187", NONE, CLEAR, NULL, "" },
	{ "agreement is a comment", NULL, "Yes, I agree the wording is odd.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'+1 to what Ryan said'", NULL, "+1 to what Ryan said.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "+1 with discussion", NULL, "+1\n\nI agree with Ryan's point about the effective date.", "187", UNCLEAR, BARE, NULL, "" },
	{ "+1 with a line of support", NULL, "+1\n\nLong overdue. Thanks for pushing this, Gideon.\n\nSam", "187", UNCLEAR, BARE, NULL, "" },
	{ "'had we voted in time'", NULL, "SSL.com missed the voting window on SC23. Had we voted in time, we would\nhave voted in favour.", "SC23", NONE, HYPOTHETICAL, NULL, "" },
	{ "'would vote yes either way' in a question", NULL, "Does \"no CAA record found\" count as permission to issue? We would vote yes either way, but want the text\nclear before the vote starts.", "187", NONE, HYPOTHETICAL, NULL, "" },
	{ "'no objection to the timeline' is a comment", NULL, "Robin, Wade,\n\nthis is a clarification, not a\nnew duty, so we have no objection to the timeline.\n\nBruce", "SC23", NONE, CLEAR, NULL, "" },
	{ "'no objection to this ballot'", NULL, "We have no objection to this ballot.", "SC23", UNCLEAR, NO_OBJECTION, NULL, "" },
	{ "result post: 'N Issuers voting YES:'", NULL, "7 Issuers voting YES: Actalis, Chunghwa Telecom, iTrusChina", "SC64", NONE, LOOKALIKE, NULL, "" },
	{ "result post: 'N Issuers ABSTAIN:'", NULL, "9 Issuers ABSTAIN: D-TRUST, DigiCert, GlobalSign", "SC64", NONE, LOOKALIKE, NULL, "" },
	{ "result post: 'Consumers voting YES'", NULL, "2 Consumers voting YES: Google, Mozilla", "SC64", NONE, LOOKALIKE, NULL, "" },
	{ "'Please vote yes'", NULL, "Please vote yes on Ballot 187.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "bylaw text: 'may vote yes, no, or abstain'", NULL, "Members may vote yes, no, or abstain.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'Everyone votes yes'", NULL, "Everyone votes yes on this one, I hope.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "result post line", NULL, "11 Yes votes: CFCA, eMudhra, GlobalSign", "200", NONE, CLEAR, NULL, "" },
	{ "result post header", NULL, "Voting by Certificate Issuers \u2013 14 votes total including abstentions", "200", NONE, CLEAR, NULL, "" },
	{ "chair notice", NULL, "For Members - do not vote on either ballot yet.", "187", NONE, CLEAR, NULL, "" },
	{ "endorsement", NULL, "Digicert will endorse", "187", NONE, CLEAR, NULL, "" },
	{ "second endorser", NULL, "Please count me the second endorser.", "187", NONE, CLEAR, NULL, "" },
	{ "past vote reported", NULL, "We voted yes last time, but this version is different.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'Abstentions count toward quorum'", NULL, "Abstentions count toward quorum, but not in the threshold.", "187", NONE, CLEAR, NULL, "" },
	{ "'Is abstain a weak yes?'", NULL, "Is abstain a weak yes?", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'I know the answer is yes.'", NULL, "I know the answer is yes.", "187", NONE, CLEAR, NULL, "" },
	{ "'Yesterday …'", NULL, "Yesterday we discussed the ballot.", "187", NONE, CLEAR, NULL, "" },
	{ "'No, the BRs don't say that.'", NULL, "No, the BRs don't say that.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'Noted.'", NULL, "Noted.", "187", NONE, CLEAR, NULL, "" },
	{ "'has no effective date'", NULL, "This ballot has no effective date.", "187", NONE, CLEAR, NULL, "" },
	{ "thanks only", NULL, "Thanks for the ballot.", "187", NONE, CLEAR, NULL, "" },
	{ "empty text", NULL, "", "187", NONE, CLEAR, NULL, "" },
	{ "a question about abstaining", NULL, "Could you clarify whether abstain counts toward quorum?", "187", NONE, LOOKALIKE, NULL, "" },
	{ "a report of another member's vote", NULL, "We know that Google voted no.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "ballot arithmetic", NULL, "The ballot needs two yes votes from browsers.", "187", NONE, CLEAR, NULL, "" },
	{ "'If everyone votes yes'", NULL, "If everyone votes yes, the ballot passes.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'You should vote no.'", NULL, "You should vote no.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'They vote no every time.'", NULL, "They vote no every time.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'Vote yes!' is campaigning", NULL, "Vote yes on SC23!", "SC23", NONE, LOOKALIKE, NULL, "" },
	{ "'don't vote yet'", NULL, "Please don't vote yet.", "187", NONE, CLEAR, NULL, "" },
	{ "'won't vote yes'", NULL, "We won't vote yes on this.", "187", NONE, LOOKALIKE, NULL, "" },
	{ "'how to vote'", NULL, "Here is how to vote yes: reply to the list.", "187", NONE, LOOKALIKE, NULL, "" },
};

static const char *str_or_null(const char *s)
{
	return s ? s : "(null)";
}

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static void test_phrasings(void **state)
{
	size_t n = sizeof(rows) / sizeof(rows[0]);
	int bad = 0;
	assert_true(n >= 200);
	for (size_t i = 0; i < n; i++) {
		const row *w = &rows[i];
		ct_vote_result res = CT_VOTE_RESULT_INIT;
		assert_int_equal(ct_vote_read(*state, &res, w->subject, w->text, strlen(w->text),
					      w->thread), 0);
		assert_true(res.count >= 1);
		const ct_vote_reading *rd = &res.items[0];
		if (rd->cls != w->cls || rd->reason != w->reason || !same(rd->org, w->org) ||
		    strcmp(rd->ballot, w->ballot) != 0) {
			print_error("row %zu (%s): [%s]\n  want %s/%s org %s ballot '%s'\n"
				    "  got  %s/%s org %s ballot '%s' evidence [%s]\n",
				    i, w->spec, w->text, ct_vote_class_name(w->cls),
				    ct_vote_reason_name(w->reason), str_or_null(w->org), w->ballot,
				    ct_vote_class_name(rd->cls), ct_vote_reason_name(rd->reason),
				    str_or_null(rd->org), rd->ballot, str_or_null(rd->evidence));
			bad++;
		}
		/* a vote, clear or not, always shows the words it was read from */
		if ((rd->cls != NONE || rd->reason != CLEAR) && !rd->evidence) {
			print_error("row %zu (%s): no evidence\n", i, w->spec);
			bad++;
		}
		if ((rd->reason == CLEAR) != (rd->reason_text == NULL)) {
			print_error("row %zu (%s): reason text [%s] for reason '%s'\n", i, w->spec,
				    str_or_null(rd->reason_text), ct_vote_reason_name(rd->reason));
			bad++;
		}
		ct_vote_result_release(&res);
	}
	if (bad)
		print_error("%d of %zu phrasings read wrong\n", bad, n);
	assert_int_equal(bad, 0);
}


/* Read `text` and hand back the result (caller releases). */
static ct_vote_result read(void **state, const char *subject, const char *text,
			   const char *thread)
{
	ct_vote_result res = CT_VOTE_RESULT_INIT;
	assert_int_equal(ct_vote_read(*state, &res, subject, text, strlen(text), thread), 0);
	assert_true(res.count >= 1);
	return res;
}

static void test_two_ballots_two_readings(void **state)
{
	ct_vote_result res = read(state, NULL, "Yes on 194, no on 195", "194");
	assert_int_equal(res.count, 2);
	assert_int_equal(res.items[0].cls, YES);
	assert_int_equal(res.items[0].reason, CLEAR);
	assert_string_equal(res.items[0].ballot, "194");
	assert_true(ct_vote_reading_counts(&res.items[0]));
	assert_int_equal(res.items[1].cls, NO);
	assert_int_equal(res.items[1].reason, WRONG);
	assert_string_equal(res.items[1].ballot, "195");
	assert_string_equal(res.items[1].reason_text, "names ballot 195, not 194");
	assert_false(ct_vote_reading_counts(&res.items[1]));
	ct_vote_result_release(&res);
	assert_null(res.items);
	assert_int_equal(res.count, 0);
}

static void test_two_ballots_without_a_thread(void **state)
{
	ct_vote_result res = read(state, NULL, "Yes on 194, no on 195", NULL);
	assert_int_equal(res.count, 2);
	assert_int_equal(res.items[0].cls, YES);
	assert_int_equal(res.items[0].reason, CLEAR);
	assert_string_equal(res.items[0].ballot, "194");
	assert_int_equal(res.items[1].cls, NO);
	assert_int_equal(res.items[1].reason, CLEAR);
	assert_string_equal(res.items[1].ballot, "195");
	ct_vote_result_release(&res);
}

static void test_one_vote_for_a_list_of_ballots(void **state)
{
	ct_vote_result res = read(state, NULL, "DigiCert votes yes on ballots SC23 and SC24.", "SC23");
	assert_int_equal(res.count, 2);
	assert_int_equal(res.items[0].cls, YES);
	assert_string_equal(res.items[0].ballot, "SC23");
	assert_string_equal(res.items[0].org, "DigiCert");
	assert_int_equal(res.items[1].cls, YES);
	assert_int_equal(res.items[1].reason, WRONG);
	assert_string_equal(res.items[1].ballot, "SC24");
	assert_string_equal(res.items[1].org, "DigiCert");
	ct_vote_result_release(&res);
}

static void test_vote_and_abstention_on_two_ballots(void **state)
{
	ct_vote_result res = read(state, NULL,
				  "Microsoft votes yes on Ballot 187 and abstains on Ballot 188.", "187");
	assert_int_equal(res.count, 2);
	assert_int_equal(res.items[0].cls, YES);
	assert_string_equal(res.items[0].ballot, "187");
	assert_int_equal(res.items[1].cls, ABST);
	assert_int_equal(res.items[1].reason, WRONG);
	assert_string_equal(res.items[1].ballot, "188");
	assert_string_equal(res.items[1].org, "Microsoft");
	ct_vote_result_release(&res);
}

static void test_only_another_ballot(void **state)
{
	ct_vote_result res = read(state, NULL, "Google votes yes on Ballot 188.", "187");
	assert_int_equal(res.count, 1);
	assert_int_equal(res.items[0].cls, YES);
	assert_int_equal(res.items[0].reason, WRONG);
	assert_string_equal(res.items[0].ballot, "188");
	ct_vote_result_release(&res);
}

static void test_evidence_is_the_vote_line(void **state)
{
	ct_vote_result res = read(state, NULL,
				  "Hi all,\n\n  GlobalSign votes YES on ballot SC-23 v3.  \n\nWe think it "
				  "helps.\n\nArvid", "SC23");
	assert_string_equal(res.items[0].evidence, "GlobalSign votes YES on ballot SC-23 v3.");
	assert_int_equal(res.items[0].ballot_version, 3);
	assert_false(res.items[0].from_subject);
	ct_vote_result_release(&res);

	res = read(state, NULL, "DigiCert votes YES on\nBallot SC23.", "SC23");
	assert_string_equal(res.items[0].evidence, "DigiCert votes YES on Ballot SC23.");
	ct_vote_result_release(&res);

	res = read(state, "Re: [cabfpub] Ballot 187 \u2013 Yes", "", "187");
	assert_string_equal(res.items[0].evidence, "Re: [cabfpub] Ballot 187 \u2013 Yes");
	assert_true(res.items[0].from_subject);
	ct_vote_result_release(&res);

	res = read(state, NULL, "DigiCert votes yes.\nDigiCert votes no.", "187");
	assert_string_equal(res.items[0].evidence, "DigiCert votes yes. | DigiCert votes no.");
	assert_string_equal(res.items[0].reason_text, "'yes' and 'no' for one ballot in one message");
	assert_int_equal(res.items[0].value, NONE);
	ct_vote_result_release(&res);
}

static void test_unclear_keeps_what_the_words_say(void **state)
{
	ct_vote_result res = read(state, NULL, "Yes provided that the errata is fixed", "187");
	assert_int_equal(res.items[0].cls, UNCLEAR);
	assert_int_equal(res.items[0].value, YES);
	assert_string_equal(res.items[0].reason_text, "conditional vote ('provided')");
	assert_false(ct_vote_reading_counts(&res.items[0]));
	ct_vote_result_release(&res);

	res = read(state, NULL, "Yes, I agree the wording is odd.", "187");
	assert_int_equal(res.items[0].cls, NONE);
	assert_int_equal(res.items[0].reason, LOOKALIKE);
	assert_string_equal(res.items[0].evidence, "Yes, I agree the wording is odd.");
	ct_vote_result_release(&res);

	res = read(state, NULL, "Thanks for the ballot.", "187");
	assert_int_equal(res.items[0].cls, NONE);
	assert_null(res.items[0].evidence);
	assert_null(res.items[0].reason_text);
	ct_vote_result_release(&res);
}

/* The ballot boilerplate itself, had it leaked, must not read as a vote. */
static void test_ballot_boilerplate_is_no_vote(void **state)
{
	static const char *const lines[] = {
		"A vote in favor of the motion must indicate a clear 'yes' in the response.",
		"A vote against must indicate a clear 'no' in the response.",
		"A vote to abstain must indicate a clear 'abstain' in the response.",
		"Unclear responses will not be counted.",
		"The latest vote received from any representative of a voting member before "
		"the close of the voting period will be counted.",
		"Votes must be cast by posting an on-list reply to this thread.",
		"Voting members are listed here: https://cabforum.org/members/",
		"Members may vote yes, no, or abstain.",
		"Votes to abstain are counted in determining a quorum.",
		"The voting period will start immediately thereafter and will close at 22:00 UTC.",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		ct_vote_result res = read(state, NULL, lines[i], "187");
		if (res.items[0].cls != NONE)
			print_error("read as a vote: %s\n", lines[i]);
		assert_int_equal(res.items[0].cls, NONE);
		ct_vote_result_release(&res);
	}
}

static void test_names_and_usage(void **state)
{
	assert_string_equal(ct_vote_class_name(YES), "yes");
	assert_string_equal(ct_vote_class_name(UNCLEAR), "unclear");
	assert_string_equal(ct_vote_reason_name(WRONG), "wrong-ballot");
	assert_string_equal(ct_vote_reason_name(NO_OBJECTION), "no-objection");
	assert_string_equal(ct_vote_reason_name(CLEAR), "");
	ct_vote_result res = CT_VOTE_RESULT_INIT;
	assert_int_equal(ct_vote_read(NULL, &res, NULL, "Yes", 3, NULL), CT_EUSAGE);
	assert_int_equal(ct_vote_read(*state, NULL, NULL, "Yes", 3, NULL), CT_EUSAGE);
	/* not NUL-terminated: only `len` bytes are read */
	char buf[8] = { 'N', 'o', '.', 'X', 'Y', 'Z', 'W', 'Q' };
	assert_int_equal(ct_vote_read(*state, &res, NULL, buf, 3, "187"), 0);
	assert_int_equal(res.items[0].cls, NO);
	ct_vote_result_release(&res);
	ct_vote_result_release(&res);
}

static int setup(void **state)
{
	ct_vote_reader *r = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_vote_reader_new(&r, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	ct_vote_reader_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrasings),
		cmocka_unit_test(test_two_ballots_two_readings),
		cmocka_unit_test(test_two_ballots_without_a_thread),
		cmocka_unit_test(test_one_vote_for_a_list_of_ballots),
		cmocka_unit_test(test_vote_and_abstention_on_two_ballots),
		cmocka_unit_test(test_only_another_ballot),
		cmocka_unit_test(test_evidence_is_the_vote_line),
		cmocka_unit_test(test_unclear_keeps_what_the_words_say),
		cmocka_unit_test(test_ballot_boilerplate_is_no_vote),
		cmocka_unit_test(test_names_and_usage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
