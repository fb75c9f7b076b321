# The bot in a container: Python 3.13 slim, the pinned dependencies (requirements.lock,
# hashes checked), a non-root user, its state (query log, key, the editable table,
# heartbeat) on a volume, and a health check. See "Deploy" in README.md.
#   docker build -t mehr-article-bot .
#   docker run -d --env-file .env -v bot-state:/var/lib/mehr-article-bot mehr-article-bot

FROM python:3.13-slim AS build
ENV PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY requirements.lock deploy/install.sh ./
RUN ./install.sh deps /opt/mehr-article-bot
COPY pyproject.toml README.md ./
COPY bot bot
COPY seeds seeds
COPY data data
RUN ./install.sh bot /opt/mehr-article-bot

FROM python:3.13-slim
COPY --from=build /opt/mehr-article-bot /opt/mehr-article-bot
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/mehr-article-bot --create-home \
        --shell /usr/sbin/nologin bot
ENV PATH=/opt/mehr-article-bot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    BOT_STATE_DIR=/var/lib/mehr-article-bot
USER bot
WORKDIR /var/lib/mehr-article-bot
VOLUME /var/lib/mehr-article-bot
# webhook mode only (BOT_WEBHOOK_URL): set BOT_WEBHOOK_LISTEN=0.0.0.0 to take it from outside
EXPOSE 8443
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["bot", "health"]
CMD ["bot", "run"]
