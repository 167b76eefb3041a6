#!/usr/bin/env bash
# Score every colleague's answers about Sam, then compare with Sam's own.
set -eu
mkdir -p feedback
for answers in answers/*.yaml; do
  itlead assess --answers "$answers" --format json --no-save \
    --output "feedback/$(basename "$answers" .yaml).json" --force
done
itlead feedback sam-self.json feedback/ --output sam-feedback.html --force
