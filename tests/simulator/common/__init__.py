"""What the platform simulators share: HTTP server, routing, fault injection, request log, control plumbing,
switch tables and the task clock. Nothing here knows a platform's routes, formats or rules."""
