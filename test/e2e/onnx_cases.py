"""What the conformance scripts share: ONNX's backend test cases and the files of
reviewed expected failures."""

import os
import re

SUITES = ["node", "pytorch-converted", "pytorch-operator", "simple"]

# kilnc's message when a graph input must be frozen with --const-input.
CONST_INPUT_RE = re.compile(r"graph input '([^']+)' \(make it constant")


def find_cases(testdata, matches, suites=SUITES):
    """(suite, case) for every case folder with a model.onnx whose "suite/case"
    satisfies `matches`; None when a suite folder is missing (message printed)."""
    cases = []
    for suite in suites:
        d = os.path.join(testdata, suite)
        if not os.path.isdir(d):
            print(f"error: test data folder {d} is missing (Debian libonnx-testdata)")
            return None
        for case in sorted(os.listdir(d)):
            if os.path.exists(os.path.join(d, case, "model.onnx")) and \
                    matches(f"{suite}/{case}"):
                cases.append((suite, case))
    return cases


def load_expectations(path):
    """{"suite/case": reason} from a file of `suite/case  reason` lines."""
    expected = {}
    if path:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    key, _, reason = line.partition(" ")
                    expected[key] = reason.strip()
    return expected
