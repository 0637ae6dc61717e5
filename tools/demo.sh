#!/bin/sh
# Installs dependencies, builds devplan, and builds a sample plan
# repository with every command devplan has: a manager and two reports,
# a competency framework, goals with actions, a proposed goal accepted by
# its owner, progress, done, a self-assessment, career map, SWOT, journal
# and a declined proposal, a saved 1:1 agenda; then prints `devplan goals
# --all`, the gap, career map, SWOT and journal, what is due, the team,
# the agenda, the competency matrix, the matches, the check, the
# programme's figures (`devplan stats`) and `git log --oneline`.
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
# Alice's whole plan: her own view of her skills, the gap to the next role,
# a career map that is a lattice, a SWOT, a learning journal; and a
# proposal she declines.
devplan assess systems-programming=2/3 communication=3 mentoring=1/2
devplan career-map add up senior-engineer --horizon "1-2 years" \
	--why "I want to shape the platform's design"
devplan career-map add lateral "Developer experience team" \
	--why "Tooling is where I help most people"
devplan career-map add explore "Developer relations" --horizon "someday"
devplan swot add strength "Deep knowledge of the storage engine"
devplan swot add weakness "Public speaking"
devplan swot add opportunity "The platform rewrite needs Rust people"
devplan swot add threat "Little time set aside for learning"
devplan journal -m "Read chapters 1-8 of the Rust book" --hours 6 \
	--goal become-fluent --date 2026-11-20
devplan journal -m "Paired with Bob on the parser" --hours 2 --goal become-fluent
devplan --as bob new-goal --for alice "Take over the release rotation" \
	--type experience
devplan decline alice/take-over -m "Not now: the Rust goal comes first"
devplan --as carol assess mentoring=4 communication=4
# Bob reviews through commits: a comment, recognition, an approval.
devplan --as bob comment alice/become-fluent \
	-m "Good progress on the book. Pair with me on the parser next week?"
devplan --as bob comment --kudos carol/write-the \
	-m "The runbook saved us twice during the last incident"
devplan --as bob approve alice -m "A plan I can support; see my comment"
# A hand edit, committed the devplan way.
sed -i 's/^progress: 30$/progress: 40/' people/alice/goals/become-fluent-*.md
devplan commit
devplan --as carol comment alice/become-fluent --kudos \
	-m "Thanks for the Rust lunch-and-learn, it helped me a lot"
devplan --as bob assess systems-programming=4 communication=5
devplan action add alice/give-a-talk "Send the abstract to the forum" \
	--due 2026-11-15
devplan agenda alice --save >/dev/null
devplan check
devplan render -o "$dir/site"
devplan stats
set +x
echo
echo "== devplan goals --all"
devplan goals --all
echo
echo "== devplan gap alice"
devplan gap alice
echo
echo "== devplan career-map alice"
devplan career-map alice
echo
echo "== devplan swot alice"
devplan swot alice
echo
echo "== devplan journal alice"
devplan journal alice
echo
echo "== devplan due (exit 1: something is overdue)"
devplan due || :
echo
echo "== devplan --as bob team"
devplan --as bob team
echo
echo "== devplan agenda alice"
devplan agenda alice
echo
echo "== devplan matrix"
devplan matrix
echo
echo "== devplan match alice"
devplan match alice
echo
echo "== git log --format='%an: %s'"
git log --format='%an: %s'
echo
echo "The demo plan repository is in $dir"
echo "Its rendered site: open file://$dir/site/index.html (or $dir/site/people/alice/index.html)"
echo "How the programme is doing: file://$dir/site/org.html"
