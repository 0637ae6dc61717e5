/* SPDX-License-Identifier: MIT */
/*
 * iCalendar through libical: see devplan/ical.h.
 *
 * libical is loaded on first use (dlopen), not linked: it pulls in ICU
 * and the C++ runtime, whose loading and relocation cost every devplan
 * process about 10 ms though only `export --format ics` needs them.
 */
#include <dlfcn.h>
#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/date.h"
#include "devplan/error.h"
#include "devplan/ical.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#ifndef DP_LIBICAL_SONAME
#define DP_LIBICAL_SONAME "libical.so.3"
#endif

#define ICAL_FUNCTIONS(X)                                                      \
	X(icalcomponent_add_component)                                         \
	X(icalcomponent_add_property)                                          \
	X(icalcomponent_as_ical_string_r)                                      \
	X(icalcomponent_free)                                                  \
	X(icalcomponent_get_dtstart)                                           \
	X(icalcomponent_get_first_component)                                   \
	X(icalcomponent_get_first_property)                                    \
	X(icalcomponent_get_next_component)                                    \
	X(icalcomponent_isa)                                                   \
	X(icalcomponent_new_vcalendar)                                         \
	X(icalcomponent_new_vevent)                                            \
	X(icalerrno_return)                                                    \
	X(icalerror_strerror)                                                  \
	X(icalparser_parse_string)                                             \
	X(icalproperty_get_value)                                              \
	X(icalproperty_get_value_as_string)                                    \
	X(icalproperty_new_calscale)                                           \
	X(icalproperty_new_description)                                        \
	X(icalproperty_new_dtend)                                              \
	X(icalproperty_new_dtstamp)                                            \
	X(icalproperty_new_dtstart)                                            \
	X(icalproperty_new_prodid)                                             \
	X(icalproperty_new_summary)                                            \
	X(icalproperty_new_transp)                                             \
	X(icalproperty_new_uid)                                                \
	X(icalproperty_new_version)                                            \
	X(icalproperty_new_x)                                                  \
	X(icalproperty_set_x_name)                                             \
	X(icaltime_adjust)                                                     \
	X(icaltime_from_timet_with_zone)                                       \
	X(icaltime_is_null_time)                                               \
	X(icaltime_null_date)                                                  \
	X(icaltimezone_get_utc_timezone)                                       \
	X(icalvalue_get_text)                                                  \
	X(icalvalue_isa)

#define DECLARE(f) __typeof__(f) *f;
static struct {
	void *handle;
	ICAL_FUNCTIONS(DECLARE)
} L;

