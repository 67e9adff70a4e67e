"""What the benchmark and the load test share: a gunicorn server of their own
on loopback, the URLs a visitor requests, percentiles, and a PostgreSQL
server the fault phase can stop; and the one-process measures of an uncached
search (`search_speed`) and an uncached profile (`profile_speed`)."""
