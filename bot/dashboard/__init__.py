"""The dashboard (/tableau) of workers and coordinators: sign-in by a single-use link, the
cases board, each case's page, assignment; the coordinator's pages (rota, workers, places,
directory, report) build on the same sign-in (`auth.py`) and pages (`pages.py`)."""
