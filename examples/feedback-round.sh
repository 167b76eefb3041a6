#!/usr/bin/env bash
# Sam Lee's 360° round, run once after the deadline by whoever collected
# the answers (not Sam): every file that came back is in answers/ (the
# form's .json or the template's .yaml, as they arrived), and Sam's own
# result is sam-self.json.
set -eu
# Who answered, which views are shown, and what a hidden one needs.
itlead feedback sam-self.json answers/ --format json --output sam-feedback.json --force
# The page for Sam.
itlead feedback sam-self.json answers/ --output sam-feedback.html --force
