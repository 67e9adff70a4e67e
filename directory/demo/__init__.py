"""The demo data `seed_demo` creates: fictional businesses in real sentra,
and the logos and photos drawn for them."""
