#!/bin/sh
# Container entrypoint. `web` migrates, collects static files and starts gunicorn; anything else
# (the Celery worker command in docker-compose.yml) runs as given.
set -eu

if [ "${1:-web}" = "web" ]; then
  python manage.py migrate --noinput
  python manage.py collectstatic --noinput --verbosity 0
  exec gunicorn config.wsgi \
    --bind "0.0.0.0:${PORT:-8000}" \
    --workers "${GUNICORN_WORKERS:-3}" \
    --timeout 60 \
    --access-logfile -
fi

exec "$@"
