"""Extra outputs in the same run (`--sarif-output FILE` …): CI gets terminal, SARIF and JUnit
from one `audit` call, each equal to what `-f FORMAT` would print."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import invoke

FIX = Path(__file__).resolve().parent.parent / "fixtures"
SEED = str(FIX / "seed_001_hoang_kim_2024h1.json")


def test_extra_outputs_match_their_formats(tmp_path):
    sarif, junit, jsonl = tmp_path / "a.sarif", tmp_path / "a.xml", tmp_path / "a.jsonl"
    r = invoke("check", SEED, "-f", "concise", "--sarif-output", str(sarif),
               "--junit-output", str(junit), "--json-lines-output", str(jsonl))
    assert r.exit_code == 1  # seed 001 has errors
    assert "VAL001" in r.stdout  # the primary output still goes to the terminal
    assert json.loads(sarif.read_text("utf-8")) == json.loads(invoke("check", SEED, "-f", "sarif").stdout)
    assert ET.fromstring(junit.read_text("utf-8")).tag == "testsuites"
    lines = [json.loads(x) for x in jsonl.read_text("utf-8").splitlines() if x.strip()]
    assert {x["rule_id"] for x in lines} >= {"VAL001", "UNIT001"}


def test_extra_output_to_a_missing_folder_is_a_usage_error(tmp_path):
    r = invoke("check", SEED, "--sarif-output", str(tmp_path / "no" / "such" / "dir" / "a.sarif"))
    assert r.exit_code == 2
    assert "Cannot write the output file" in r.output
