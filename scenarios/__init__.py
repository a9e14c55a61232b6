"""Scenarios: the versioned file format of event plans and exercises, their store and replay.

Owns the scenario document and turns it into the planning core's plain objects; the core
(planner/) never imports this package.
"""
