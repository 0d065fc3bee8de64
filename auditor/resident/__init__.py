"""The resident process (`audit daemon start`): an `audit` that stays loaded and hands each
command to a forked copy of itself, so that a command costs the interpreter's start and the
audit, not the imports and the rules again (issue 16, start-up).

`protocol` names the socket and frames the messages, `client` hands a command over (imported by
every `audit`, so it imports next to nothing), `server` runs the loaded process, `command` is
`audit daemon start|stop|status`."""
