/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_FM_FAST_H
#define DEVPLAN_FM_FAST_H
/*
 * The front matter devplan writes, read without libyaml (fm-fast.c) into
 * the events libyaml would give, for fm.c to build its nodes from. Only
 * fm.c includes this.
 */
#include <stddef.h>

enum dp_fm_ev { DP_FM_EV_SCALAR, DP_FM_EV_MAP, DP_FM_EV_SEQ, DP_FM_EV_END };
enum dp_fm_ev_style {
	DP_FM_EV_PLAIN,
	DP_FM_EV_SINGLE,
	DP_FM_EV_DOUBLE,
	DP_FM_EV_BLOCK, /* a collection, or its end */
	DP_FM_EV_FLOW
};

/* Offsets are from the start of the YAML text; [start, end) is libyaml's. */
struct dp_fm_event {
	enum dp_fm_ev type;
	enum dp_fm_ev_style style;
	size_t start, end;
	size_t vstart, vlen; /* a scalar's value: text, no escapes */
};

#define DP_FM_FAST_EVENTS 256

struct dp_fm_events {
	size_t n;
	struct dp_fm_event ev[DP_FM_FAST_EVENTS];
};

/*
 * 1 with the events of `y` (`n` bytes) in `out` when the text is in the
 * subset fm-fast.c reads (and gives no more than DP_FM_FAST_EVENTS
 * events), else 0: libyaml is to read it.
 */
int dp_fm_fast_scan(const char *y, size_t n, struct dp_fm_events *out);

#endif