/* 0 once libical is loaded; DP_EIO (exit 3) with dlerror's words if not. */
static int load(void)
{
	void *h;

	if (L.handle)
		return 0;
	h = dlopen(DP_LIBICAL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		dp_error_set("iCalendar needs libical (%s): %s",
			     DP_LIBICAL_SONAME, dlerror());
		return DP_EIO;
	}
#define RESOLVE(f)                                                             \
	if (!(*(void **)&L.f = dlsym(h, #f))) {                                \
		dp_error_set("iCalendar needs libical: %s has no %s",          \
			     DP_LIBICAL_SONAME, #f);                           \
		dlclose(h);                                                    \
		return DP_EIO;                                                 \
	}
	ICAL_FUNCTIONS(RESOLVE)
#undef RESOLVE
	L.handle = h;
	return 0;
}

struct dp_ical {
	icalcomponent *cal;
};

struct dp_ical *dp_ical_new(const char *prodid, const char *name)
{
	struct dp_ical *c;

	if (load() < 0)
		return NULL;
	c = dp_xcalloc(1, sizeof(*c));
	c->cal = L.icalcomponent_new_vcalendar();
	L.icalcomponent_add_property(c->cal, L.icalproperty_new_version("2.0"));
	L.icalcomponent_add_property(c->cal, L.icalproperty_new_prodid(prodid));
	L.icalcomponent_add_property(c->cal,
				     L.icalproperty_new_calscale("GREGORIAN"));
	if (name && *name) {
		icalproperty *p = L.icalproperty_new_x(name);

		L.icalproperty_set_x_name(p, "X-WR-CALNAME");
		L.icalcomponent_add_property(c->cal, p);
	}
	return c;
}

void dp_ical_free(struct dp_ical *cal)
{
	if (!cal)
		return;
	L.icalcomponent_free(cal->cal);
	free(cal);
}

int dp_ical_add_day(struct dp_ical *cal, const char *uid, const char *date,
		    long long stamp, const char *summary,
		    const char *description)
{
	struct dp_date d;
	struct icaltimetype start = L.icaltime_null_date(), end;
	icalcomponent *ev;

	if (dp_date_parse(&d, date) < 0) {
		dp_error_set("'%s' is not a date", date);
		return DP_EINVALID;
	}
	start.year = d.y;
	start.month = d.m;
	start.day = d.d;
	start.is_date = 1;
	end = start;
	L.icaltime_adjust(&end, 1, 0, 0, 0);
	ev = L.icalcomponent_new_vevent();
	L.icalcomponent_add_property(ev, L.icalproperty_new_uid(uid));
	L.icalcomponent_add_property(
	    ev, L.icalproperty_new_dtstamp(L.icaltime_from_timet_with_zone(
		    (time_t)stamp, 0, L.icaltimezone_get_utc_timezone())));
	L.icalcomponent_add_property(ev, L.icalproperty_new_dtstart(start));
	L.icalcomponent_add_property(ev, L.icalproperty_new_dtend(end));
	L.icalcomponent_add_property(ev, L.icalproperty_new_summary(summary));
	if (description && *description)
		L.icalcomponent_add_property(
		    ev, L.icalproperty_new_description(description));
	L.icalcomponent_add_property(
	    ev, L.icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	L.icalcomponent_add_component(cal->cal, ev);
	return 0;
}

int dp_ical_write(struct dp_buf *out, struct dp_ical *cal)
{
	char *s = L.icalcomponent_as_ical_string_r(cal->cal);

	if (!s) {
		dp_error_set("cannot write the calendar: %s",
			     L.icalerror_strerror(*L.icalerrno_return()));
		return DP_EINVALID;
	}
	dp_buf_adds(out, s);
	free(s);
	return 0;
}

static char *prop_text(icalcomponent *ev, icalproperty_kind kind)
{
	icalproperty *p = L.icalcomponent_get_first_property(ev, kind);
	const char *v = NULL;

	if (p) {
		icalvalue *val = L.icalproperty_get_value(p);

		if (val && L.icalvalue_isa(val) == ICAL_TEXT_VALUE)
			v = L.icalvalue_get_text(val);
		else
			v = L.icalproperty_get_value_as_string(p);
	}
	return dp_xstrdup(v ? v : "");
}

int dp_ical_parse(struct dp_ical_event **out, size_t *n, const char *text)
{
	icalcomponent *root, *ev;
	size_t count = 0, i = 0;

	*out = NULL;
	*n = 0;
	if (load() < 0)
		return DP_EIO;
	root = L.icalparser_parse_string(text);
	if (!root || L.icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		if (root)
			L.icalcomponent_free(root);
		dp_error_set("not an iCalendar VCALENDAR");
		return DP_EINVALID;
	}
	for (ev = L.icalcomponent_get_first_component(root,
						      ICAL_VEVENT_COMPONENT);
	     ev; ev = L.icalcomponent_get_next_component(root,
							 ICAL_VEVENT_COMPONENT))
		count++;
	*out = dp_xcalloc(count ? count : 1, sizeof(**out));
	for (ev = L.icalcomponent_get_first_component(root,
						      ICAL_VEVENT_COMPONENT);
	     ev && i < count; ev = L.icalcomponent_get_next_component(
				  root, ICAL_VEVENT_COMPONENT)) {
		struct dp_ical_event *e = &(*out)[i++];
		struct icaltimetype t = L.icalcomponent_get_dtstart(ev);
		struct dp_date d;

		e->uid = prop_text(ev, ICAL_UID_PROPERTY);
		e->summary = prop_text(ev, ICAL_SUMMARY_PROPERTY);
		e->description = prop_text(ev, ICAL_DESCRIPTION_PROPERTY);
		e->all_day = t.is_date;
		d.y = t.year;
		d.m = t.month;
		d.d = t.day;
		if (!L.icaltime_is_null_time(t))
			dp_date_format(e->date, &d);
	}
	*n = i;
	L.icalcomponent_free(root);
	return 0;
}

void dp_ical_events_free(struct dp_ical_event *ev, size_t n)
{
	if (!ev)
		return;
	for (size_t i = 0; i < n; i++) {
		free(ev[i].uid);
		free(ev[i].summary);
		free(ev[i].description);
	}
	free(ev);
}

void dp_ical_uid(struct dp_buf *out, const char *path, const char *item)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	h *= 0x100000001b3ULL; /* the NUL between them */
	for (p = (const unsigned char *)item; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	dp_buf_addf(out, "%08lx%08lx@devplan", (unsigned long)(h >> 32),
		    (unsigned long)(h & 0xffffffffUL));
}
