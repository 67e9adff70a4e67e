"""What the benchmark and the load test share: a gunicorn server of their own
on loopback, the URLs a visitor requests, percentiles, and a PostgreSQL
server the fault phase can stop."""
