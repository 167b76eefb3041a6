#!/usr/bin/env bash
# After a pilot: score everyone's answers, then see how each scenario and
# each contrast behaved.
set -eu
mkdir -p pilot
for answers in answers/*.yaml; do
  itlead assess --answers "$answers" --format json --no-save \
    --output "pilot/$(basename "$answers" .yaml).json" --force
done
itlead stats pilot/
itlead stats pilot/ --format csv --output pilot-stats.csv --force
