#!/bin/sh
test_description='the rendered site in a real browser: headless Chromium screenshots a person page'
. "$TEST_SRCDIR/test-lib.sh"

test_lazy_prereq CHROMIUM 'chromium is not installed (Debian package chromium)' \
	'command -v chromium'

test_expect_success 'setup: a plan with a whole person page, rendered' '
	setup_plan &&
	cd plan &&
	devplan new-role senior --title "Senior Engineer" --level 2 \
		--require systems-programming=4 >/dev/null &&
	devplan set engineer next=senior >/dev/null &&
	devplan new-goal "Learn Rust" --due 2027-06-30 --action "Read the book" >/dev/null &&
	devplan progress learn-rust 40 >/dev/null &&
	devplan assess systems-programming=2/4 >/dev/null &&
	devplan career-map add up senior >/dev/null &&
	devplan swot add strength "Storage <engines>" >/dev/null &&
	devplan journal -m "Read" --hours 2 --date 2026-11-02 >/dev/null &&
	devplan --as bob comment alice/learn-rust --kudos -m "Well done" >/dev/null &&
	devplan render -o site >/dev/null &&
	test -s site/people/alice/index.html
'

test_expect_success CHROMIUM 'chromium loads the page and writes a PNG of the window size' '
	cd plan &&
	chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars \
		--user-data-dir="$TRASH_DIRECTORY/chromium-profile" \
		--screenshot="$TRASH_DIRECTORY/person.png" --window-size=1280,1600 \
		"file://$TRASH_DIRECTORY/plan/site/people/alice/index.html" \
		>chromium.log 2>&1 &&
	python3 - "$TRASH_DIRECTORY/person.png" <<-\PY &&
	import struct, sys
	data = open(sys.argv[1], "rb").read()
	assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
	w, h = struct.unpack(">II", data[16:24])
	assert (w, h) == (1280, 1600), (w, h)
	# A blank or broken page compresses to a few kilobytes; a real one
	# with text, charts and a grid does not.
	assert 20000 < len(data) < 5000000, len(data)
	PY
	cp "$TRASH_DIRECTORY/person.png" "$TEST_BUILDDIR/screenshot-person.png"
'

test_done
