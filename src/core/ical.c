/* SPDX-License-Identifier: MIT */
/* iCalendar through libical: see devplan/ical.h. */
#include <libical/ical.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/date.h"
#include "devplan/error.h"
#include "devplan/ical.h"
#include "devplan/util.h"
#include "devplan/banned.h"

struct dp_ical {
	icalcomponent *cal;
};

struct dp_ical *dp_ical_new(const char *prodid, const char *name)
{
	struct dp_ical *c = dp_xcalloc(1, sizeof(*c));

	c->cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(c->cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(c->cal, icalproperty_new_prodid(prodid));
	icalcomponent_add_property(c->cal,
				   icalproperty_new_calscale("GREGORIAN"));
	if (name && *name) {
		icalproperty *p = icalproperty_new_x(name);

		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(c->cal, p);
	}
	return c;
}

void dp_ical_free(struct dp_ical *cal)
{
	if (!cal)
		return;
	icalcomponent_free(cal->cal);
	free(cal);
}

int dp_ical_add_day(struct dp_ical *cal, const char *uid, const char *date,
		    long long stamp, const char *summary,
		    const char *description)
{
	struct dp_date d;
	struct icaltimetype start = icaltime_null_date(), end;
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
	icaltime_adjust(&end, 1, 0, 0, 0);
	ev = icalcomponent_new_vevent();
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(
	    ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
		    (time_t)stamp, 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(start));
	icalcomponent_add_property(ev, icalproperty_new_dtend(end));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	if (description && *description)
		icalcomponent_add_property(
		    ev, icalproperty_new_description(description));
	icalcomponent_add_property(
	    ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_component(cal->cal, ev);
	return 0;
}

int dp_ical_write(struct dp_buf *out, struct dp_ical *cal)
{
	char *s = icalcomponent_as_ical_string_r(cal->cal);

	if (!s) {
		dp_error_set("cannot write the calendar: %s",
			     icalerror_strerror(icalerrno));
		return DP_EINVALID;
	}
	dp_buf_adds(out, s);
	free(s);
	return 0;
}

static char *prop_text(icalcomponent *ev, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	const char *v = NULL;

	if (p) {
		icalvalue *val = icalproperty_get_value(p);

		if (val && icalvalue_isa(val) == ICAL_TEXT_VALUE)
			v = icalvalue_get_text(val);
		else
			v = icalproperty_get_value_as_string(p);
	}
	return dp_xstrdup(v ? v : "");
}

int dp_ical_parse(struct dp_ical_event **out, size_t *n, const char *text)
{
	icalcomponent *root = icalparser_parse_string(text), *ev;
	size_t count = 0, i = 0;

	*out = NULL;
	*n = 0;
	if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		if (root)
			icalcomponent_free(root);
		dp_error_set("not an iCalendar VCALENDAR");
		return DP_EINVALID;
	}
	for (ev =
		 icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	     ev;
	     ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
		count++;
	*out = dp_xcalloc(count ? count : 1, sizeof(**out));
	for (ev =
		 icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
	     ev && i < count; ev = icalcomponent_get_next_component(
				  root, ICAL_VEVENT_COMPONENT)) {
		struct dp_ical_event *e = &(*out)[i++];
		struct icaltimetype t = icalcomponent_get_dtstart(ev);
		struct dp_date d;

		e->uid = prop_text(ev, ICAL_UID_PROPERTY);
		e->summary = prop_text(ev, ICAL_SUMMARY_PROPERTY);
		e->description = prop_text(ev, ICAL_DESCRIPTION_PROPERTY);
		e->all_day = t.is_date;
		d.y = t.year;
		d.m = t.month;
		d.d = t.day;
		if (!icaltime_is_null_time(t))
			dp_date_format(e->date, &d);
	}
	*n = i;
	icalcomponent_free(root);
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
