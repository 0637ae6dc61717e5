#!/bin/sh
# Installs dependencies, builds devplan, and builds a sample plan
# repository with every command devplan has: a manager and two reports,
# a competency framework, goals with actions, a proposed goal accepted by
# its owner, progress, done; then prints `devplan goals --all`, the
# check and `git log --oneline`.
#   tools/demo.sh [DIR]     (default: ./demo-plan, recreated)
set -e
cd "$(dirname "$0")/.."
top=$(pwd)
sh tools/deps.sh
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
devplan() { "$top/build/devplan" "$@"; }
dir=${1:-$top/demo-plan}
rm -rf "$dir"
export DEVPLAN_PAGER=cat
set -x
# Who you are, for this repository only (never the global git config), set
# before devplan init makes its first commit: a fresh machine has no
# identity at all.
git init -q "$dir"
git -C "$dir" config user.name "Alice Smith"
git -C "$dir" config user.email alice@acme.example
devplan init "$dir" --org "Acme Robotics"
cd "$dir"
devplan new-competency systems-programming --name "Systems programming" \
	--category technical --level 1="Reads and changes C with help" \
	--level 3="Designs a subsystem alone"
devplan new-competency communication --name "Communication" --category core
devplan new-competency mentoring --name "Mentoring" --category core
devplan new-role engineer --title "Software Engineer" --level 2 \
	--require systems-programming=2 --require communication=2
devplan new-role senior-engineer --title "Senior Software Engineer" --level 3 \
	--require systems-programming=3 --require communication=3 --require mentoring=2
devplan set engineer next=senior-engineer
devplan new-person bob --name "Bob Okafor" --email bob@acme.example \
	--role senior-engineer --team platform
devplan new-person alice --name "Alice Smith" --email alice@acme.example \
	--role engineer --manager bob --team platform
devplan new-person carol --name "Carol Jiménez" --email carol@acme.example \
	--role engineer --manager bob --mentor alice --team platform
devplan new-goal "Become fluent in Rust for systems work" --due 2027-06-30 \
	--type skill --competency systems-programming \
	--action "Read the Rust book, chapters 1-8" \
	--action "Pair on the parser rewrite"
devplan action add alice/become-fluent "Ship one production feature in Rust" \
	--due 2027-05-31 --resource https://doc.rust-lang.org/book/
devplan action done alice/become-fluent 1
devplan progress alice/become-fluent 30 -m "Finished the book; first PR in review"
devplan new-goal "Give a talk at the internal tech forum" --type experience \
	--competency communication --due 2027-02-28
devplan --as bob new-goal --for carol "Mentor a new joiner through onboarding" \
	--competency mentoring --due 2027-03-31
devplan --as carol accept carol/mentor
devplan --as carol new-goal "Learn the storage engine's internals" \
	--type knowledge --due 2026-10-31
devplan --as carol set carol/learn-the-storage due=2027-01-31 progress=10
devplan --as carol new-goal "Write the on-call runbook" --type experience
devplan --as carol done carol/write-the -m "Runbook merged and used twice"
devplan check
set +x
echo
echo "== devplan goals --all"
devplan goals --all
echo
echo "== git log --oneline"
git log --oneline
echo
echo "The demo plan repository is in $dir"
