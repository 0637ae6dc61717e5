/* SPDX-License-Identifier: MIT */
/* Registering `devplan merge-file` as git's merge driver for records. */
#include "devplan/merge.h"

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/store.h"
#include "devplan/banned.h"

int dp_merge_driver_install(struct dp_store *st)
{
	int ret;

	if ((ret = dp_store_config_set(st, "merge.devplan.name",
				       DP_MERGE_DRIVER_NAME)) < 0)
		return ret;
	return dp_store_config_set(st, "merge.devplan.driver",
				   DP_MERGE_DRIVER_CMD);
}

int dp_merge_driver_installed(struct dp_store *st)
{
	struct dp_buf v = DP_BUF_INIT;
	int ret = dp_store_config_get(&v, st, "merge.devplan.driver") == 0 &&
		  v.len > 0;

	dp_buf_release(&v);
	dp_error_clear();
	return ret;
}
