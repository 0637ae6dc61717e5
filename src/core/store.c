/* SPDX-License-Identifier: MIT */
/* TODO: being written */
