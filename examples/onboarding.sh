#!/usr/bin/env bash
# Onboarding step: score a new team member's answers and refresh the team view.
set -u
person=${1:?usage: onboarding.sh NAME ANSWERS-FILE}
answers=${2:?usage: onboarding.sh NAME ANSWERS-FILE}
mkdir -p results

itlead assess --answers "$answers" --format json --no-save \
  --output "results/$person.json" --force
case $? in
  0) ;;
  3) echo "The answers file for $person needs fixing (see above)." >&2; exit 1 ;;
  *) echo "itlead failed for $person." >&2; exit 1 ;;
esac

# The clearest leanings, read with jq when it is installed.
if command -v jq >/dev/null; then
  jq -r '"\(.overall.leader_axes) leader-leaning, \(.overall.manager_axes) manager-leaning contrasts"' \
    "results/$person.json"
fi

itlead team results/ --format markdown --output team.md --force
