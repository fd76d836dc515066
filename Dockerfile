# Samverkan application image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# WeasyPrint renders PDFs through Pango/HarfBuzz/Fontconfig; it needs at least one font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 --shell /usr/sbin/nologin samverkan
WORKDIR /app

# Dependencies first (only the lock), so code changes do not reinstall them. The lock pins every
# package with its hashes: the image runs the versions the tests ran.
COPY requirements.txt ./
RUN pip install --require-hashes --no-deps -r requirements.txt

COPY --chown=samverkan:samverkan . .
# var/ holds collected static files, media (shared with the worker) and the beat schedule.
RUN mkdir -p var/staticfiles var/media && chown -R samverkan:samverkan var

USER samverkan
EXPOSE 8000
ENTRYPOINT ["scripts/docker-entrypoint.sh"]
CMD ["web"]
