/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_HTML_H
#define DEVPLAN_HTML_H

#include "devplan/buf.h"

/*
 * Escaping for the three places a value from a record lands in a page
 * (OWASP's rules): element text, a quoted attribute value, and a URL in
 * an href. Everything the renderer writes that came from a record goes
 * through one of these; nothing else builds markup from record text.
 */

/* Appends `s` escaped for element text: & < > become entities. */
void dp_html_text(struct dp_buf *out, const char *s);
/* As dp_html_text for `len` bytes (NUL bytes are dropped). */
void dp_html_textn(struct dp_buf *out, const char *s, size_t len);
/*
 * Appends `s` escaped for a double- or single-quoted attribute value:
 * & < > " ' ` become entities.
 */
void dp_html_attr(struct dp_buf *out, const char *s);

/*
 * 1 if `url` may be a link target: http:, https:, mailto: (any case), or
 * a relative reference (no scheme: "goals/x.html", "#top", "//host/p").
 * 0 for any other scheme (javascript:, vbscript:, data:, file: ...) and
 * for anything holding a control character or white space, which
 * browsers strip or fold before they read the scheme ("java\tscript:").
 */
int dp_html_url_ok(const char *url);
/*
 * Appends `url` for an href or src attribute: bytes outside printable
 * ASCII and " ' < > ` \ are percent-encoded and & becomes &amp;.
 * Returns 0, or -1 (nothing appended) when dp_html_url_ok refuses it.
 */
int dp_html_url(struct dp_buf *out, const char *url);

#endif
