"""Starts `palisade emulator` on a free port for the SDK conformance tests."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PALISADE = os.environ.get("PALISADE_BIN", str(ROOT / "target" / "debug" / "palisade"))


class Emulator:
    def __init__(self):
        self.proc = subprocess.Popen(
            [PALISADE, "emulator", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True
        )
        first = self.proc.stdout.readline().strip()
        assert first.startswith("Palisade emulator: http://"), first
        self.host = first.split("http://", 1)[1].rstrip("/")
        words = self.proc.stdout.readline().split()
        self.ak, self.sk = words[4], words[7]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture()
def emulator():
    """A fresh emulator (in-memory state, demo fixtures) per test."""
    emu = Emulator()
    yield emu
    emu.stop()
