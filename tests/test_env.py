"""test_env.py: what tests/test_env.h says for the C tests, for the Python ones: how the machine
running the tests differs from a Debian PC, and the checks a test counts."""
import os
import sys

# The arm64 suite runs corridor through qemu-user, with every time limit multiplied by one factor.
EMULATOR = [os.environ["CORRIDOR_TEST_EMULATOR"]] if os.environ.get("CORRIDOR_TEST_EMULATOR") else []
SCALE = float(os.environ.get("CORRIDOR_TEST_TIME_SCALE") or 1)

failures = []


def check(ok, what):
    """Prints WHAT as passed or failed, and counts a failure in `failures`."""
    if ok:
        print("ok:", what)
    else:
        print("FAIL:", what, file=sys.stderr)
        failures.append(what)
    return ok
