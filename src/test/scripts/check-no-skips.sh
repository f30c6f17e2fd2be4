#!/usr/bin/env bash
# Last part of the test command (README), after `mvn -B verify`: a test that could not run must not
# pass silently, so any skipped test in the surefire or failsafe reports fails the command.
set -euo pipefail
cd "$(dirname "$0")/../../.."
python3 - <<'PY'
import glob, sys, xml.etree.ElementTree as ET
skipped = []
for path in glob.glob("target/surefire-reports/TEST-*.xml") + glob.glob("target/failsafe-reports/TEST-*.xml"):
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            skipped.append(f"{case.get('classname')}.{case.get('name')}")
if skipped:
    print(f"{len(skipped)} test(s) skipped:", *skipped, sep="\n  ")
    sys.exit(1)
print("no test skipped")
PY
