.PHONY: run test

# Set up and run the site with demo data (SQLite).
run:
	bash scripts/serve.sh

# Ruff, migrations check and the full pytest suite against a throwaway PostgreSQL.
test:
	bash scripts/test.sh $(ARGS)
